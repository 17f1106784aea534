# run.sh - tt run end to end: exit statuses, the output folder rules
# (default place, no overwrite without --force, nothing left on failure),
# formats, determinism and the lock.
source "$(dirname "$0")/lib.sh"
# A copy: tt run appends to the study's audit trail, beside the study.
mkdir -p "$WORK/tree" && cp -r "$ROOT/studies" "$ROOT/specs" "$WORK/tree/"
STUDY="$WORK/tree/studies/cart-sh-to-rtp.yaml"
cd "$WORK" || exit 1

# Usage errors.
run "$TT" run
expect_status 2 "no study"
expect_err_line "tt run: error: no study given" "no study message"
run "$TT" run "$STUDY" --formt md
expect_status 2 "unknown option"
expect_err_line "tt run: error: unknown option '--formt'; did you mean '--format'?" "did you mean"
run "$TT" run "$STUDY" --format md,pdf
expect_status 2 "unknown format"
run "$TT" run "$STUDY" --seed -4
expect_status 2 "negative seed"
run "$TT" run missing.yaml --no-plots
expect_status 2 "missing study"
[[ ! -e reports ]] && ok || not_ok "a failed run left reports/ behind"

# gnuplot missing: exit 3, naming --no-plots, and nothing written.
mkdir -p emptybin
PATH="$WORK/emptybin" run "$TT" run "$STUDY" -o nognuplot
expect_status 3 "gnuplot missing"
expect_err_has "run with --no-plots" "names --no-plots"
expect_true "nothing written without gnuplot" test ! -e nognuplot

# The default folder is reports/STUDY_ID; the example is comparable.
run "$TT" run "$STUDY" --no-plots
expect_status 0 "example run"
expect_out_has "ct053-sh-rtp: comparable" "verdict on stdout"
for f in report.json report.md report.html; do
  [[ -s reports/ct053-sh-rtp/$f ]] && ok || not_ok "missing reports/ct053-sh-rtp/$f"
done
expect_true "json verdict" grep -q '"verdict": "comparable"' reports/ct053-sh-rtp/report.json
# The gap analysis opens the report, after the verdict and its summary.
expect_true "md gap analysis" grep -q '^## Process differences: cart-sh to cart-rtp' reports/ct053-sh-rtp/report.md
expect_true "json gap analysis" grep -q '"gap_analysis"' reports/ct053-sh-rtp/report.json
expect_true "html gap analysis" grep -q 'id="gap-analysis"' reports/ct053-sh-rtp/report.html

# Never overwritten without --force; --force replaces it.
echo "a note of the user's" > reports/ct053-sh-rtp/notes.txt
run "$TT" run "$STUDY" --no-plots
expect_status 2 "existing report"
expect_err_has "exists; use --force to replace it" "overwrite message"
expect_true "user's note kept" test -f reports/ct053-sh-rtp/notes.txt
run "$TT" run "$STUDY" --no-plots --force
expect_status 0 "forced run"
expect_true "forced run replaced the folder" test ! -e reports/ct053-sh-rtp/notes.txt

# --force never removes a folder that is not a tt report.
mkdir -p mine && echo keep > mine/data.txt
run "$TT" run "$STUDY" --no-plots --force -o mine
expect_status 2 "force on a foreign folder"
expect_err_has "is not a tt output folder" "foreign folder message"
expect_true "foreign folder kept" test -f mine/data.txt

# --format narrows the outputs (report.json always marks the folder).
run "$TT" run "$STUDY" --no-plots --format md -o only-md
expect_status 0 "md only"
expect_true "md written" test -s only-md/report.md
expect_true "no html" test ! -e only-md/report.html

# Determinism: two runs, byte-identical JSON and Markdown.
run "$TT" run "$STUDY" --no-plots -o a
mv a b
run "$TT" run "$STUDY" --no-plots -o a
expect_true "identical json" cmp -s a/report.json b/report.json
expect_true "identical md" cmp -s a/report.md b/report.md
expect_true "SOURCE_DATE_EPOCH honoured" grep -q '"generated_at": "2023-11-14T22:13:20Z"' a/report.json

# No temporary folders are left beside the reports.
left=$(ls -d ./*.tmp-* reports/*.tmp-* reports/*.old-* 2>/dev/null | wc -l)
[[ $left == 0 ]] && ok || not_ok "temporary folders left: $left"

# The lock: locked studies say so; a changed criterion is refused.
mkdir -p lockcase && cp -r "$ROOT/studies/." lockcase/studies && cp -r "$ROOT/specs" lockcase/specs
run "$TT" lock lockcase/studies/cart-sh-to-rtp.yaml
expect_status 0 "lock"
expect_true "lock file" test -s lockcase/studies/cart-sh-to-rtp.lock
run "$TT" lock lockcase/studies/cart-sh-to-rtp.yaml
expect_status 2 "lock twice without --force"
run "$TT" run lockcase/studies/cart-sh-to-rtp.yaml --no-plots -o locked
expect_status 0 "locked run"
expect_true "report says locked" grep -q '"locked": true' locked/report.json
sed -i 's/alpha: 0.05/alpha: 0.10/' lockcase/studies/cart-sh-to-rtp.yaml
run "$TT" run lockcase/studies/cart-sh-to-rtp.yaml --no-plots -o relocked
expect_status 2 "changed after locking"
expect_err_has "lockcase/studies/cart-sh-to-rtp.yaml: error: changed after the study was locked" "names the changed file"
expect_true "no report after a refused lock" test ! -e relocked

finish
