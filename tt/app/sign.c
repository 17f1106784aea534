/*
 * sign.c - signatures/NN.json and signatures/page.html, with OpenSSL's
 * CMS: the canonical text and its definition are in sign.h.
 */
#include "tt/app/sign.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/bio.h>
/* Before cms.h, which declares PEM_read_bio_CMS only after pem.h. */
#include <openssl/pem.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tt/base/error.h"
#include "tt/base/escape.h"
#include "tt/base/json.h"
#include "tt/render/report.h"

const char *const tt_sign_meanings[] = { "authored", "reviewed", "approved", "rejected", NULL };

/* The largest signature file read: a certificate chain and a CMS are a
 * few kilobytes. */
#define MAX_SIGNATURE_SIZE (1024u * 1024u)
/* The largest report.json read for the signature page. */
#define MAX_REPORT_SIZE (256u * 1024u * 1024u)
/* Signature numbers go up to this. */
#define MAX_SIGNATURES 999

/* Whether s holds a C0 or C1 control character or DEL, any of which could
 * move a terminal's cursor or break the canonical text's lines. */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	return false;
}

/* s with every control byte replaced by '?', for a message that quotes a
 * file (jansson's messages quote the text near a fault). */
static char *without_controls(const char *s)
{
	char *t = tt_xstrdup(s);
	for (unsigned char *p = (unsigned char *)t; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	return t;
}

static bool is_meaning(const char *s)
{
	for (size_t i = 0; tt_sign_meanings[i]; i++)
		if (strcmp(s, tt_sign_meanings[i]) == 0)
			return true;
	return false;
}

static bool is_sha256_hex(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return false;
	return n == TT_SHA256_HEX_LEN;
}

/* The time of signing: SOURCE_DATE_EPOCH when set (reproducible tests),
 * else now. */
static time_t signing_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long v;
	if (sde && tt_parse_long(sde, 0, 253402300799L, &v) == 0)
		return (time_t)v;
	return time(NULL);
}

/* t as ISO 8601 local time with its UTC offset: 2026-12-03T19:20:05+01:00. */
static void local_time_text(char out[32], time_t t)
{
	struct tm tm;
	char zone[16];
	tzset();
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	if (strftime(zone, sizeof zone, "%z", &tm) != 5)
		strcpy(zone, "+0000");
	snprintf(out + 19, 13, "%.3s:%.2s", zone, zone + 3);
}

/* Days from 1970-01-01 to the date y-m-d of the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil). */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Reads a signed_at text as tt writes it (local_time_text) into the time
 * it names; -1 when it is not one. */
static int parse_time(const char *s, time_t *out)
{
	static const char pattern[] = "dddd-dd-ddTdd:dd:dd+dd:dd";
	if (strlen(s) != sizeof pattern - 1)
		return -1;
	for (size_t i = 0; pattern[i]; i++) {
		bool ok = pattern[i] == 'd'   ? s[i] >= '0' && s[i] <= '9'
			  : pattern[i] == '+' ? s[i] == '+' || s[i] == '-'
					      : s[i] == pattern[i];
		if (!ok)
			return -1;
	}
	long f[8];
	static const int at[8] = { 0, 5, 8, 11, 14, 17, 20, 23 };
	for (int i = 0; i < 8; i++)
		f[i] = strtol(s + at[i], NULL, 10);
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[3] > 23 || f[4] > 59 || f[5] > 59 || f[6] > 23 ||
	    f[7] > 59)
		return -1;
	long local = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
	/* 31 February is 3 March: the date must come back as written. */
	time_t check = (time_t)local;
	struct tm tm;
	if (!gmtime_r(&check, &tm) || tm.tm_mday != f[2] || tm.tm_mon + 1 != f[1])
		return -1;
	long offset = f[6] * 3600 + f[7] * 60;
	*out = (time_t)(s[19] == '+' ? local - offset : local + offset);
	return 0;
}

