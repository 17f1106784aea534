# plan.sh - tt plan end to end: the grid without a study, a study's plan on
# stdout and as a folder, determinism across threads, and every usage error.
source "$(dirname "$0")/lib.sh"
STUDY="$ROOT/studies/cart-sh-to-rtp.yaml"
PLANS="$RES/plan"
cd "$WORK" || exit 1

# ---- the grid ----

run "$TT" plan --approach equivalence --margin-sigma 1.5 --n-source 3..15 --n-receiving 3..15
expect_status 0 "grid of the issue"
expect_out_line "pass probability of equivalence: margin 1.5 sd of the source lots, Welch's t, alpha 0.05 (90% CI); true difference 0 sd, sd ratio 1" "grid title"
expect_out_has "source        3      4      5      6" "grid header"
# Rows: n_source 3 (Welch 3 vs 3 cannot pass), 5 vs 5 = 0.343, 10 vs 10 =
# 0.812 (METHODS.md).
expect_out_has "3             0      0  0.000" "3 vs 3 is exactly 0"
expect_out_has "5         0.219  0.282  0.343" "5 vs 5 = 0.343"
expect_out_has "10        0.334  0.446  0.552  0.636  0.700  0.748  0.784  0.812" "10 vs 10 = 0.812"
expect_out_line "exact" "exact grid"
expect_out_line "0: the rule cannot pass at these lot counts" "zero explained"
expect_out_line "lots per site for 80%: 10 (0.812)" "lots for 80%"

run "$TT" plan --approach equivalence --margin-sigma 1.5 --variance pooled --n-source 3 --n-receiving 3,10 2>/dev/null
expect_status 2 "a list is not a range"
run "$TT" plan --approach equivalence --margin-sigma 1.5 --variance pooled --n-source 3 --n-receiving 3..3
expect_status 0 "pooled 3 vs 3"
expect_out_has "3         0.058" "pooled 3 vs 3 = 0.058 (METHODS.md)"

run "$TT" plan --approach equivalence --margin-absolute 3 --sd 2 --variance pooled --n-source 10 --n-receiving 10 --format json
expect_status 0 "known margin json"
expect_out_has '"approach": "equivalence"' "json approach"
expect_out_has '"absolute": 3' "json margin"
expect_out_has '0.88572727187' "10 vs 10 known margin = 0.886 (METHODS.md, plan.R)"
expect_out_has '"lots_for_80": 9' "json lots for 80"

run "$TT" plan --approach min-max --n-source 5 --n-receiving 5 --format md
expect_status 0 "min-max md"
expect_out_has "| 5 | 0.222 |" "min-max 5 vs 5 = 2/9"
expect_out_line "- lots per site for 80%: not reached with up to 100" "min-max never reaches 80%"

# Simulated grids: the same numbers for any number of threads.
run "$TT" plan --approach quality-range --k 3 --min-fraction 0.9 --n-source 4..6 --n-receiving 5 --seed 9 --threads 1
expect_status 0 "quality range, 1 thread"
cp "$WORK/out" one.txt
run "$TT" plan --approach quality-range --k 3 --min-fraction 0.9 --n-source 4..6 --n-receiving 5 --seed 9 --threads 2
cp "$WORK/out" two.txt
expect_true "1 and 2 threads give the same grid" cmp -s one.txt two.txt
expect_out_has "simulated: Monte Carlo error at most" "simulated grid says so"
run "$TT" plan --approach quality-range --n-source 4..6 --n-receiving 5 --seed 10
if cmp -s one.txt "$WORK/out"; then not_ok "another seed gives other numbers"; else ok; fi

run "$TT" plan --approach tolerance-interval --content 0.95 --confidence 0.9 --method howe --n-source 8 --n-receiving 5 --difference-sd 0.25
expect_status 0 "tolerance grid"
run "$TT" plan --approach equivalence --margin-sigma 1.5 --paired --n-source 6 --n-receiving 6
expect_status 0 "paired without a correlation"
expect_err_line "tt plan: warning: the between-donor correlation is assumed to be 0.5; give it with --correlation" "correlation warning"

# ---- usage errors of the grid ----

ue() { # ue LABEL EXPECTED_STDERR_LINE ARGS...
  local label=$1 line=$2; shift 2
  run "$TT" plan "$@"
  expect_status 2 "$label"
  expect_err_line "$line" "$label message"
}
ue "no arguments" "tt plan: error: no study given (or --approach for a grid of lot counts)"
ue "decreasing range" "tt plan: error: --n-source: the range '3..2' decreases" \
  --approach min-max --n-source 3..2
