/*
 * test_hash.c - SHA-256 of bytes and files against the FIPS 180-2 examples.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tt/base/hash.h"

/* FIPS 180-2, appendix B.1: SHA-256("abc"). */
static const char abc_hex[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/* sha256sum of an empty file. */
static const char empty_hex[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void sha256_of_bytes(void **state)
{
	(void)state;
	unsigned char d[TT_SHA256_LEN];
	char hex[TT_SHA256_HEX_LEN + 1];
	assert_int_equal(tt_sha256("abc", 3, d), 0);
	assert_string_equal(tt_sha256_hex(d, hex), abc_hex);
	assert_int_equal(tt_sha256("", 0, d), 0);
	assert_string_equal(tt_sha256_hex(d, hex), empty_hex);
}

static void sha256_of_file_matches_bytes(void **state)
{
	(void)state;
	char path[] = "/tmp/tt-hash-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	/* More than one 64 KiB read chunk, so the streaming path is used. */
	size_t n = 200000;
	char *buf = malloc(n);
	assert_non_null(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i * 7 + 3);
	assert_int_equal(write(fd, buf, n), (ssize_t)n);
	close(fd);
	unsigned char a[TT_SHA256_LEN], b[TT_SHA256_LEN];
	assert_int_equal(tt_sha256(buf, n, a), 0);
	assert_int_equal(tt_sha256_file(path, b), 0);
	assert_memory_equal(a, b, TT_SHA256_LEN);
	unlink(path);
	free(buf);
	assert_int_equal(tt_sha256_file("/nonexistent/tt-hash", b), TT_EIO);
	assert_non_null(strstr(tt_error_last(), "/nonexistent/tt-hash"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_of_bytes),
		cmocka_unit_test(sha256_of_file_matches_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
