/*
 * fuzz_ydoc.c - the libFuzzer entry for the YAML document layer (tt_ydoc_parse).
 * The body is tt_fuzz_ydoc() in targets.c, shared with the regression test.
 */
#include "fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return tt_fuzz_ydoc(data, size);
}
