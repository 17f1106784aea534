# install.sh - `cmake --install` of the build tree that holds TT, used from
# elsewhere.  The prefix is moved after installing, so that nothing can
# depend on where it was installed, and the shipped CAR-T study is run from
# a third folder by the installed tt alone (no TT_PLOTS_DIR, no build tree
# in PATH): its figures come from the installed templates.  Also: the man
# page renders and names every option `tt help` does, a program compiles
# and links against the installed library through pkg-config, and nothing
# installed names the source or the build tree.
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$TT")

skip() {
  echo "install.sh: skipped: $*"
  exit 77
}
[[ -f $BUILD/cmake_install.cmake ]] || skip "'$BUILD' is not a CMake build tree"
command -v cmake >/dev/null || skip "cmake is not installed"

run cmake --install "$BUILD" --prefix "$WORK/installed"
expect_status 0 "cmake --install"
mv "$WORK/installed" "$WORK/moved"
P=$WORK/moved

# What is installed, where.  The library's folder is lib/ or, for a /usr
# prefix, lib/<multiarch>/ (GNUInstallDirs).
pc=$(find "$P" -name tt.pc -path '*/pkgconfig/*' | head -1)
lib=$(find "$P" -name libtt.a | head -1)
[[ -n $pc ]] && ok || not_ok "tt.pc not installed"
[[ -n $lib ]] && ok || not_ok "libtt.a not installed"
for f in bin/tt share/man/man1/tt.1; do
  [[ -f $P/$f ]] && ok || not_ok "not installed: $f"
