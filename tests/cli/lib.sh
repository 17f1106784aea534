# lib.sh - helpers for the whole-command tests in tests/cli/*.sh.
#
# Each test script is run by ctest as: bash SCRIPT TT_BINARY PROJECT_ROOT.
# Source this file, call checks, and end with `finish`.  Output ends with a
# plain "N passed, N failed" line.
set -u
TT=${1:?usage: SCRIPT TT_BINARY PROJECT_ROOT}
ROOT=${2:?usage: SCRIPT TT_BINARY PROJECT_ROOT}
TT=$(cd "$(dirname "$TT")" && pwd)/$(basename "$TT")
ROOT=$(cd "$ROOT" && pwd)
RES="$ROOT/tests/resources"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tt-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export SOURCE_DATE_EPOCH=1700000000
passed=0
failed=0

ok() { passed=$((passed + 1)); }
not_ok() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# run CMD...: runs a command, keeping its status in $status, stdout in
# $WORK/out and stderr in $WORK/err.
run() {
  "$@" >"$WORK/out" 2>"$WORK/err"
  status=$?
}

# expect_status N LABEL
expect_status() {
  if [[ $status == "$1" ]]; then ok; else
    not_ok "$2: exit status $status, expected $1"; sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
  fi
}

# expect_err_line LINE LABEL: stderr has exactly this line.
expect_err_line() {
  if grep -qxF -- "$1" "$WORK/err"; then ok; else
    not_ok "$2: stderr lacks the line: $1"; sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
  fi
}

# expect_out_line LINE LABEL: stdout has exactly this line.
expect_out_line() {
  if grep -qxF -- "$1" "$WORK/out"; then ok; else
    not_ok "$2: stdout lacks the line: $1"; sed 's/^/  stdout: /' "$WORK/out" | head -20 >&2
  fi
}

# expect_out_has TEXT LABEL: stdout contains TEXT.
expect_out_has() {
  if grep -qF -- "$1" "$WORK/out"; then ok; else
    not_ok "$2: stdout lacks: $1"; sed 's/^/  stdout: /' "$WORK/out" | head -20 >&2
  fi
}

# expect_err_has TEXT LABEL: stderr contains TEXT.
expect_err_has() {
  if grep -qF -- "$1" "$WORK/err"; then ok; else
    not_ok "$2: stderr lacks: $1"; sed 's/^/  stderr: /' "$WORK/err" | head -20 >&2
  fi
}

# expect_true LABEL CMD...: the command succeeds.
expect_true() {
  local label=$1; shift
  if "$@"; then ok; else not_ok "$label"; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [[ $failed == 0 ]]
}
