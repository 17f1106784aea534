/*
 * folder.c - one sequence for every report folder: figures, then each
 * report, then the move into place.
 */
#include "tt/app/folder.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tt/base/error.h"
#include "tt/base/outdir.h"
#include "tt/base/util.h"
#include "tt/render/plan_report.h"
#include "tt/render/report.h"
#include "tt/render/validate_report.h"

/* The folder of the figures, relative to the reports that link them. */
#define PLOTS "plots"

/* The files of each kind are STEM.json, STEM.md and STEM.html. */
static const char *const stems[] = {
	[TT_FOLDER_RUN] = "report",
	[TT_FOLDER_PLAN] = "plan",
	[TT_FOLDER_VALIDATION] = "validation",
};

struct tt_folder {
	tt_outdir out;
	tt_folder_kind kind;
	char *marker; /* STEM.json */
};

/* The renderers and the figures of one kind of folder, over its results
 * (what); md and draw are NULL for a kind without them. */
typedef struct kind_writer {
	void (*json)(tt_buf *out, const void *what);
	void (*md)(tt_buf *out, const void *what, const char *plots_rel);
	int (*html)(tt_buf *out, const void *what, const char *plots_dir);
	int (*draw)(const void *what, const char *plots_dir, const tt_plot_options *opt);
} kind_writer;

static void run_json(tt_buf *out, const void *run)
{
	tt_report_json(out, run);
}

static void run_md(tt_buf *out, const void *run, const char *plots_rel)
{
	tt_report_md(out, run, plots_rel);
}

static int run_html(tt_buf *out, const void *run, const char *plots_dir)
{
	return tt_report_html(out, run, plots_dir);
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

static int plan_html(tt_buf *out, const void *r, const char *plots_dir)
{
	return tt_plan_render_html(out, r, plots_dir);
}

static int plan_draw(const void *r, const char *plots_dir, const tt_plot_options *opt)
{
	return tt_plot_plan(r, plots_dir, opt);
}

static void validation_json(tt_buf *out, const void *v)
{
	tt_validate_json(out, v);
}

static int validation_html(tt_buf *out, const void *v, const char *plots_dir)
{
	tt_validate_html(out, v);
	return 0;
}

static const kind_writer writers[] = {
	[TT_FOLDER_RUN] = { run_json, run_md, run_html, run_draw },
	[TT_FOLDER_PLAN] = { plan_json, plan_md, plan_html, plan_draw },
	[TT_FOLDER_VALIDATION] = { validation_json, NULL, validation_html, NULL },
};

int tt_folder_claim(tt_folder **out, const char *target, tt_folder_kind kind, bool force)
{
	tt_folder *f = tt_xcalloc(1, sizeof *f);
	f->kind = kind;
	f->marker = tt_xasprintf("%s.json", stems[kind]);
	int rc = tt_outdir_begin(&f->out, target, f->marker, force);
	if (rc) {
		free(f->marker);
		free(f);
		f = NULL;
	}
	*out = f;
	return rc;
}

/* Writes f's file STEM.ext. */
static int put(const tt_folder *f, const char *ext, const tt_buf *b)
{
	char *name = tt_xasprintf("%s.%s", stems[f->kind], ext);
	char *path = tt_outdir_path(&f->out, name);
	int rc = tt_write_file(path, b->data ? b->data : "", b->len);
	free(path);
	free(name);
	return rc;
}

/* Draws the figures, when asked, then renders the reports; on success
 * moves the folder into place.  Frees f. */
static int write_folder(tt_folder *f, const void *what, const tt_folder_options *opt)
{
	const kind_writer *w = &writers[f->kind];
	static const tt_plot_options plot_defaults = TT_PLOT_OPTIONS_INIT;
	char *plots_dir = NULL;
	tt_buf b = TT_BUF_INIT;
	int rc = 0;
	if (opt->plots && w->draw) {
		plots_dir = tt_outdir_path(&f->out, PLOTS);
		if (tt_mkdir_p(plots_dir) != 0)
			rc = tt_error_set(TT_EIO, "cannot create '%s': %s", plots_dir,
					  strerror(errno));
		else
			rc = w->draw(what, plots_dir, opt->plot ? opt->plot : &plot_defaults);
	}
	if (rc == 0) {
		w->json(&b, what);
		rc = put(f, "json", &b);
	}
	if (rc == 0 && w->md && (opt->formats & TT_FOLDER_MD)) {
		tt_buf_reset(&b);
		w->md(&b, what, plots_dir ? PLOTS : NULL);
		rc = put(f, "md", &b);
	}
	if (rc == 0 && (opt->formats & TT_FOLDER_HTML)) {
		tt_buf_reset(&b);
		rc = w->html(&b, what, plots_dir);
		if (rc == 0)
			rc = put(f, "html", &b);
	}
	tt_buf_free(&b);
	free(plots_dir);
	if (rc == 0)
		rc = tt_outdir_commit(&f->out);
	else
		tt_outdir_abort(&f->out);
	free(f->marker);
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

int tt_folder_write_validation(tt_folder *f, const tt_validation *v)
{
	static const tt_folder_options opt = { TT_FOLDER_JSON | TT_FOLDER_HTML, false, NULL };
	return write_folder(f, v, &opt);
}
