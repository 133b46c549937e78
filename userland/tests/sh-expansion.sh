# The shell's parameter expansions and set: run by
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
