# diff.sh - tt diff over real spec files (tests/resources/diff/).
#
# The expected outputs (cart.md, cart.json, lvv.json) were checked by hand
# against the rule printed in them; a change to either must be reviewed the
# same way.  cart-rtp.yaml changes every kind of field tt diff compares once,
# and writes three parameters in other units with equal values, which must
# not be listed.
source "$(dirname "$0")/lib.sh"
cd "$RES/diff" || exit 1

# expect_out_file FILE LABEL: stdout is exactly FILE.
expect_out_file() {
  if diff -u "$1" "$WORK/out" >"$WORK/diff"; then ok; else
    not_ok "$2: stdout differs from $1"; head -60 "$WORK/diff" >&2
  fi
}

# The whole gap analysis, Markdown (the default) and JSON.
run "$TT" diff cart-shanghai.yaml cart-rtp.yaml
expect_status 0 "differences still exit 0"
expect_out_file cart.md "markdown"
expect_out_line "Source process cart-sh, receiving process cart-rtp. 27 differences: 9 high risk, 10 medium, 5 low, 3 without risk (site)." "summary line"
expect_out_line "# Process differences: cart-sh to cart-rtp" "heading"
expect_out_line "## Risk rule" "rule heading"
run "$TT" diff --format json cart-shanghai.yaml cart-rtp.yaml
expect_status 0 "json exit status"
expect_out_file cart.json "json"
run "$TT" diff cart-shanghai.yaml cart-rtp.yaml -f md
expect_out_file cart.md "-f md"

# Equal values in other units are never listed; nor are unchanged items.
for id in cell-input transduction-time temperature medium sterility selection; do
  if grep -q "\"id\": \"$id\"" cart.json; then not_ok "'$id' is listed but unchanged"; else ok; fi
done

# The CONTRACT's example.
run "$TT" diff lvv-nj-cn.yaml lvv-nj-us.yaml --format=json
expect_status 0 "contract example exit status"
expect_out_file lvv.json "contract example"

# 48 h and 2880 min are the same target: nothing to list.
run "$TT" diff lvv-nj-cn.yaml lvv-nj-cn-minutes.yaml --format json
expect_status 0 "same in minutes"
expect_out_line '  "differences": [],' "same in minutes: no differences"
expect_out_line '  "affected_attributes": [],' "same in minutes: no affected attributes"
run "$TT" diff lvv-nj-cn.yaml lvv-nj-cn-minutes.yaml
expect_out_has "No differences: the two processes agree in every compared field." "markdown: no differences"

# A spec against itself.
run "$TT" diff cart-rtp.yaml cart-rtp.yaml --format json
expect_status 0 "identical"
expect_out_line '  "differences": [],' "identical: no differences"

# Usage errors.
run "$TT" diff cart-rtp.yaml
expect_status 2 "one spec"
expect_err_line "tt diff: error: two process specs are needed" "one spec: message"
expect_err_line "usage: tt diff SOURCE_SPEC.yaml RECEIVING_SPEC.yaml [--format md,json]" "one spec: usage"
run "$TT" diff a.yaml b.yaml c.yaml
expect_status 2 "three specs"
expect_err_line "tt diff: error: too many arguments" "three specs: message"
run "$TT" diff lvv-nj-cn.yaml lvv-nj-us.yaml --format jsn
expect_status 2 "misspelt format"
expect_err_line "tt diff: error: unknown format 'jsn'; did you mean 'json'?" "misspelt format: hint"
run "$TT" diff lvv-nj-cn.yaml lvv-nj-us.yaml --format html
expect_status 2 "html is not a diff format"
expect_err_line "tt diff: error: unknown format 'html'; use 'md' or 'json'" "html: message"
run "$TT" diff lvv-nj-cn.yaml lvv-nj-us.yaml --fromat json
expect_status 2 "misspelt option"
expect_err_has "did you mean '--format'?" "misspelt option: hint"

# Bad specs: located errors, both files reported, exit 2, nothing on stdout.
run "$TT" diff bad-missing-id.yaml lvv-nj-us.yaml
expect_status 2 "spec without id"
if grep -qE "^bad-missing-id\.yaml:[0-9]+:[0-9]+: error: .*'id'" "$WORK/err"; then ok; else
  not_ok "spec without id: no located error naming 'id'"; cat "$WORK/err" >&2
fi
if [[ -s $WORK/out ]]; then not_ok "spec without id: stdout is not empty"; else ok; fi
run "$TT" diff bad-missing-id.yaml no-such-spec.yaml
expect_status 2 "two bad specs"
if grep -qE "^bad-missing-id\.yaml:[0-9]+:[0-9]+: error: " "$WORK/err" &&
   grep -qE "^no-such-spec\.yaml(:[0-9]+)*: error: " "$WORK/err"; then ok; else
  not_ok "two bad specs: both are not reported"; cat "$WORK/err" >&2
fi

# Help.
run "$TT" help diff
expect_status 0 "help"
expect_out_line "usage: tt diff SOURCE_SPEC.yaml RECEIVING_SPEC.yaml [--format md,json]" "help usage"
run "$TT" diff --help
expect_status 0 "--help"

finish
