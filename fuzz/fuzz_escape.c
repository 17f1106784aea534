/*
 * fuzz_escape.c - the libFuzzer entry for the gnuplot, HTML and Markdown escaping.
 * The body is tt_fuzz_escape() in targets.c, shared with the regression test.
 */
#include "fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return tt_fuzz_escape(data, size);
}
