# sed and diff on the subset JOS implements. Run by
# tests/conformance/edit-tools.test.ts with the host's GNU sed and diff
# (the oracle), with JOS's natively, and on both boards: every run must
# print the same bytes. Error messages differ (they go to /dev/null): the
# statuses must not.
exec 2>&1
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n' > lines
printf 'hello world\nfoo bar foo\n\nbaaac\nabc\n' > words
printf 'no newline' > nonl
printf 'a\tb\\c\001\177\303\251 a long line with words to wrap at the l command width\n' > odd
s() { printf -- '-- sed %s\n' "$*"; sed "$@"; echo "[$?]"; }

echo "== sed: s///"
s 's/o/0/' lines
s 's/o/0/g;s/e/E/2' lines
s -n 's/e/E/gp' lines
s 's/e/E/2g' lines
s 's/x*/-/g' words
s 's/a*/x/g' words
s 's/\(foo\) \(bar\)/\2 \1/' words
s 's/[aeiou]/<&>/g' words
s -E 's/(o+)|(l+)/[\1\2]/g' words
s 's/o/\n/;s/l/\t/' words
s 's|o|/|g' lines
s 's/e/\&/;s/O/Q/I' lines
s -e 's/o/0/' -e 's/e/3/' lines
echo "== sed: addresses"
s -n '3p;$p' lines
s -n '2,4p' lines
s -n '/two/,/five/p' lines
s '3,5d' lines
s '/e/d' lines
s '2,4!d' lines
s -n '4,2p' lines
s -n '/four/,+2p' lines
s '0~3d' lines
s '2,/e/d' lines
s '/ONE/Id' lines
s -n '/^t/=' lines
s -n '/o/{/e/p}' lines
s '/two/{s/two/2/;p}' lines
echo "== sed: commands"
s '2q' lines
s '3q5' lines
s '2i\
inserted' lines
s '2a appended' lines
s '2,3c changed' lines
s 'y/abc/xyz/' words
s '$!N;s/\n/+/' lines
s 'N;N;s/\n/,/g' lines
s -n 'h;n;G;p' lines
s '1!G;h;$!d' lines
s ':a;N;$!ba;s/\n/ /g' lines
s 's/o/0/;t;s/e/E/' lines
s '$!N;P;D' lines
s p nonl
s '$a end' nonl
echo "== sed: GNU's commands"
s '3Q' lines
s '3Q5' lines
s '2{a\
dropped
Q}' lines
s 's/o/0/;T;s/$/!/' lines
s -n 's/e/E/;T skip;p;:skip' lines
s -n '/f/F' lines words
s -n 'l' odd
s -n 'l 20' odd
s -n 'l 0' odd
s '2r words' lines
s '$r words' nonl
s '1r nonl' lines
s '3r nosuch' lines
s -n '/e/w written' lines; cat written
s 's/o/0/w changed' lines; cat changed
s -n '1w /dev/stdout' words
s '/t/z' lines
echo "== sed: case conversion"
s -E 's/(\w+) (\w+)/\U\1\E \u\2/' words
s 's/f\(o*\)/F\L\1X/;s/b/\ub/2' words
s 's/a/\Ux\LY\EZ/' words
s -E 's/(.)(.*)/\u\1\U\2/' lines
s 's/.*/\L&/;s/^./\u&/' words
echo "== sed: in place"
cp lines copy; sed -i 's/o/0/g;1d' copy; echo "[$?]"; cat copy
sed -i.orig -n '$p' copy; echo "[$?]"; cat copy copy.orig
echo "== sed: errors"
sed 's/a/b' lines 2>/dev/null; echo "unterminated s: [$?]"
sed k lines 2>/dev/null; echo "unknown command: [$?]"
sed -n '/a/,/b/{p' lines 2>/dev/null; echo "unmatched {: [$?]"
sed 'b nowhere' lines 2>/dev/null; echo "no such label: [$?]"
sed 'w' lines 2>/dev/null; echo "w without a file: [$?]"
sed -n 1p nosuch lines 2>/dev/null; echo "a missing file: [$?]"

printf 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n' > old
printf 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n' > new
printf 'x\na\nb\nd\ne\nf\nX\ng\nh\ni\nk\nl' > other
d() { printf -- '-- diff %s\n' "$*"; diff "$@"; echo "[$?]"; }
echo "== diff"
d old old
d old new
d new old
d old other
d other old
d -u -L old -L new old new
d -u -L old -L other old other
d -U 1 -L old -L other old other
d -U 0 -L a -L b old other
d -u -L empty -L old /dev/null old
d nonl lines
printf 'no newline\n' > nl; d -u -L a -L b nonl nl
d old nosuch 2>/dev/null
echo "== end"
