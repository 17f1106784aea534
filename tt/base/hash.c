/*
 * hash.c - SHA-256 through libcrypto's EVP interface.
 */
#include "tt/base/hash.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "tt/base/error.h"

int tt_sha256(const void *data, size_t n, unsigned char out[TT_SHA256_LEN])
{
	unsigned int len = 0;
	if (!EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) || len != TT_SHA256_LEN)
		return tt_error_set(TT_EINTERNAL, "sha-256 computation failed");
	return TT_OK;
}

int tt_sha256_file(const char *path, unsigned char out[TT_SHA256_LEN])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return tt_error_set(TT_EIO, "cannot open '%s': %s", path, strerror(errno));
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc = TT_OK;
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = tt_error_set(TT_EINTERNAL, "sha-256 computation failed");
		goto cleanup;
	}
	unsigned char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (!EVP_DigestUpdate(ctx, chunk, n)) {
			rc = tt_error_set(TT_EINTERNAL, "sha-256 computation failed");
			goto cleanup;
		}
	}
	if (ferror(f)) {
		rc = tt_error_set(TT_EIO, "cannot read '%s'", path);
		goto cleanup;
	}
	unsigned int len = 0;
	if (!EVP_DigestFinal_ex(ctx, out, &len) || len != TT_SHA256_LEN)
		rc = tt_error_set(TT_EINTERNAL, "sha-256 computation failed");
cleanup:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return rc;
}

char *tt_sha256_hex(const unsigned char digest[TT_SHA256_LEN], char out[TT_SHA256_HEX_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < TT_SHA256_LEN; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[TT_SHA256_HEX_LEN] = '\0';
	return out;
}