done
n=0
for f in "$ROOT"/plots/*.gp; do
  cmp -s "$f" "$P/share/tt/plots/${f##*/}" && ok || not_ok "template not installed: ${f##*/}"
  n=$((n + 1))
done
((n >= 6)) && ok || not_ok "only $n templates in $ROOT/plots"
# Every header of the library at its path, since they include one another
# as "tt/LAYER/x.h"; none of the command's.
for h in $(cd "$ROOT" && find tt -name '*.h' -not -path 'tt/cli/*'); do
  cmp -s "$ROOT/$h" "$P/include/$h" && ok || not_ok "header not installed: $h"
done
[[ ! -e $P/include/tt/cli ]] && ok || not_ok "the command's headers are installed"

# Nothing installed names the source or the build tree.  The sanitizers
# keep each source's full path for their reports, beyond -ffile-prefix-map.
names_checked=("$P/bin/tt" "$lib" "$pc")
if [[ ${TT_SANITIZED:-0} == 1 ]]; then
  echo "install.sh: tt is built with sanitizers, which name the sources in their reports:" \
    "only tt.pc is checked for the source and build paths"
  names_checked=("$pc")
fi
for f in "${names_checked[@]}"; do
  [[ -f $f ]] || continue
  n=$(grep -a -c -F -e "$ROOT" -e "$BUILD" "$f")
  [[ $n == 0 ]] && ok || not_ok "${f#"$P"/} names the source or build tree ($n lines)"
done

# A shipped study with its specs and data, in a folder of its own.
mkdir -p "$WORK/study/studies"
cp "$ROOT/studies/cart-sh-to-rtp.yaml" "$WORK/study/studies/"
cp -r "$ROOT/studies/data" "$WORK/study/studies/"
cp -r "$ROOT/specs" "$WORK/study/"
cd "$WORK/study" || exit 1
# PATH without the build or the source tree, the installed tt first.
path=$P/bin
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  case $d in
  "$BUILD" | "$BUILD"/* | "$ROOT" | "$ROOT"/*) ;;
  *) path=$path:$d ;;
  esac
done
installed() { env -u TT_PLOTS_DIR PATH="$path" "$@"; }

if command -v gnuplot >/dev/null; then
  run installed tt run studies/cart-sh-to-rtp.yaml -o out
  expect_status 0 "installed tt run with figures"
  expect_out_has "ct053-sh-rtp: comparable" "verdict"
  n=$(find out/plots -name '*.svg' -size +0 2>/dev/null | wc -l)
  ((n >= 10)) && ok || not_ok "installed tt run drew $n figures"
  [[ -s out/plots/forest.svg ]] && ok || not_ok "no forest.svg"
  # The same figures as the build tree's tt draws from the source's templates.
  run env TT_PLOTS_DIR="$ROOT/plots" "$TT" run studies/cart-sh-to-rtp.yaml -o ref
  expect_status 0 "build tree's tt run"
  expect_true "figures as the build tree's tt draws them" diff -r ref/plots out/plots

  # A link to the installed tt finds the templates of the tt it points to.
  mkdir -p links
  ln -s "$P/bin/tt" links/tt
  run env -u TT_PLOTS_DIR PATH="$WORK/study/links:$path" tt run studies/cart-sh-to-rtp.yaml \
    -o linked --format json
  expect_status 0 "tt run through a symbolic link"
  [[ -s linked/plots/forest.svg ]] && ok || not_ok "no figures through a symbolic link"

  # A copy of the program without its templates says where it looked.
  mkdir -p alone
  cp "$P/bin/tt" alone/tt
  run env -u TT_PLOTS_DIR PATH="$path" alone/tt run studies/cart-sh-to-rtp.yaml -o none
  expect_status 3 "tt without its templates"
  alone=$(cd alone && pwd -P)
  expect_err_has "cannot find tt's plot templates in '$alone/../share/tt/plots' or '$alone/plots'" \
    "the missing templates named"
  expect_err_has "set TT_PLOTS_DIR to the folder of tt's plots/*.gp templates" "TT_PLOTS_DIR named"
  expect_true "nothing written without templates" test ! -e none
else
  echo "install.sh: gnuplot is not installed: the figures are not checked"
  run installed tt run studies/cart-sh-to-rtp.yaml -o out --no-plots
  expect_status 0 "installed tt run without figures"
fi

# The man page names every option `tt help` gives, and renders cleanly.
page=$P/share/man/man1/tt.1
sed 's/\\-/-/g' "$page" >"$WORK/page"
for cmd in $(installed tt help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
  expect_true "the man page has 'tt $cmd'" grep -qF "tt $cmd" "$WORK/page"
  for opt in $(installed tt help "$cmd" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    expect_true "the man page has $cmd's $opt" grep -qF -- "$opt" "$WORK/page"
  done
done
if command -v man >/dev/null; then
  run env MANWIDTH=80 man --warnings=all -l "$page"
  expect_status 0 "man -l"
  [[ ! -s $WORK/err ]] && ok || not_ok "man -l warns: $(head -3 "$WORK/err")"
  expect_out_has "EXIT STATUS" "the page rendered"
else
  echo "install.sh: man is not installed: the page is not rendered"
fi

# A program built against the installed library through pkg-config.
if [[ ${TT_SANITIZED:-0} == 1 ]]; then
  echo "install.sh: tt is built with sanitizers: a program linked with its library would need" \
    "-fsanitize too; the pkg-config build is not checked"
elif ! command -v pkg-config >/dev/null; then
  echo "install.sh: pkg-config is not installed: the library is not checked"
else
  cat >"$WORK/describe.c" <<'EOF'
#include <stdio.h>

#include "tt/stats/stats.h"

int main(void)
{
	const double x[] = { 1, 2, 3, 4, 5.5 };
	tt_describe_result d;
	if (tt_describe(&d, x, 5) != 0)
		return 1;
	printf("n %zu mean %.6g median %.6g sd %.6g\n", d.n, d.mean, d.median, d.sd);
	return 0;
}
EOF
  run env PKG_CONFIG_PATH="${pc%/*}" pkg-config --cflags --libs --static tt
  expect_status 0 "pkg-config tt"
  flags=$(cat "$WORK/out")
  [[ $flags == *"$P/"* ]] && ok || not_ok "pkg-config's flags are not in the moved prefix: $flags"
  # shellcheck disable=SC2086 # the flags are words
  run "${CC:-cc}" -std=c11 -Wall -Wextra -Werror "$WORK/describe.c" -o "$WORK/describe" $flags
  expect_status 0 "compile and link with the installed library"
  run "$WORK/describe"
  expect_status 0 "the program runs"
  # mean 15.5 / 5; sd sqrt(12.2 / 4).
  expect_out_line "n 5 mean 3.1 median 3 sd 1.74642" "tt_describe from the installed library"
fi
finish
