# lock.sh - tt lock's history and tt audit: a lock before the data is said
# so in every report, one after the data names the files; a re-lock needs
# its reason and is listed; exclusions may change after a lock; changed
# criteria are refused; a lock of an earlier tt is read and never rewritten;
# links are refused; a broken chain (lock or audit) is found at its line;
# parallel locks all land, chained.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

STUDY=studies/cart-sh-to-rtp.yaml
LOCK=studies/cart-sh-to-rtp.lock
AUDIT=studies/cart-sh-to-rtp.audit

# fresh NAME: a copy of the shipped studies and specs in NAME/, without
# their data when the second argument is "nodata".
fresh() {
  rm -rf "$WORK/$1" && mkdir -p "$WORK/$1" && cd "$WORK/$1" || exit 1
  cp -r "$ROOT/studies" studies && cp -r "$ROOT/specs" specs
  if [[ ${2:-} == nodata ]]; then mv studies/data data.later; fi
}

# expect_json FILE: checks members of a JSON file, one per line of stdin,
# "EXPR => WANT => LABEL": EXPR is Python over the document d, WANT its
# value as JSON.  One python3 for them all (it is slow to start).
expect_json() {
  local result
  while IFS= read -r result; do
    if [[ $result == ok ]]; then ok; else not_ok "$result"; fi
  done < <(python3 -c '
import json, sys
try:
    d, why = json.load(open(sys.argv[1])), None
except Exception as e:
    d, why = None, str(e)
for line in sys.stdin:
    expr, want, label = [x.strip() for x in line.rstrip("\n").split(" => ")]
    try:
        got = json.dumps(eval(expr)) if why is None else "(" + why + ")"
    except Exception as e:
        got = "(" + repr(e) + ")"
    print("ok" if got == want else "%s: %s is %s, expected %s" % (label, expr, got, want))
' "$1")
}

# expect_file_has FILE TEXT LABEL / expect_file_lacks FILE TEXT LABEL
expect_file_has() {
  if grep -qF -- "$2" "$1"; then ok; else not_ok "$3: $1 lacks: $2"; fi
}
# expect_row FILE START END LABEL: a line of FILE begins with START and ends
# with END (a table row whose middle cells are the lot's values).
expect_row() {
  if grep -F -- "$2" "$1" | grep -qF -- "$3"; then ok; else not_ok "$4: $1 lacks a row $2 ... $3"; fi
}
expect_file_lacks() {
  if grep -qF -- "$2" "$1"; then not_ok "$3: $1 has: $2"; else ok; fi
}

command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }

# ---- locked before the data ----
fresh before nodata
run "$TT" lock $STUDY
expect_status 0 "lock before the data"
expect_out_line "  data/sh-lots.csv: absent" "the data states are shown"
expect_true "one entry" test "$(wc -l <$LOCK)" = 1
mv data.later studies/data
run "$TT" run $STUDY --no-plots -o r1
expect_status 0 "run a study locked before the data"
expect_json r1/report.json <<'EOF'
d["study"]["locked_before_data"] => true => JSON: before the data
d["study"]["locked_after_data"] => null => JSON: nothing after
d["study"]["locks"][0]["data"][0]["state"] => "absent" => JSON: data states
d["study"]["locks"][0]["reason"] => null => JSON: the first lock has no reason
EOF
expect_file_has r1/report.md "- **Acceptance criteria:** locked before the data (tt lock, 2023-11-14T22:13:20+00:00, by" "Markdown: before the data"
expect_file_has r1/report.html "<th>Acceptance criteria</th><td>locked before the data (tt lock, 2023-11-14T22:13:20+00:00" "HTML: before the data"

