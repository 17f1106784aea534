# check.sh - tt check: exit statuses, what goes to stdout and stderr, usage
# errors.  (Each kind of fault has its own case in bad_inputs.sh.)
source "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

# The examples pass, each with one "ok" line; the only diagnostics are the
# gap analysis's warnings about attributes that high-risk process
# differences can move but the study compares only graphically or not at all.
run "$TT" check specs/cart-shanghai.yaml specs/cart-rtp.yaml studies/cart-sh-to-rtp.yaml
expect_status 0 "examples"
expect_out_line "specs/cart-shanghai.yaml: ok" "examples: shanghai ok"
expect_out_line "specs/cart-rtp.yaml: ok" "examples: rtp ok"
expect_out_line "studies/cart-sh-to-rtp.yaml: ok" "examples: study ok"
if [[ $(wc -l <"$WORK/out") == 3 ]]; then ok; else not_ok "examples: three lines on stdout"; fi
expect_err_line "studies/cart-sh-to-rtp.yaml: warning: attribute 'cytotoxicity' is not compared in the study, but a high-risk process difference can move it: the equipment of step 'cryopreservation'" "gap warning: not compared"
expect_err_line "studies/cart-sh-to-rtp.yaml:58:7: warning: attribute 'phenotype-tem' is compared only graphically, but a high-risk process difference can move it: the equipment of step 'expansion', and 3 more differences" "gap warning: graphical only"
if [[ $(wc -l <"$WORK/err") == 2 ]]; then ok; else not_ok "examples: two warnings only"; cat "$WORK/err" >&2; fi

# Usage errors: exit 2 with the usage line.
run "$TT" check
expect_status 2 "no file"
expect_err_line "tt check: error: no file given" "no file: message"
expect_err_line "usage: tt check FILE.yaml..." "no file: usage"
if [[ ! -s $WORK/out ]]; then ok; else not_ok "no file: stdout is empty"; fi

run "$TT" check --strict specs/cart-rtp.yaml
expect_status 2 "unknown option"
expect_err_line "tt check: error: unknown option '--strict'" "unknown option: message"
expect_err_line "usage: tt check FILE.yaml..." "unknown option: usage"

run "$TT" check --help
expect_status 0 "--help"
expect_out_has "usage: tt check FILE.yaml..." "--help: usage"

# A file that does not exist is reported by name, without a line.
run "$TT" check "$WORK/none.yaml"
expect_status 2 "missing file"
expect_err_line "$WORK/none.yaml: error: no such file" "missing file: message"
run "$TT" check "$WORK"
expect_status 2 "a folder"
expect_err_line "$WORK: error: not a regular file" "a folder: message"

# A valid and an invalid file: exit 2, "ok" only for the valid one, and
# the invalid one's problems on stderr with their places.
cat >"$WORK/bad.yaml" <<'YAML'
process:
  id: p
  attributes:
    - { id: viability, spec: { min: 90, max: 70 } }
    - { id: viability }
YAML
run "$TT" check specs/cart-rtp.yaml "$WORK/bad.yaml"
expect_status 2 "mixed"
expect_out_line "specs/cart-rtp.yaml: ok" "mixed: valid file ok"
if grep -q "bad.yaml: ok" "$WORK/out"; then not_ok "mixed: invalid file not ok"; else ok; fi
expect_err_line "$WORK/bad.yaml:4:30: error: spec 'min' 90 is above 'max' 70" "mixed: first error"
expect_err_line "$WORK/bad.yaml:5:7: error: duplicate attribute id 'viability' (first at line 4)" \
  "mixed: second error"

# Diagnostics are sorted by file and place, whatever order they were found in.
cat >"$WORK/a.yaml" <<'YAML'
process:
  id: p
  steps:
    - id: s
      parameters:
        - { id: t, affects: [nothing] }
  nam: x
YAML
run "$TT" check "$WORK/bad.yaml" "$WORK/a.yaml"
expect_status 2 "sorted"
cat >"$WORK/want" <<EOF
$WORK/a.yaml:6:30: error: parameter 't' affects 'nothing', which is not an attribute of this process
$WORK/a.yaml:7:3: error: unknown key 'nam' in process; did you mean 'name'?
$WORK/bad.yaml:4:30: error: spec 'min' 90 is above 'max' 70
$WORK/bad.yaml:5:7: error: duplicate attribute id 'viability' (first at line 4)
EOF
if diff -u "$WORK/want" "$WORK/err" >&2; then ok; else not_ok "sorted: stderr order"; fi

# A spec named on the command line and by a study is reported once.
cd "$RES/bad" || exit 1
run "$TT" check xref-spec-errors/receiving.yaml xref-spec-errors/study.yaml
expect_status 2 "once"
n=$(grep -c "spec 'min' 80 is above 'max' 70" "$WORK/err")
if [[ $n == 1 ]]; then ok; else not_ok "once: the spec's error printed $n times"; fi
cd "$ROOT" || exit 1

# Warnings are printed but do not make a file invalid.
mkdir -p "$WORK/w/data"
cp specs/cart-shanghai.yaml specs/cart-rtp.yaml "$WORK/w/"
cp studies/data/sh-lots.csv studies/data/rtp-lots.csv "$WORK/w/data/"
cat >"$WORK/w/study.yaml" <<'YAML'
study:
  id: warn
  source:    { process: cart-shanghai.yaml, data: data/sh-lots.csv }
  receiving: { process: cart-rtp.yaml, data: data/rtp-lots.csv }
  comparisons:
    - { attribute: viability, approach: equivalence, margin: { sigma: 1.5 } }
  plan:
    correlation: 0.5
YAML
run "$TT" check "$WORK/w/study.yaml"
expect_status 0 "warning only"
expect_out_line "$WORK/w/study.yaml: ok" "warning only: ok"
expect_err_line "$WORK/w/study.yaml:8:5: warning: 'correlation' is used only with design 'paired'" \
  "warning only: the warning"

# A file that is neither a spec nor a study.
printf 'lots:\n  - a\n' >"$WORK/other.yaml"
run "$TT" check "$WORK/other.yaml"
expect_status 2 "neither"
expect_err_line "$WORK/other.yaml:1:1: error: not a process spec or a study: expected the top-level key 'process' or 'study'" \
  "neither: message"

# "--" ends the options.
run "$TT" check -- specs/cart-rtp.yaml
expect_status 0 "double dash"

# tt check reads a study's data as tt run would: an excluded lot that is in
# neither table, and lots without a pair in a paired design, are warnings.
pushd "$RES/studies/golden" >/dev/null || exit 1
run "$TT" check exclude-unknown.yaml
expect_status 0 "warnings only"
expect_err_line "exclude-unknown.yaml:10:7: warning: excluded lot 'X-99' is in neither lot table" "excluded lot in neither table"
expect_err_line "source-lots.csv:8: warning: lot 'S-07' has no pair id; the paired comparisons leave it out" "no pair id"
popd >/dev/null || exit 1

finish
