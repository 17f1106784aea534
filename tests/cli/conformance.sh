# conformance.sh - every lot of both sites against its own site's spec, end
# to end: an excluded receiving lot out of spec and an included source lot
# out of spec do not decide the verdict, but stdout, report.json, report.md
# and report.html each name both, and no verdict text says that every lot
# met its specification.
source "$(dirname "$0")/lib.sh"
FIX="$RES/studies/conformance"
cd "$WORK" || exit 1
cp -r "$FIX" study

R04="excluded receiving lot R-04 (deviation DV-201, thaw hold time exceeded) is out of specification for viability (66.5 %, spec >= 70 %) and sterility (positive, spec = negative)"
S03="source lot S-03 is out of specification for viability (68.0 %, spec >= 70 %)"

run "$TT" run study/study.yaml --no-plots -o rep
expect_status 0 "comparable: neither lot decides the verdict"
expect_out_line "conformance: comparable" "verdict on stdout"
expect_out_line "  receiving lots out of specification: 0" "no included receiving lot out"
expect_out_line "  excluded lots out of specification: 1 (not deciding the verdict)" "excluded count"
expect_out_line "    $R04" "stdout names the excluded lot"
expect_out_line "  source lots out of specification: 1 (not deciding the verdict)" "source count"
expect_out_line "    $S03" "stdout names the source lot"
expect_err_line "study/receiving-lots.csv:5: warning: $R04" "warning at the excluded lot's line"
expect_err_line "study/source-lots.csv:4: warning: $S03" "warning at the source lot's line"

# report.json: site on every conformance entry, the excluded lots out of
# spec apart from the included ones, and the excluded lot with its values.
cat >check.py <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r04, s03 = sys.argv[2], sys.argv[3]
def entry(site, attr):
    [e] = [c for c in r["conformance"] if c["site"] == site and c["attribute"] == attr]
    return e
checks = [
    ("verdict", r["verdict"] == "comparable"),
    ("every entry has a site", all(c["site"] in ("source", "receiving") for c in r["conformance"])),
    ("receiving first", [c["site"] for c in r["conformance"]] == ["receiving"] * 2 + ["source"] * 2),
    ("receiving viability: R-04 excluded, out", entry("receiving", "viability")["excluded_out_of_spec"] == ["R-04"]),
    ("receiving viability: no included lot out", entry("receiving", "viability")["lots_out_of_spec"] == []),
    ("receiving viability: 3 lots", entry("receiving", "viability")["n_lots"] == 3),
    ("receiving sterility: R-04 excluded, out", entry("receiving", "sterility")["excluded_out_of_spec"] == ["R-04"]),
    ("source viability: S-03 out", entry("source", "viability")["lots_out_of_spec"] == ["S-03"]),
    ("source viability: none excluded", entry("source", "viability")["excluded_out_of_spec"] == []),
    ("source sterility: none out", entry("source", "sterility")["lots_out_of_spec"] == []),
    ("excluded entry", r["excluded"] == [{
        "lot": "R-04", "site": "receiving", "reason": "deviation DV-201, thaw hold time exceeded",
        "values": {"viability": 66.5, "sterility": "positive"},
        "out_of_spec": ["viability", "sterility"], "at_first_lock": None}]),
    ("warning names R-04", r04 in r["warnings"]),
    ("warning names S-03", s03 in r["warnings"]),
]
bad = [name for name, good in checks if not good]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
if python3 check.py rep/report.json "$R04" "$S03" >json.out 2>&1; then ok; else
  not_ok "report.json: $(tr '\n' ';' <json.out)"
fi

