/*
 * report_text.c - labels, sentences and statistics rows for people.
 */
#include "tt/render/report_text.h"

#include <math.h>
#include <stdio.h>

#include "tt/base/util.h"

static void outcome_list(tt_buf *out, const tt_run *run, tt_outcome o, const char *label)
{
	size_t n = 0;
	for (size_t i = 0; i < run->n_comparisons; i++) {
		if (run->comparisons[i].outcome != o)
			continue;
		tt_buf_printf(out, "%s%s", n++ ? ", " : label, run->comparisons[i].cmp->attribute);
	}
	if (n)
		tt_buf_puts(out, ". ");
}

void tt_report_verdict_detail(tt_buf *out, const tt_run *run)
{
	outcome_list(out, run, TT_OUTCOME_FAIL, "Failed: ");
	outcome_list(out, run, TT_OUTCOME_INCONCLUSIVE, "Inconclusive: ");
	size_t n = 0;
	for (size_t i = 0; i < run->n_conformance; i++) {
		const tt_conformance *cf = &run->conformance[i];
		if (cf->site != TT_SITE_RECEIVING)
			continue; /* the source lots follow, with the excluded */
		for (size_t k = 0; k < cf->n_out_of_spec; k++)
			tt_buf_printf(out, "%s%s (%s)",
				      n++ ? ", " : "Out of specification: ", cf->out_of_spec[k],
				      cf->attr->id);
	}
	if (n)
		tt_buf_puts(out, ". ");
	n = 0;
	for (size_t i = 0; i < run->n_out_of_spec; i++) {
		const tt_lot_out_of_spec *o = &run->out_of_spec[i];
		if (o->decides_verdict)
			continue;
		tt_buf_printf(out, "%s%s", n++ ? "; " : "Not deciding the verdict: ", o->sentence);
	}
	if (n)
		tt_buf_puts(out, ". ");
	/* No trailing space. */
	if (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* The words of a lot out of spec: "excluded source lot SH-007". */
static void lot_words(tt_buf *out, const tt_lot_out_of_spec *o)
{
	tt_buf_printf(out, "%s%s lot %s", o->exclusion ? "excluded " : "",
		      tt_site_role_name(o->site), o->lot);
}

void tt_report_conformance_summary(tt_buf *out, const tt_run *run)
{
	size_t deciding = 0, others = 0;
	for (size_t i = 0; i < run->n_out_of_spec; i++) {
		if (run->out_of_spec[i].decides_verdict)
			deciding++;
		else
			others++;
	}
	if (!deciding)
		tt_buf_puts(out, "No receiving lot that the study includes is out of its release "
				 "specification.");
	else
		tt_buf_printf(out,
			      "%zu receiving lot%s that the study includes %s out of %s release "
			      "specification: ",
			      deciding, deciding == 1 ? "" : "s", deciding == 1 ? "is" : "are",
			      deciding == 1 ? "its" : "their");
	for (size_t i = 0, n = 0; deciding && i < run->n_out_of_spec; i++) {
		if (!run->out_of_spec[i].decides_verdict)
			continue;
		n++;
		tt_buf_printf(out, "%s%s%s", n > 1 ? ", " : "", run->out_of_spec[i].lot,
			      n == deciding ? "." : "");
	}
	if (!others) {
		tt_buf_puts(out, " No excluded lot and no source lot is out of its own site's "
				 "specification.");
		return;
	}
	tt_buf_puts(out, " Out of specification, without deciding the verdict: ");
	for (size_t i = 0, n = 0; i < run->n_out_of_spec; i++) {
		if (run->out_of_spec[i].decides_verdict)
			continue;
		if (n++)
			tt_buf_puts(out, ", ");
		lot_words(out, &run->out_of_spec[i]);
	}
	tt_buf_puts(out, ".");
}

void tt_report_excluded_values(tt_buf *out, const tt_excluded_lot *x)
{
	for (size_t i = 0; i < x->n_values; i++) {
		const tt_excluded_value *v = &x->values[i];
		tt_buf_printf(out, "%s%s ", i ? ", " : "", v->attr->id);
		if (!v->text) {
			tt_buf_puts(out, "missing");
			continue;
		}
		tt_buf_puts(out, v->text);
		if (v->attr->unit && (v->is_number || v->censored))
			tt_buf_printf(out, " %s", v->attr->unit);
	}
	if (!x->n_values)
		tt_buf_puts(out, "none");
}

void tt_report_excluded_conformance(tt_buf *out, const tt_excluded_lot *x)
{
	if (!x->found) {
		tt_buf_puts(out, "in neither lot table");
		return;
	}
	size_t checked = 0, n = 0;
	for (size_t i = 0; i < x->n_values; i++)
		checked += x->values[i].spec && x->values[i].text;
	if (x->n_out_of_spec)
		tt_buf_puts(out, "out of specification: ");
	for (size_t i = 0; i < x->n_values; i++) {
		const tt_excluded_value *v = &x->values[i];
		if (!v->out_of_spec)
			continue;
		tt_buf_printf(out, "%s%s (%s", n++ ? ", " : "", v->attr->id, v->text);
		if (v->attr->unit && (v->is_number || v->censored))
			tt_buf_printf(out, " %s", v->attr->unit);
		tt_buf_printf(out, ", spec %s)", v->spec);
	}
	if (!x->n_out_of_spec && checked)
		tt_buf_printf(out, "within the %s specification", tt_site_role_name(x->site));
	if (x->n_not_tested) {
		tt_buf_puts(out, checked ? "; not tested: " : "not tested: ");
		for (size_t i = 0, k = 0; i < x->n_values; i++)
			if (x->values[i].spec && !x->values[i].text)
				tt_buf_printf(out, "%s%s", k++ ? ", " : "", x->values[i].attr->id);
	}
	if (!checked && !x->n_not_tested)
		tt_buf_puts(out, "no attribute with a specification");
}

void tt_report_design(tt_buf *out, const tt_run *run)
{
	const tt_study *st = run->study;
	tt_buf_printf(out, "%s; alpha = %g for each one-sided test; seed %llu",
		      st->design == TT_DESIGN_PAIRED ? "paired (split source)" : "independent lots",
		      st->alpha, (unsigned long long)run->seed);
}

size_t tt_report_site_rows(const tt_comparison_result *r,
			   tt_report_site_row rows[TT_REPORT_SITE_ROWS])
{
	const tt_site_values *sites[2] = { &r->source, &r->receiving };
	size_t n = 0;
	for (int k = 0; k < 2; k++, n++) {
		rows[n].label = k ? "Missing values" : "Lots used (n)";
		for (int i = 0; i < 2; i++)
			snprintf(rows[n].value[i], sizeof rows[n].value[i], "%zu",
				 k ? sites[i]->n_missing : sites[i]->n);
	}
	static const char *const labels[] = { "Mean",           "SD",  "Min",
					      "Median",         "Max", "Geometric mean",
					      "SD of ln values" };
	size_t n_stats = sites[0]->has_log ? 7 : 5;
	for (size_t k = 0; k < n_stats; k++, n++) {
		rows[n].label = labels[k];
		for (int i = 0; i < 2; i++) {
			const tt_site_values *sv = sites[i];
			const tt_describe_result *d = &sv->describe;
			double v = k == 0   ? d->mean
				   : k == 1 ? d->sd
				   : k == 2 ? d->min
				   : k == 3 ? d->median
				   : k == 4 ? d->max
				   : k == 5 ? sv->geometric_mean
					    : sv->sd_log;
			tt_format_human(rows[n].value[i], sizeof rows[n].value[i], v, 4);
		}
	}
	return n;
}

static void add(tt_report_stat_row *rows, size_t *n, size_t max, const char *label, const char *fmt,
		...) __attribute__((format(printf, 5, 6)));

#include <stdarg.h>

static void add(tt_report_stat_row *rows, size_t *n, size_t max, const char *label, const char *fmt,
		...)
{
	if (*n >= max)
		return;
	va_list ap;
	va_start(ap, fmt);
	snprintf(rows[*n].label, sizeof rows[*n].label, "%s", label);
	vsnprintf(rows[*n].value, sizeof rows[*n].value, fmt, ap);
	va_end(ap);
	(*n)++;
}

/* %.4g with NA for a value that does not exist. */
/* Each argument of one add() call formats into its own buffer. */
#define G(i, v) tt_format_human(bufs[i], 40, (v), 4)
#define P(i, v) tt_format_human(bufs[i], 40, (v), 3)

size_t tt_report_stat_rows(const tt_comparison_result *r, tt_report_stat_row *rows, size_t max)
{
	char bufs[8][40];
	size_t n = 0;
	double level = 100 * r->ci_level;
	if (r->has_tost) {
		const tt_tost_result *t = &r->tost;
		const char *what = t->log_scale ? "Ratio of geometric means (receiving/source)"
						: "Difference of means (receiving - source)";
		if (r->n_pairs)
			add(rows, &n, max, "Complete pairs", "%zu", r->n_pairs);
		add(rows, &n, max, what, "%s", G(0, t->diff));
		add(rows, &n, max, t->log_scale ? "Standard error (ln scale)" : "Standard error",
		    "%s", G(0, t->se));
		add(rows, &n, max, "Degrees of freedom", "%s", G(0, t->df));
		add(rows, &n, max, level == 90 ? "90% confidence interval" : "Confidence interval",
		    "[%s, %s]", G(0, t->ci_lower), G(1, t->ci_upper));
		add(rows, &n, max, "Equivalence margin", "[%s, %s]", G(0, t->margin_lower),
		    G(1, t->margin_upper));
		add(rows, &n, max, "p (TOST)", "%s", P(0, t->p_tost));
	}
	if (r->has_ti) {
		if (isfinite(r->ti.k))
			add(rows, &n, max, "Tolerance factor k", "%s", G(0, r->ti.k));
		if (r->ti.order)
			add(rows, &n, max, "Order statistic r", "%zu", r->ti.order);
	}
	if (r->has_range) {
		if (isinf(r->range.lower))
			add(rows, &n, max, "Interval (one-sided)", "at most %s",
			    G(0, r->range.upper));
		else if (isinf(r->range.upper))
			add(rows, &n, max, "Interval (one-sided)", "at least %s",
			    G(0, r->range.lower));
		else
			add(rows, &n, max, "Interval", "[%s, %s]", G(0, r->range.lower),
			    G(1, r->range.upper));
		add(rows, &n, max, "Receiving lots inside", "%zu of %zu (%s%%)", r->range.n_inside,
		    r->range.n_test, G(0, 100 * r->range.fraction_inside));
	}
	if (isfinite(r->sw_p_source) || isfinite(r->sw_p_receiving))
		add(rows, &n, max, "Shapiro-Wilk p (source, receiving)", "%s, %s",
		    P(0, r->sw_p_source), P(1, r->sw_p_receiving));
	if (r->profile) {
		const tt_profile_result *p = r->profile;
		add(rows, &n, max, "Time points", "%zu", p->p);
		add(rows, &n, max, "Lots (source, receiving)", "%zu, %zu", p->n_ref, p->n_test);
		if (r->cmp->profile_method == TT_PROFILE_MSD) {
			add(rows, &n, max, "Mahalanobis distance", "%s", G(0, p->msd));
			add(rows, &n, max, "Upper bound", "%s", G(0, p->msd_upper));
			add(rows, &n, max, "Similarity limit", "%s", G(0, p->msd_limit));
		} else {
			add(rows, &n, max, "f2", "%s", G(0, p->f2));
			if (p->has_f2_ci) {
				char label[64];
				snprintf(label, sizeof label, "%g%% BCa interval", level);
				add(rows, &n, max, label, "[%s, %s]", G(0, p->f2_ci_lower),
				    G(1, p->f2_ci_upper));
			}
		}
	}
	if (r->stability) {
		const tt_stability_result *s = r->stability;
		/* The time unit, from the long-form table's header "time [month]". */
		const char *unit = r->series_source ? r->series_source->time_unit : NULL;
		add(rows, &n, max, "Slope, source (mean of lots)", "%s", G(0, s->source.slope));
		add(rows, &n, max, "Slope, receiving (mean of lots)", "%s",
		    G(0, s->receiving.slope));
		add(rows, &n, max, "Slope difference", "%s", G(0, s->slope_difference));
		add(rows, &n, max, "Confidence interval", "[%s, %s]", G(0, s->ci_lower),
		    G(1, s->ci_upper));
		if (s->has_margin)
			add(rows, &n, max, "Slope margin", "[%s, %s]", G(0, s->margin_lower),
			    G(1, s->margin_upper));
		add(rows, &n, max, "Poolability, source (p slopes, p intercepts)", "%s (%s, %s)",
		    tt_poolability_name(s->source.poolability), P(0, s->source.p_slopes),
		    P(1, s->source.p_intercepts));
		add(rows, &n, max, "Poolability, receiving (p slopes, p intercepts)", "%s (%s, %s)",
		    tt_poolability_name(s->receiving.poolability), P(0, s->receiving.p_slopes),
		    P(1, s->receiving.p_intercepts));
		if (s->source.has_shelf_life)
			add(rows, &n, max, "Shelf life, source", "%s%s%s",
			    s->source.shelf_life_reached ? G(0, s->source.shelf_life)
							 : "not reached",
			    s->source.shelf_life_reached && unit ? " " : "",
			    s->source.shelf_life_reached && unit ? unit : "");
		if (s->receiving.has_shelf_life)
			add(rows, &n, max, "Shelf life, receiving", "%s%s%s",
			    s->receiving.shelf_life_reached ? G(0, s->receiving.shelf_life)
							    : "not reached",
			    s->receiving.shelf_life_reached && unit ? " " : "",
			    s->receiving.shelf_life_reached && unit ? unit : "");
	}
	return n;
}

/* The data files of entry e with or without a SHA-256 (present or absent),
 * "a (role), b (role)"; returns how many. */
static size_t data_list(tt_buf *out, const tt_lock_entry *e, bool present, tt_report_escape_fn esc)
{
	size_t n = 0;
	for (size_t k = 0; k < e->n_data; k++) {
		if ((e->data[k].sha256 != NULL) != present)
			continue;
		tt_buf_puts(out, n++ ? ", " : "");
		esc(out, e->data[k].path);
		tt_buf_puts(out, " (");
		esc(out, e->data[k].role);
		tt_buf_puts(out, ")");
	}
	return n;
}

/* "T, by U" of an entry. */
static void when_who(tt_buf *out, const tt_lock_entry *e, tt_report_escape_fn esc)
{
	esc(out, e->locked_at);
	if (e->user) {
		tt_buf_puts(out, ", by ");
		esc(out, e->user);
	}
}

void tt_report_lock_sentence(tt_buf *out, const tt_run *run, tt_report_escape_fn esc)
{
	if (!run->lock) {
		tt_buf_puts(out, "not locked (no tt lock file)");
		return;
	}
	const tt_lock_entry *first = &run->lock->entries[0];
	if (run->locked_before_data < 0) {
		tt_buf_puts(out, "locked (tt lock, ");
		when_who(out, first, esc);
		tt_buf_puts(out, ") by an earlier tt, which did not record the data files: whether "
				 "the criteria were fixed before the data is not known");
	} else if (run->locked_before_data > 0) {
		tt_buf_puts(out, "locked before the data (tt lock, ");
		when_who(out, first, esc);
		tt_buf_puts(out, "; every data file the study names was absent)");
	} else {
		const tt_lock_entry *e = &run->lock->entries[run->lock_with_data];
		if (run->lock_with_data == 0) {
			tt_buf_puts(out, "locked after the data existed (tt lock, ");
		} else {
			tt_buf_puts(out, "first locked with no data present (");
			when_who(out, first, esc);
			tt_buf_printf(out, "), then changed after the data existed by lock %zu (",
				      run->lock_with_data + 1);
		}
		when_who(out, e, esc);
		tt_buf_puts(out, "); present then: ");
		data_list(out, e, true, esc);
	}
	if (run->lock->n_entries > 1)
		tt_buf_printf(out, "; %zu re-lock%s, listed in the lock history",
			      run->lock->n_entries - 1, run->lock->n_entries == 2 ? "" : "s");
}

void tt_report_lock_row_of(tt_report_lock_row *row, const tt_run *run, size_t i)
{
	const tt_lock_entry *e = &run->lock->entries[i];
	row->locked_at = e->locked_at;
	row->user = e->user ? e->user : "not recorded";
	row->reason = e->reason ? e->reason : i == 0 ? "none (the first lock)" : "none";
	row->criteria = i == 0                    ? "first lock"
			: e->criteria_changed < 0 ? "not recorded"
			: e->criteria_changed     ? "changed"
						  : "unchanged";
}

void tt_report_lock_data(tt_buf *out, const tt_run *run, size_t i, tt_report_escape_fn esc)
{
	const tt_lock_entry *e = &run->lock->entries[i];
	if (e->legacy) {
		tt_buf_puts(out, "not recorded");
		return;
	}
	if (!e->n_data) {
		tt_buf_puts(out, "none named");
		return;
	}
	size_t present = 0;
	for (size_t k = 0; k < e->n_data; k++)
		present += e->data[k].sha256 != NULL;
	if (!present) {
		tt_buf_puts(out, "all absent");
		return;
	}
	tt_buf_puts(out, "present: ");
	data_list(out, e, true, esc);
	if (present < e->n_data) {
		tt_buf_puts(out, "; absent: ");
		data_list(out, e, false, esc);
	}
}

const char *tt_report_at_first_lock(const tt_run *run, size_t i)
{
	int at = run->exclude_at_first_lock ? run->exclude_at_first_lock[i] : -1;
	if (at >= 0)
		return at ? "yes" : "no";
	return run->lock ? "not recorded" : "not locked";
}
