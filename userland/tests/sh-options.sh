# The shell's options and traps: set -e, set -u, set -x, trap (EXIT and
# signals, '' and -), and arithmetic errors, which end a script with
# status 2. Run by tests/conformance/sh-options.test.ts under dash (the
# oracle), JOS's sh natively and on both boards: every run must print the
# same bytes. Error messages (which name the script and line in dash) go
# to /dev/null; the rest of standard error (set -x) is standard output.
exec 2>&1

echo "== set -e"
( set -e; false; echo not reached ); echo "a failing command ends the shell: $?"
( set -e; false || true; if false; then :; fi; ! true; while false; do :; done; until true; do :; done
  false && true; echo "tested commands do not" ); echo "status $?"
( set -e; true && false; echo not reached ); echo "the last of && does: $?"
( set -e; false | true; echo "a pipeline's status is its last command's" )
( set -e; (false); echo not reached ); echo "a subshell: $?"
( set -e; { false; }; echo not reached ); echo "inside a group: $?"
( set -e; for i in 1; do false; done; echo not reached ); echo "inside for: $?"
( set -e; case x in x) false;; esac; echo not reached ); echo "inside case: $?"
( set -e; x=$(false); echo not reached ); echo "an assignment from a failing \$(...): $?"
( set -e
  f() { false; echo "f went on"; }
  if f; then echo "f in if: tested, so f goes on"; fi
  f || echo never
  f; echo not reached ); echo "f untested: $?"
( set -e; set +e; false; echo "set +e turns it off" )
( set -o errexit; false; echo not reached ); echo "set -o errexit: $?"

echo "== set -u"
( set -u; echo "${unset-default} ${unset:-x} [$*] $#"; x=; echo "empty is set: [$x]" )
( set -u; echo $unset; echo not reached ) 2>/dev/null; echo "\$unset: $?"
( set -u; echo "${unset}"; echo not reached ) 2>/dev/null; echo "\${unset}: $?"
( set -u; echo ${#unset}; echo not reached ) 2>/dev/null; echo "\${#unset}: $?"
( set -u; echo $1; echo not reached ) 2>/dev/null; echo "\$1: $?"
( set -u; set +u; echo "set +u: [$unset]" )

echo "== set -x"
( set -x; echo "a b" '' c; v=1 w="2 3"; v=x :; : "$v" $((1 + 2)); f() { echo in f; }; f arg; set +x; echo quiet )
( PS4='>> '; set -x; : with PS4 )
( set -o xtrace; : on; set +o xtrace; : off )
( set -ex; : both; false; echo not reached ); echo "set -ex: $?"
( set -e -- a b; echo "options and arguments: $# $1 $2" )
( set -- ; echo "set --: $#" )

echo "== arithmetic errors"
echo "7 / 2 = $((7 / 2)), -7 % 3 = $((-7 % 3))"
( echo $((1 / 0)); echo not reached ) 2>/dev/null; echo "division by zero: $?"
( x=$((5 % 0)); echo not reached ) 2>/dev/null; echo "remainder by zero: $?"
( : $((1 +)); echo not reached ) 2>/dev/null; echo "a syntax error: $?"
( for i in 1 2; do echo "$i: $((10 / (2 - i)))"; done; echo not reached ) 2>/dev/null; echo "in a loop: $?"

echo "== trap"
trap 'echo "INT caught"' INT
kill -INT $$
echo "after INT"
trap 'echo "TERM caught, \$? is $?"' TERM
(exit 3); kill -TERM $$; echo "after TERM: $?"
trap 'echo HUP caught' HUP
kill -HUP $$
trap 'echo "it'\''s USR2"' USR2
trap
kill -USR2 $$
trap - INT HUP
trap -- - USR2
trap
trap '' TERM
kill -TERM $$
echo "an ignored TERM"
trap
trap '' USR1
sh -c 'kill -USR1 $$; echo "a child of the shell ignores USR1 too"'
trap - TERM USR1
trap
( trap 'echo subshell EXIT' EXIT; echo in the subshell )
( trap 'echo "EXIT sees $?"' EXIT; exit 3 ); echo "status $?"
( trap 'echo "EXIT sees $?"; exit 5' EXIT; exit 3 ); echo "exit in the EXIT trap: $?"
( trap 'echo "cleanup after $?"' EXIT; set -e; false; echo not reached ); echo "set -e: $?"
( trap 'echo "trap 0 at the end"' 0; echo body )
( trap 'echo never' NOSUCH 2>/dev/null; echo "a bad condition: $?" )
trap 'echo "== end"' EXIT
echo "== exit"