/* An ASN1_TIME as ISO 8601 UTC, for messages. */
static void asn1_time_text(char out[32], const ASN1_TIME *a)
{
	struct tm tm;
	if (!a || ASN1_TIME_to_tm(a, &tm) != 1) {
		strcpy(out, "(unreadable)");
		return;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Why certificate c was not valid at t, or NULL when it was. */
static char *validity_problem(X509 *c, time_t t)
{
	char when[32];
	const ASN1_TIME *from = X509_get0_notBefore(c), *until = X509_get0_notAfter(c);
	int a = X509_cmp_time(from, &t), b = X509_cmp_time(until, &t);
	if (a == 0 || b == 0)
		return tt_xstrdup("its validity dates cannot be read");
	if (a > 0) {
		asn1_time_text(when, from);
		return tt_xasprintf("it is not valid before %s", when);
	}
	if (b < 0) {
		asn1_time_text(when, until);
		return tt_xasprintf("it expired %s", when);
	}
	return NULL;
}

static X509 *cert_from_pem(const char *pem)
{
	BIO *b = BIO_new_mem_buf(pem, -1);
	X509 *c = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	ERR_clear_error();
	return c;
}

/* The signer a certificate names: the subject's common name (the printed
 * name), its first e-mail address (subject emailAddress or SAN) or NULL,
 * and the whole subject in RFC 2253 form, UTF-8.  Returns NULL and the
 * three new strings, or a new string saying why the certificate cannot
 * name a signer. */
static char *cert_signer(X509 *c, char **name, char **email, char **subject)
{
	*name = *email = *subject = NULL;
	const X509_NAME *sn = X509_get_subject_name(c);
	int i = X509_NAME_get_index_by_NID(sn, NID_commonName, -1);
	if (i < 0)
		return tt_xstrdup("it names no common name (CN), the signer's printed name");
	unsigned char *u = NULL;
	int len = ASN1_STRING_to_UTF8(&u, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(sn, i)));
	if (len <= 0 || strlen((char *)u) != (size_t)len) {
		OPENSSL_free(u);
		return tt_xstrdup("its common name is not text");
	}
	*name = tt_xstrdup((char *)u);
	OPENSSL_free(u);

	STACK_OF(OPENSSL_STRING) *emails = X509_get1_email(c);
	if (sk_OPENSSL_STRING_num(emails) > 0)
		*email = tt_xstrdup(sk_OPENSSL_STRING_value(emails, 0));
	X509_email_free(emails);

	BIO *b = BIO_new(BIO_s_mem());
	char *text;
	if (b && X509_NAME_print_ex(b, sn, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		long n = BIO_get_mem_data(b, &text);
		*subject = tt_xstrndup(text, (size_t)n);
	}
	BIO_free(b);
	ERR_clear_error();
	if (!*subject)
		return tt_xstrdup("its subject cannot be read");
	size_t bad;
	if (has_control(*name) || has_control(*subject) || (*email && has_control(*email)) ||
	    !tt_utf8_valid(*subject, strlen(*subject), &bad) ||
	    (*email && !tt_utf8_valid(*email, strlen(*email), &bad)))
		return tt_xstrdup(
			"its subject or e-mail holds a control character or is not UTF-8");
	return NULL;
}

static void put_line(tt_buf *out, const char *key, const char *value)
{
	tt_buf_printf(out, "%s: %s\n", key, value ? value : "");
}

void tt_signature_canonical(tt_buf *out, const tt_signature *s)
{
	tt_buf_puts(out, TT_SIGN_VERSION "\n");
	put_line(out, "name", s->name);
	put_line(out, "email", s->email);
	put_line(out, "subject", s->subject);
	put_line(out, "meaning", s->meaning);
	put_line(out, "reason", s->reason);
	put_line(out, "signed_at", s->signed_at);
	put_line(out, "record", s->record);
	put_line(out, "manifest_sha256", s->manifest_sha256);
}

void tt_signature_json(tt_buf *out, const tt_signature *s)
{
	tt_json j;
	tt_json_init(&j, out, 1);
	tt_json_begin_object(&j);
	tt_json_key(&j, "signer");
	tt_json_begin_object(&j);
	tt_json_kv_string(&j, "name", s->name);
	tt_json_kv_string(&j, "email", s->email);
	tt_json_kv_string(&j, "subject", s->subject);
	tt_json_end_object(&j);
	tt_json_kv_string(&j, "meaning", s->meaning);
	tt_json_kv_string(&j, "reason", s->reason);
	tt_json_kv_string(&j, "signed_at", s->signed_at);
	tt_json_kv_string(&j, "record", s->record);
	tt_json_kv_string(&j, "manifest_sha256", s->manifest_sha256);
	tt_json_kv_string(&j, "certificate", s->certificate);
	tt_json_kv_string(&j, "signature", s->signature);
	tt_json_end_object(&j);
	tt_buf_putc(out, '\n');
}

void tt_signature_free(tt_signature *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->email);
	free(s->subject);
	free(s->meaning);
	free(s->reason);
	free(s->signed_at);
	free(s->certificate);
	free(s->signature);
	free(s);
}

/* Copies obj's member key, a string (or null when nullable), into *out;
 * a message in why when it is not one. */
static int take_string(const json_t *obj, const char *where, const char *key, bool nullable,
		       char **out, tt_buf *why)
{
	const json_t *v = json_object_get(obj, key);
	if (nullable && (!v || json_is_null(v)))
		return 0;
	if (!json_is_string(v)) {
		tt_buf_printf(why, "%s%s is %s", where, key,
			      v ? (nullable ? "not a string or null" : "not a string") : "missing");
		return -1;
	}
	const char *s = json_string_value(v);
	if (strlen(s) != json_string_length(v) || !*s) {
		tt_buf_printf(why, "%s%s is empty or holds a NUL", where, key);
		return -1;
	}
	*out = tt_xstrdup(s);
	return 0;
}

/* Whether obj has a member not in the NULL-ended keys; names it in why. */
static int unknown_member(const json_t *obj, const char *where, const char *const *keys,
			  tt_buf *why)
{
	const char *key;
	json_t *v;
	json_object_foreach ((json_t *)obj, key, v) {
		size_t i = 0;
		while (keys[i] && strcmp(keys[i], key) != 0)
			i++;
		if (!keys[i]) {
			char *k = without_controls(key);
			tt_buf_printf(why, "unknown member '%s%s'", where, k);
			free(k);
			return -1;
		}
	}
	return 0;
}

/* Copies obj's member key, a SHA-256 in lower-case hex, into out. */
static int take_sha256(const json_t *obj, const char *key, char out[TT_SHA256_HEX_LEN + 1],
		       tt_buf *why)
{
	const char *v = json_string_value(json_object_get(obj, key));
	if (!v || !is_sha256_hex(v)) {
		tt_buf_printf(why, "%s is not a SHA-256 in lower-case hex", key);
		return -1;
	}
	memcpy(out, v, TT_SHA256_HEX_LEN + 1);
	return 0;
}

static int refuse(tt_buf *why, const char *text)
{
	tt_buf_puts(why, text);
	return -1;
}

/* Fills s from a signature file's JSON, or says in why what is wrong. */
static int signature_from_json(tt_signature *s, const json_t *root, tt_buf *why)
{
	static const char *const top[] = { "signer",      "meaning",   "reason",
					   "signed_at",   "record",    "manifest_sha256",
					   "certificate", "signature", NULL };
	static const char *const signer_keys[] = { "name", "email", "subject", NULL };
	time_t t;
	if (!json_is_object(root))
		return refuse(why, "not a JSON object");
	const json_t *signer = json_object_get(root, "signer");
	if (!json_is_object(signer))
		return refuse(why, "signer is missing or not an object");
	if (unknown_member(root, "", top, why) ||
	    unknown_member(signer, "signer.", signer_keys, why) ||
	    take_string(signer, "signer.", "name", false, &s->name, why) ||
	    take_string(signer, "signer.", "email", true, &s->email, why) ||
	    take_string(signer, "signer.", "subject", false, &s->subject, why) ||
	    take_string(root, "", "meaning", false, &s->meaning, why) ||
	    take_string(root, "", "reason", true, &s->reason, why) ||
	    take_string(root, "", "signed_at", false, &s->signed_at, why) ||
	    take_sha256(root, "record", s->record, why) ||
	    take_sha256(root, "manifest_sha256", s->manifest_sha256, why) ||
	    take_string(root, "", "certificate", false, &s->certificate, why) ||
	    take_string(root, "", "signature", false, &s->signature, why))
		return -1;
	/* Before any of them is quoted in a message. */
	if (has_control(s->name) || (s->email && has_control(s->email)) ||
	    has_control(s->subject) || has_control(s->meaning) ||
	    (s->reason && has_control(s->reason)) || has_control(s->signed_at))
		return refuse(why, "a signed field holds a control character");
	if (!is_meaning(s->meaning)) {
		tt_buf_printf(why, "meaning '%s' is none of authored, reviewed, approved, rejected",
			      s->meaning);
		return -1;
	}
	if (parse_time(s->signed_at, &t) != 0) {
		tt_buf_printf(why, "signed_at '%s' is not a time like 2026-12-03T19:20:05+01:00",
			      s->signed_at);
		return -1;
	}
	return 0;
}

int tt_signature_read(tt_signature **out, const char *path)
{
	*out = NULL;
	char *text;
	size_t len;
	int rc = tt_read_file(path, MAX_SIGNATURE_SIZE, &text, &len);
	if (rc)
		return rc;
	json_error_t e;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	free(text);
	tt_signature *s = tt_xcalloc(1, sizeof *s);
	tt_buf why = TT_BUF_INIT;
	if (!root) {
		char *clean = without_controls(e.text);
		tt_buf_printf(&why, "not valid JSON: line %d, column %d: %s", e.line, e.column,
			      clean);
		free(clean);
	} else {
		signature_from_json(s, root, &why);
	}
	json_decref(root);
	if (why.len) {
		rc = tt_error_set(TT_EINVAL, "%s", why.data);
		tt_signature_free(s);
	} else {
		*out = s;
	}
	tt_buf_free(&why);
	return rc;
}

/* Whether name is NN.json: digits, then ".json". */
static bool is_signature_name(const char *name)
{
	size_t n = strspn(name, "0123456789");
	return n >= 2 && strcmp(name + n, ".json") == 0;
}

static int by_number(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	long nx = strtol(x, NULL, 10), ny = strtol(y, NULL, 10);
	return nx != ny ? (nx > ny) - (nx < ny) : strcmp(x, y);
}

int tt_sign_list(char ***names, size_t *n, const char *folder)
{
	*names = NULL;
	*n = 0;
	char *dir = tt_xasprintf("%s/signatures", folder);
	DIR *d = opendir(dir);
	if (!d) {
		int err = errno;
		int rc = err == ENOENT
				 ? 0
				 : tt_error_set(TT_EIO, "cannot read '%s': %s", dir, strerror(err));
		free(dir);
		return rc;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_signature_name(e->d_name))
			continue;
		*names = tt_xgrow(*names, &cap, *n + 1, sizeof **names);
		(*names)[(*n)++] = tt_xstrdup(e->d_name);
	}
	closedir(d);
	free(dir);
	if (*n)
		qsort(*names, *n, sizeof **names, by_number);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

struct tt_sign_trust {
	X509_STORE *store;
	char *path;
};

int tt_sign_trust_load(tt_sign_trust **out, const char *path)
{
	*out = NULL;
	BIO *b = BIO_new_file(path, "r");
	if (!b) {
		int err = errno;
		ERR_clear_error();
		return tt_error_set(TT_EINVAL, "cannot read the CA certificates '%s': %s", path,
				    strerror(err));
	}
	tt_sign_trust *t = tt_xcalloc(1, sizeof *t);
	t->store = X509_STORE_new();
	t->path = tt_xstrdup(path);
	size_t n = 0;
	X509 *c;
	while (t->store && (c = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL) {
		if (X509_STORE_add_cert(t->store, c) == 1)
			n++;
		X509_free(c);
	}
	BIO_free(b);
	ERR_clear_error();
	if (!n) {
		tt_sign_trust_free(t);
		return tt_error_set(TT_EINVAL, "'%s' holds no PEM certificate", path);
	}
	*out = t;
	return 0;
}

void tt_sign_trust_free(tt_sign_trust *t)
{
	if (!t)
		return;
	X509_STORE_free(t->store);
	free(t->path);
	free(t);
}

/* Whether the CMS in pem verifies over s's canonical text with cert alone. */
static bool cms_verifies(const tt_signature *s, X509 *cert)
{
	BIO *in = BIO_new_mem_buf(s->signature, -1);
	CMS_ContentInfo *cms = in ? PEM_read_bio_CMS(in, NULL, NULL, NULL) : NULL;
	STACK_OF(X509) *certs = sk_X509_new_null();
	tt_buf text = TT_BUF_INIT;
	tt_signature_canonical(&text, s);
	BIO *content = BIO_new_mem_buf(text.data, (int)text.len);
	bool ok = cms && certs && content && sk_X509_push(certs, cert) > 0 &&
		  CMS_verify(cms, certs, NULL, content, NULL,
			     CMS_BINARY | CMS_NOINTERN | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	BIO_free(content);
	tt_buf_free(&text);
	sk_X509_free(certs);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	ERR_clear_error();
	return ok;
}

/* Why cert does not chain to trust at t, or NULL when it does. */
static char *chain_problem(X509 *cert, const tt_sign_trust *trust, time_t t)
{
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	char *why = NULL;
	if (!ctx || X509_STORE_CTX_init(ctx, trust->store, cert, NULL) != 1) {
		why = tt_xstrdup("its chain cannot be checked");
	} else {
		X509_STORE_CTX_set_time(ctx, 0, t);
		X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_ANY);
		if (X509_verify_cert(ctx) != 1)
			why = tt_xasprintf(
				"its certificate does not chain to a CA of '%s': %s", trust->path,
				X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
	}
	X509_STORE_CTX_free(ctx);
	ERR_clear_error();
	return why;
}

static void add_problem(tt_buf *why, char *text)
{
	if (!text)
		return;
	if (why->len)
		tt_buf_puts(why, "; ");
	tt_buf_puts(why, text);
	free(text);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Why a file's SHA-256 is not the one signed, or NULL. */
static char *hash_problem(const char *file, const char *signed_hex, const char *now)
{
	if (!now)
		return tt_xasprintf("%s cannot be read", file);
	if (strcmp(signed_hex, now) == 0)
		return NULL;
	return tt_xasprintf("%s changed after signing (SHA-256 signed %.16s..., now %.16s...)",
			    file, signed_hex, now);
}

char *tt_signature_check(const tt_signature *s, const tt_sign_trust *trust, const char *record_now,
			 const char *manifest_now)
{
	tt_buf why = TT_BUF_INIT;
	X509 *cert = cert_from_pem(s->certificate);
	time_t t;
	if (parse_time(s->signed_at, &t) != 0)
		add_problem(&why, tt_xstrdup("signed_at is not a time"));
	if (!cert) {
		add_problem(&why, tt_xstrdup("its certificate cannot be read"));
	} else {
		char *name, *email, *subject;
		char *bad = cert_signer(cert, &name, &email, &subject);
		if (bad)
			add_problem(&why, tt_xasprintf("its certificate names no signer: %s", bad));
		else if (!same(name, s->name) || !same(email, s->email) ||
			 !same(subject, s->subject))
			add_problem(&why, tt_xstrdup("the signer named is not its certificate's"));
		free(bad);
		free(name);
		free(email);
		free(subject);
		if (!cms_verifies(s, cert))
			add_problem(&why,
				    tt_xstrdup("the signature does not verify over the signed "
					       "fields with its certificate"));
		if (!why.len) {
			char *when = validity_problem(cert, t);
			if (when)
				add_problem(&why, tt_xasprintf("its certificate was not valid at "
							       "signing: %s",
							       when));
			free(when);
			if (trust)
				add_problem(&why, chain_problem(cert, trust, t));
		}
	}
	add_problem(&why, hash_problem("report.json", s->record, record_now));
	add_problem(&why, hash_problem("manifest.json", s->manifest_sha256, manifest_now));
	X509_free(cert);
	return why.len ? tt_buf_detach(&why) : NULL;
}

/* The passphrase of an encrypted key, for OpenSSL's callback, which is
 * called only when the key is encrypted. */
typedef struct passphrase {
	const char *text; /* NULL: none given */
	bool asked;
} passphrase;

static int give_passphrase(char *buf, int size, int rwflag, void *u)
{
	passphrase *p = u;
	p->asked = true;
	if (!p->text || strlen(p->text) > (size_t)size)
		return -1;
	size_t n = strlen(p->text);
	memcpy(buf, p->text, n);
	return (int)n;
}

static int read_key(EVP_PKEY **key, const char *path, const char *pass_env)
{
	passphrase p = { NULL, false };
	if (pass_env) {
		if (!*pass_env || strchr(pass_env, '='))
			return tt_error_set(TT_EINVAL,
					    "--pass-env '%s' is not the name of an environment "
					    "variable",
					    pass_env);
		p.text = getenv(pass_env);
		if (!p.text || !*p.text)
			return tt_error_set(TT_EINVAL,
					    "the environment variable '%s' named by --pass-env "
					    "is %s",
					    pass_env, p.text ? "empty" : "not set");
	}
	BIO *b = BIO_new_file(path, "r");
	if (!b) {
		int err = errno;
		ERR_clear_error();
		return tt_error_set(TT_EINVAL, "cannot read the key '%s': %s", path, strerror(err));
	}
	*key = PEM_read_bio_PrivateKey(b, NULL, give_passphrase, &p);
	BIO_free(b);
	ERR_clear_error();
	if (*key)
		return 0;
	if (p.asked && !p.text)
		return tt_error_set(TT_EINVAL,
				    "the key '%s' is encrypted: give the name of an environment "
				    "variable that holds its passphrase with --pass-env VAR",
				    path);
	if (p.asked)
		return tt_error_set(TT_EINVAL,
				    "cannot decrypt the key '%s' with the passphrase in '%s'", path,
				    pass_env);
	return tt_error_set(TT_EINVAL, "'%s' holds no private key tt can read (PEM expected)",
			    path);
}

static int read_cert(X509 **cert, const char *path)
{
	BIO *b = BIO_new_file(path, "r");
	if (!b) {
		int err = errno;
		ERR_clear_error();
		return tt_error_set(TT_EINVAL, "cannot read the certificate '%s': %s", path,
				    strerror(err));
	}
	*cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	ERR_clear_error();
	if (!*cert)
		return tt_error_set(TT_EINVAL, "'%s' holds no PEM certificate", path);
	return 0;
}

static char *cert_pem(X509 *cert)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *text, *pem = NULL;
	if (b && PEM_write_bio_X509(b, cert) == 1) {
		long n = BIO_get_mem_data(b, &text);
		pem = tt_xstrndup(text, (size_t)n);
	}
	BIO_free(b);
	return pem;
}

/* The CMS over s's canonical text, signed by key with cert (included),
 * its signing-time attribute the signing time t, in PEM.  Returns 0 and
 * s->signature, or TT_EINTERNAL. */
static int make_cms(tt_signature *s, X509 *cert, EVP_PKEY *key, time_t t)
{
	const unsigned flags = CMS_DETACHED | CMS_BINARY;
	tt_buf text = TT_BUF_INIT;
	tt_signature_canonical(&text, s);
	BIO *content = BIO_new_mem_buf(text.data, (int)text.len);
	BIO *out = BIO_new(BIO_s_mem());
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags | CMS_PARTIAL);
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, cert, key, NULL, flags) : NULL;
	/* OpenSSL would stamp the clock's time; the signed_at time is the
	 * one signed, so that SOURCE_DATE_EPOCH holds for the CMS too. */
	ASN1_TIME *when = ASN1_TIME_set(NULL, t);
	char *pem;
	int rc = TT_OK;
	if (!content || !out || !si || !when ||
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, ASN1_STRING_type(when), when,
					-1) != 1 ||
	    CMS_final(cms, content, NULL, flags) != 1 || PEM_write_bio_CMS(out, cms) != 1) {
		const char *why = ERR_reason_error_string(ERR_peek_last_error());
		rc = tt_error_set(TT_EINTERNAL, "OpenSSL cannot make the CMS signature: %s",
				  why ? why : "unknown error");
	} else {
		long n = BIO_get_mem_data(out, &pem);
		s->signature = tt_xstrndup(pem, (size_t)n);
	}
	ASN1_TIME_free(when);
	CMS_ContentInfo_free(cms);
	BIO_free(out);
	BIO_free(content);
	tt_buf_free(&text);
	ERR_clear_error();
	return rc;
}

