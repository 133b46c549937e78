# The shell's language beyond expansions: case, functions (local, return),
# $(...) and `...`, $((...)), break and continue, field splitting on IFS,
# here-documents, read, eval, subshells and groups, compound commands in
# pipelines and with redirections. Run by tests/conformance/sh-language.test.ts
# under dash (the oracle), JOS's sh natively and on both boards: every run
# must print the same bytes. Only built-ins, echo, cat, tr and wc run, so
# that the output depends on the shell alone.
out=${TMPDIR:-/tmp}/sh-language.$$

echo "== case"
for w in hello.c main.h README x Makefile "a b" ''; do
  case $w in
    *.c) echo "$w: C source" ;;
    *.h|*.hpp) echo "$w: header" ;;
    [A-Z]*) echo "$w: capitalised";;
    ?) echo "$w: one character" ;;
    "a b") echo "quoted pattern" ;;
    '') echo "empty" ;;
  esac
done
case abc in (a*) echo "open paren";; esac
case '*' in '*') echo "a quoted star matches only a star";; *) echo never;; esac
x=b
case abc in a${x}c) echo "pattern with a parameter";; esac
case x in y) echo never; esac; echo "no match: $?"
case x in x) ;; esac; echo "empty body: $?"

echo "== functions"
greet() {
  echo "hello, $1 ($# arguments)"
}
greet world
greet "two words" extra
count() { echo $#; }
count; count a b c; count "$@"
set -- outer1 outer2
show() { echo "inside: $*"; }
show inner; echo "outside: $*"
ret() { return $1; }
ret 7; echo "return 7: $?"
ret 0 && echo "return 0 is true"
early() { echo before; return; echo never; }
early
v=global
scope() { local v=local; echo "in: $v"; inner; }
inner() { echo "inner sees: $v"; }
scope; echo "out: $v"
recurse() { if [ "$1" -gt 0 ]; then echo "depth $1"; recurse $(($1 - 1)); fi; }
recurse 3
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }
echo "5! = $(fact 5)"
redirected() { echo "to a file"; } > "$out"
redirected; cat "$out"
unset -f greet; greet 2>/dev/null || echo "greet is gone"

echo "== command substitution"
echo "$(echo one)" $(echo two three)
lines=$(printf 'a\nb\n\n\n'); echo "[$lines]"
echo "[`echo backquotes`]" "[`echo "in quotes"`]"
echo $(echo $(echo nested))
n=$(echo 4 | tr 4 5); echo "n=$n"
x=$(false); echo "status of an assignment: $?"
echo "$(cd /; pwd) $(pwd | wc -c | tr -d ' ')" >/dev/null
echo "$(echo ')')"
echo $(case a in a) echo "case inside";; esac)

echo "== arithmetic"
echo $((1 + 2 * 3)) $(((1 + 2) * 3)) $((7 / 2)) $((7 % 3)) $((-7 / 2)) $((2 - 3 - 4))
echo $((1 << 10)) $((1024 >> 3)) $((5 & 3)) $((5 | 3)) $((5 ^ 3)) $((~0))
echo $((3 < 4)) $((3 > 4)) $((3 <= 3)) $((3 >= 4)) $((3 == 3)) $((3 != 3))
echo $((1 && 0)) $((1 || 0)) $((!5)) $((0 ? 10 : 20)) $((1 ? 10 : 20))
echo $((0x10)) $((010)) $((-(-3)))
i=5; echo $((i * 2)) $(($i + 1)) $((i += 3)) $i $((i -= 1)) $i
j=; echo "unset is zero: $((j + 1)) $((undefined_var * 2))"
k=3; echo $((k = k * k)) $k

echo "== loops"
for i in 1 2 3 4 5; do
  if [ $i = 2 ]; then continue; fi
  if [ $i = 4 ]; then break; fi
  echo "i=$i"
done
for i in a b; do for j in 1 2 3; do
  if [ $j = 2 ]; then continue 2; fi
  echo "$i$j"
done; done
for i in a b; do for j in 1 2 3; do
  [ $j = 2 ] && break 2
  echo "$i$j"
done; done
echo "after break 2"
n=0
while :; do
  n=$((n + 1))
  [ $n -lt 3 ] && continue
  echo "n reached $n"
  break
done
until [ $n -eq 0 ]; do n=$((n - 1)); done; echo "until: n=$n"
for w in one two; do echo "$w"; done | tr a-z A-Z
while read line; do echo "read: $line"; done <<EOT
first line
second line
EOT
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); echo $i; done > "$out"; cat "$out" | wc -l | tr -d ' '

echo "== field splitting"
v="  a  b   c  "
set -- $v; echo "$# [$1] [$3]"
set -- "$v"; echo "$# [$1]"
IFS=:
p="/bin::/usr/bin:"; set -- $p; echo "$# [$1] [$2] [$3]"
p=":a"; set -- $p; echo "$# [$1] [$2]"
IFS=' :'
p="a : b"; set -- $p; echo "$# [$1] [$2]"
p="a: :b"; set -- $p; echo "$# [$1] [$2] [$3]"
IFS=
p="a b"; set -- $p; echo "$# [$1]"
unset IFS
e=; set -- $e; echo "empty: $#"
set -- "$e"; echo "quoted empty: $#"
set -- a "b c" d
for x in "$@"; do echo "\"\$@\": [$x]"; done
for x in $@; do echo "\$@: [$x]"; done
for x in "$*"; do echo "\"\$*\": [$x]"; done
IFS=-; echo "$*"; unset IFS
set --; for x in "$@"; do echo never; done; echo "no parameters: $#"
w=$(echo "x  y"); set -- $w; echo "from a substitution: $#"
g="*"; echo "no glob in quotes: $g" "[$g]"

echo "== here-documents"
name=world
cat <<EOF
hello $name, $((6 * 7)), $(echo sub)
\$name stays
EOF
cat <<'EOF'
no $name here
EOF
cat <<-EOF
	tabs go, $name stays
	EOF
cat <<A; cat <<B
first
A
second
B
if true; then
  cat <<EOF
inside if
EOF
fi
f() {
  cat <<EOF
inside a function: $1
EOF
}
f arg

echo "== read and eval"
read a b c <<EOF
one two three four
EOF
echo "[$a] [$b] [$c]"
IFS=: read x y <<EOF
k:v:w
EOF
echo "[$x] [$y]"
read -r raw <<'EOF'
back\slash
EOF
echo "$raw"
cmd='echo evaluated; echo $((1+1))'; eval "$cmd"
eval "z=assigned"; echo "$z"
echo | read q; echo "read from an empty line: [$q]"

echo "== groups, subshells, pipelines"
{ echo one; echo two; } | wc -l | tr -d ' '
(echo in a subshell; exit 3); echo "subshell status $?"
v=outer; (v=inner; echo "$v"); echo "$v"
{ v=group; }; echo "$v"
if true; then echo yes; fi | tr a-z A-Z
case a in a) echo matched;; esac | tr a-z A-Z
echo piped | { read p; echo "group read: $p"; }
! true; echo "! true: $?"
! false | false; echo "! pipeline: $?"
true && { echo and-group; false; } || echo "or after group"
{ echo to stderr >&2; } 2>&1 | cat
for i in 1 2; do echo "loop $i"; done >"$out"; cat "$out"
rm -f "$out"
echo "== end"
