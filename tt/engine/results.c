/*
 * results.c - the words of the results' outcomes, verdicts and sites, one
 * table each, indexed by the enumeration.
 */
#include "tt/engine/results.h"

static const struct {
	const char *name, *label, *words;
} outcomes[TT_OUTCOME_COUNT] = {
	[TT_OUTCOME_PASS] = { "pass", "PASS", "pass" },
	[TT_OUTCOME_FAIL] = { "fail", "FAIL", "fail" },
	[TT_OUTCOME_INCONCLUSIVE] = { "inconclusive", "INCONCLUSIVE", "inconclusive" },
	[TT_OUTCOME_INFO] = { "info", "INFO", "information only" },
};

/* The sentences speak of the receiving lots that the study includes, the
 * only ones that decide the verdict: an excluded lot or a source lot out
 * of its specification is named beside them (tt_run.out_of_spec), never
 * covered by them. */
static const struct {
	const char *name, *label, *sentence;
} verdicts[TT_VERDICT_COUNT] = {
	[TT_VERDICT_COMPARABLE] = { "comparable", "COMPARABLE",
				    "Every comparison passed (or is shown for information only) "
				    "and no receiving lot that the study includes is out of its "
				    "release specification." },
	[TT_VERDICT_NOT_COMPARABLE] = { "not-comparable", "NOT COMPARABLE",
					"At least one comparison failed or at least one "
					"receiving lot that the study includes is out of its "
					"release specification." },
	[TT_VERDICT_INCONCLUSIVE] = { "inconclusive", "INCONCLUSIVE",
				      "No comparison failed and no receiving lot that the study "
				      "includes is out of its release specification, but at "
				      "least one comparison could not be evaluated; see the "
				      "reasons below." },
};

static const char *const sites[TT_SITE_COUNT] = {
	[TT_SITE_SOURCE] = "source",
	[TT_SITE_RECEIVING] = "receiving",
};

const char *tt_outcome_name(tt_outcome o)
{
	return (unsigned)o < TT_OUTCOME_COUNT ? outcomes[o].name : "?";
}

const char *tt_outcome_label(tt_outcome o)
{
	return (unsigned)o < TT_OUTCOME_COUNT ? outcomes[o].label : "?";
}

const char *tt_outcome_words(tt_outcome o)
{
	return (unsigned)o < TT_OUTCOME_COUNT ? outcomes[o].words : "?";
}

const char *tt_verdict_name(tt_verdict v)
{
	return (unsigned)v < TT_VERDICT_COUNT ? verdicts[v].name : "?";
}

const char *tt_verdict_label(tt_verdict v)
{
	return (unsigned)v < TT_VERDICT_COUNT ? verdicts[v].label : "?";
}

const char *tt_verdict_sentence(tt_verdict v)
{
	return (unsigned)v < TT_VERDICT_COUNT ? verdicts[v].sentence : "?";
}

const char *tt_site_role_name(tt_site_role s)
{
	return (unsigned)s < TT_SITE_COUNT ? sites[s] : "?";
}
