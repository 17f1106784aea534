/*
 * plot.h - the figures of a run and of a plan, drawn by gnuplot as SVG.
 *
 * Only tt/plot*.c knows gnuplot.  The module writes a gnuplot script to a
 * FILE * (so tests can read it without a pipe), and tt_plot_run() feeds that
 * script to one gnuplot process per run through a pipe.
 *
 * The script is built from three kinds of text:
 *   - variables, arrays and datablocks that tt writes for each figure: the
 *     numbers as plain numeric datablocks (`$source << EOD ... EOD`, never a
 *     temporary file) and every string from a user's files (titles, lot ids,
 *     attribute names, units, justifications) assigned to variables as
 *     single-quoted gnuplot strings made safe by tt_plot_escape();
 *   - the templates under plots/ (one per kind of figure: forest.gp, lots.gp,
 *     profile.gp, stability.gp, lines.gp, and common.gp for the palette and
 *     font), whose text tt copies into the script after the variables, so a
 *     user can restyle a figure without recompiling and gnuplot never opens
 *     a file other than its outputs;
 *   - one `set terminal svg ... noenhanced` and one `set output` per figure.
 *
 * Invariants that keep a hostile string in a user's file from running a
 * command or breaking the script: user strings appear only inside single
 * quotes (where gnuplot expands neither backquotes, `@` macros nor
 * backslashes), only on the right of an assignment, never in a datablock,
 * never in an eval; the terminal is noenhanced, so enhanced-text control
 * characters are printed as written.  (Double-quoted strings are no place
 * for user text: gnuplot runs backquoted commands inside them.)
 * Templates must keep to that: use the string variables as titles, labels
 * and tic labels, and never `eval` or `@` them.
 *
 * Figures (file names under the plots folder):
 *   forest.svg   every equivalence comparison (and stability comparison with
 *                a slope margin) as its confidence interval divided by its
 *                margin, so every row shares one axis whose margins are -1
 *                and +1; ratio comparisons are divided on the ln scale
 *                (ln(ratio) / ln(upper margin)), so a ratio margin
 *                [1/r, r] also maps to [-1, 1].  The CI and margin in the
 *                attribute's own units are printed beside each row.
 *   NN-ATTRIBUTE-APPROACH.svg, one per comparison that has data:
 *                lot-level approaches show both sites' lots in date order
 *                with the range, the spec limits and the means; profile
 *                shows each lot's curve and each site's mean curve;
 *                stability each lot's points and fitted line.
 *   oc-NN-ATTRIBUTE-lots.svg and oc-NN-ATTRIBUTE-difference.svg, per
 *                planned comparison of tt plan: the pass probability by lot
 *                count and by true difference.
 */
#ifndef TT_PLOT_H
#define TT_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tt/base/util.h"
#include "tt/engine/results.h"
#include "tt/plan/plan.h"

/* The forest plot's file name under the plots folder. */
#define TT_PLOT_FOREST_FILE "forest.svg"

/* User strings longer than this many characters are cut, ending in an
 * ellipsis. */
#define TT_PLOT_MAX_LABEL 200

typedef struct tt_plot_options {
	/* The gnuplot program, looked up in PATH; NULL means "gnuplot". */
	const char *gnuplot;
	/* The folder of the templates; NULL means $TT_PLOTS_DIR when set, else
	 * share/tt/plots/ of the prefix the program is installed in (found
	 * from /proc/self/exe: PREFIX/bin/tt), else plots/ beside the program
	 * (the build tree). */
	const char *templates_dir;
} tt_plot_options;

/* clang-format would break this braced initializer over four lines. */
/* clang-format off */
#define TT_PLOT_OPTIONS_INIT { NULL, NULL }
/* clang-format on */

/* Appends user text to out as a gnuplot string expression that evaluates
 * to the text and nothing else: the text inside single-quoted strings
 * (where gnuplot expands neither backquotes, `@` macros nor backslashes),
 * each quote in it as "'" joined on by the concatenation operator, since
 * gnuplot's scanner does not take a doubled quote at the start of a
 * single-quoted string or after another: it's -> 'it' . "'" . 's'.
 * Control characters (C0, DEL, C1, line and paragraph separators,
 * bidirectional overrides) become spaces, invalid UTF-8 becomes U+FFFD,
 * and text longer than TT_PLOT_MAX_LABEL characters is cut to end in an
 * ellipsis.  NULL gives ''.  The result is meant for the right-hand side
 * of an assignment (`name = ...`), the only place tt puts user text. */
