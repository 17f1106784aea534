/*
 * fuzz_spec.c - the libFuzzer entry for the process spec loader (tt_spec_from_doc).
 * The body is tt_fuzz_spec() in targets.c, shared with the regression test.
 */
#include "fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return tt_fuzz_spec(data, size);
}