/* Writes data to tmp, a new file (an old one of that name, left by a
 * process that died, is removed), with all its bytes on disk. */
static int write_new(const char *tmp, const char *data, size_t len)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0)
		return tt_error_set(TT_EIO, "cannot create '%s': %s", tmp, strerror(errno));
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int err = done < len ? (errno ? errno : EIO) : 0;
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err)
		return 0;
	unlink(tmp);
	return tt_error_set(TT_EIO, "cannot write '%s': %s", tmp, strerror(err));
}

/* Writes data to a new file at path, which must not exist: to tmp first,
 * then linked into place, so that no reader (another signer's page) ever
 * sees a part of it and no file is ever replaced.  Returns 0, 1 when path
 * exists, or TT_EIO. */
static int create_whole(const char *path, const char *tmp, const char *data, size_t len)
{
	int rc = write_new(tmp, data, len);
	if (rc)
		return rc;
	if (link(tmp, path) != 0)
		rc = errno == EEXIST ? 1
				     : tt_error_set(TT_EIO, "cannot create '%s': %s", path,
						    strerror(errno));
	unlink(tmp);
	return rc;
}

static void e(tt_buf *b, const char *s)
{
	tt_html_escape(b, s);
}

/* The signature page of a folder whose report is report (its JSON) with
 * the record identity record, over the signature files names of dir. */
