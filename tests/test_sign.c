/*
 * test_sign.c - the canonical text of a signature, byte for byte; a
 * signature made, written, read back and checked; what breaks one; the
 * files that are not signatures; the refusals that write nothing.
 *
 * Keys and self-signed certificates are made here with libcrypto, in a
 * temporary folder; the time of signing is fixed with SOURCE_DATE_EPOCH
 * and the zone with TZ.
 */
#include "support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tt/app/sign.h"
#include "tt/base/outdir.h"

/* 2023-11-14T22:13:20Z. */
#define SIGNED_AT 1700000000L

static const char record_hex[] = "c41e47ac7e0105d0116d05f1a9c577ba2a2d13b6a4e6b1a49b827ee69f0a96b2";
static const char manifest_hex[] =
	"a9970f761ecad45d463ac8e4d057e4b52992a042887efe0928135041f88a87dc";

typedef struct fixture {
	char dir[64];
	char *folder;             /* a report folder: report.json and manifest.json */
	char *key, *cert;         /* a signer valid from a year before SIGNED_AT for two */
	char *old_key, *old_cert; /* a signer whose certificate expired before */
	char record[TT_SHA256_HEX_LEN + 1];
	char manifest[TT_SHA256_HEX_LEN + 1];
} fixture;

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	tt_buf b = TT_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tt_buf_put(&b, chunk, n);
	fclose(f);
	return tt_buf_detach(&b);
}

/* text with its first from replaced by to; NULL when it has none. */
static char *replace_once(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	if (!at)
		return NULL;
	size_t i = (size_t)(at - text);
	return tt_xasprintf("%.*s%s%s", (int)i, text, to, text + i + strlen(from));
}

static void hash_of(const char *path, char hex[TT_SHA256_HEX_LEN + 1])
{
	unsigned char d[TT_SHA256_LEN];
	assert_int_equal(tt_sha256_file(path, d), 0);
	tt_sha256_hex(d, hex);
}

/* A key and a self-signed certificate valid from start to end, naming cn
 * and, unless NULL, email. */
static void make_signer(const char *key_path, const char *cert_path, const char *cn,
			const char *email, time_t start, time_t end)
{
	EVP_PKEY *key = EVP_EC_gen("P-256");
	X509 *x = X509_new();
	assert_non_null(key);
	assert_non_null(x);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	assert_non_null(ASN1_TIME_set(X509_getm_notBefore(x), start));
	assert_non_null(ASN1_TIME_set(X509_getm_notAfter(x), end));
	X509_NAME *n = X509_get_subject_name(x);
	assert_int_equal(X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8,
						    (const unsigned char *)cn, -1, -1, 0),
			 1);
	if (email)
		assert_int_equal(X509_NAME_add_entry_by_txt(n, "emailAddress", MBSTRING_ASC,
							    (const unsigned char *)email, -1, -1,
							    0),
				 1);
	X509_set_issuer_name(x, n);
	X509_set_pubkey(x, key);
	assert_true(X509_sign(x, key, EVP_sha256()) > 0);
	FILE *f = fopen(key_path, "w");
	assert_non_null(f);
	assert_int_equal(PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL), 1);
	fclose(f);
	f = fopen(cert_path, "w");
	assert_non_null(f);
	assert_int_equal(PEM_write_X509(f, x), 1);
	fclose(f);
	X509_free(x);
	EVP_PKEY_free(key);
}

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	strcpy(fx->dir, "/tmp/tt-sign-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	setenv("TZ", "UTC", 1);
	fx->folder = tt_xasprintf("%s/rep", fx->dir);
	tt_mkdir_p(fx->folder);
	char *path = tt_xasprintf("%s/report.json", fx->folder);
	write_text(path, "{\"study\": {\"id\": \"s-1\", \"title\": \"A <b>&</b> study\"}}\n");
	hash_of(path, fx->record);
	free(path);
	path = tt_xasprintf("%s/manifest.json", fx->folder);
	write_text(path, "{\"files\": []}\n");
	hash_of(path, fx->manifest);
	free(path);
	fx->key = tt_xasprintf("%s/zoe.key", fx->dir);
	fx->cert = tt_xasprintf("%s/zoe.pem", fx->dir);
	make_signer(fx->key, fx->cert, "Zo\xc3\xab M\xc3\xbcller", "zoe@example.org",
		    SIGNED_AT - 365L * 86400, SIGNED_AT + 730L * 86400);
	fx->old_key = tt_xasprintf("%s/old.key", fx->dir);
	fx->old_cert = tt_xasprintf("%s/old.pem", fx->dir);
	make_signer(fx->old_key, fx->old_cert, "Old Signer", NULL, SIGNED_AT - 730L * 86400,
		    SIGNED_AT - 365L * 86400);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	tt_remove_tree(fx->dir);
	free(fx->folder);
	free(fx->key);
	free(fx->cert);
	free(fx->old_key);
	free(fx->old_cert);
	free(fx);
	return 0;
}