ue "one lot" "tt plan: error: --n-receiving: lot counts start at 2, not 1" \
  --approach min-max --n-receiving 1..5
ue "not a range" "tt plan: error: --n-source needs a lot count N or a range A..B, not 'x..5'" \
  --approach min-max --n-source x..5
ue "too many lots" "tt plan: error: --n-source: at most 1000 lots, not 5000" \
  --approach min-max --n-source 3..5000
ue "misspelt approach" "tt plan: error: unknown approach 'equivalance'; did you mean 'equivalence'?" \
  --approach equivalance --margin-sigma 1.5
ue "graphical" "tt plan: error: approach 'graphical' has no pass probability to plan" \
  --approach graphical
ue "no margin" "tt plan: error: equivalence needs a margin: --margin-sigma, --margin-absolute, --margin-percent or --margin-ratio" \
  --approach equivalence
ue "two margins" "tt plan: error: give one margin, not --margin-absolute and --margin-sigma" \
  --approach equivalence --margin-sigma 1.5 --margin-absolute 2 --sd 1
ue "absolute without sd" "tt plan: error: --margin-absolute needs the true sd: --sd S" \
  --approach equivalence --margin-absolute 2
ue "percent without mean" "tt plan: error: --margin-percent needs the true mean: --mean M" \
  --approach equivalence --margin-percent 10 --sd 2
ue "sd with a sigma margin" "tt plan: error: --sd is not needed with --margin-sigma: the rule does not depend on it" \
  --approach equivalence --margin-sigma 1.5 --sd 2
ue "k with equivalence" "tt plan: error: --k does not apply to approach 'equivalence'" \
  --approach equivalence --margin-sigma 1.5 --k 3
ue "one side without direction" "tt plan: error: --sides 1 needs --direction lower or upper" \
  --approach tolerance-interval --sides 1
ue "correlation without paired" "tt plan: error: --correlation is for a paired design (--paired)" \
  --approach equivalence --margin-sigma 1.5 --correlation 0.5
ue "bad number" "tt plan: error: --margin-sigma needs a number, not '1,5'" \
  --approach equivalence --margin-sigma 1,5
ue "negative margin" "tt plan: error: the margin must be a positive number, not -1" \
  --approach equivalence --margin-sigma -1
ue "ratio below 1" "tt plan: error: a ratio margin must be above 1, not 0.8" \
  --approach equivalence --margin-ratio 0.8 --sd 0.2
ue "alpha" "tt plan: error: alpha must be between 0 and 0.5, not 0.7" \
  --approach equivalence --margin-sigma 1.5 --alpha 0.7
ue "min fraction" "tt plan: error: min_fraction must be between 0 and 1, not 2" \
  --approach quality-range --min-fraction 2
ue "sd ratio" "tt plan: error: the sd ratio must be a positive number, not 0" \
  --approach min-max --sd-ratio 0
ue "correlation 1" "tt plan: error: the correlation must be between -1 and 1, not 1" \
  --approach equivalence --margin-sigma 1.5 --paired --correlation 1
ue "bad seed" "tt plan: error: --seed needs a whole number >= 0, not '-1'" \
  --approach min-max --seed -1
ue "bad mc error" "tt plan: error: --mc-error must be between 0.0001 and 0.5, not '0'" \
  --approach min-max --mc-error 0
ue "bad threads" "tt plan: error: --threads needs a number from 1 to 64, not '0'" \
  --approach min-max --threads 0
ue "grid format" "tt plan: error: unknown format 'xml'" --approach min-max --format xml
ue "output without a study" "tt plan: error: --output needs a study" --approach min-max -o x
ue "two studies" "tt plan: error: one study at a time" "$STUDY" "$STUDY"
ue "grid option with a study" "tt plan: error: --approach describes a rule for the grid without a study; a study's rules are in the study file" \
  "$STUDY" --approach min-max
ue "no-plots on stdout" "tt plan: error: --no-plots applies only when the plan is written to a folder (-o DIR, html or several formats)" \
  "$STUDY" --no-plots
ue "study format" "tt plan: error: unknown format 'pdf'" "$STUDY" --format pdf
run "$TT" plan --aproach min-max
expect_status 2 "misspelt option"
expect_err_line "tt plan: error: unknown option '--aproach'; did you mean '--approach'?" "option hint"

# ---- a study ----

run "$TT" plan "$STUDY"
expect_status 0 "study plan, Markdown on stdout"
expect_out_line "# Study plan: CT053 site transfer, Shanghai to Research Triangle Park" "md title"
expect_out_has "| 1. viability | equivalence (TOST) | 11, 8 |" "md summary row"
expect_out_has "**Probability that the whole study passes: " "md study probability"
expect_true "nothing written for stdout" test ! -e reports