static void page_html(tt_buf *b, const json_t *report, const char *record, const char *dir,
		      char **names, size_t n)
{
	const json_t *study = json_object_get(report, "study");
	const char *id = json_string_value(json_object_get(study, "id"));
	const char *title = json_string_value(json_object_get(study, "title"));
	if (!id)
		id = "(unnamed)";
	tt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
		       "<title>Signatures: ");
	e(b, title ? title : id);
	tt_buf_printf(b, "</title><style>%s</style></head><body>\n", tt_report_html_css);
	tt_buf_puts(b, "<header><h1>Signatures: ");
	e(b, title ? title : id);
	tt_buf_puts(b, "</h1><p class=\"meta\">Study <code>");
	e(b, id);
	tt_buf_printf(b,
		      "</code>. Record <span class=\"hash\">%s</span> (the SHA-256 of "
		      "report.json, the record's identity).</p></header>\n",
		      record);
	tt_buf_puts(b, "<table><tr><th>No.</th><th>Printed name</th>"
		       "<th>Meaning</th><th>Date and time of signing</th><th>Reason</th></tr>\n");
	for (size_t i = 0; i < n; i++) {
		char *path = tt_xasprintf("%s/%s", dir, names[i]);
		tt_signature *s;
		int number = atoi(names[i]);
		tt_buf_printf(b, "<tr><td>%02d</td>", number);
		if (tt_signature_read(&s, path) != 0) {
			tt_buf_puts(b, "<td colspan=\"4\">not a signature tt can read: ");
			e(b, tt_error_last());
			tt_buf_puts(b, "</td></tr>\n");
			free(path);
			continue;
		}
		tt_buf_puts(b, "<td><strong>");
		e(b, s->name);
		tt_buf_puts(b, "</strong>");
		if (s->email) {
			tt_buf_puts(b, "<br>");
			e(b, s->email);
		}
		tt_buf_puts(b, "</td><td>");
		e(b, s->meaning);
		tt_buf_puts(b, "</td><td>");
		e(b, s->signed_at);
		tt_buf_puts(b, "</td><td>");
		e(b, s->reason ? s->reason : "");
		tt_buf_puts(b, "</td></tr>\n");
		tt_signature_free(s);
		free(path);
	}
	tt_buf_puts(b, "</table>\n<p>Each signature is an electronic signature made with the "
		       "signer's X.509 certificate and private key: a CMS (PKCS #7) signature, in "
		       "<code>signatures/NN.json</code>, over the signer, the meaning, the reason, "
		       "the date and time, the record identity and the SHA-256 of "
		       "<code>manifest.json</code>, which lists the checksum of every file of the "
		       "report.  A change to any of them after signing breaks the signature.  "
		       "<code>tt verify</code> checks every signature; this page shows them as "
		       "they were when the last was made.</p>\n</body></html>\n");
}

