# outputs.sh - every report, figure, JSON and stdout that tt writes for the
# shipped studies, byte for byte: the SHA-256 of each is compared with
# tests/resources/outputs/sha256.txt (made by scripts/output-hashes, which
# says how to update it after an intended change).  A reorganisation of the
# code must leave this list unchanged.
source "$(dirname "$0")/lib.sh"
if ! command -v gnuplot >/dev/null; then echo "outputs: gnuplot missing, skipped"; exit 77; fi
expected="$RES/outputs/sha256.txt"
if ! bash "$ROOT/scripts/output-hashes" "$TT" "$ROOT" >"$WORK/hashes" 2>"$WORK/err"; then
  not_ok "scripts/output-hashes failed"; sed 's/^/  /' "$WORK/err" | head -20 >&2
elif diff -u "$expected" "$WORK/hashes" >"$WORK/diff"; then
  ok
else
  not_ok "outputs differ from $expected (the files whose hashes changed):"
  grep '^[-+][0-9a-f]' "$WORK/diff" | head -40 >&2
fi
finish
