# The shell's parameter expansions, set, if, while, until and for: run by
# tests/conformance/sh-expansion.test.ts under dash (the oracle), under
# JOS's sh natively and on both boards; every run must print the same.
A=hello.tar.gz
E=
echo "${A%.gz}" ${A%%.*} ${A#*.} ${A##*.} "${#A}" "${#E}" "${#U}"
echo "${U:-default value}" "${E:-empty}" "${E-unsetonly}" "x${U-unset}"
echo "${U:=assigned}" $U "${U:=again}"
echo "${A:+alt}" "[${E:+alt}]" "[${E+set}]" "[${U2+alt}]"
P=/usr/local/bin/prog
echo ${P##*/} ${P%/*} "${P#/usr}" "${P%%/*}" "${P#nomatch}"
echo "${P#/*/}" "${A%.[a-z]z}" "${A%%[.]*}"
N=3
echo "${N:-${A%%.*}}" "${M:-${A%%.*}}" "${M:-$N$N}"
set -- one two three
echo "${1:-x}" "${3}" ${#} "${5:-five}" "$@"
set -- "a b" c
echo $# "$1"
X=${A%%.*}-${E:-e}
echo "$X" "${X#*-}"
echo '${A}' "\${A}" "${A}"
# if/elif/else/fi, while/until, for
for i in 1 2 3; do echo "i=$i"; done
for f in a "b c"
do
  if test "$f" = a; then echo "first $f"; elif test "$f" = x; then echo never; else echo "other $f"; fi
done

w=; while test "$w" != yyy; do w=${w}y; echo "w=$w"; done; echo "loop $?"
k=
until test "$k" = xxx; do k=${k}x; echo "k=$k"; done
if false; then echo no; fi; echo "status $?"
if true
then
  for j in 1 2; do
    if test $j = 2; then echo "nested $j"; fi
  done
fi
set -- p q
for a; do echo "arg $a"; done
echo before; for z in; do echo never; done; echo "after $?"
if test -d /; then echo dir && echo and; fi
echo end
