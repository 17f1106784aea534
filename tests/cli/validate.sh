# validate.sh - tt validate end to end: exit status, the summary, the
# report folder rules (default place, no overwrite without --force) and the
# content of validation.html and validation.json.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# Usage errors.
run "$TT" validate extra
expect_status 2 "positional argument"
expect_err_line "tt validate: error: unexpected argument 'extra'" "positional message"
run "$TT" validate --forse
expect_status 2 "unknown option"
expect_err_line "tt validate: error: unknown option '--forse'; did you mean '--force'?" \
  "did you mean"
[[ ! -e reports ]] && ok || not_ok "a usage error left reports/ behind"

run "$TT" help validate
expect_status 0 "help"
expect_out_has "tt validate [-o DIR] [--force]" "usage in help"

# The default folder is reports/validation; every check passes.
run "$TT" validate
expect_status 0 "validate"
for f in validation.json validation.html; do
  [[ -s reports/validation/$f ]] && ok || not_ok "missing reports/validation/$f"
done
last=$(tail -n 1 "$WORK/out")
[[ $last =~ ^[0-9]+\ passed,\ 0\ failed$ ]] && ok || not_ok "last line: '$last'"
expect_out_has "report: reports/validation/" "report path"
expect_true "summary header" grep -Eq '^group +checks +passed$' "$WORK/out"
expect_true "json result" grep -q '"result": "pass"' reports/validation/validation.json
expect_true "SOURCE_DATE_EPOCH honoured" \
  grep -q '"generated_at": "2023-11-14T22:13:20Z"' reports/validation/validation.json

# Every group of the summary is in the HTML, in the stdout table, and has
# checks; the sign-off block is there.
titles=$(sed -n 's/^        "title": "\(.*\)",$/\1/p' reports/validation/validation.json)
n_groups=0
while IFS= read -r title; do
  n_groups=$((n_groups + 1))
  expect_true "html has group '$title'" grep -qF -- "$title" reports/validation/validation.html
  expect_true "stdout has group '$title'" grep -qF -- "$title" "$WORK/out"
done <<<"$titles"
[[ $n_groups -ge 13 ]] && ok || not_ok "only $n_groups groups in validation.json"
for group in nist tolerance power f2 msd r-tost r-varratio r-shapiro r-ranges r-tolerance \
  r-power r-nct golden; do
  expect_true "checks of group $group" \
    grep -q "\"id\": \"$group\\." reports/validation/validation.json
done
for word in "Sign-off" "Executed by" "Reviewed by" "QA approved" "signature" "Environment"; do
  expect_true "html has '$word'" grep -qF -- "$word" reports/validation/validation.html
done
expect_true "html self-contained" bash -c \
  "! grep -qE '<script|<link|src=|https?://' reports/validation/validation.html"

# Never overwritten without --force; --force replaces it.
echo "a note of the user's" > reports/validation/notes.txt
run "$TT" validate
expect_status 2 "existing report"
expect_err_has "exists; use --force to replace it" "overwrite message"
expect_true "user's note kept" test -f reports/validation/notes.txt
run "$TT" validate --force
expect_status 0 "forced run"
expect_true "forced run replaced the folder" test ! -e reports/validation/notes.txt

# --force never removes a folder that is not a qualification report.
mkdir -p mine && echo keep > mine/data.txt
run "$TT" validate --force -o mine
expect_status 2 "force on a foreign folder"
expect_err_has "is not a tt output folder" "foreign folder message"
expect_true "foreign folder kept" test -f mine/data.txt

# -o names the folder; the same system gives the same report.
run "$TT" validate -o a
expect_status 0 "validate -o a"
run "$TT" validate --output b/
expect_status 0 "validate --output b/"
expect_out_has "report: b/" "report path without a doubled slash"
expect_true "identical json" cmp -s a/validation.json b/validation.json
expect_true "identical html" cmp -s a/validation.html b/validation.html
expect_true "no temporary folders left" bash -c "! ls -d *.tmp-* reports/*.tmp-* 2>/dev/null"

finish