# A re-lock needs its reason; --force replaces nothing.
cp $LOCK lock.before
run "$TT" lock $STUDY
expect_status 2 "a re-lock without a reason"
expect_err_has "a new lock needs its reason: tt lock $STUDY --reason TEXT" "names --reason"
run "$TT" lock $STUDY --force
expect_status 2 "--force"
expect_err_has "give the reason with --reason TEXT" "--force names --reason"
run "$TT" lock $STUDY --reason "  "
expect_status 2 "an empty reason"
expect_true "nothing appended by a refused lock" cmp -s $LOCK lock.before
run "$TT" lock $STUDY --reason "data received; locked again for the record <b>"
expect_status 0 "a re-lock with a reason"
expect_true "two entries" test "$(wc -l <$LOCK)" = 2
expect_true "the first entry kept byte for byte" cmp -s lock.before <(head -n 1 $LOCK)
run "$TT" run $STUDY --no-plots -o r2
expect_status 0 "run after a re-lock"
expect_json r2/report.json <<'EOF'
d["study"]["locks"][1]["reason"] => "data received; locked again for the record <b>" => JSON lists the re-lock
d["study"]["locks"][1]["data"][1]["state"]!="absent" => true => JSON: the data existed at the re-lock
d["study"]["locked_before_data"] => true => a re-lock of the same criteria keeps 'before the data'
EOF
expect_file_has r2/report.md "| 2 | 2023-11-14T22:13:20+00:00 |" "Markdown lists the re-lock"
expect_file_has r2/report.md "| data received; locked again for the record \\<b\\> | unchanged | present: data/sh-lots.csv (source lots), data/rtp-lots.csv (receiving lots) |" "Markdown: reason, criteria, data"
expect_file_has r2/report.html "<td>data received; locked again for the record &lt;b&gt;</td><td>unchanged</td>" "HTML lists the re-lock, escaped"

# Exclusions may change after the lock; the new one was not there at the
# first lock.
sed -i 's/^  exclude:$/  exclude:\n    - { lot: SH-003, reason: "DV-120, added after the lock" }/' $STUDY
run "$TT" run $STUDY --no-plots -o r3
expect_status 0 "an exclusion added after the lock needs no re-lock"
expect_json r3/report.json <<'EOF'
[(x["lot"], x["at_first_lock"]) for x in d["excluded"]] => [["SH-003", false], ["SH-007", true]] => at_first_lock in JSON
EOF
expect_file_has r3/report.md "| Lot | Site | Reason | Values | Conformance | At first lock |" "Markdown column"
expect_row r3/report.md "| SH-003 | source | DV-120, added after the lock |" "| no |" "Markdown: not at the first lock"
expect_row r3/report.md "| SH-007 | source | deviation DV-113, apheresis hold time exceeded |" "| yes |" "Markdown: at the first lock"
# The row's cells: reason, values, conformance, at first lock.
if grep -qE -- "<td>DV-120, added after the lock</td><td>[^<]*</td><td[^>]*>[^<]*</td><td>no</td></tr>" r3/report.html; then
  ok
else
  not_ok "HTML column: r3/report.html lacks the SH-003 row ending in 'no'"
fi

# Changed criteria are refused, naming what changed; comments are not
# criteria.
sed -i 's/^  alpha: 0.05$/  alpha: 0.05    # the protocol'"'"'s level/' $STUDY
run "$TT" run $STUDY --no-plots -o r4
expect_status 0 "a comment is not a criterion"
sed -i 's/^  alpha: 0.05 /  alpha: 0.10 /' $STUDY
run "$TT" run $STUDY --no-plots -o r5
expect_status 2 "changed criteria"
expect_err_has "$STUDY: error: changed after the study was locked on 2023-11-14T22:13:20+00:00: its acceptance criteria differ from those locked in '$LOCK'" "names the study"
expect_true "no report for changed criteria" test ! -e r5
sed -i 's/^  alpha: 0.10 /  alpha: 0.05 /' $STUDY
echo "# edited" >>specs/cart-rtp.yaml
run "$TT" run $STUDY --no-plots -o r5
expect_status 2 "a changed spec"
expect_err_has "specs/cart-rtp.yaml: error: changed after the study was locked" "names the spec"

# The criteria changed by a re-lock after the data existed: not "before".
run "$TT" lock $STUDY --reason "receiving spec revised (CC-12)"
expect_status 0 "re-lock a changed spec"
run "$TT" run $STUDY --no-plots -o r6
expect_status 0 "run after the criteria changed"
expect_json r6/report.json <<'EOF'
d["study"]["locked_before_data"] => false => criteria changed after the data
d["study"]["locked_after_data"]["lock"] => 3 => names the re-lock
EOF
expect_file_lacks r6/report.md "locked before the data" "Markdown does not say before"
expect_file_has r6/report.md "then changed after the data existed by lock 3 (2023-11-14T22:13:20+00:00, by" "Markdown says when"
expect_file_lacks r6/report.html "locked before the data" "HTML does not say before"

