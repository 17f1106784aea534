# html_browser.sh - report.html as a person sees it: rendered by headless
# Chromium, every figure is present, laid out and drawn.  Skips, saying so,
# only where Chromium or gnuplot is not installed (scripts/install-deps
# installs both when TT_WITH_BROWSER=1, as CI does).
source "$(dirname "$0")/lib.sh"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
  echo "SKIP: Chromium is not installed (TT_WITH_BROWSER=1 scripts/install-deps installs it)"
  finish; exit
fi
if ! command -v gnuplot >/dev/null 2>&1; then
  echo "SKIP: gnuplot is not installed, so the report has no figures to render"
  finish; exit
fi
# A copy: tt run appends to the study's audit trail, beside the study.
cp -r "$ROOT/studies" "$ROOT/specs" "$WORK/"
cd "$WORK" || exit 1
out="$WORK/report"
run "$TT" run studies/cart-sh-to-rtp.yaml -o "$out"
expect_status 0 "tt run with figures"
n_files=$(ls "$out"/plots/*.svg | wc -l)

# A copy of the report with a probe at the end: for each inline SVG, its
# laid-out size and how many of its shapes have a non-empty bounding box
# (so were drawn).  The report itself carries no script.
expect_true "the report has no script of its own" bash -c "! grep -qi '<script' '$out/report.html'"
cp "$out/report.html" "$WORK/probe.html"
cat >>"$WORK/probe.html" <<'JS'
<script>
const rows = [...document.querySelectorAll('svg')].map((s, i) => {
  const r = s.getBoundingClientRect();
  const drawn = [...s.querySelectorAll('path,polyline,polygon,circle,rect,line,text')]
    .filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length;
  return `svg ${i} ${Math.round(r.width)} ${Math.round(r.height)} ${drawn}`;
});
document.body.insertAdjacentHTML('beforeend', '<pre id="probe">' + rows.join('\n') + '</pre>');
</script>
JS
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/chromium" --virtual-time-budget=5000 \
  --dump-dom "file://$WORK/probe.html" >"$WORK/dom.html" 2>"$WORK/chromium.log"
n_svg=$(sed -e "s/<[^>]*>//g" "$WORK/dom.html" | grep -c "^svg " || true)
if [[ $n_svg == "$n_files" ]]; then ok; else
  not_ok "Chromium found $n_svg figures in report.html, the run drew $n_files"
  tail -5 "$WORK/chromium.log" >&2
fi
while read -r _ i w h drawn; do
  if (( w >= 200 && h >= 150 && drawn >= 10 )); then ok; else
    not_ok "figure $i is not drawn: ${w}x${h} px, $drawn shapes"
  fi
done < <(sed -e 's/<[^>]*>//g' "$WORK/dom.html" | grep '^svg ')

# A screenshot of the first screen: not blank.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/chromium" --window-size=1200,1600 \
  --screenshot="$WORK/shot.png" "file://$out/report.html" >/dev/null 2>&1
size=$(stat -c %s "$WORK/shot.png" 2>/dev/null || echo 0)
(( size > 20000 )) && ok || not_ok "the screenshot is missing or blank ($size bytes)"
finish
