/*
 * engine_ctx.c - the warning every part of a run adds.
 */
#include "tt/engine/engine_ctx.h"

#include <stdarg.h>

#include "tt/base/mem.h"

void tt_engine_warn(tt_engine_ctx *ctx, tt_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = tt_xvasprintf(fmt, ap);
	va_end(ap);
	tt_run *run = ctx->run;
	run->warnings = tt_xrealloc(run->warnings, (run->n_warnings + 1) * sizeof *run->warnings);
	run->warnings[run->n_warnings++] = msg;
	tt_diags_add(ctx->d, TT_SEV_WARNING, loc.file, loc.line, loc.col, "%s", msg);
}
