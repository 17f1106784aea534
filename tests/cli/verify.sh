# verify.sh - tt verify: a fresh report matches; a changed input is named;
# a changed result is shown; numbers compare as written; bad usage exits 2.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
cp -r "$ROOT/studies" studies && cp -r "$ROOT/specs" specs

run "$TT" run studies/cart-sh-to-rtp.yaml --no-plots -o rep
expect_status 0 "run"
run "$TT" verify rep
expect_status 0 "fresh report matches"
expect_out_line "inputs: 5 files, every checksum matches" "checksums"
expect_out_line "results: every result matches" "results"
expect_out_line "match" "verdict line"

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
expect_out_line ".study.alpha: 0.05 -> 0.050000000000000003" "shown as written"

# A key given twice is refused, with its place: which would the report mean?
cp -r rep twice
sed -i '0,/"seed": /s//"seed": 7, "seed": /' twice/report.json
run "$TT" verify twice
expect_status 2 "a key given twice"
expect_err_has "twice/report.json: error: not valid JSON: line " "located"
expect_err_has "duplicate object key" "names the fault"

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
finish