void tt_plot_escape(tt_buf *out, const char *user);

/* The file name of a comparison's figure, "NN-attribute-approach.svg"
 * (NN the comparison's 1-based position, two digits or more; the attribute
 * id lower-cased with everything outside [a-z0-9] turned into '-'), or NULL
 * when the comparison gets no figure (no values at either site, no profile
 * or stability result).  index is the comparison's 0-based position in
 * run->comparisons.  The caller frees the string.  The report renderers
 * and the engine use this to name and find the figure. */
char *tt_plot_file_name(const tt_comparison_result *r, size_t index);

/* Whether the run has a forest plot (at least one equivalence result or
 * stability comparison with a slope margin). */
bool tt_plot_has_forest(const tt_run *run);

/* Writes the whole gnuplot script for a run: the forest plot and one
 * figure per comparison that has one, each written to plots_dir/NAME.
 * Returns 0, TT_EENV when no folder holds the templates or a template
 * cannot be read (the message names the paths and TT_PLOTS_DIR),
 * TT_EINVAL when plots_dir holds a control character, or TT_EIO when out
 * cannot be written. */
int tt_plot_write_script(FILE *out, const tt_run *run, const char *plots_dir,
			 const tt_plot_options *opt);

/* Draws every figure of a run into plots_dir (which must exist) with one
 * gnuplot process.  Returns 0; TT_EENV with "gnuplot not found; install
 * gnuplot or run with --no-plots" when the program is missing, or with
 * gnuplot's first lines of error output when it fails; the errors of
 * tt_plot_write_script(). */
int tt_plot_run(const tt_run *run, const char *plots_dir, const tt_plot_options *opt);

/* Whether the gnuplot program (opt->gnuplot, or "gnuplot") is found in
 * PATH: 0, or TT_EENV with "gnuplot not found; install gnuplot or run with
 * --no-plots".  tt run asks before any work, so that a missing gnuplot
 * fails at once. */
int tt_plot_available(const tt_plot_options *opt);

/* The first line `gnuplot --version` prints ("gnuplot 5.4 patchlevel 4"),
 * or "not found"; a new string.  For the environment of a qualification
 * report. */
char *tt_plot_version(const tt_plot_options *opt);

/* Runs gnuplot on a script (len bytes) and waits for it.  Errors as
 * tt_plot_run(). */
int tt_plot_exec(const char *script, size_t len, const tt_plot_options *opt);

/* ---- a generic line chart, for the operating characteristics of tt plan ---- */

typedef struct tt_plot_series {
	const char *label; /* in the key */
	size_t n;
	const double *x, *y; /* n points; non-finite points break the line */
} tt_plot_series;

typedef struct tt_plot_line_chart {
	/* The file name under the plots folder, e.g. "oc-01-viability.svg";
	 * only [A-Za-z0-9._-] is allowed (TT_EINVAL otherwise). */
	const char *file_name;
	const char *title;
	const char *subtitle; /* NULL for none */
	const char *x_label, *y_label;
	const tt_plot_series *series;
	size_t n_series;
	bool has_y_range; /* else gnuplot picks the range */
	double y_min, y_max;
	bool has_reference; /* a dashed horizontal line, e.g. the 0.8 target */
	double reference_y;
	const char *reference_label;
} tt_plot_line_chart;

/* Writes the script for n line charts (plots_dir/chart->file_name each). */
int tt_plot_oc_curves(FILE *out, const tt_plot_line_chart *charts, size_t n, const char *plots_dir,
		      const tt_plot_options *opt);

/* Draws n line charts into plots_dir with one gnuplot process. */
int tt_plot_run_oc_curves(const tt_plot_line_chart *charts, size_t n, const char *plots_dir,
			  const tt_plot_options *opt);

/* ---- the figures of a plan (plot_plan.c) ---- */

/* The file name of comparison index's operating characteristic figure,
 * "oc-NN-ATTRIBUTE-lots.svg" (by_difference false) or
 * "...-difference.svg"; NULL when the comparison was not planned.  The
 * caller frees it. */
char *tt_plot_plan_file_name(const tt_plan_result *r, size_t index, bool by_difference);

/* Draws every planned comparison's two figures into plots_dir (which must
 * exist) with one gnuplot process (tt_plot_run_oc_curves). */
int tt_plot_plan(const tt_plan_result *r, const char *plots_dir, const tt_plot_options *opt);

#endif
