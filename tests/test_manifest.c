/*
 * test_manifest.c - manifest.json as written (read back with jansson, every
 * file's SHA-256 and size computed here again) and as checked: a file
 * changed, missing or added, signatures/ left out, a bad manifest named.
 * A run's folder written by the folder writer: the manifest lists every
 * file and input, and the HTML prints the identity of the report.json
 * written before it.
 */
#include "support.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_version.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <yaml.h>

#include "tt/app/folder.h"
#include "tt/app/manifest.h"
#include "tt/base/hash.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/engine/engine.h"

/* SHA-256 of "abc" (FIPS 180-2, appendix B.1) and of "" (FIPS 180-4
 * examples), so that the hashes are checked against published values. */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define RECORD_SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char folder[64];

static void put(const char *rel, const char *text)
{
	char *path = tt_xasprintf("%s/%s", folder, rel);
	assert_int_equal(tt_write_file(path, text, strlen(text)), 0);
	free(path);
}

static char *path_in(const char *rel)
{
	return tt_xasprintf("%s/%s", folder, rel);
}

/* A folder as tt writes one: a record, a report, a figure; and a
 * signatures/ folder, which no manifest lists. */
static int make_folder(void **state)
{
	(void)state;
	strcpy(folder, "/tmp/tt-test-manifest.XXXXXX");
	if (!mkdtemp(folder))
		return -1;
	char *plots = path_in("plots"), *sigs = path_in("signatures");
	int rc = tt_mkdir_p(plots) || tt_mkdir_p(sigs);
	free(plots);
	free(sigs);
	if (rc)
		return -1;
	put("report.json", "abc");
	put("report.html", "");
	put("plots/forest.svg", "<svg/>");
	put("signatures/01.json", "{}");
	return 0;
}

static int remove_folder(void **state)
{
	(void)state;
	return tt_remove_tree(folder);
}

static const tt_manifest_input inputs[] = {
	{ "studies/x.yaml", "study", SHA_ABC },
	{ "data/lots.csv", "source lots", SHA_EMPTY },
};

/* Writes the manifest of the folder: the executable is the record, whose
 * SHA-256 is known. */
static void write_manifest(void)
{
	char *exe = path_in("report.json");
	tt_manifest_info m = { 0 };
	m.kind = "run";
	m.record = "report.json";
	m.record_sha256 = SHA_ABC;
	m.command_line = "tt run studies/x.yaml";
	m.has_seed = true;
	m.seed = 20240917;
	m.executable = exe;
	m.gnuplot_version = "gnuplot 5.4 patchlevel 4";
	m.inputs = inputs;
	m.n_inputs = 2;
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	assert_int_equal(tt_manifest_write(folder, &m), 0);
	free(exe);
}

static json_t *read_manifest(void)
{
	char *path = path_in(TT_MANIFEST_FILE);
	json_error_t e;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!root)
		fail_msg("manifest.json does not parse: line %d: %s", e.line, e.text);
	free(path);
	return root;
}

static const char *str(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	if (!s)
		fail_msg("manifest.json has no string '%s'", key);
	return s;
}

