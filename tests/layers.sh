#!/usr/bin/env bash
# layers.sh ROOT - the library's folders are layers, each using only the
# layers below it (README, "Layout"), and no two modules include each other,
# directly or around a loop.
#
# A module is a file's path under tt/ without its extension: tt/input/data.c
# and tt/input/data.h are the module input/data.  Every `#include "tt/..."`
# is an edge from the including file's module to the included header's.  The
# test fails, naming each, on:
#   - an include of a layer above the file's own (an upward include), or of
#     a folder that is not a layer;
#   - a loop among modules (tsort names the modules on it).
# Output ends with a plain "N passed, N failed" line.
set -u
ROOT=$(cd "${1:?usage: layers.sh ROOT}" && pwd)
cd "$ROOT/tt" || exit 1

# Lowest first.  cli is the tt executable; it may use every layer.
layers=(base input stats diff engine plan plot validate render app cli)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done

passed=0 failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
upward=0
while IFS= read -r file; do
  folder=${file%%/*}
  if [[ -z ${rank[$folder]+x} ]]; then
    fail "tt/$file: folder '$folder' is not a layer (tests/layers.sh lists them)"
    upward=1
    continue
  fi
  from=${file%.*}
  while IFS= read -r inc; do
    to_folder=${inc%%/*}
    if [[ -z ${rank[$to_folder]+x} ]]; then
      fail "tt/$file includes tt/$inc, in '$to_folder', which is not a layer"
      upward=1
    elif ((rank[$to_folder] > rank[$folder])); then
      fail "tt/$file includes tt/$inc: layer '$folder' may not use '$to_folder', above it"
      upward=1
    fi
    to=${inc%.*}
    [[ $to != "$from" ]] && echo "$from $to" >>"$edges"
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"tt\/\([^"]*\)".*/\1/p' "$file")
done < <(find . -name '*.[ch]' | sed 's#^\./##' | LC_ALL=C sort)
((upward == 0)) && passed=$((passed + 1))

# tsort prints "tsort: -: input contains a loop:" and then the loop's members.
loops=$(sort -u "$edges" | tsort 2>&1 >/dev/null)
if [[ -n $loops ]]; then
  fail "modules include each other around a loop:"
  echo "$loops" | sed 's/^tsort: /  /' >&2
else
  passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
((failed == 0))
