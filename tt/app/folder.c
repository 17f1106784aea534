/*
 * folder.c - one sequence for every report folder: figures, the JSON
 * record, the other reports (the HTML with the record's identity), the
 * manifest, then the move into place.
 */
#include "tt/app/folder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tt/app/manifest.h"
#include "tt/base/error.h"
#include "tt/base/hash.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/render/plan_report.h"
#include "tt/render/report.h"
#include "tt/render/validate_report.h"

/* The folder of the figures, relative to the reports that link them. */
#define PLOTS "plots"

/* The files of each kind are STEM.json (the record), STEM.md and
 * STEM.html; the manifest names the kind. */
static const struct {
	const char *stem, *record, *name;
} kinds[] = {
	[TT_FOLDER_RUN] = { "report", "report.json", "run" },
	[TT_FOLDER_PLAN] = { "plan", "plan.json", "plan" },
	[TT_FOLDER_VALIDATION] = { "validation", "validation.json", "validation" },
};

struct tt_folder {
	tt_outdir out;
	tt_folder_kind kind;
};

/* The renderers and the figures of one kind of folder, over its results
 * (what); md and draw are NULL for a kind without them.  facts fills what
 * the manifest records of the results (inputs, seed, time); the inputs
 * are the caller's to free. */
typedef struct kind_writer {
	void (*json)(tt_buf *out, const void *what);
	void (*md)(tt_buf *out, const void *what, const char *plots_rel);
	int (*html)(tt_buf *out, const void *what, const char *plots_dir, const char *record);
	int (*draw)(const void *what, const char *plots_dir, const tt_plot_options *opt);
	void (*facts)(tt_manifest_info *m, tt_manifest_input **inputs, const void *what);
} kind_writer;

static void run_json(tt_buf *out, const void *run)
{
	tt_report_json(out, run);
}

static void run_md(tt_buf *out, const void *run, const char *plots_rel)
{
	tt_report_md(out, run, plots_rel);
}

static int run_html(tt_buf *out, const void *run, const char *plots_dir, const char *record)
{
	return tt_report_html(out, run, plots_dir, record);
}

static int run_draw(const void *run, const char *plots_dir, const tt_plot_options *opt)
{
	return tt_plot_run(run, plots_dir, opt);
}

static void plan_json(tt_buf *out, const void *r)
{
	tt_plan_render_json(out, r);
}

static void plan_md(tt_buf *out, const void *r, const char *plots_rel)
{
	tt_plan_render_md(out, r, plots_rel);
}

static int plan_html(tt_buf *out, const void *r, const char *plots_dir, const char *record)
{
	return tt_plan_render_html(out, r, plots_dir, record);
}

static int plan_draw(const void *r, const char *plots_dir, const tt_plot_options *opt)
{
	return tt_plot_plan(r, plots_dir, opt);
}

static void validation_json(tt_buf *out, const void *v)
{
	tt_validate_json(out, v);
}

static int validation_html(tt_buf *out, const void *v, const char *plots_dir, const char *record)
{
	tt_validate_html(out, v, record);
	return 0;
}

static void run_facts(tt_manifest_info *m, tt_manifest_input **inputs, const void *what)
{
	const tt_run *run = what;
	*inputs = tt_xcalloc(run->n_inputs + 1, sizeof **inputs);
	for (size_t i = 0; i < run->n_inputs; i++)
		(*inputs)[i] = (tt_manifest_input){ run->inputs[i].path, run->inputs[i].role,
						    run->inputs[i].sha256 };
	m->inputs = *inputs;
	m->n_inputs = run->n_inputs;
	m->has_seed = true;
	m->seed = run->seed;
	m->generated_at = run->generated_at;
}

/* A plan records no time: its manifest has the time it is written. */
static void plan_facts(tt_manifest_info *m, tt_manifest_input **inputs, const void *what)
{
	const tt_plan_result *r = what;
	*inputs = tt_xcalloc(r->n_inputs + 1, sizeof **inputs);
	for (size_t i = 0; i < r->n_inputs; i++)
		(*inputs)[i] = (tt_manifest_input){ r->inputs[i].path, r->inputs[i].role,
						    r->inputs[i].sha256 };
	m->inputs = *inputs;
	m->n_inputs = r->n_inputs;
	m->has_seed = true;
	m->seed = r->seed;
}

/* A qualification reads no file and has no seed. */
static void validation_facts(tt_manifest_info *m, tt_manifest_input **inputs, const void *what)
{
	const tt_validation *v = what;
	*inputs = NULL;
	m->generated_at = v->env.date;
}

static const kind_writer writers[] = {
	[TT_FOLDER_RUN] = { run_json, run_md, run_html, run_draw, run_facts },
	[TT_FOLDER_PLAN] = { plan_json, plan_md, plan_html, plan_draw, plan_facts },
	[TT_FOLDER_VALIDATION] = { validation_json, NULL, validation_html, NULL, validation_facts },
};