static void written(void **state)
{
	(void)state;
	write_manifest();
	json_t *root = read_manifest();
	assert_int_equal(json_integer_value(json_object_get(root, "manifest_version")), 1);
	assert_string_equal(str(root, "kind"), "run");
	const json_t *rec = json_object_get(root, "record");
	assert_string_equal(str(rec, "path"), "report.json");
	assert_string_equal(str(rec, "sha256"), SHA_ABC);
	assert_string_equal(str(root, "generated_at"), "2023-11-14T22:13:20Z");
	assert_string_equal(str(root, "command_line"), "tt run studies/x.yaml");
	assert_int_equal(json_integer_value(json_object_get(root, "seed")), 20240917);
	assert_string_equal(str(root, "tt_version"), TT_VERSION);
	assert_string_equal(str(root, "executable_sha256"), SHA_ABC);
	const json_t *lib = json_object_get(root, "libraries");
	assert_string_equal(str(lib, "gsl"), gsl_version);
	assert_string_equal(str(lib, "libyaml"), yaml_get_version_string());
	assert_string_equal(str(lib, "openssl"), OpenSSL_version(OPENSSL_VERSION));
	assert_string_equal(str(lib, "jansson"), jansson_version_str());
	assert_string_equal(str(lib, "gnuplot"), "gnuplot 5.4 patchlevel 4");

	const json_t *in = json_object_get(root, "inputs");
	assert_int_equal(json_array_size(in), 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(str(json_array_get(in, i), "path"), inputs[i].path);
		assert_string_equal(str(json_array_get(in, i), "role"), inputs[i].role);
		assert_string_equal(str(json_array_get(in, i), "sha256"), inputs[i].sha256);
	}

	/* Every file but the manifest and signatures/, sorted, with its
	 * SHA-256 and size computed here again. */
	static const char *const want[] = { "plots/forest.svg", "report.html", "report.json" };
	const json_t *files = json_object_get(root, "files");
	assert_int_equal(json_array_size(files), 3);
	for (size_t i = 0; i < 3; i++) {
		const json_t *f = json_array_get(files, i);
		assert_string_equal(str(f, "path"), want[i]);
		char *p = path_in(want[i]);
		unsigned char d[TT_SHA256_LEN];
		char hex[TT_SHA256_HEX_LEN + 1];
		struct stat st;
		assert_int_equal(tt_sha256_file(p, d), 0);
		assert_int_equal(stat(p, &st), 0);
		assert_string_equal(str(f, "sha256"), tt_sha256_hex(d, hex));
		assert_int_equal(json_integer_value(json_object_get(f, "bytes")), st.st_size);
		free(p);
	}
	assert_string_equal(str(json_array_get(files, 1), "sha256"), SHA_EMPTY);
	assert_string_equal(str(json_array_get(files, 2), "sha256"), SHA_ABC);
	json_decref(root);
}

/* No seed, no figures, the time now and the program that runs. */
static void written_without_seed_or_figures(void **state)
{
	(void)state;
	tt_manifest_info m = { 0 };
	m.kind = "validation";
	m.record = "report.json";
	m.record_sha256 = SHA_ABC;
	assert_int_equal(tt_manifest_write(folder, &m), 0);
	json_t *root = read_manifest();
	assert_true(json_is_null(json_object_get(root, "seed")));
	assert_true(json_is_null(json_object_get(root, "command_line")));
	assert_true(json_is_null(json_object_get(json_object_get(root, "libraries"), "gnuplot")));
	assert_int_equal(json_array_size(json_object_get(root, "inputs")), 0);
	unsigned char d[TT_SHA256_LEN];
	char hex[TT_SHA256_HEX_LEN + 1];
	assert_int_equal(tt_sha256_file("/proc/self/exe", d), 0);
	assert_string_equal(str(root, "executable_sha256"), tt_sha256_hex(d, hex));
	json_decref(root);
}

/* The differences a check finds, one line each: "CHANGED path". */
static char *differences(void)
{
	static const char *const names[] = { "CHANGED", "MISSING", "UNREADABLE", "ADDED" };
	tt_manifest_result r;
	assert_int_equal(tt_manifest_check(&r, folder), 0);
	tt_buf b = TT_BUF_INIT;
	if (r.problem)
		tt_buf_printf(&b, "problem: %s\n", r.problem);
	for (size_t i = 0; i < r.n_differences; i++)
		tt_buf_printf(&b, "%s %s\n", names[r.differences[i].change], r.differences[i].path);
	if (!r.problem) {
		assert_int_equal(r.n_listed, 3);
		assert_string_equal(r.record, "report.json");
		assert_string_equal(r.record_sha256, SHA_ABC);
	}
	tt_manifest_result_free(&r);
	tt_buf_puts(&b, "");
	return tt_buf_detach(&b);
}

static void expect_differences(const char *want)
{
	char *got = differences();
	assert_string_equal(got, want);
	free(got);
}

