/*
 * fuzz_study.c - the libFuzzer entry for the study loader (tt_study_from_doc) and the data it
 * names. The body is tt_fuzz_study() in targets.c, shared with the regression test.
 */
#include "fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return tt_fuzz_study(data, size);
}
