# calc.sh - tt calc: every kind, JSON and human output, reference values
# from METHODS.md, and bad input (exit 2, a clear message, no NaN printed).
source "$(dirname "$0")/lib.sh"

# json_field FIELD: the value of FIELD in $WORK/out (one JSON object).
json_field() {
  python3 - "$1" "$WORK/out" <<'PY' 2>/dev/null || sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$WORK/out"
import json, sys
v = json.load(open(sys.argv[2]))[sys.argv[1]]
print(json.dumps(v))
PY
}

# expect_near FIELD EXPECTED TOL LABEL: |value - expected| <= tol.
expect_near() {
  local v; v=$(json_field "$1")
  if awk -v v="$v" -v e="$2" -v t="$3" 'BEGIN { d = v - e; if (d < 0) d = -d; exit !(v != "" && d <= t) }'; then
    ok
  else
    not_ok "$4: $1 = $v, expected $2 +/- $3"
  fi
}

# METHODS.md: TOST power with the margin known, 1.5 sigma, alpha 0.05, delta 0.
for case in "3 3 0.153" "5 5 0.418" "3 10 0.390" "10 10 0.886"; do
  set -- $case
  run "$TT" calc power --sd 1 --margin 1.5 --diff 0 --n-ref "$1" --n-test "$2" --json
  expect_status 0 "power $1 vs $2"
  expect_near power "$3" 0.0005 "power $1 vs $2 (METHODS.md)"
done

# METHODS.md: f2 of Shah et al. 1998.
run "$TT" calc f2 --ref 34.9167,59.5,79.2667,95.075 --test 15.0833,59.5,79.2667,95.075 --json
expect_status 0 "f2"
expect_near f2 50.07179 0.000005 "f2 Shah 1998"
expect_true "f2 similar" grep -q '"similar":true' "$WORK/out"

# Tolerance factors, n = 10 (METHODS.md): the values only matter through k.
ten=1,2,3,4,5,6,7,8,9,10
run "$TT" calc ti $ten --content 0.99 --confidence 0.95 --json
expect_near k 4.4369 0.00005 "exact two-sided k n=10 P=0.99"
run "$TT" calc ti $ten --content 0.99 --confidence 0.95 --method howe --json
expect_near k 4.4446 0.00005 "Howe k n=10 P=0.99"
run "$TT" calc ti $ten --content 0.95 --confidence 0.95 --sides 1 --json
expect_near k 2.9110 0.00005 "one-sided k n=10 P=0.95"
run "$TT" calc ti $ten --method nonparametric
expect_status 2 "no nonparametric interval at n=10"
expect_err_has "473" "says how many lots are needed"

# describe: NIST-style numbers, human output.
run "$TT" calc describe 1,2,3,4
expect_status 0 "describe"
expect_out_line "n               4" "describe n"
expect_out_line "mean            2.5" "describe mean"
run "$TT" calc describe 0,0,0 --json
expect_status 0 "describe of zeros"
expect_true "cv is null, never NaN" grep -q '"cv":null' "$WORK/out"

# tost: the JSON fields of the CONTRACT, equivalent as a boolean.
run "$TT" calc tost --ref 98,101,99,102,100 --test 99,100,101,100,98 --margin 3 --json
expect_status 0 "tost"
for f in diff se df ci_lower ci_upper margin_lower margin_upper p_lower p_upper p_tost equivalent; do
  expect_true "tost field $f" grep -q "\"$f\":" "$WORK/out"
done
expect_true "equivalent is a boolean" grep -Eq '"equivalent":(true|false)' "$WORK/out"
run "$TT" calc tost --ref 1,2,3 --test 1.1,1.9,3.2 --margin 1.5 --margin-type ratio --paired --json
expect_status 0 "paired ratio tost"

# qr and varratio and normality answer.
run "$TT" calc qr --ref 10,11,12,13,14 --test 12,12.5,13 --json
expect_status 0 "qr"
expect_true "qr pass boolean" grep -Eq '"pass":(true|false)' "$WORK/out"
run "$TT" calc varratio --ref 1,2,3,4,5 --test 2,4,6,8,10 --json
expect_near ratio 4 1e-12 "variance ratio"
run "$TT" calc normality 2.1,3.4,1.9,5.6,4.4,3.3,2.8 --json
expect_status 0 "normality"
run "$TT" calc samplesize --sd 1 --margin 1.5 --diff 0 --power 0.8 --json
expect_status 0 "samplesize"
expect_true "samplesize fields" grep -q '"n_ref":' "$WORK/out"