static bool same_names(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/* Rewrites dir/page.html from every signature of folder.  Two signers may
 * each add a signature at once: each rewrites the page until the files it
 * showed are still all there are after its page is in place, so that the
 * last page written shows every signature. */
static int write_page(const char *folder, const char *dir, const json_t *report, const char *record)
{
	char *page = tt_xasprintf("%s/page.html", dir);
	char *tmp = tt_xasprintf("%s/.page-%ld.html.tmp", dir, (long)getpid());
	char **names = NULL, **again = NULL;
	size_t n = 0, n_again = 0;
	int rc = tt_sign_list(&names, &n, folder);
	for (int round = 0; rc == 0 && round < 100; round++) {
		tt_buf b = TT_BUF_INIT;
		page_html(&b, report, record, dir, names, n);
		rc = write_new(tmp, b.data, b.len);
		tt_buf_free(&b);
		if (rc == 0 && rename(tmp, page) != 0)
			rc = tt_error_set(TT_EIO, "cannot write '%s': %s", page, strerror(errno));
		if (rc == 0)
			rc = tt_sign_list(&again, &n_again, folder);
		if (rc || same_names(names, n, again, n_again))
			break;
		free_names(names, n);
		names = again;
		n = n_again;
		again = NULL;
	}
	unlink(tmp);
	free_names(names, n);
	free_names(again, n_again);
	free(tmp);
	free(page);
	return rc;
}

/* Checks what can be checked before any key is read: the meaning, the
 * reason, and that folder is a report folder. */
static int check_request(const char *folder, const tt_sign_options *opt)
{
	size_t bad;
	if (!opt->meaning || !is_meaning(opt->meaning))
		return tt_error_set(TT_EINVAL,
				    "unknown meaning '%s': a signature means authored, reviewed, "
				    "approved or rejected",
				    opt->meaning ? opt->meaning : "");
	if (opt->reason && (!*opt->reason || has_control(opt->reason) ||
			    !tt_utf8_valid(opt->reason, strlen(opt->reason), &bad)))
		return tt_error_set(TT_EINVAL, "the reason must be one line of UTF-8 text, "
					       "without control characters");
	static const char *const needed[] = { "manifest.json", "report.json" };
	for (size_t i = 0; i < 2; i++) {
		char *path = tt_xasprintf("%s/%s", folder, needed[i]);
		int ok = tt_path_is_file(path);
		free(path);
		if (!ok)
			return tt_error_set(TT_EINVAL, "'%s' is not a report folder: it has no %s",
					    folder, needed[i]);
	}
	return 0;
}

/* Reads the key and certificate, and checks that the certificate is the
 * key's, names its holder and is valid at t; fills s's signer. */
static int load_signer(EVP_PKEY **key, X509 **cert, tt_signature *s, const tt_sign_options *opt,
		       time_t t)
{
	int rc = read_key(key, opt->key, opt->pass_env);
	if (rc == 0)
		rc = read_cert(cert, opt->cert);
	if (rc)
		return rc;
	if (X509_check_private_key(*cert, *key) != 1) {
		ERR_clear_error();
		return tt_error_set(TT_EINVAL, "the certificate '%s' does not match the key '%s'",
				    opt->cert, opt->key);
	}
	char *why = cert_signer(*cert, &s->name, &s->email, &s->subject);
	if (!why)
		why = validity_problem(*cert, t);
	if (why) {
		rc = tt_error_set(TT_EINVAL, "the certificate '%s' cannot sign at %s: %s",
				  opt->cert, s->signed_at, why);
		free(why);
		return rc;
	}
	s->certificate = cert_pem(*cert);
	if (!s->certificate)
		return tt_error_set(TT_EINTERNAL, "cannot write the certificate '%s' as PEM",
				    opt->cert);
	return 0;
}

/* Reads folder's report.json (for the page), and the SHA-256 of it and of
 * manifest.json into s. */
static int read_record(json_t **report, tt_signature *s, const char *folder)
{
	char *path = tt_xasprintf("%s/report.json", folder);
	unsigned char digest[TT_SHA256_LEN];
	char *text;
	size_t len;
	int rc = tt_read_file(path, MAX_REPORT_SIZE, &text, &len);
	if (rc == 0) {
		json_error_t err;
		*report = json_loadb(text, len, 0, &err);
		rc = tt_sha256(text, len, digest);
		tt_sha256_hex(digest, s->record);
		free(text);
		if (rc == 0 && !*report)
			rc = tt_error_set(TT_EINVAL,
					  "'%s' is not a report folder: report.json is not valid "
					  "JSON",
					  folder);
	}
	free(path);
	path = tt_xasprintf("%s/manifest.json", folder);
	if (rc == 0 && (rc = tt_sha256_file(path, digest)) == 0)
		tt_sha256_hex(digest, s->manifest_sha256);
	free(path);
	return rc;
}

char *tt_sign_report_study(const char *folder)
{
	char *path = tt_xasprintf("%s/report.json", folder);
	char *text = NULL, *study = NULL;
	size_t len;
	json_t *report = NULL;
	if (tt_read_file(path, MAX_REPORT_SIZE, &text, &len) == 0) {
		json_error_t err;
		report = json_loadb(text, len, 0, &err);
	}
	const json_t *inputs = json_object_get(report, "inputs");
	for (size_t i = 0; !study && i < json_array_size(inputs); i++) {
		const json_t *in = json_array_get(inputs, i);
		const char *role = json_string_value(json_object_get(in, "role"));
		const char *p = json_string_value(json_object_get(in, "path"));
		if (role && p && strcmp(role, "study") == 0)
			study = tt_xstrdup(p);
	}
	json_decref(report);
	free(text);
	free(path);
	return study;
}

/* Refuses to add a signature to a record whose signatures no longer hold:
 * the new one would sign a record the others did not. */
static int check_existing(const char *folder, const tt_signature *s)
{
	char **names;
	size_t n;
	int rc = tt_sign_list(&names, &n, folder);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *path = tt_xasprintf("%s/signatures/%s", folder, names[i]);
		tt_signature *old;
		char *why = NULL;
		if (tt_signature_read(&old, path) != 0)
			why = tt_xstrdup(tt_error_last());
		else
			why = tt_signature_check(old, NULL, s->record, s->manifest_sha256);
		if (why)
			rc = tt_error_set(TT_EINVAL,
					  "'%s' does not hold (%s): a record is signed only while "
					  "every signature on it holds; tt verify says more",
					  path, why);
		free(why);
		free(path);
		tt_signature_free(old);
	}
	free_names(names, n);
	return rc;
}