# A broken lock history is refused at its line.
cp $LOCK lock.good
sed -i '2s/for the record/for the records/' $LOCK
run "$TT" run $STUDY --no-plots -o r7
expect_status 2 "a broken lock chain"
expect_err_has "$LOCK:3: error: the chain is broken" "names the line"
run "$TT" lock $STUDY --reason "again"
expect_status 2 "no entry after a broken chain"
cp lock.good $LOCK

# ---- locked after the data ----
fresh after
run "$TT" lock $STUDY
expect_status 0 "lock after the data"
expect_err_has "tt lock: warning: 2 data files already exist" "warns"
run "$TT" run $STUDY --no-plots -o r
expect_status 0 "run a study locked after the data"
expect_json r/report.json <<'EOF'
d["study"]["locked_before_data"] => false => JSON: after the data
d["study"]["locked_after_data"] => {"lock": 1, "present": ["data/sh-lots.csv", "data/rtp-lots.csv"]} => JSON names the data files
EOF
expect_file_lacks r/report.md "locked before the data" "Markdown does not say before"
expect_file_has r/report.md "locked after the data existed (tt lock, 2023-11-14T22:13:20+00:00, by" "Markdown says after"
expect_file_has r/report.md "present then: data/sh-lots.csv (source lots), data/rtp-lots.csv (receiving lots)" "Markdown names the data files"
expect_file_lacks r/report.html "locked before the data" "HTML does not say before"
expect_file_has r/report.html "present then: data/sh-lots.csv (source lots), data/rtp-lots.csv (receiving lots)" "HTML names the data files"

# ---- a lock file of an earlier tt ----
fresh legacy
sha() { sha256sum "$1" | cut -c1-64; }
cat >$LOCK <<EOF
# tt lock: the acceptance criteria of this study, fixed before the data.
# tt run refuses the study if any file below has changed since.
lock:
  study: "ct053-sh-rtp"
  locked_at: "2024-01-02T03:04:05Z"
  tt_version: "0.1.0"
  files:
    - path: "cart-sh-to-rtp.yaml"
      role: study
      sha256: $(sha $STUDY)
    - path: "specs/cart-shanghai.yaml"
      role: source process
      sha256: $(sha specs/cart-shanghai.yaml)
    - path: "specs/cart-rtp.yaml"
      role: receiving process
      sha256: $(sha specs/cart-rtp.yaml)
EOF
cp $LOCK legacy.yaml
run "$TT" run $STUDY --no-plots -o r
expect_status 0 "a legacy lock is read"
expect_json r/report.json <<'EOF'
[d["study"]["locked"], d["study"]["locked_at"], d["study"]["locked_before_data"]] => [true, "2024-01-02T03:04:05Z", null] => JSON: locked, not known whether before
[x["at_first_lock"] for x in d["excluded"]] => [null] => JSON: exclusions at the first lock not known
EOF
expect_file_has r/report.md "whether the criteria were fixed before the data is not known" "Markdown says not known"
expect_file_lacks r/report.md "locked before the data" "Markdown does not say before"
expect_row r/report.md "| SH-007 | source | deviation DV-113, apheresis hold time exceeded |" "| not recorded |" "Markdown column: not recorded"
sed -i 's/^  exclude:$/  exclude:\n    - { lot: SH-003, reason: "DV-120" }/' $STUDY
run "$TT" run $STUDY --no-plots -o r2
expect_status 2 "a legacy lock locked the exclusions too"
run "$TT" lock $STUDY --reason "exclusion of SH-003 (DV-120)"
expect_status 0 "a new entry after a legacy lock"
expect_true "the legacy bytes kept" cmp -s legacy.yaml <(head -c "$(stat -c %s legacy.yaml)" $LOCK)
expect_true "chained to the legacy lock" grep -q "\"prev\":\"$(sha legacy.yaml)\"}" $LOCK
run "$TT" run $STUDY --no-plots -o r3
expect_status 0 "run after the new entry"
expect_json r3/report.json <<'EOF'
len(d["study"]["locks"]) => 2 => both entries listed
EOF