static void checked(void **state)
{
	(void)state;
	write_manifest();
	expect_differences("");
	/* Signatures are added after the manifest. */
	put("signatures/02.json", "{}");
	expect_differences("");
	/* Same size, other bytes; another size; gone; new, at the top and
	 * in a folder. */
	put("report.json", "abd");
	put("plots/forest.svg", "<svg></svg>");
	char *html = path_in("report.html");
	assert_int_equal(unlink(html), 0);
	put("notes.txt", "x");
	put("plots/extra.svg", "<svg/>");
	expect_differences("ADDED notes.txt\nADDED plots/extra.svg\nCHANGED plots/forest.svg\n"
			   "MISSING report.html\nCHANGED report.json\n");
	/* Back as written. */
	put("report.json", "abc");
	put("plots/forest.svg", "<svg/>");
	put("report.html", "");
	char *notes = path_in("notes.txt"), *extra = path_in("plots/extra.svg");
	assert_int_equal(unlink(notes), 0);
	assert_int_equal(unlink(extra), 0);
	free(notes);
	free(extra);
	expect_differences("");
	/* A link in the place of a file is not the file, whatever it points
	 * at. */
	assert_int_equal(unlink(html), 0);
	assert_int_equal(symlink("report.json", html), 0);
	expect_differences("CHANGED report.html\n");
	assert_int_equal(unlink(html), 0);
	put("report.html", "");
	free(html);
}

