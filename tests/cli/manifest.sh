# manifest.sh - manifest.json in every folder tt writes (tt run, tt plan,
# tt validate): every file listed with the SHA-256 and size computed here
# (sha256sum, stat) and nothing else, the inputs, the program's SHA-256,
# the versions, the command line, the seed and the time; and the record's
# identity (the SHA-256 of the JSON record) in each HTML report, near the
# top and, printed by headless Chromium where it is installed, on every
# page.  The unit test tests/test_manifest.c reads the manifest with
# jansson.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
cp -r "$ROOT/studies" studies && cp -r "$ROOT/specs" specs
have_gnuplot=$(command -v gnuplot || true)

# files_listed DIR: "SHA256 BYTES PATH" for each file DIR's manifest lists.
files_listed() {
  awk '/^  "files": \[/ { f = 1 }
       f && /"path":/ { p = $2; gsub(/[",]/, "", p) }
       f && /"sha256":/ { s = $2; gsub(/[",]/, "", s) }
       f && /"bytes":/ { print s, $2, p }' "$1/manifest.json"
}

# files_found DIR: the same for each file in DIR, computed here.
files_found() {
  (cd "$1" && find . -type f ! -path ./manifest.json ! -path './signatures/*' |
    sed 's|^\./||' | LC_ALL=C sort | while read -r f; do
      echo "$(sha256sum "$f" | cut -c1-64) $(stat -c %s "$f") $f"
    done)
}

# member DIR KEY: the value of a top-level member of DIR's manifest, as
# written (strings without their quotes).
member() {
  sed -n "s/^  \"$2\": //p" "$1/manifest.json" | sed 's/,$//; s/^"//; s/"$//'
}

# library DIR NAME: a library's version in DIR's manifest.
library() {
  sed -n "/^  \"libraries\"/,/^  }/s/^    \"$2\": //p" "$1/manifest.json" |
    sed 's/,$//; s/^"//; s/"$//'
}

# expect_eq GOT WANT LABEL
expect_eq() {
  if [[ $1 == "$2" ]]; then ok; else not_ok "$3: '$1', expected '$2'"; fi
}

# check_folder DIR RECORD KIND COMMAND SEED: what every manifest holds.
check_folder() {
  local dir=$1 record=$2 kind=$3 command=$4 seed=$5
  expect_true "$dir: manifest.json written" test -s "$dir/manifest.json"
  files_listed "$dir" >"$WORK/listed"
  files_found "$dir" >"$WORK/found"
  if [[ -s $WORK/found ]] && diff -u "$WORK/found" "$WORK/listed" >"$WORK/diff"; then ok; else
    not_ok "$dir: the files listed are not the files found (sha256, bytes, path):"
    head -20 "$WORK/diff" >&2
  fi
  expect_eq "$(member "$dir" manifest_version)" 1 "$dir: manifest_version"
  expect_eq "$(member "$dir" kind)" "$kind" "$dir: kind"
  expect_eq "$(sed -n 's/^    "path": "\(.*\)",$/\1/p' "$dir/manifest.json" | head -1)" \
    "$record" "$dir: the record's path"
  local id
  id=$(sha256sum "$dir/$record" | cut -c1-64)
  expect_eq "$(sed -n '/^  "record"/,/^  }/s/^    "sha256": "\(.*\)"$/\1/p' "$dir/manifest.json")" \
    "$id" "$dir: the record's identity is the SHA-256 of $record"
  expect_eq "$(member "$dir" generated_at)" "2023-11-14T22:13:20Z" "$dir: time from SOURCE_DATE_EPOCH"
  expect_eq "$(member "$dir" command_line)" "$command" "$dir: command line"
  expect_eq "$(member "$dir" seed)" "$seed" "$dir: seed"
  expect_eq "$(member "$dir" tt_version)" "$("$TT" --version | cut -d' ' -f2)" "$dir: tt_version"
  expect_eq "$(member "$dir" executable_sha256)" "$(sha256sum "$TT" | cut -c1-64)" \
    "$dir: the SHA-256 of the tt that ran"
  for lib in gsl libyaml openssl jansson; do
    if [[ -n $(library "$dir" $lib) && $(library "$dir" $lib) != null ]]; then ok; else
      not_ok "$dir: no version of $lib"
    fi
  done
  # The HTML report, when there is one, prints the identity near the top.
  local html=$dir/${record%.json}.html
  if [[ ! -e $html ]] || grep -qF "Record identity <code>${id:0:16}</code>" "$html"; then ok; else
    not_ok "$html does not print the record identity ${id:0:16}"
  fi
}

# Each input listed with the SHA-256 of the file as it is.
check_inputs() {
  local dir=$1 n=0 path sha
  while read -r path sha; do
    n=$((n + 1))
    expect_eq "$(sha256sum "$path" | cut -c1-64)" "$sha" "$dir: input $path"
  done < <(awk '/^  "inputs": \[$/ { f = 1 } /^  \]/ { f = 0 }
               f && /"path":/ { p = $2; gsub(/[",]/, "", p) }
               f && /"sha256":/ { s = $2; gsub(/[",]/, "", s); print p, s }' "$dir/manifest.json")
  expect_eq "$n" "$2" "$dir: inputs listed"
}

# tt run, with figures where gnuplot is installed.
args=(run studies/cart-sh-to-rtp.yaml -o rep)
[[ -n $have_gnuplot ]] || args+=(--no-plots)
run "$TT" "${args[@]}"
expect_status 0 "tt run"
check_folder rep report.json run "tt ${args[*]}" 20240917
check_inputs rep 5
if [[ -n $have_gnuplot ]]; then
  expect_eq "$(library rep gnuplot)" "$(gnuplot --version)" "the gnuplot that drew the figures"
  expect_true "figures listed" grep -q '"path": "plots/forest.svg"' rep/manifest.json
fi

# Without figures: no gnuplot version; another seed.
run "$TT" run studies/cart-sh-to-rtp.yaml -o bare --no-plots --format json --seed 5
expect_status 0 "tt run --no-plots --format json"
check_folder bare report.json run "tt run studies/cart-sh-to-rtp.yaml -o bare --no-plots --format json --seed 5" 5
expect_eq "$(library bare gnuplot)" null "no figures: gnuplot null"
expect_eq "$(files_listed bare | cut -d' ' -f3)" report.json "only report.json listed"

# tt plan's folder.
run "$TT" plan "$RES/plan/paired-rho.yaml" -o plan --no-plots --format json,html
expect_status 0 "tt plan"
check_folder plan plan.json plan "tt plan $RES/plan/paired-rho.yaml -o plan --no-plots --format json,html" 1
check_inputs plan 3

# tt validate's folder: no inputs, no seed.
run "$TT" validate -o val
expect_status 0 "tt validate"
check_folder val validation.json validation "tt validate -o val" null
check_inputs val 0

# manifest.json is not one of the outputs hashed by scripts/output-hashes:
# the program's SHA-256 and the library versions differ between builds.
expect_true "output-hashes leaves manifest.json out" grep -q "! -name manifest.json" \
  "$ROOT/scripts/output-hashes"

# The record identity on every printed page: the run's report and the
# qualification report (96 pages) printed by headless Chromium; plan.html
# carries the same page-margin box (tt_html_record_css).
id=$(sha256sum plan/plan.json | cut -c1-16)
expect_true "plan.html: the identity in the foot of its pages" \
  grep -qF "@bottom-right{content:\"Record identity $id\"" plan/plan.html
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]] || ! command -v pdftotext >/dev/null; then
  echo "SKIP: printed pages: Chromium or pdftotext is not installed"
  finish; exit
fi
for html in rep/report.html val/validation.html; do
  record=${html%.html}.json
  id=$(sha256sum "$record" | cut -c1-16)
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/chromium" --no-pdf-header-footer \
    --print-to-pdf="$WORK/printed.pdf" "file://$WORK/$html" >/dev/null 2>&1
  # pdftotext ends each page with a form feed.
  read -r pages without < <(pdftotext "$WORK/printed.pdf" - 2>/dev/null |
    awk -v want="Record identity $id" 'BEGIN { RS = "\f" }
      NF { n++; if (index($0, want) == 0) w++ } END { print n + 0, w + 0 }')
  if [[ $pages -ge 2 ]]; then ok; else not_ok "$html: printed to $pages pages"; fi
  expect_eq "$without" 0 "$html: printed pages without 'Record identity $id' (of $pages)"
done
finish
