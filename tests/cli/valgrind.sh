# valgrind.sh - tt under valgrind memcheck: `tt run` on every shipped study
# (with its figures when gnuplot is there: gnuplot itself is a child process
# valgrind does not trace), `tt verify`, `tt lock` and `tt audit` on the
# results, `tt validate`, and `tt check`, `tt plan`, `tt diff` and `tt calc`
# on good and bad input.  Any memory error or any definite or indirect leak
# fails.
#
# Skipped (exit 77) without valgrind, and in a sanitizer build: ASan and
# valgrind cannot watch the same process.
source "$(dirname "$0")/lib.sh"

skip() {
  echo "valgrind.sh: skipped: $*"
  exit 77
}
if [[ ${TT_SANITIZED:-0} == 1 ]] || grep -qa -e __asan_init -e __ubsan_handle "$TT"; then
  skip "tt is built with sanitizers, which do not mix with valgrind"
fi
command -v valgrind >/dev/null || skip "valgrind is not installed (scripts/install-deps installs it)"
# valgrind gives up on debug information it cannot read (DWARF 5 from a
# newer compiler than it knows), with tt's own status or 1; then every run
# below would pass without being watched.
if ! valgrind -q --error-exitcode=99 "$TT" --version >"$WORK/probe" 2>&1; then
  sed 's/^/  /' "$WORK/probe" | grep -v '^  ###' | head -8
  skip "valgrind cannot run tt here (for a clang build, add -gdwarf-4 to CMAKE_C_FLAGS)"
fi

# memcheck LABEL STATUSES CMD...: runs CMD under memcheck and expects one of
# its own exit statuses STATUSES ("0" or "0|1"); memcheck's findings turn
# the status into 99.
memcheck() {
  local label=$1 want=$2; shift 2
  run valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --track-origins=yes "$@"
  if [[ $status == 99 ]]; then
    not_ok "$label: valgrind found errors"
    grep '^==' "$WORK/err" | head -40 >&2
  elif [[ $status =~ ^($want)$ ]]; then
    ok
  else
    not_ok "$label: exit status $status, expected $want"
    sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
  fi
}

plots=--no-plots
command -v gnuplot >/dev/null && plots=

# Copies: tt run and tt lock append to each study's audit trail, beside it.
cp -r "$ROOT/studies" "$ROOT/specs" "$WORK/"
mkdir -p "$WORK/bad-input" && cp -r "$RES/bad/csv-duplicate-lot" "$RES/bad/csv-common" "$WORK/bad-input/"
n=0
for study in "$WORK"/studies/*.yaml; do
  name=$(basename "$study" .yaml)
  # Shipped studies end comparable (0) or not comparable (1).
  memcheck "run $name" "0|1" "$TT" run "$study" -o "$WORK/$name" $plots
  n=$((n + 1))
done
((n >= 5)) && ok || not_ok "only $n shipped studies found"

memcheck "verify" 0 "$TT" verify "$WORK/cart-sh-to-rtp"
memcheck "lock" 0 "$TT" lock "$WORK/studies/cart-sh-to-rtp.yaml"
memcheck "run a locked study" 0 "$TT" run "$WORK/studies/cart-sh-to-rtp.yaml" \
  -o "$WORK/locked" --no-plots
memcheck "re-lock" 0 "$TT" lock "$WORK/studies/cart-sh-to-rtp.yaml" --reason "a second entry"
memcheck "audit" 0 "$TT" audit "$WORK/studies/cart-sh-to-rtp.yaml"

memcheck "check shipped files" 0 "$TT" check "$ROOT"/specs/*.yaml "$ROOT"/studies/*.yaml
BAD=$RES/bad
memcheck "check bad files" 2 "$TT" check "$BAD/yaml-alias-bomb.yaml" \
  "$BAD/yaml-syntax.yaml" "$BAD/spec-continuous-faults.yaml" "$BAD/study-margin-faults.yaml" \
  "$BAD/xref-unknown-attribute.yaml" "$BAD/csv-bad-date/study.yaml" \
  "$BAD/csv-invalid-utf8/study.yaml" "$BAD/series-repeated-time/study.yaml"
memcheck "bad run" 2 "$TT" run "$WORK/bad-input/csv-duplicate-lot/study.yaml" -o "$WORK/bad" --no-plots
# The other commands, on inputs small enough for valgrind's pace (a plan
# of a shipped study simulates for seconds even natively).
memcheck "plan" 0 "$TT" plan "$RES/plan/paired-rho.yaml" --threads 2 -f json
memcheck "plan bad" 2 "$TT" plan "$RES/plan/no-sd.yaml"
memcheck "plan grid" 0 "$TT" plan --approach equivalence --margin-sigma 1.5 \
  --n-source 3..5 --n-receiving 3..5
memcheck "diff md" 0 "$TT" diff "$ROOT/specs/cart-shanghai.yaml" "$ROOT/specs/cart-rtp.yaml"
memcheck "diff json" 0 "$TT" diff "$ROOT/specs/lvv-adherent.yaml" \
  "$ROOT/specs/lvv-suspension.yaml" --format json
memcheck "validate" 0 "$TT" validate -o "$WORK/validation"
memcheck "calc tost" 0 "$TT" calc tost --ref 90,91,92,93 --test 91,92,93 --margin 3 --json
memcheck "calc ti" 0 "$TT" calc ti 1,2,3,4,5,6
memcheck "calc ti nonparametric" 2 "$TT" calc ti 1,2,3,4,5,6 --method nonparametric
memcheck "calc bad" 2 "$TT" calc tost --ref 1 --test x --margin 3

finish
