#!/usr/bin/env bash
# layers.sh ROOT [BUILD] - the library's folders are layers, each using only
# the layers below it (README, "Layout"), and no two modules use each other,
# directly or around a loop.
#
# A module is a file's path under tt/ without its extension: tt/input/data.c
# and tt/input/data.h are the module input/data.  Every `#include "tt/..."`
# is an edge from the including file's module to the included header's.
#
# With BUILD, a build folder of the project, the objects of its last build
# are read too (nm): a module that uses a function or variable defined in
# another module's object is an edge from the one to the other, so calls
# through a header of a lower layer, or declared by hand, are seen as well.
# NM names the nm to use (ctest passes CMake's).
#
# The test fails, naming each, on:
#   - an include of a layer above the file's own (an upward include), or of
#     a folder that is not a layer;
#   - a loop among modules' includes (tsort names the modules on it);
#   - with BUILD: a use of a symbol defined in a layer above the module's
#     own, and a loop among modules' uses of each other's symbols.
# Output ends with a plain "N passed, N failed" line.
set -u
ROOT=$(cd "${1:?usage: layers.sh ROOT [BUILD]}" && pwd)
BUILD=
if [[ -n ${2:-} ]]; then
  BUILD=$(cd "$2" && pwd) || exit 1
fi
NM=${NM:-nm}
cd "$ROOT/tt" || exit 1

# Lowest first.  cli is the tt executable; it may use every layer.
layers=(base input stats diff engine plan plot validate render app cli)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done

passed=0 failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check_loops EDGES WHAT: fails when the "from to" lines of EDGES form a
# loop.  tsort prints "tsort: -: input contains a loop:" and then the
# loop's members.
check_loops() {
  local loops
  loops=$(sort -u "$1" | tsort 2>&1 >/dev/null)
  if [[ -n $loops ]]; then
    fail "modules $2 each other around a loop:"
    echo "$loops" | sed 's/^tsort: /  /' >&2
  else
    passed=$((passed + 1))
  fi
}

# ---- includes ----

: >"$tmp/includes"
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
    [[ $to != "$from" ]] && echo "$from $to" >>"$tmp/includes"
  done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"tt\/\([^"]*\)".*/\1/p' "$file")
done < <(find . -name '*.[ch]' | sed 's#^\./##' | LC_ALL=C sort)
((upward == 0)) && passed=$((passed + 1))
check_loops "$tmp/includes" "include"

# ---- symbols (with BUILD) ----

if [[ -n $BUILD ]]; then
  # The library's objects: CMake names them CMakeFiles/TARGET.dir/tt/FOLDER/
  # NAME.c.o.  tt/cli is the executable, not the library: its command table
  # and commands refer to each other by design, and the library cannot call
  # it (the tests link the library without it).  An object whose source is
  # gone (a file renamed since that build) is left out.
  objects=()
  while IFS= read -r obj; do
    module=${obj#*.dir/tt/}
    module=${module%.c.o}
    [[ $module != cli/* && -f $ROOT/tt/$module.c ]] && objects+=("$obj")
  done < <(find "$BUILD/CMakeFiles" -path '*.dir/tt/*.c.o' 2>/dev/null | LC_ALL=C sort)
  if ((${#objects[@]} == 0)); then
    fail "no object files of tt/ under $BUILD/CMakeFiles (build the project first)"
  elif ! command -v "$NM" >/dev/null; then
    fail "'$NM' not found: set NM to the nm of the toolchain"
  else
    # "SYMBOL MODULE" for each symbol an object defines, and for each it
    # uses without defining it.  nm -P -A prints "OBJECT: SYMBOL TYPE ...";
    # the object's path may hold spaces, a symbol does not.
    symbols() {
      "$NM" -P -A "$@" "${objects[@]}" |
        awk '{ i = index($0, ".c.o: "); m = substr($0, 1, i - 1); sub(/.*\.dir\/tt\//, "", m)
               split(substr($0, i + 6), f, " "); print f[1], m }' | LC_ALL=C sort -u
    }
    symbols -g --defined-only >"$tmp/defined"
    symbols -u >"$tmp/used"
    # "USER DEFINER SYMBOL" for every use of another module's symbol.
    LC_ALL=C join "$tmp/used" "$tmp/defined" |
      awk '$2 != $3 { print $2, $3, $1 }' | LC_ALL=C sort -u >"$tmp/uses"
    upward=0
    while read -r from to syms; do
      from_folder=${from%%/*} to_folder=${to%%/*}
      if [[ -z ${rank[$from_folder]+x} || -z ${rank[$to_folder]+x} ]]; then
        continue # the include check has named the folder already
      fi
      if ((rank[$to_folder] > rank[$from_folder])); then
        fail "tt/$from.c uses $syms of tt/$to.c: layer '$from_folder' may not use '$to_folder', above it"
        upward=1
      fi
    done < <(awk '{ k = $1 " " $2; if (k in s) s[k] = s[k] ", " $3; else s[k] = $3 } END { for (k in s) print k, s[k] }' \
               "$tmp/uses" | LC_ALL=C sort)
    ((upward == 0)) && passed=$((passed + 1))
    awk '{ print $1, $2 }' "$tmp/uses" >"$tmp/calls"
    check_loops "$tmp/calls" "use symbols of"
  fi
fi

echo "$passed passed, $failed failed"
((failed == 0))