static void bad_manifests(void **state)
{
	(void)state;
	char *m = path_in(TT_MANIFEST_FILE);
	unlink(m);
	expect_differences("problem: no manifest.json: not a report folder written by this tt, or "
			   "it was removed\n");
	put(TT_MANIFEST_FILE, "{\"manifest_version\": 1,");
	char *got = differences();
	assert_non_null(strstr(got, "problem: manifest.json is not valid JSON: line 1, column "));
	free(got);
	put(TT_MANIFEST_FILE, "{\"manifest_version\": 2}");
	expect_differences("problem: manifest.json is not a manifest of version 1, the one this "
			   "tt reads (manifest_version)\n");

	static const char head[] = "{\"manifest_version\": 1, \"record\": {\"path\": "
				   "\"report.json\", \"sha256\": \"" SHA_ABC "\"}, \"files\": [";
	static const struct {
		const char *files, *problem;
	} cases[] = {
		{ "{\"path\": \"../report.json\", \"sha256\": \"" SHA_ABC "\", \"bytes\": 3}",
		  "manifest.json: files[0].path is not the path of a file inside the folder" },
		{ "{\"path\": \"signatures/01.json\", \"sha256\": \"" SHA_ABC "\", \"bytes\": 2}",
		  "manifest.json: files[0].path is not the path of a file inside the folder" },
		{ "{\"path\": \"report.json\", \"sha256\": \"ABC\", \"bytes\": 3}",
		  "manifest.json: files[0].sha256 is not 64 lower-case hex digits" },
		{ "{\"path\": \"report.json\", \"sha256\": \"" SHA_ABC "\", \"bytes\": -1}",
		  "manifest.json: files[0].bytes is not a whole number >= 0" },
		{ "{\"path\": \"report.json\", \"sha256\": \"" SHA_ABC "\", \"bytes\": 3},"
		  "{\"path\": \"report.json\", \"sha256\": \"" SHA_ABC "\", \"bytes\": 3}",
		  "manifest.json lists 'report.json' twice" },
		{ "{\"path\": \"report.html\", \"sha256\": \"" SHA_EMPTY "\", \"bytes\": 0}",
		  "manifest.json: the record 'report.json' is not among its files with the "
		  "SHA-256 given" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *text = tt_xasprintf("%s%s]}", head, cases[i].files);
		char *want = tt_xasprintf("problem: %s\n", cases[i].problem);
		put(TT_MANIFEST_FILE, text);
		expect_differences(want);
		free(want);
		free(text);
	}
	free(m);
}

/* A folder with nothing in it: no manifest, and nothing else to say. */
static void empty_folder(void **state)
{
	(void)state;
	char dir[] = "/tmp/tt-test-manifest-empty.XXXXXX";
	assert_non_null(mkdtemp(dir));
	tt_manifest_result r;
	assert_int_equal(tt_manifest_check(&r, dir), 0);
	assert_string_equal(r.problem, "no manifest.json: not a report folder written by this tt, "
				       "or it was removed");
	assert_int_equal(r.n_differences, 0);
	assert_int_equal(r.n_listed, 0);
	tt_manifest_result_free(&r);
	assert_int_equal(rmdir(dir), 0);
}

/* A run's folder as tt run writes it (without figures): the manifest lists
 * every file and the run's inputs, and report.html prints the identity of
 * the report.json written before it. */
static void run_folder(void **state)
{
	(void)state;
	char *study = tt_xasprintf("%s/studies/cart-sh-to-rtp.yaml", TT_SOURCE_DIR_FOR_TESTS);
	char *target = path_in("run");
	tt_diags d = TT_DIAGS_INIT;
	tt_run *run = NULL;
	tt_run_options ropt = TT_RUN_OPTIONS_INIT;
	ropt.command_line = "tt run cart-sh-to-rtp.yaml";
	assert_int_equal(tt_engine_run(&run, study, &ropt, &d), 0);
	tt_folder *f;
	tt_folder_options opt = TT_FOLDER_OPTIONS_INIT;
	opt.plots = false;
	opt.command_line = ropt.command_line;
	assert_int_equal(tt_folder_claim(&f, target, TT_FOLDER_RUN, false), 0);
	assert_int_equal(tt_folder_write_run(f, run, &opt), 0);

	char *mpath = tt_xasprintf("%s/manifest.json", target);
	json_error_t e;
	json_t *root = json_load_file(mpath, JSON_REJECT_DUPLICATES, &e);
	assert_non_null(root);
	const json_t *files = json_object_get(root, "files");
	assert_int_equal(json_array_size(files), 3);
	static const char *const names[] = { "report.html", "report.json", "report.md" };
	char record[TT_SHA256_HEX_LEN + 1];
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(str(json_array_get(files, i), "path"), names[i]);
		char *p = tt_xasprintf("%s/%s", target, names[i]);
		unsigned char dg[TT_SHA256_LEN];
		char hex[TT_SHA256_HEX_LEN + 1];
		assert_int_equal(tt_sha256_file(p, dg), 0);
		assert_string_equal(str(json_array_get(files, i), "sha256"),
				    tt_sha256_hex(dg, hex));
		if (i == 1)
			strcpy(record, hex);
		free(p);
	}
	assert_string_equal(str(json_object_get(root, "record"), "sha256"), record);
	assert_string_equal(str(root, "generated_at"), run->generated_at);
	assert_string_equal(str(root, "command_line"), "tt run cart-sh-to-rtp.yaml");
	assert_int_equal(json_integer_value(json_object_get(root, "seed")), (json_int_t)run->seed);
	const json_t *in = json_object_get(root, "inputs");
	assert_int_equal(json_array_size(in), run->n_inputs);
	for (size_t i = 0; i < run->n_inputs; i++) {
		assert_string_equal(str(json_array_get(in, i), "path"), run->inputs[i].path);
		assert_string_equal(str(json_array_get(in, i), "sha256"), run->inputs[i].sha256);
	}
	assert_true(json_is_null(json_object_get(json_object_get(root, "libraries"), "gnuplot")));
	json_decref(root);

	char *hpath = tt_xasprintf("%s/report.html", target);
	char *html;
	size_t len;
	assert_int_equal(tt_read_file(hpath, 64u << 20, &html, &len), 0);
	char *line = tt_xasprintf("Record identity <code>%.16s</code>", record);
	char *foot = tt_xasprintf("content:\"Record identity %.16s\"", record);
	assert_non_null(strstr(html, line));
	assert_non_null(strstr(html, foot));
	free(foot);
	free(line);
	free(html);
	free(hpath);
	free(mpath);
	tt_run_free(run);
	tt_diags_free(&d);
	free(target);
	free(study);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written),      cmocka_unit_test(written_without_seed_or_figures),
		cmocka_unit_test(checked),      cmocka_unit_test(bad_manifests),
		cmocka_unit_test(empty_folder), cmocka_unit_test(run_folder),
	};
	return cmocka_run_group_tests(tests, make_folder, remove_folder);
}
