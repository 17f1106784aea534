# bad_inputs.sh - the corpus of bad inputs: one fault per case.
#
# Each case under tests/resources/bad/ is NAME.yaml (a spec or a study) or a
# folder NAME/ holding study.yaml, with NAME.expect beside it: the exact
# stderr `tt check` must print, run from tests/resources/bad/.  Every case
# must exit 2.
source "$(dirname "$0")/lib.sh"
cd "$RES/bad" || exit 1
shopt -s nullglob
n=0
for expect in *.expect; do
  name=${expect%.expect}
  if [[ -d $name ]]; then target=$name/study.yaml; else target=$name.yaml; fi
  [[ -f $target ]] || { not_ok "$name: no $target"; continue; }
  run "$TT" check "$target"
  expect_status 2 "$name"
  if diff -u "$expect" "$WORK/err" >"$WORK/diff"; then ok; else
    not_ok "$name: stderr differs from $expect"; cat "$WORK/diff" >&2
  fi
  n=$((n + 1))
done
echo "bad-input cases: $n"
finish
