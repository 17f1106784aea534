/*
 * fuzz_csv.c - the libFuzzer entry for the CSV reader, lot tables and long-form tables.
 * The body is tt_fuzz_csv() in targets.c, shared with the regression test.
 */
#include "fuzz/targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return tt_fuzz_csv(data, size);
}
