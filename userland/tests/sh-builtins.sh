# The shell's variables around commands, wait, set and aliases. Run by
# tests/conformance/sh-builtins.test.ts under dash (the oracle), JOS's sh
# natively and on both boards: every run must print the same bytes.
# Error messages go to /dev/null; the rest of standard error is standard
# output.
exec 2>&1

echo "== set lists the variables, sorted and quoted"
( a=1 b="x y" c="it's" d= e='a
b' f='$x' B=upper; set | grep '^[a-z]' )

echo "== NAME=VALUE before a command"
f() { echo "in f: $v"; v=inner; }
v=x true; echo "a built-in: [$v]"
v=y f; echo "a function: [$v]"
v=1; v=2 f; echo "a function, v set before: [$v]"
v=z :; echo "a special built-in keeps it: [$v]"
v=3 export w=4; echo "export too: [$v] [$w]"
unset v; v=e env | grep '^v='; echo "a program: [$v]"
IFS=: read a b <<END
1:2
END
echo "IFS=: read: $a $b"
echo "1 2" | { read a b; echo "split on blanks again: $b"; }
v=5 eval 'echo "in eval: $v"'; echo "eval keeps it: [$v]"
g() { local v=loc; echo "g: $v"; }; v=6; v=7 g; echo "after g, which has a local v: [$v]"
h() { echo "exported to h's children: $(env | grep '^z=')"; }; z=zz h; echo "z after h: [$z]"

echo "== wait"
(exit 3) & p=$!; wait $p; echo "wait \$!: $?"
(exit 4) & q=$!; (exit 5) & r=$!; wait $q $r; echo "wait for two, the last one's status: $?"
(exit 6) & wait %1; echo "wait %1: $?"
wait; echo "wait for none left: $?"
wait 99999; echo "no such child: $?"
(exit 7) & wait; echo "wait alone: $?"
sh -c 'kill -TERM $$' & wait $!; echo "killed by TERM: $?"
(exit 6) | (exit 9) & wait $!; echo "a pipeline, its last command: $?"
wait abc 2>/dev/null; echo "not a number: $?"

echo "== aliases"
alias zz="echo z" aa="echo \"it's\"" mm=
alias aa; alias zz nosuch 2>/dev/null; echo "status $?"
alias | sort
aa; zz one; mm echo after an empty alias
alias e="echo " w=world
e w; e e w
alias ec=echo
f() { ec in f; }; f
ec a; alias ec="echo changed"; ec b
v=1 ec after an assignment $v
x=ec; $x not expanded 2>/dev/null; echo "\$x: $?"
"ec" quoted 2>/dev/null; echo "quoted: $?"
alias l1=l2 l2=l1; l1 2>/dev/null; echo "a loop: $?"
alias p="echo p |"
p cat
alias i="if true; then echo in if; fi"
i
for k in 1; do ec in a loop; done
alias echo="echo +"; echo on the line that defines it
echo on the next line
unalias echo
ec x | { read y z; echo "$y"; }
unalias zz; echo "unalias: $?"; unalias zz 2>/dev/null; echo "again: $?"
unalias -a; alias; echo "none left: $?"
echo "== commands over several lines"
if true
then
  echo a |

  cat
fi
echo x &&
# a comment
echo y
( echo in a subshell
) && ( echo and another )
g() (
  echo a body in parentheses
)
g
h()
(echo on the next line)
h
k() {
  n=$((1 + 2)); echo "$n $(echo in k)"
  ( echo paired )
}
k
echo "== end"