# report.md: the verdict paragraph, the summary, the excluded lots and the
# conformance tables name both lots.
md_verdict=$(sed -n '/^## Verdict/{n;n;p}' rep/report.md)
md_r04=${R04//>/\\>}
md_s03=${S03//>/\\>}
expect_true "md verdict names R-04" grep -qF -- "$md_r04" <<<"$md_verdict"
expect_true "md verdict names S-03" grep -qF -- "$md_s03" <<<"$md_verdict"
expect_true "md verdict speaks of the included receiving lots" grep -qF -- \
  "no receiving lot that the study includes is out of its release specification" <<<"$md_verdict"
expect_true "md summary names both" grep -qxF -- "**Conformance.** No receiving lot that the study includes is out of its release specification. Out of specification, without deciding the verdict: excluded receiving lot R-04, source lot S-03." rep/report.md
expect_true "md excluded row" grep -qxF -- "| R-04 | receiving | deviation DV-201, thaw hold time exceeded | viability 66.5 %, sterility positive | **out of specification: viability (66.5 %, spec \\>= 70 %), sterility (positive, spec = negative)** | not locked |" rep/report.md
expect_true "md receiving conformance" grep -qxF -- "| viability | \\>= 70 % | 3 | none | **R-04** (66.5) |  |" rep/report.md
expect_true "md source conformance" grep -qxF -- "| viability | \\>= 70 % | 5 | **S-03** (68.0) | none |  |" rep/report.md

# report.html: the verdict banner, the summary, the excluded lots and the
# conformance tables.
html_r04=$(sed 's/>/\&gt;/g' <<<"$R04")
html_s03=$(sed 's/>/\&gt;/g' <<<"$S03")
banner=$(grep -o '<div class="banner[^>]*>.*</div></header>' rep/report.html)
expect_true "html banner names R-04" grep -qF -- "$html_r04" <<<"$banner"
expect_true "html banner names S-03" grep -qF -- "$html_s03" <<<"$banner"
expect_true "html summary names both" grep -qF -- "Out of specification, without deciding the verdict: excluded receiving lot R-04, source lot S-03." rep/report.html
expect_true "html excluded row" grep -qF -- "<tr><td class=\"nw\">R-04</td><td>receiving</td><td>deviation DV-201, thaw hold time exceeded</td><td>viability 66.5 %, sterility positive</td><td class=\"oos\">out of specification: viability (66.5 %, spec &gt;= 70 %), sterility (positive, spec = negative)</td><td>not locked</td></tr>" rep/report.html
expect_true "html receiving conformance" grep -qF -- "<td class=num>3</td><td>none</td><td><strong>R-04</strong> (66.5)</td>" rep/report.html
expect_true "html source conformance" grep -qF -- "<td class=num>5</td><td><strong>S-03</strong> (68.0)</td><td>none</td>" rep/report.html

# No text claims that every lot met its specification.
for f in rep/report.md rep/report.html rep/report.json "$WORK/out"; do
  expect_true "no claim that every lot met its spec in $(basename "$f")" \
    bash -c "! grep -qiE 'every (receiving |source |excluded )?lot (met|meets)' '$f'"
done

# Included, R-04 decides: not comparable, named as a receiving lot.
sed -i '/exclude:/,/R-04/d' study/study.yaml
run "$TT" run study/study.yaml --no-plots -o rep-included
expect_status 1 "an included receiving lot out of spec: not comparable"
expect_out_line "conformance: not-comparable" "verdict on stdout"
expect_out_line "  receiving lots out of specification: 1" "the included lot counted"
expect_out_line "    receiving lot R-04 is out of specification for viability (66.5 %, spec >= 70 %) and sterility (positive, spec = negative)" "named"
expect_out_line "  excluded lots out of specification: 0" "none excluded"
expect_true "md verdict lists R-04" grep -qF "Out of specification: R-04 (viability), R-04 (sterility)." rep-included/report.md

# User text reaches neither the terminal nor the HTML as markup or control
# characters: a reason with an escape sequence and a tag.
cp -r "$FIX" study2
sed -i 's/reason: "deviation DV-201, thaw hold time exceeded"/reason: "DV-202 \\e[2J <b>bold<\/b>"/' study2/study.yaml
run "$TT" run study2/study.yaml --no-plots -o rep2
expect_status 0 "run with a reason in markup"
expect_out_has "excluded receiving lot R-04 (DV-202 \\x1b[2J <b>bold</b>) is out" "escape sequence shown, not acted on, on stdout"
expect_true "no escape character on stdout" bash -c "! grep -q $'\\x1b' '$WORK/out'"
expect_true "html escapes the reason" grep -qF "R-04 (DV-202  [2J &lt;b&gt;bold&lt;/b&gt;) is out" rep2/report.html
expect_true "no tag from the reason in html" bash -c "! grep -qF '<b>bold' rep2/report.html"

finish
