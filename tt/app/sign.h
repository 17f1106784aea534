/*
 * sign.h - electronic signatures of a report folder: tt sign writes them,
 * tt verify checks them.
 *
 * A signature is one file, FOLDER/signatures/NN.json (NN = 01, 02, ...,
 * the next free number, created exclusively so that two signers never
 * overwrite each other).  It names the signer (the common name, e-mail
 * and subject of the certificate), the meaning of the signature, an
 * optional reason, the time of signing (local time with its UTC offset),
 * the record (the SHA-256 of report.json, the record's identity) and the
 * SHA-256 of the folder's manifest.json, and holds the signer's
 * certificate and a CMS (PKCS #7) detached signature, both in PEM.
 *
 * The signature is made over one byte string, the canonical text of the
 * signed fields, version tt-signature-v1: nine lines, each ending in a
 * line feed (0x0A), in this order,
 *
 *   tt-signature-v1
 *   name: NAME
 *   email: EMAIL
 *   subject: SUBJECT
 *   meaning: MEANING
 *   reason: REASON
 *   signed_at: SIGNED_AT
 *   record: RECORD
 *   manifest_sha256: MANIFEST_SHA256
 *
 * where each value is the text of the JSON member of that name (signer's
 * for the first three), in UTF-8, exactly as written, and the empty text
 * when the member is null (a certificate without an e-mail, no reason).
 * No value holds a control character (tt refuses them in certificates,
 * reasons and signature files alike), so each is one line and needs no
 * escaping, and no value that can be null is ever the empty text.  The
 * CMS is made with CMS_DETACHED | CMS_BINARY: the canonical text is signed
 * as it is, and any change to a signed field, to the record or to the
 * manifest breaks the signature.  Anyone can check one without tt:
 *
 *   openssl cms -verify -inform PEM -in SIG.pem -content CANONICAL.txt \
 *     -binary -noverify -certfile CERT.pem -nointern -out /dev/null
 *
 * Signing also rewrites FOLDER/signatures/page.html: every signature of
 * the folder shown for people, as 21 CFR Part 11 section 11.50 asks (the
 * printed name of the signer, the date and time of signing and the
 * meaning), with the study and the record identity.
 *
 * A private key is read and used, never written nor named in a message;
 * keys and certificates are only ever opened for reading.
 */
#ifndef TT_SIGN_H
#define TT_SIGN_H

#include <stddef.h>

#include "tt/base/hash.h"
#include "tt/base/util.h"

/* The first line of the canonical text: its version. */
#define TT_SIGN_VERSION "tt-signature-v1"

/* The meanings a signature can have, NULL-ended: authored, reviewed,
 * approved, rejected. */
extern const char *const tt_sign_meanings[];

/* One signature, as NN.json holds it.  Every string is owned. */
typedef struct tt_signature {
	char *name;                         /* the certificate subject's common name */
	char *email;                        /* its e-mail (subject emailAddress or SAN), or NULL */
	char *subject;                      /* the whole subject, RFC 2253, UTF-8 */
	char *meaning;                      /* one of tt_sign_meanings */
	char *reason;                       /* or NULL */
	char *signed_at;                    /* "2026-12-03T19:20:05+01:00" */
	char record[TT_SHA256_HEX_LEN + 1]; /* SHA-256 of report.json */
	char manifest_sha256[TT_SHA256_HEX_LEN + 1]; /* SHA-256 of manifest.json */
	char *certificate;                           /* the signer's certificate, PEM */
	char *signature;                             /* the CMS, PEM ("-----BEGIN CMS-----") */
} tt_signature;

/* Appends the canonical text of s's signed fields (above) to out. */
void tt_signature_canonical(tt_buf *out, const tt_signature *s);

/* Appends s as the JSON of a signatures/NN.json file to out. */
void tt_signature_json(tt_buf *out, const tt_signature *s);

/* Reads a signature file.  Returns 0 and *out (free it with
 * tt_signature_free), or TT_EIO when it cannot be read, or TT_EINVAL when
 * it is not a signature file (not JSON, a member missing or of the wrong
 * type, an unknown meaning, a control character in a field); the message
 * says what, without the file's name, and never holds a control
 * character. */
int tt_signature_read(tt_signature **out, const char *path);

void tt_signature_free(tt_signature *s);

/* The signature files of folder, "01.json", "02.json", ... in the order of
 * their numbers (none when it has no signatures/ folder).  Returns 0 and
 * a new array of new strings (*names NULL when *n is 0), or TT_EIO
 * (message set) when signatures/ cannot be read. */
int tt_sign_list(char ***names, size_t *n, const char *folder);

/* CA certificates that a signer's certificate must chain to. */
typedef struct tt_sign_trust tt_sign_trust;

/* Reads every PEM certificate of path.  Returns 0 and *out, or TT_EINVAL
 * (message set, naming the file) when it cannot be read or holds no
 * certificate. */
int tt_sign_trust_load(tt_sign_trust **out, const char *path);
void tt_sign_trust_free(tt_sign_trust *t);

/* Checks s against its certificate and the folder's record as it is now:
 * the signer fields are the certificate's, the CMS verifies over the
 * canonical text with that certificate alone, the certificate was valid at
 * signed_at, with trust its chain to one of trust's certificates verifies
 * at signed_at (for any purpose), record equals record_now and
 * manifest_sha256 equals manifest_now (each the SHA-256 in hex, or NULL
 * when the file cannot be read).  Returns NULL when all holds, else a new
 * string saying every check that failed, "; " between them. */
char *tt_signature_check(const tt_signature *s, const tt_sign_trust *trust, const char *record_now,
			 const char *manifest_now);

typedef struct tt_sign_options {
	const char *key;     /* the private key, PEM (PKCS #8 or traditional) */
	const char *cert;    /* the signer's X.509 certificate, PEM */
	const char *meaning; /* one of tt_sign_meanings */
	const char *reason;  /* or NULL */
	/* The name of the environment variable that holds the passphrase of
	 * an encrypted key, or NULL.  tt never prompts for one. */
	const char *pass_env;
} tt_sign_options;

/* Signs the report in folder: checks everything first (folder holds
 * manifest.json and report.json; the meaning is known; the reason, if
 * any, is one line of text; pass_env names a variable that is set; the
 * key can be read; the certificate matches it, names its holder and is
 * valid now, or at SOURCE_DATE_EPOCH when that is set; every signature
 * already there still holds), then writes signatures/NN.json and rewrites
 * signatures/page.html.  On any failure nothing is written (TT_EINVAL for
 * a refusal, TT_EIO when writing fails; message set).
 *
 * Returns 0, *sig the signature written (tt_signature_free) and *file its
 * path (FOLDER/signatures/NN.json, a new string). */
int tt_sign_folder(tt_signature **sig, char **file, const char *folder, const tt_sign_options *opt);

/* The path of the study that folder's report.json records (its input whose
 * role is study, as recorded: relative to where tt run ran), as a new
 * string; NULL when report.json cannot be read or records none.  tt sign
 * uses it to find the study's audit trail. */
char *tt_sign_report_study(const char *folder);

#endif