/* Writes s as the next signature file of dir; *file its path. */
static int write_signature(char **file, const char *folder, const char *dir, const tt_signature *s)
{
	char **names;
	size_t n;
	int rc = tt_sign_list(&names, &n, folder);
	if (rc)
		return rc;
	long next = n ? strtol(names[n - 1], NULL, 10) + 1 : 1;
	free_names(names, n);
	tt_buf json = TT_BUF_INIT;
	tt_signature_json(&json, s);
	char *tmp = tt_xasprintf("%s/.sign-%ld.json.tmp", dir, (long)getpid());
	rc = 1;
	for (; rc == 1 && next <= MAX_SIGNATURES; next++) {
		free(*file);
		*file = tt_xasprintf("%s/%02ld.json", dir, next);
		rc = create_whole(*file, tmp, json.data, json.len);
	}
	if (rc == 1)
		rc = tt_error_set(TT_EINVAL, "'%s' holds %d signatures, the most a report can have",
				  dir, MAX_SIGNATURES);
	free(tmp);
	tt_buf_free(&json);
	return rc;
}

int tt_sign_folder(tt_signature **sig, char **file, const char *folder, const tt_sign_options *opt)
{
	*sig = NULL;
	*file = NULL;
	tt_signature *s = tt_xcalloc(1, sizeof *s);
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	json_t *report = NULL;
	char *dir = tt_xasprintf("%s/signatures", folder);
	bool made_dir = false;
	char when[32];
	time_t t = signing_time();
	local_time_text(when, t);
	s->signed_at = tt_xstrdup(when);
	int rc = check_request(folder, opt);
	if (rc == 0)
		rc = load_signer(&key, &cert, s, opt, t);
	if (rc == 0)
		rc = read_record(&report, s, folder);
	if (rc == 0)
		rc = check_existing(folder, s);
	if (rc)
		goto done;
	s->meaning = tt_xstrdup(opt->meaning);
	s->reason = opt->reason ? tt_xstrdup(opt->reason) : NULL;
	if ((rc = make_cms(s, cert, key, t)) != 0)
		goto done;

	struct stat st;
	if (mkdir(dir, 0777) == 0) {
		made_dir = true;
	} else if (errno != EEXIST) {
		rc = tt_error_set(TT_EIO, "cannot make the folder '%s': %s", dir, strerror(errno));
		goto done;
	} else if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = tt_error_set(TT_EINVAL, "'%s' is not a folder", dir);
		goto done;
	}
	if ((rc = write_signature(file, folder, dir, s)) != 0)
		goto done;
	if ((rc = write_page(folder, dir, report, s->record)) != 0) {
		unlink(*file);
		goto done;
	}
	*sig = s;
	s = NULL;
done:
	if (rc) {
		free(*file);
		*file = NULL;
		if (made_dir)
			rmdir(dir);
	}
	tt_signature_free(s);
	EVP_PKEY_free(key);
	X509_free(cert);
	json_decref(report);
	free(dir);
	return rc;
}
