# sed and diff on the subset JOS implements. Run by
# tests/conformance/edit-tools.test.ts with the host's GNU sed and diff
# (the oracle), with JOS's natively, and on both boards: every run must
# print the same bytes. Error messages differ (they go to /dev/null): the
# statuses must not.
exec 2>&1
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n' > lines
printf 'hello world\nfoo bar foo\n\nbaaac\nabc\n' > words
printf 'no newline' > nonl
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
echo "== sed: in place"
cp lines copy; sed -i 's/o/0/g;1d' copy; echo "[$?]"; cat copy
sed -i.orig -n '$p' copy; echo "[$?]"; cat copy copy.orig
echo "== sed: errors"
sed 's/a/b' lines 2>/dev/null; echo "unterminated s: [$?]"
sed k lines 2>/dev/null; echo "unknown command: [$?]"
sed -n '/a/,/b/{p' lines 2>/dev/null; echo "unmatched {: [$?]"
sed 'b nowhere' lines 2>/dev/null; echo "no such label: [$?]"
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
