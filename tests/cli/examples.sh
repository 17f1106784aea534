# examples.sh - every shipped spec and study passes tt check, and every
# study runs end to end with its figures and all three reports, with the
# verdict its story intends.
source "$(dirname "$0")/lib.sh"
# A copy: tt run appends to each study's audit trail, beside the study.
cp -r "$ROOT/studies" "$ROOT/specs" "$WORK/"
cd "$WORK" || exit 1

for f in specs/*.yaml studies/*.yaml; do
  run "$TT" check "$f"
  expect_status 0 "tt check $f"
done

plots=""
command -v gnuplot >/dev/null 2>&1 || { plots="--no-plots"; echo "gnuplot not found: running without figures"; }

# study:expected exit status (scenario 3 is not comparable by design)
for case in cart-sh-to-rtp:0 epcam-client-to-cdmo:0 cd7-academic-to-japan:1 \
            lvv-adherent-to-suspension:0 salmonella-clinical-to-cgmp:0; do
  name=${case%%:*}; want=${case##*:}
  out="$WORK/$name"
  run "$TT" run "studies/$name.yaml" -o "$out" $plots
  expect_status "$want" "tt run $name"
  for f in report.html report.md report.json; do
    expect_true "$name: $f written" test -s "$out/$f"
  done
  if [[ -z $plots ]]; then
    n_svg=$(ls "$out"/plots/*.svg 2>/dev/null | wc -l)
    [[ $n_svg -ge 8 ]] && ok || not_ok "$name: only $n_svg figures"
    # Every figure is inlined in the HTML report, which references nothing
    # outside itself.
    n_inline=$(grep -o '<svg' "$out/report.html" | wc -l)
    [[ $n_inline -ge $n_svg ]] && ok || not_ok "$name: $n_inline figures inlined of $n_svg"
    if grep -Eq '(src|href)="(https?:|file:|//)' "$out/report.html"; then
      not_ok "$name: report.html references something outside itself"
    else ok; fi
  fi
done
expect_true "scenario 3 names the failing VCN comparison" \
  grep -q '"attribute": "vcn"' "$WORK/cd7-academic-to-japan/report.json"
expect_true "scenario 3 lists the out-of-spec lot" grep -q '"JP-004"' "$WORK/cd7-academic-to-japan/report.json"
expect_true "scenario 3's verdict says what decided it" grep -qF \
  'Failed: vcn, potency. Out of specification: JP-004 (vcn).' "$WORK/cd7-academic-to-japan/report.md"
finish
