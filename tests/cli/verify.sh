# verify.sh - tt verify: a fresh report matches; a file of the folder
# changed, missing or added (an edited verdict in report.html, a figure,
# report.md, report.json, a file added or removed, the manifest removed) is
# named; signatures/ is not the report's; plan and qualification folders
# too; a changed input is named; a changed result is shown; numbers
# compare as written; bad usage exits 2.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
cp -r "$ROOT/studies" studies && cp -r "$ROOT/specs" specs

run "$TT" run studies/cart-sh-to-rtp.yaml --no-plots -o rep
expect_status 0 "run"
run "$TT" verify rep
expect_status 0 "fresh report matches"
expect_out_line "files: 3 files, every checksum matches the manifest" "files"
expect_out_line "record: report.json, identity $(sha256sum rep/report.json | cut -c1-16)" \
  "the record's identity"
expect_out_line "inputs: 5 files, every checksum matches" "checksums"
expect_out_line "results: every result matches" "results"
expect_out_line "match" "verdict line"

# The documents people read and sign, edited after the run: each is named.
# A report that is not comparable, with figures where gnuplot is installed.
if command -v gnuplot >/dev/null; then plots=(); else plots=(--no-plots); fi
run "$TT" run studies/cd7-academic-to-japan.yaml -o cd7 "${plots[@]}"
expect_status 1 "run, not comparable"
run "$TT" verify cd7
expect_status 0 "a report that is not comparable matches"
# edit NAME SED_SCRIPT FILE: a copy of cd7 with FILE edited by SED_SCRIPT.
edit() {
  rm -rf "$1" && cp -r cd7 "$1" && sed -i "$2" "$1/$3"
  if cmp -s "cd7/$3" "$1/$3"; then not_ok "$1: the edit of $3 changed nothing"; fi
}
edit verdict 's/Verdict: NOT COMPARABLE/Verdict: COMPARABLE/' report.html
run "$TT" verify verdict
expect_status 1 "NOT COMPARABLE edited to COMPARABLE in report.html"
expect_out_line "  report.html changed since the report was written" "names report.html"
expect_out_line "files: 1 of the $(grep -c '"bytes"' cd7/manifest.json) in the manifest changed or missing, 0 added" \
  "counts the files"
expect_out_line "results: every result matches" "the results still match"
expect_out_line "differ" "differ"
edit md 's/NOT COMPARABLE/COMPARABLE/' report.md
run "$TT" verify md
expect_status 1 "report.md edited"
expect_out_line "  report.md changed since the report was written" "names report.md"
# generated_at is not compared with a recomputed report: only the manifest
# sees this edit of report.json.
edit json 's/"generated_at": "[^"]*"/"generated_at": "2030-01-01T00:00:00Z"/' report.json
run "$TT" verify json
expect_status 1 "report.json edited"
expect_out_line "  report.json changed since the report was written" "names report.json"
expect_out_line "results: every result matches" "which the recomputation does not see"
if command -v gnuplot >/dev/null; then
  edit figure 's/<title>/<title>edited /' plots/forest.svg
  run "$TT" verify figure
  expect_status 1 "a figure edited"
  expect_out_line "  plots/forest.svg changed since the report was written" "names the figure"
  rm -rf gone && cp -r cd7 gone && rm gone/plots/03-vcn-equivalence.svg
  run "$TT" verify gone
  expect_status 1 "a figure removed"
  expect_out_line "  plots/03-vcn-equivalence.svg is missing" "names the missing figure"
fi
rm -rf added && cp -r cd7 added && echo "reviewed" >added/notes.txt
run "$TT" verify added
expect_status 1 "a file added"
expect_out_line "  notes.txt was added" "names the added file"
expect_out_line "files: 0 of the $(grep -c '"bytes"' cd7/manifest.json) in the manifest changed or missing, 1 added" \
  "counts the added file"
rm -rf nomd && cp -r cd7 nomd && rm nomd/report.md
run "$TT" verify nomd
expect_status 1 "report.md removed"
expect_out_line "  report.md is missing" "names the removed file"
# A name that would drive a terminal is shown escaped.
rm -rf esc && cp -r cd7 esc && touch "esc/a$(printf '\033')[2Jb"
run "$TT" verify esc
expect_status 1 "an added file with a control character in its name"
expect_out_line '  a\x1b[2Jb was added' "named, escaped"
# Signatures are added after the manifest and are not part of it: a file
# under signatures/ is no added file; a signature file is checked as a
# signature (tests/cli/sign.sh), and a broken one is named as such.
rm -rf signed && cp -r cd7 signed && mkdir signed/signatures && echo '<p>' >signed/signatures/page.html
run "$TT" verify signed
expect_status 0 "signatures/ is not a difference"
echo '{}' >signed/signatures/01.json
run "$TT" verify signed
expect_status 1 "a broken signature file is a difference"
expect_true "named as a signature, not as an added file" \
  bash -c "grep -q '^signature 01: invalid: signatures/01.json' '$WORK/out' && ! grep -q 'was added' '$WORK/out'"
