/*
 * hash.h - SHA-256 of bytes and files, for the inputs a report lists and
 * for tt lock.
 *
 * The digests come from libcrypto (OpenSSL), so they agree with
 * `sha256sum` byte for byte.
 */
#ifndef TT_HASH_H
#define TT_HASH_H

#include <stddef.h>

#define TT_SHA256_LEN 32
#define TT_SHA256_HEX_LEN 64

/* The SHA-256 of n bytes at data into out.  Returns 0, or TT_EINTERNAL with
 * a message set if libcrypto fails. */
int tt_sha256(const void *data, size_t n, unsigned char out[TT_SHA256_LEN]);

/* The SHA-256 of a whole file, read in chunks (no size limit).  Returns 0,
 * TT_EIO (message names the file) if it cannot be read, or TT_EINTERNAL. */
int tt_sha256_file(const char *path, unsigned char out[TT_SHA256_LEN]);

/* Writes the digest as 64 lower-case hex digits and a NUL into out;
 * returns out. */
char *tt_sha256_hex(const unsigned char digest[TT_SHA256_LEN], char out[TT_SHA256_HEX_LEN + 1]);

#endif
