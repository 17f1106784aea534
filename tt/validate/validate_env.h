/*
 * validate_env.h - where the qualification suite runs (validate_env.c).
 */
#ifndef TT_VALIDATE_ENV_H
#define TT_VALIDATE_ENV_H

#include "tt/validate/validation.h"

/* Fills env with where tt runs now (free with tt_validate_env_clear). */
void tt_validate_env_fill(tt_validate_env *env);
void tt_validate_env_clear(tt_validate_env *env);

#endif