# ---- links ----
fresh links
ln -s "$WORK/links/elsewhere" $LOCK
run "$TT" lock $STUDY
expect_status 2 "a link at the lock path"
expect_err_has "'$LOCK' is a symbolic link" "names the lock link"
expect_true "nothing written through the link" test ! -e elsewhere
run "$TT" run $STUDY --no-plots -o r
expect_status 2 "a run with a link at the lock path"
rm $LOCK $AUDIT
ln -s "$WORK/links/elsewhere" $AUDIT
run "$TT" lock $STUDY
expect_status 2 "a link at the audit path"
expect_err_has "'$AUDIT' is a symbolic link" "names the audit link"
expect_true "no lock when the audit cannot take its entry" test ! -e $LOCK
run "$TT" run $STUDY --no-plots -o r
expect_status 2 "a run with a link at the audit path"
expect_true "no report" test ! -e r
expect_true "nothing written through the audit link" test ! -e elsewhere
run "$TT" audit $STUDY
expect_status 2 "tt audit refuses a link"

# ---- the audit trail ----
fresh audit
run "$TT" audit $STUDY
expect_status 0 "no trail yet"
expect_out_has "no audit trail" "says so"
"$TT" lock $STUDY >/dev/null 2>&1
"$TT" run $STUDY --no-plots -o r >/dev/null 2>&1
"$TT" lock $STUDY --reason "it's the second" >/dev/null 2>&1
"$TT" verify r >/dev/null 2>&1
run "$TT" audit $STUDY
expect_status 0 "an intact trail"
expect_out_line "   1  2023-11-14T22:13:20+00:00  $(id -un)  exit 0  tt lock $STUDY" "line 1"
expect_out_line "   3  2023-11-14T22:13:20+00:00  $(id -un)  exit 0  tt lock $STUDY --reason 'it'\\''s the second'" "quoted for the shell"
expect_out_has "exit 1  tt verify r" "tt verify is recorded (its result: the re-lock changed the report's lock history)"
expect_out_line "$AUDIT: 4 entries, chain intact" "intact"
expect_true "run inputs and outputs" grep -q '"outputs":\[{"path":"r/report.json","sha256":"'"$(sha256sum r/report.json | cut -c1-64)"'"}' $AUDIT
cp $AUDIT audit.good
sed -i '2s/"result":0/"result":1/' $AUDIT
run "$TT" audit $STUDY
expect_status 1 "an edited line"
expect_err_has "$AUDIT:3: error: the chain is broken: prev is not the SHA-256 of the line before" "names the line after the edit"
cp audit.good $AUDIT
sed -i '2d' $AUDIT
run "$TT" audit $STUDY
expect_status 1 "a removed line"
expect_err_has "$AUDIT:2: error: the chain is broken" "names the line"
cp audit.good $AUDIT
truncate -s -40 $AUDIT
run "$TT" audit $STUDY
expect_status 1 "a cut last line"
expect_err_has "$AUDIT:4: error: the chain is broken: the line is incomplete" "names the cut line"
run "$TT" run $STUDY --no-plots -o r2
expect_status 2 "a cut trail takes no entry"
expect_err_has "ends in an incomplete line (line 4)" "says why"
expect_true "no report when the trail is cut" test ! -e r2
cp audit.good $AUDIT

# tt verify records only into a trail that exists.
rm $AUDIT
"$TT" verify r >/dev/null 2>&1
expect_true "verify starts no trail" test ! -e $AUDIT

# ---- parallel locks ----
fresh parallel nodata
"$TT" lock $STUDY >/dev/null 2>&1
for i in 1 2 3 4 5 6; do
  "$TT" lock $STUDY --reason "parallel $i" >"$WORK/par$i.out" 2>&1 &
done
wait
expect_true "every parallel entry in the lock" test "$(wc -l <$LOCK)" = 7
expect_true "every reason once" test "$(grep -o '"reason":"parallel [1-6]"' $LOCK | sort -u | wc -l)" = 6
mv data.later studies/data
run "$TT" run $STUDY --no-plots -o r
expect_status 0 "the lock chain is intact"
expect_json r/report.json <<'EOF'
len(d["study"]["locks"]) => 7 => seven locks listed
EOF
run "$TT" audit $STUDY
expect_status 0 "the audit chain is intact"
expect_out_line "$AUDIT: 8 entries, chain intact" "every entry in the trail"

finish