static tt_signature example(void)
{
	tt_signature s;
	memset(&s, 0, sizeof s);
	s.name = "Jane Doe";
	s.email = "jane@example.org";
	s.subject = "O=Acme Bio,emailAddress=jane@example.org,CN=Jane Doe";
	s.meaning = "approved";
	s.reason = "QA release";
	s.signed_at = "2026-12-03T19:20:05+01:00";
	memcpy(s.record, record_hex, sizeof record_hex);
	memcpy(s.manifest_sha256, manifest_hex, sizeof manifest_hex);
	return s;
}

/* The canonical text of sign.h, byte for byte; a null e-mail or reason is
 * the empty text. */
static void canonical_text(void **state)
{
	(void)state;
	tt_signature s = example();
	tt_buf b = TT_BUF_INIT;
	tt_signature_canonical(&b, &s);
	assert_string_equal(b.data,
			    "tt-signature-v1\n"
			    "name: Jane Doe\n"
			    "email: jane@example.org\n"
			    "subject: O=Acme Bio,emailAddress=jane@example.org,CN=Jane Doe\n"
			    "meaning: approved\n"
			    "reason: QA release\n"
			    "signed_at: 2026-12-03T19:20:05+01:00\n"
			    "record: c41e47ac7e0105d0116d05f1a9c577ba2a2d13b6a4e6b1a49b827ee"
			    "69f0a96b2\n"
			    "manifest_sha256: a9970f761ecad45d463ac8e4d057e4b52992a042887efe"
			    "0928135041f88a87dc\n");
	tt_buf_reset(&b);
	s.email = NULL;
	s.reason = NULL;
	tt_signature_canonical(&b, &s);
	assert_non_null(strstr(b.data, "\nemail: \nsubject: "));
	assert_non_null(strstr(b.data, "\nreason: \nsigned_at: "));
	tt_buf_free(&b);
}

/* Signed, written, read back: the same fields, and every check holds. */
static void round_trip(void **state)
{
	fixture *fx = *state;
	tt_sign_options opt = { fx->key, fx->cert, "approved", "release of lot 4", NULL };
	tt_signature *s = NULL, *back = NULL;
	char *file = NULL;
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), 0);
	char *want = tt_xasprintf("%s/signatures/01.json", fx->folder);
	assert_string_equal(file, want);
	assert_string_equal(s->name, "Zo\xc3\xab M\xc3\xbcller");
	assert_string_equal(s->email, "zoe@example.org");
	assert_string_equal(s->subject, "emailAddress=zoe@example.org,CN=Zo\xc3\xab M\xc3\xbcller");
	assert_string_equal(s->signed_at, "2023-11-14T22:13:20+00:00");
	assert_string_equal(s->record, fx->record);
	assert_string_equal(s->manifest_sha256, fx->manifest);

	assert_int_equal(tt_signature_read(&back, file), 0);
	tt_buf a = TT_BUF_INIT, b = TT_BUF_INIT;
	tt_signature_canonical(&a, s);
	tt_signature_canonical(&b, back);
	assert_string_equal(a.data, b.data);
	assert_string_equal(back->certificate, s->certificate);
	assert_string_equal(back->signature, s->signature);
	assert_null(tt_signature_check(back, NULL, fx->record, fx->manifest));

	/* The self-signed certificate is its own CA; another is not. */
	tt_sign_trust *trust;
	assert_int_equal(tt_sign_trust_load(&trust, fx->cert), 0);
	assert_null(tt_signature_check(back, trust, fx->record, fx->manifest));
	tt_sign_trust_free(trust);
	assert_int_equal(tt_sign_trust_load(&trust, fx->old_cert), 0);
	char *why = tt_signature_check(back, trust, fx->record, fx->manifest);
	assert_non_null(why);
	assert_non_null(strstr(why, "does not chain to a CA of"));
	free(why);
	tt_sign_trust_free(trust);

	/* The page: the signer, the time and the meaning, the title escaped. */
	char *page_path = tt_xasprintf("%s/signatures/page.html", fx->folder);
	char *page = read_text(page_path);
	assert_non_null(strstr(page, "<strong>Zo\xc3\xab M\xc3\xbcller</strong>"));
	assert_non_null(strstr(page, "<td>2023-11-14T22:13:20+00:00</td>"));
	assert_non_null(strstr(page, "<td>approved</td>"));
	assert_non_null(strstr(page, "A &lt;b&gt;&amp;&lt;/b&gt; study"));
	assert_null(strstr(page, "<b>&</b>"));
	assert_non_null(strstr(page, fx->record));

	/* A second signature takes the next number. */
	char *file2 = NULL;
	tt_signature *s2 = NULL;
	opt.meaning = "reviewed";
	opt.reason = NULL;
	assert_int_equal(tt_sign_folder(&s2, &file2, fx->folder, &opt), 0);
	assert_non_null(strstr(file2, "/signatures/02.json"));
	assert_null(s2->reason);

	free(page);
	free(page_path);
	free(file2);
	tt_signature_free(s2);
	tt_buf_free(&a);
	tt_buf_free(&b);
	tt_signature_free(back);
	tt_signature_free(s);
	free(file);
	free(want);
}