run "$TT" plan "$STUDY" --format json --threads 1
expect_status 0 "study plan, JSON"
cp "$WORK/out" plan1.json
for key in '"study": "ct053-sh-rtp"' '"comparisons": [' '"pass_probability": ' '"mc_error": ' \
  '"scenarios": [' '"difference_sd": 0.25' '"sd_ratio": 1.5' '"lots_for_80": 10,' \
  '"lots_for_80": null' '"patient_risk": ' '"study_pass_probability": ' '"seed": 20240917'; do
  expect_out_has "$key" "json has $key"
done
run "$TT" plan "$STUDY" --format json --threads 2
expect_true "study: 1 and 2 threads give the same plan" cmp -s plan1.json "$WORK/out"
# A small study that is exact throughout, for the folder rules.
FAST="$PLANS/paired-rho.yaml"
run "$TT" plan "$FAST" --format json
expect_out_has '"seed": 1,' "no seed anywhere: 1"
run "$TT" plan "$FAST" --format json --seed 3
expect_out_has '"seed": 3,' "--seed overrides"

# Folders: default place, no overwrite without --force.
run "$TT" plan "$FAST" --format md,json --no-plots
expect_status 0 "plan folder"
expect_out_line "plan-paired-rho: plan written to reports/plan-paired-rho-plan/" "folder message"
expect_true "plan.md written" test -s reports/plan-paired-rho-plan/plan.md
expect_true "plan.json written" test -s reports/plan-paired-rho-plan/plan.json
expect_true "no html unless asked" test ! -e reports/plan-paired-rho-plan/plan.html
run "$TT" plan "$FAST" --format md,json --no-plots
expect_status 2 "existing plan"
expect_err_has "exists; use --force to replace it" "overwrite refused"
run "$TT" plan "$FAST" --format html --no-plots --force
expect_status 0 "forced plan"
expect_true "html written" test -s reports/plan-paired-rho-plan/plan.html
expect_true "json always written" test -s reports/plan-paired-rho-plan/plan.json
expect_true "old md gone" test ! -e reports/plan-paired-rho-plan/plan.md
mkdir -p mine && echo keep > mine/data.txt
run "$TT" plan "$FAST" -o mine --force --no-plots
expect_status 2 "force on a foreign folder"
expect_true "foreign folder kept" test -f mine/data.txt

# gnuplot missing: exit 3, naming --no-plots, nothing written.
mkdir -p emptybin
PATH="$WORK/emptybin" run "$TT" plan "$FAST" -o nognuplot
expect_status 3 "gnuplot missing"
expect_err_has "run with --no-plots" "names --no-plots"
expect_true "nothing written without gnuplot" test ! -e nognuplot

# With gnuplot: the curves inline in plan.html.
if command -v gnuplot >/dev/null 2>&1; then
  run "$TT" plan "$FAST" -o withplots
  expect_status 0 "plan with figures"
  expect_true "lot-count figure" test -s withplots/plots/oc-01-viability-lots.svg
  expect_true "difference figure" test -s withplots/plots/oc-01-viability-difference.svg
  expect_true "figures inline" grep -q '<svg' withplots/plan.html
  expect_true "md links figures" grep -q '](plots/oc-01-viability-lots.svg)' withplots/plan.md
fi

# Studies that cannot be planned, with located errors.
cd "$PLANS/.." || exit 1
run "$TT" plan plan/no-counts.yaml
expect_status 2 "no lot counts"
expect_err_line "plan/no-counts.yaml:3:3: error: no source lot count: give the source data or 'n_source' in the plan block" "no source count"
run "$TT" plan plan/no-sd.yaml
expect_status 2 "no sd"
expect_err_line "plan/no-sd.yaml:10:7: error: the absolute margin of 'viability' needs the attribute's true sd: give the source lots or a plan assumption { attribute: viability, sd: ... }" "no sd message"
run "$TT" plan plan/paired.yaml --format json
expect_status 0 "paired plan"
expect_err_line "plan/paired.yaml:9:5: warning: the paired design's between-donor correlation is assumed to be 0.5; give it as 'correlation' in the plan block" "paired warning"
expect_out_has '"correlation_assumed": true' "json says the correlation is assumed"
run "$TT" plan plan/no-data.yaml --format json
expect_status 0 "plan without data"
expect_out_has '"pass_probability": 0.375,' "min-max 10 vs 6 exactly 0.375"
cd "$WORK" || exit 1

finish