# METHODS.md: MSD on the Tsong et al. 1996 data at the 0.95 level.
tsong_ref="49,86,98;15,59,96;56,84,96;57,87,99;6,58,90;62,90,97;23,71,97;11,64,92;9,61,88;42,81,96;57,86,98;4,48,82"
tsong_test="31,79,94;13,64,97;55,81,96;50,72,86;37,91,99;47,88,96;39,87,97;3,33,80;37,77,94;34,74,92;4,59,91;11,60,100"
run "$TT" calc msd --ref "$tsong_ref" --test "$tsong_test" --region-level 0.95 --json
expect_status 0 "msd"
expect_near msd 0.2384 0.00005 "Tsong Mahalanobis distance"
expect_near k 1.8182 0.00005 "Tsong K"
expect_near msd_limit 2.2481 0.00005 "Tsong similarity limit"
expect_near msd_upper 1.5438 0.00005 "Tsong upper bound"
expect_near f_quantile 3.0984 0.00005 "F(0.95; 3, 20)"
run "$TT" calc msd --ref "1,2,3;4,5" --test "$tsong_test"
expect_status 2 "ragged matrix"
expect_err_has "lot 2 has 2 values, lot 1 has 3" "ragged matrix message"
run "$TT" calc msd --ref "1,2,3;4,5,7" --test "1,2,3;4,6,5"
expect_status 2 "fewer units than time points"
expect_err_has "fewer units than time points" "singular covariance message"

# Bootstrap f2: the same seed gives the same interval.
run "$TT" calc f2-bootstrap --ref "20,50,80;22,52,83;19,48,79" --test "21,49,81;23,55,84;18,50,80" --seed 7 --json
expect_status 0 "f2-bootstrap"
cp "$WORK/out" "$WORK/boot1"
run "$TT" calc f2-bootstrap --ref "20,50,80;22,52,83;19,48,79" --test "21,49,81;23,55,84;18,50,80" --seed 7 --json
expect_true "bootstrap reproducible" cmp -s "$WORK/out" "$WORK/boot1"

# Stability from long-form files, as the LVV study reads them.
run "$TT" calc stability --ref "$ROOT/studies/data/lvv-adherent-stability.csv" \
  --test "$ROOT/studies/data/lvv-suspension-stability.csv" --slope-margin 0.025 --json
expect_status 0 "stability"
expect_true "stability pass" grep -q '"pass":true' "$WORK/out"
run "$TT" calc stability --ref "$WORK/none.csv" --test "$WORK/none.csv"
expect_status 2 "stability without files"

# Bad input: exit 2 with a clear message.
run "$TT" calc describe 1,x,3
expect_status 2 "malformed number"
expect_err_line "tt calc describe: error: 'x' is not a number (item 2 of '1,x,3')" "names the item"
run "$TT" calc describe 1,nan,3
expect_status 2 "nan refused"
run "$TT" calc tost --ref 5 --test 1,2 --margin 1
expect_status 2 "fewer than 2 values"
run "$TT" calc tost --ref 5,5,5 --test 1,2,3 --margin 1 --margin-type sigma
expect_status 2 "zero spread with a sigma margin"
run "$TT" calc tost --ref -1,2,3 --test 1,2,3 --margin 1.25 --margin-type ratio
expect_status 2 "non-positive value with a ratio margin"
run "$TT" calc tost --ref 1,2,3 --test 1,2,3 --margin 0.8 --margin-type ratio
expect_status 2 "ratio margin <= 1"
run "$TT" calc normality 3,3,3,3
expect_status 2 "constant data in the normality test"
big=$(seq -s, 1 5001)
run "$TT" calc normality "$big"
expect_status 2 "n over 5000"
run "$TT" calc tost --ref 1,2,3 --test 1,2,3
expect_status 2 "missing margin"
expect_err_has "--margin is required" "missing margin message"
run "$TT" calc tost --ref 1,2,3 --test 1,2,3 --margin 1 --variance welsh
expect_status 2 "bad choice"
expect_err_has "did you mean 'welch'?" "choice suggestion"
run "$TT" calc desribe 1,2
expect_status 2 "unknown kind"
expect_err_has "did you mean 'describe'?" "kind suggestion"
run "$TT" calc power --sd 1 --margin 1.5 --n-ref 1 --n-test 3
expect_status 2 "n-ref below 2"
for f in "$WORK"/out; do
  if grep -Eiq '(^|[^a-z])(nan|inf)([^a-z]|$)' "$f"; then not_ok "NaN or inf printed"; else ok; fi
done

finish