const char *tt_folder_record_name(tt_folder_kind kind)
{
	return kinds[kind].record;
}

int tt_folder_claim(tt_folder **out, const char *target, tt_folder_kind kind, bool force)
{
	tt_folder *f = tt_xcalloc(1, sizeof *f);
	f->kind = kind;
	int rc = tt_outdir_begin(&f->out, target, kinds[kind].record, force);
	if (rc) {
		free(f);
		f = NULL;
	}
	*out = f;
	return rc;
}

/* Writes f's file STEM.ext. */
static int put(const tt_folder *f, const char *ext, const tt_buf *b)
{
	char *name = tt_xasprintf("%s.%s", kinds[f->kind].stem, ext);
	char *path = tt_outdir_path(&f->out, name);
	int rc = tt_write_file(path, b->data ? b->data : "", b->len);
	free(path);
	free(name);
	return rc;
}

/* Writes the manifest of f, whose record has the identity record, last of
 * all its files. */
static int write_manifest(const tt_folder *f, const void *what, const tt_folder_options *opt,
			  const char *record, bool drew)
{
	tt_manifest_info m = { 0 };
	tt_manifest_input *inputs = NULL;
	char *dir = tt_outdir_path(&f->out, ".");
	char *gnuplot = drew ? tt_plot_version(opt->plot) : NULL;
	writers[f->kind].facts(&m, &inputs, what);
	m.kind = kinds[f->kind].name;
	m.record = kinds[f->kind].record;
	m.record_sha256 = record;
	m.command_line = opt->command_line;
	m.executable = opt->executable;
	m.gnuplot_version = gnuplot;
	int rc = tt_manifest_write(dir, &m);
	free(gnuplot);
	free(inputs);
	free(dir);
	return rc;
}

/* Draws the figures, when asked, then renders the JSON record, the other
 * reports and the manifest; on success moves the folder into place.
 * Frees f. */
static int write_folder(tt_folder *f, const void *what, const tt_folder_options *opt)
{
	const kind_writer *w = &writers[f->kind];
	static const tt_plot_options plot_defaults = TT_PLOT_OPTIONS_INIT;
	tt_folder_options o = *opt;
	char *plots_dir = NULL;
	char record[TT_SHA256_HEX_LEN + 1];
	unsigned char digest[TT_SHA256_LEN];
	tt_buf b = TT_BUF_INIT;
	int rc = 0;
	if (!o.plot)
		o.plot = &plot_defaults;
	if (o.plots && w->draw) {
		plots_dir = tt_outdir_path(&f->out, PLOTS);
		if (tt_mkdir_p(plots_dir) != 0)
			rc = tt_error_set(TT_EIO, "cannot create '%s': %s", plots_dir,
					  strerror(errno));
		else
			rc = w->draw(what, plots_dir, o.plot);
	}
	/* The record first: the HTML prints its identity. */
	if (rc == 0) {
		w->json(&b, what);
		rc = put(f, "json", &b);
	}
	if (rc == 0 && (rc = tt_sha256(b.data, b.len, digest)) == 0)
		tt_sha256_hex(digest, record);
	if (rc == 0 && w->md && (o.formats & TT_FOLDER_MD)) {
		tt_buf_reset(&b);
		w->md(&b, what, plots_dir ? PLOTS : NULL);
		rc = put(f, "md", &b);
	}
	if (rc == 0 && (o.formats & TT_FOLDER_HTML)) {
		tt_buf_reset(&b);
		rc = w->html(&b, what, plots_dir, record);
		if (rc == 0)
			rc = put(f, "html", &b);
	}
	if (rc == 0)
		rc = write_manifest(f, what, &o, record, plots_dir != NULL);
	tt_buf_free(&b);
	free(plots_dir);
	if (rc == 0)
		rc = tt_outdir_commit(&f->out);
	else
		tt_outdir_abort(&f->out);
	free(f);
	return rc;
}

int tt_folder_write_run(tt_folder *f, tt_run *run, const tt_folder_options *opt)
{
	if (opt->plots)
		for (size_t i = 0; i < run->n_comparisons; i++)
			run->comparisons[i].plot = tt_plot_file_name(&run->comparisons[i], i);
	return write_folder(f, run, opt);
}

int tt_folder_write_plan(tt_folder *f, const tt_plan_result *r, const tt_folder_options *opt)
{
	return write_folder(f, r, opt);
}

int tt_folder_write_validation(tt_folder *f, const tt_validation *v, const tt_folder_options *opt)
{
	tt_folder_options o = *opt;
	o.formats = TT_FOLDER_JSON | TT_FOLDER_HTML;
	o.plots = false;
	return write_folder(f, v, &o);
}
