# sign.sh - tt sign and the signature checks of tt verify, with a test CA,
# keys and certificates made here with the openssl command line: two
# signatures verify and are printed, with and without --ca; a changed
# manifest, a changed meaning, a signature copied from another report, a
# changed signer or certificate each fail, naming the file; every refusal
# exits 2 and writes nothing; the canonical text is the one documented
# (openssl cms checks a signature without tt); no private key ever
# appears in a file tt writes or in a message.
source "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || { echo "sign.sh: skipped: openssl is not installed"; exit 77; }
cd "$WORK" || exit 1
cp -r "$ROOT/studies" studies && cp -r "$ROOT/specs" specs
# Signed at 2023-11-14T22:13:20Z, shown in a fixed zone one hour east of UTC.
export SOURCE_DATE_EPOCH=1700000000 TZ=CET-1
WHEN=2023-11-14T23:13:20+01:00

# A test CA and certificates with fixed dates: `openssl ca`, since OpenSSL
# 3.0's req and x509 cannot set a start date.
mkdir -p ca/new && : >ca/index.txt && echo 1000 >ca/serial
cat >ca/ca.cnf <<'EOF'
[ca]
default_ca = test
[test]
dir = ca
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = optional
emailAddress = optional
organizationName = optional
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign
[signer]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
EOF
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
# issue CERT KEY SUBJECT START END [CA_KEY CA_CERT]: self-signed root
# without a CA.
issue() {
  openssl req -new -key "$2" -subj "$3" -out "$1.csr" 2>/dev/null || return 1
  if [[ $# == 5 ]]; then
    openssl ca -batch -config ca/ca.cnf -selfsign -keyfile "$2" -in "$1.csr" -out "$1" \
      -startdate "$4" -enddate "$5" -extensions root -notext 2>/dev/null
  else
    openssl ca -batch -config ca/ca.cnf -cert "$7" -keyfile "$6" -in "$1.csr" -out "$1" \
      -startdate "$4" -enddate "$5" -extensions signer -notext 2>/dev/null
  fi
}
key ca.key && issue ca.pem ca.key "/CN=Test CA/O=tt tests" 20200101000000Z 20400101000000Z
key other-ca.key && issue other-ca.pem other-ca.key "/CN=Other CA" 20200101000000Z 20400101000000Z
key jane.key &&
  issue jane.pem jane.key "/CN=Jane Doe/emailAddress=jane@example.org/O=Acme Bio" \
    20230101000000Z 20301231000000Z ca.key ca.pem
key omar.key && issue omar.pem omar.key "/CN=Omar Haddad" 20230101000000Z 20301231000000Z ca.key ca.pem
key old.key && issue old.pem old.key "/CN=Old Signer" 20200101000000Z 20210101000000Z ca.key ca.pem
key nocn.key && issue nocn.pem nocn.key "/O=Acme Bio" 20230101000000Z 20301231000000Z ca.key ca.pem
openssl pkcs8 -topk8 -in jane.key -out jane-enc.key -v2 aes-256-cbc -passout pass:s3cret-phrase \
  2>/dev/null
for f in ca.pem other-ca.pem jane.pem omar.pem old.pem nocn.pem jane-enc.key; do
  [[ -s $f ]] || { echo "sign.sh: openssl could not make $f" >&2; exit 1; }
done
sha256sum ./*.key ./*.pem >keys.sha256

# The report, and a manifest.json for it: tt run writes one in every
# report folder; where it does not yet, a stand-in (tt sign only hashes it).
run "$TT" run studies/cart-sh-to-rtp.yaml --no-plots -o rep
expect_status 0 "run"
real_manifest=0
if [[ -f rep/manifest.json ]]; then
  real_manifest=1
else
  (cd rep && sha256sum report.* | sed 's/^/  /' >manifest.json)
fi
run "$TT" run studies/cart-sh-to-rtp.yaml --no-plots -o other
[[ -f other/manifest.json ]] || (cd other && sha256sum report.* >manifest.json)
run "$TT" verify other
expect_status 0 "verify before any signature"
expect_out_line "signatures: none" "an unsigned report says so"

# Everything tt prints is kept, to look for the keys in at the end.
log() { cat "$WORK/out" "$WORK/err" >>"$WORK/printed"; }

run "$TT" sign rep --key jane.key --cert jane.pem --meaning authored
log
expect_status 0 "sign authored"
expect_out_line "signed rep: Jane Doe <jane@example.org>, authored, $WHEN" "sign prints the signer"
expect_out_line "signature: rep/signatures/01.json" "the first signature is 01"
run "$TT" sign rep --key omar.key --cert omar.pem --meaning approved --reason "QA release of lot RTP-004"
log
expect_status 0 "sign approved"
expect_out_line "signature: rep/signatures/02.json" "the second signature is 02"
expect_true "01.json names the meaning" grep -qF '"meaning": "authored"' rep/signatures/01.json
expect_true "02.json keeps the reason" grep -qF '"reason": "QA release of lot RTP-004"' \
  rep/signatures/02.json
expect_true "the record is report.json's SHA-256" \
  grep -qF "\"record\": \"$(sha256sum <rep/report.json | cut -c1-64)\"" rep/signatures/01.json
expect_true "the manifest's SHA-256" \
  grep -qF "\"manifest_sha256\": \"$(sha256sum <rep/manifest.json | cut -c1-64)\"" \
  rep/signatures/02.json
expect_true "a CMS in PEM" grep -qF -- '-----BEGIN CMS-----' rep/signatures/01.json

# Each signing is an entry of the study's audit trail, after the run's,
# with the signature file among its outputs; the chain holds.
run "$TT" audit studies/cart-sh-to-rtp.yaml
expect_status 0 "the audit trail is intact after signing"
expect_true "two sign entries in the trail" \
  test "$(grep -c '"command":"tt sign rep ' studies/cart-sh-to-rtp.audit)" = 2
expect_true "the trail names the signature file" \
  grep -qF '"path":"rep/signatures/02.json"' studies/cart-sh-to-rtp.audit

# The signature page: each signer's printed name, meaning and time, the
# study and the record identity, and nothing fetched from elsewhere.
page=rep/signatures/page.html
expect_true "page names Jane Doe" grep -qF "<strong>Jane Doe</strong>" $page
expect_true "page names Omar Haddad" grep -qF "<strong>Omar Haddad</strong>" $page
expect_true "page has the time" grep -qF "<td>$WHEN</td>" $page
expect_true "page has the meanings" grep -qF "<td>approved</td>" $page
expect_true "page has the study" grep -qF "<code>ct053-sh-rtp</code>" $page
expect_true "page has the record" grep -qF "$(sha256sum <rep/report.json | cut -c1-64)" $page
if grep -qiE '(src|href)=|url\(' $page; then not_ok "the page refers to another file"; else ok; fi

# tt verify: both signatures hold and are printed.
run "$TT" verify rep
log
expect_status 0 "verify with two signatures"
expect_out_line "signature 01: Jane Doe <jane@example.org>, authored, $WHEN: valid" "verify prints 01"
expect_out_line "signature 02: Omar Haddad, approved, $WHEN: valid" "verify prints 02"
expect_out_has "the certificates' chains were not checked (no --ca)" "says the chain is unchecked"
expect_out_line "match" "match"
run "$TT" verify rep --ca ca.pem
expect_status 0 "verify --ca with the CA"
expect_out_has "each certificate chains to a CA of 'ca.pem'" "says the chain was checked"
run "$TT" verify rep --ca other-ca.pem
expect_status 1 "verify --ca with another CA"
expect_out_has "signature 01: Jane Doe <jane@example.org>, authored, $WHEN: invalid: signatures/01.json: its certificate does not chain to a CA of 'other-ca.pem'" \
  "names the chain"
run "$TT" verify rep --ca nowhere.pem
expect_status 2 "verify --ca with no such file"

# Anyone can check a signature without tt: openssl cms over the canonical
# text of sign.h and the README, rebuilt here from the file.
field() { sed -n "s/^ *\"$2\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$1" | head -1; }
sig=rep/signatures/02.json
printf '%b' "$(field $sig signature)" >sig.pem
printf '%b' "$(field $sig certificate)" >cert.pem
printf 'tt-signature-v1\nname: %s\nemail: \nsubject: %s\nmeaning: %s\nreason: %s\nsigned_at: %s\nrecord: %s\nmanifest_sha256: %s\n' \
  "$(field $sig name)" "$(field $sig subject)" "$(field $sig meaning)" "$(field $sig reason)" \
  "$(field $sig signed_at)" "$(field $sig record)" "$(field $sig manifest_sha256)" >canonical.txt
run openssl cms -verify -inform PEM -in sig.pem -content canonical.txt -binary -noverify \
  -certfile cert.pem -nointern -out /dev/null
expect_status 0 "openssl cms verifies the canonical text"
sed -i 's/^meaning: approved$/meaning: rejected/' canonical.txt
run openssl cms -verify -inform PEM -in sig.pem -content canonical.txt -binary -noverify \
  -certfile cert.pem -nointern -out /dev/null
expect_status 4 "openssl cms refuses another meaning"

# A changed manifest: every signature fails, naming the file.
cp -r rep t1 && printf ' ' >>t1/manifest.json
run "$TT" verify t1
expect_status 1 "changed manifest"
expect_out_has "signature 01: Jane Doe <jane@example.org>, authored, $WHEN: invalid: signatures/01.json: manifest.json changed after signing" \
  "names the manifest"
expect_out_line "signatures: 2 of 2 do not hold" "both fail"
expect_out_line "differ" "differ"
# With the manifest of tt run, a changed report.html is named too.
if ((real_manifest)); then
  cp -r rep t2 && sed -i 's/NOT COMPARABLE/COMPARABLE/; s/<\/body>/<p>edited<\/p><\/body>/' t2/report.html
  run "$TT" verify t2
  expect_status 1 "changed report.html"
  expect_out_has "report.html" "names report.html"
fi

# A changed meaning: the signature no longer verifies over the fields.
cp -r rep t3 && sed -i 's/"meaning": "approved"/"meaning": "authored"/' t3/signatures/02.json
run "$TT" verify t3
expect_status 1 "changed meaning"
expect_out_line "signature 02: Omar Haddad, authored, $WHEN: invalid: signatures/02.json: the signature does not verify over the signed fields with its certificate" \
  "names the signature"
expect_out_has "signature 01: Jane Doe <jane@example.org>, authored, $WHEN: valid" "01 still holds"

# Another signer's name, or another certificate, in a signature file.
cp -r rep t4 && sed -i 's/"name": "Omar Haddad"/"name": "Jane Doe"/' t4/signatures/02.json
run "$TT" verify t4
expect_status 1 "changed signer"
expect_out_has "signatures/02.json: the signer named is not its certificate's" "names the signer"
cp -r rep t5
C=$(awk 'BEGIN { ORS = "\\n" } { print }' old.pem) awk '
  /^  "certificate": / { print "  \"certificate\": \"" ENVIRON["C"] "\","; next }
  { print }' rep/signatures/02.json >t5/signatures/02.json
run "$TT" verify t5
expect_status 1 "another certificate"
expect_out_has "signature 02: Omar Haddad, approved, $WHEN: invalid: signatures/02.json: the signer named is not its certificate's; the signature does not verify" \
  "another certificate named"

# A signature copied from another report: a record it did not sign.
run "$TT" sign other --key jane.key --cert jane.pem --meaning approved
log
expect_status 0 "sign the other report"
cp -r rep t6 && cp other/signatures/01.json t6/signatures/03.json
run "$TT" verify t6
expect_status 1 "copied signature"
expect_out_has "signature 03: Jane Doe <jane@example.org>, approved, $WHEN: invalid: signatures/03.json: report.json changed after signing" \
  "names the copied signature"

# Not a signature file at all, or one with a control character: named,
# and nothing of it reaches the terminal raw.
cp -r rep t7 && printf '{"signer": {"name": "\x1b[31m' >t7/signatures/02.json
run "$TT" verify t7
expect_status 1 "a broken signature file"
expect_out_has "signature 02: invalid: signatures/02.json: not valid JSON" "names the broken file"
if grep -q $'\x1b' "$WORK/out"; then not_ok "an escape character reached the terminal"; else ok; fi
cp -r rep t9 && sed -i 's/"name": "Omar Haddad"/"name": "\\u001b[31mOmar"/' t9/signatures/02.json
run "$TT" verify t9
expect_status 1 "a control character in a name"
expect_out_line "signature 02: invalid: signatures/02.json: a signed field holds a control character" \
  "names the control character"
if grep -q $'\x1b' "$WORK/out"; then not_ok "an escape character reached the terminal"; else ok; fi
cp -r rep t8 && sed -i 's/"meaning": "approved",/"meaning": "approved", "note": "x",/' t8/signatures/02.json
run "$TT" verify t8
expect_status 1 "an unknown member"
expect_out_has "signatures/02.json: unknown member 'note'" "names the member"

# Refusals: exit 2, a clear message, and the folder as it was.
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
snapshot rep >before
refuse() { # LABEL MESSAGE ARGS...
  local label=$1 msg=$2
  shift 2
  run "$TT" sign "$@"
  log
  expect_status 2 "$label"
  expect_err_has "$msg" "$label: message"
  snapshot rep >after
  cmp -s before after && ok || not_ok "$label: the folder changed"
}
refuse "unknown meaning" "unknown meaning 'approve': a signature means authored, reviewed, approved or rejected" \
  rep --key jane.key --cert jane.pem --meaning approve
refuse "missing key" "cannot read the key 'none.key'" rep --key none.key --cert jane.pem --meaning approved
refuse "not a key" "'jane.pem' holds no private key tt can read" \
  rep --key jane.pem --cert jane.pem --meaning approved
refuse "not a certificate" "'jane.key' holds no PEM certificate" \
  rep --key jane.key --cert jane.key --meaning approved
refuse "another key's certificate" "the certificate 'omar.pem' does not match the key 'jane.key'" \
  rep --key jane.key --cert omar.pem --meaning approved
refuse "expired certificate" "the certificate 'old.pem' cannot sign at $WHEN: it expired 2021-01-01T00:00:00Z" \
  rep --key old.key --cert old.pem --meaning approved
SOURCE_DATE_EPOCH=1600000000 refuse "certificate not yet valid" \
  "it is not valid before 2023-01-01T00:00:00Z" rep --key jane.key --cert jane.pem --meaning approved
refuse "no common name" "it names no common name (CN)" \
  rep --key nocn.key --cert nocn.pem --meaning approved
refuse "an encrypted key without --pass-env" "the key 'jane-enc.key' is encrypted: give the name" \
  rep --key jane-enc.key --cert jane.pem --meaning approved
unset TT_NO_SUCH_VARIABLE
refuse "--pass-env unset" "the environment variable 'TT_NO_SUCH_VARIABLE' named by --pass-env is not set" \
  rep --key jane-enc.key --cert jane.pem --meaning approved --pass-env TT_NO_SUCH_VARIABLE
TT_KEY_PASS=wrong refuse "wrong passphrase" \
  "cannot decrypt the key 'jane-enc.key' with the passphrase in 'TT_KEY_PASS'" \
  rep --key jane-enc.key --cert jane.pem --meaning approved --pass-env TT_KEY_PASS
refuse "a reason of two lines" "the reason must be one line" \
  rep --key jane.key --cert jane.pem --meaning approved --reason $'one\ntwo'
mkdir -p notreport && cp rep/report.json notreport/
run "$TT" sign notreport --key jane.key --cert jane.pem --meaning approved
expect_status 2 "not a report folder"
expect_err_line "tt sign: error: 'notreport' is not a report folder: it has no manifest.json" \
  "not a report folder: message"
[[ ! -e notreport/signatures ]] && ok || not_ok "not a report folder: signatures/ made"
run "$TT" sign rep --key jane.key --meaning approved
expect_status 2 "no --cert"
# A report whose earlier signature no longer holds is not signed again.
run "$TT" sign t1 --key jane.key --cert jane.pem --meaning reviewed
expect_status 2 "signing over a broken signature"
expect_err_has "'t1/signatures/01.json' does not hold (manifest.json changed after signing" \
  "names the broken signature"
[[ ! -e t1/signatures/03.json ]] && ok || not_ok "a signature was added over a broken one"

# An encrypted key with its passphrase in the environment.
TT_KEY_PASS=s3cret-phrase run "$TT" sign other --key jane-enc.key --cert jane.pem \
  --meaning reviewed --pass-env TT_KEY_PASS
log
expect_status 0 "encrypted key with --pass-env"
expect_out_line "signature: other/signatures/02.json" "the next number"
if grep -rqF s3cret-phrase other "$WORK/printed"; then not_ok "the passphrase was written"; else ok; fi

# Signers at the same moment: each gets its own number, none is lost, and
# the page shows every one.
cp -r other par
for i in 1 2 3 4; do
  "$TT" sign par --key omar.key --cert omar.pem --meaning reviewed >/dev/null 2>&1 &
done
wait
n=$(ls par/signatures | grep -c '^[0-9]*\.json$')
[[ $n == 6 ]] && ok || not_ok "parallel signers: $n signature files, expected 6"
n=$(grep -c '<td><strong>' par/signatures/page.html)
[[ $n == 6 ]] && ok || not_ok "parallel signers: the page shows $n signatures, expected 6"
run "$TT" verify par
expect_status 0 "parallel signatures all hold"

# No private key anywhere tt wrote or printed; keys and certificates as
# they were.
for k in ./*.key; do
  sed '1d;$d' "$k" | awk 'length >= 16' >key-lines
  [[ -s key-lines ]] || not_ok "no lines read from $k"
  if grep -rqF -f key-lines rep other par "$WORK/printed"; then not_ok "the key $k was written"; else ok; fi
done
sha256sum -c --quiet keys.sha256 && ok || not_ok "a key or certificate changed"
[[ -s $WORK/printed ]] && ok || not_ok "nothing was printed"

# Usage.
run "$TT" help sign
expect_status 0 "tt help sign"
expect_out_has "--pass-env VAR" "help names --pass-env"
finish