/* Each signed field, the record and the manifest are covered. */
static void what_breaks_a_signature(void **state)
{
	fixture *fx = *state;
	tt_sign_options opt = { fx->key, fx->cert, "authored", NULL, NULL };
	tt_signature *s = NULL;
	char *file = NULL, *why;
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), 0);

	char *keep = s->meaning;
	s->meaning = "rejected";
	why = tt_signature_check(s, NULL, fx->record, fx->manifest);
	assert_string_equal(why, "the signature does not verify over the signed fields with its "
				 "certificate");
	free(why);
	s->meaning = keep;

	keep = s->reason;
	s->reason = "added later";
	why = tt_signature_check(s, NULL, fx->record, fx->manifest);
	assert_non_null(why);
	free(why);
	s->reason = keep;

	s->signed_at[3] = '4'; /* 2024 */
	why = tt_signature_check(s, NULL, fx->record, fx->manifest);
	assert_non_null(why);
	free(why);
	s->signed_at[3] = '3';

	s->record[0] = s->record[0] == '0' ? '1' : '0';
	why = tt_signature_check(s, NULL, fx->record, fx->manifest);
	assert_non_null(strstr(why, "the signature does not verify"));
	free(why);
	s->record[0] = fx->record[0];

	/* The fields as signed, the folder changed since. */
	assert_null(tt_signature_check(s, NULL, fx->record, fx->manifest));
	why = tt_signature_check(s, NULL, manifest_hex, fx->manifest);
	assert_non_null(strstr(why, "report.json changed after signing"));
	free(why);
	why = tt_signature_check(s, NULL, fx->record, NULL);
	assert_string_equal(why, "manifest.json cannot be read");
	free(why);

	tt_signature_free(s);
	free(file);
}

/* Files that are not signatures are refused, saying why. */
static void not_signatures(void **state)
{
	fixture *fx = *state;
	tt_sign_options opt = { fx->key, fx->cert, "approved", NULL, NULL };
	tt_signature *s = NULL, *back = NULL;
	char *file = NULL;
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), 0);
	char *good = read_text(file);
	char *path = tt_xasprintf("%s/bad.json", fx->dir);
	static const struct {
		const char *from, *to, *why;
	} cases[] = {
		{ "\"approved\"", "\"approve\"", "meaning 'approve' is none of" },
		{ "\"meaning\"", "\"meaning\": \"x\", \"meaning\"", "not valid JSON" },
		{ "\"meaning\"", "\"note\": 1, \"meaning\"", "unknown member 'note'" },
		{ "+00:00\"", "Z\"", "signed_at '2023-11-14T22:13:20Z' is not a time" },
		{ "2023-11-14T", "2023-02-30T", "is not a time" },
		{ "\"reason\": null", "\"reason\": \"\"", "reason is empty" },
		{ "\"reason\": null", "\"reason\": \"a\\nb\"", "holds a control character" },
		{ "\"record\": \"", "\"record\": \"X", "record is not a SHA-256" },
		{ "\"signed_at\"", "\"signed\"", "unknown member 'signed'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *bad = replace_once(good, cases[i].from, cases[i].to);
		assert_non_null(bad);
		write_text(path, bad);
		assert_int_equal(tt_signature_read(&back, path), TT_EINVAL);
		assert_null(back);
		if (!strstr(tt_error_last(), cases[i].why))
			fail_msg("case %zu: '%s' lacks '%s'", i, tt_error_last(), cases[i].why);
		free(bad);
	}
	free(path);
	free(good);
	free(file);
	tt_signature_free(s);
}

/* Refusals write nothing: no signatures/ folder appears. */
static void refusals(void **state)
{
	fixture *fx = *state;
	char *sigdir = tt_xasprintf("%s/signatures", fx->folder);
	tt_signature *s = NULL;
	char *file = NULL;
	tt_sign_options opt = { fx->old_key, fx->old_cert, "approved", NULL, NULL };
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "it expired 2022-11-14T22:13:20Z"));
	opt = (tt_sign_options){ fx->old_key, fx->cert, "approved", NULL, NULL };
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "does not match the key"));
	opt = (tt_sign_options){ fx->key, fx->cert, "signed", NULL, NULL };
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "unknown meaning 'signed'"));
	opt = (tt_sign_options){ fx->key, fx->cert, "approved", "", NULL };
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), TT_EINVAL);
	opt = (tt_sign_options){ fx->key, fx->cert, "approved", NULL, "" };
	assert_int_equal(tt_sign_folder(&s, &file, fx->folder, &opt), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "is not the name of an environment variable"));
	opt = (tt_sign_options){ fx->key, fx->cert, "approved", NULL, NULL };
	assert_int_equal(tt_sign_folder(&s, &file, fx->dir, &opt), TT_EINVAL);
	assert_non_null(strstr(tt_error_last(), "is not a report folder: it has no manifest.json"));
	assert_null(s);
	assert_null(file);
	assert_false(tt_path_exists(sigdir));
	free(sigdir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_text),
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(what_breaks_a_signature, setup, teardown),
		cmocka_unit_test_setup_teardown(not_signatures, setup, teardown),
		cmocka_unit_test_setup_teardown(refusals, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