# Without its manifest a folder cannot be checked: a difference.
rm -rf nomanifest && cp -r cd7 nomanifest && rm nomanifest/manifest.json
run "$TT" verify nomanifest
expect_status 1 "manifest.json removed"
expect_out_line "  no manifest.json: not a report folder written by this tt, or it was removed" \
  "says the manifest is missing"
expect_out_line "results: every result matches" "the rest is still checked"
# Without its record: the manifest names it, nothing more can be checked.
rm -rf norecord && cp -r cd7 norecord && rm norecord/report.json
run "$TT" verify norecord
expect_status 1 "report.json removed"
expect_out_line "  report.json is missing" "names the record"

# A plan's folder and a qualification's: the files and a plan's inputs.
run "$TT" plan "$RES/plan/paired-rho.yaml" -o plan --no-plots
expect_status 0 "plan"
run "$TT" verify plan
expect_status 0 "a plan matches"
expect_out_line "inputs: 3 files, every checksum matches" "a plan's inputs"
expect_out_line "results: not computed again for a plan (tt plan with the recorded seed does that)" \
  "a plan is not recomputed"
sed -i 's/Probability that the whole study passes: [0-9.]*/Probability that the whole study passes: 0.999/' plan/plan.html
run "$TT" verify plan
expect_status 1 "an edited plan"
expect_out_line "  plan.html changed since the report was written" "names plan.html"
run "$TT" validate -o val
expect_status 0 "validate"
run "$TT" verify val
expect_status 0 "a qualification report matches"
expect_out_line "inputs: none (a qualification reads no file)" "no inputs"
sed -i 's/>PASS</>PASS </' val/validation.html
run "$TT" verify val
expect_status 1 "an edited qualification report"
expect_out_line "  validation.html changed since the report was written" "names validation.html"

# From elsewhere, with --base naming the folder the run started in.
mkdir -p elsewhere
(cd elsewhere && "$TT" verify ../rep --base .. >"$WORK/out" 2>"$WORK/err"); status=$?
expect_status 0 "verify with --base"

# Numbers compare by their text: the same double written another way is
# shown as a difference, as written.
cp -r rep respelled
sed -i '0,/"alpha": 0.050000000000000003/s//"alpha": 0.05/' respelled/report.json
run "$TT" verify respelled
expect_status 1 "a number written another way differs"
expect_out_line "  report.json changed since the report was written" "the manifest names it"
expect_out_line ".study.alpha: 0.05 -> 0.050000000000000003" "shown as written"

# A key given twice is refused, with its place: which would the report mean?
cp -r rep twice
sed -i '0,/"seed": /s//"seed": 7, "seed": /' twice/report.json
run "$TT" verify twice
expect_status 2 "a key given twice"
expect_err_has "twice/report.json: error: not valid JSON: line " "located"
expect_err_has "duplicate object key" "names the fault"
expect_out_line "  report.json changed since the report was written" "the manifest names the file"

# A changed receiving lot: the file is named, and the result that moved.
sed -i 's/^RTP-001,\([^,]*\),\([^,]*\),[0-9.]*,/RTP-001,\1,\2,85.0,/' studies/data/rtp-lots.csv
run "$TT" verify rep
expect_status 1 "changed data differ"
expect_out_has "changed: studies/data/rtp-lots.csv" "names the changed file"
expect_out_has ".comparisons[0]" "shows a changed result"
expect_out_line "differ" "verdict line differ"

# A missing input.
rm studies/data/sh-lots.csv
run "$TT" verify rep
expect_status 1 "missing input differs"
expect_out_has "missing: studies/data/sh-lots.csv" "names the missing file"

# Usage.
run "$TT" verify
expect_status 2 "no folder"
run "$TT" verify nowhere
expect_status 2 "not a report folder"
mkdir empty
run "$TT" verify empty
expect_status 2 "a folder tt did not write"
expect_err_has "holds no manifest.json naming a record this tt knows" "says so"
finish
