/*
 * results.c - the words of the results' outcomes and verdicts, one table
 * each, indexed by the enumeration.
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

static const struct {
	const char *name, *label, *sentence;
} verdicts[TT_VERDICT_COUNT] = {
	[TT_VERDICT_COMPARABLE] = { "comparable", "COMPARABLE",
				    "Every comparison passed (or is shown for information only) "
				    "and every receiving lot met its release specification." },
	[TT_VERDICT_NOT_COMPARABLE] = { "not-comparable", "NOT COMPARABLE",
					"At least one comparison failed or at least one "
					"receiving lot is out of specification." },
	[TT_VERDICT_INCONCLUSIVE] = { "inconclusive", "INCONCLUSIVE",
				      "No comparison failed and every receiving lot met its "
				      "specification, but at least one comparison could not be "
				      "evaluated; see the reasons below." },
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
