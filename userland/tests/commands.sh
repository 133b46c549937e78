# The commands' conformance script: every line runs the same way under
# /bin/sh natively (x86_64 ELFs on Linux) and on both JOS boards, and
# tests/userland/commands.test.ts compares the output byte for byte.
# Nothing here may print what differs between machines by nature: no
# absolute paths, times of day, inode numbers, block counts or owners.
# $1: the empty directory to work in (made if need be).
mkdir -p "$1" && cd "$1"
printf 'b 2\na 10\nc 1\nB 3\na 10\n' > f
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n' > lines
printf 'hello world\n\001\377abcdefghijklmnopqrstuvwxyz0123456789\n' > bin
echo ==== echo
echo -e 'a\tb\x41\0101' -n x; echo "[$?]"
echo -n no newline; echo "[$?]"
echo -x -- -e '\n'; echo "[$?]"
echo -e 'stop\cnot this'; echo "[$?]"
echo ==== cat head tail
cat f lines | head -n 3; echo "[$?]"
cat nosuch f; echo "[$?]"
head -3 lines; head -c 5 f; echo; head -n 2 f lines; echo "[$?]"
tail -n 2 lines; tail -n +11 lines; tail -c 6 f; tail -3 f lines; echo "[$?]"
tail -n 0 f; head -n 0 f; tail nosuch; echo "[$?]"
echo ==== wc
wc f; wc -l lines f; wc -w < lines; wc -c f; echo "[$?]"
echo ==== sort uniq
sort f; sort -r f; sort -n -k 2 f; sort -u f; sort -f f; echo "[$?]"
sort -t: -k2 -n <<END
x:10
y:9
z:-1
END
sort f | uniq -c; sort f | uniq -d; sort f | uniq -u; uniq -i f; echo "[$?]"
echo ==== grep
grep a f; echo "[$?]"
grep -n -i B f; grep -c a f; grep -v '^[ab]' f; echo "[$?]"
grep 'e[lv]*e' lines; grep -E 'on|tw(o|elve)' lines; grep -l a f lines; echo "[$?]"
grep nothing f; echo "[$?]"
grep -q two lines; echo "[$?]"
grep 'x\(' f; echo "[$?]"
echo ==== tr cut
tr a-z A-Z < f; tr -d ' 0' < f; tr -s 'a-z' < f; echo aabbcc | tr -s ab xy; echo "[$?]"
tr -c 'a-z\n' '#' < f; tr '[:lower:]' '[:upper:]' < lines | head -2; echo "[$?]"
cut -d' ' -f2 f; cut -c1-2,4- f; cut -b 2 f; echo "[$?]"
printf 'a:b:c\nno delimiter\n' | cut -d: -f1,3; printf 'a:b:c\nnone\n' | cut -s -d: -f2; echo "[$?]"
echo ==== seq yes basename dirname
seq 3; seq -1 1; seq 2 3 11; seq -w 8 10; seq -s, 5 -2 -3; seq 5 1; echo "[$?]"
seq 1 0 2; echo "[$?]"
yes | head -2; yes a b | head -3; echo "[$?]"
basename /a/b/c.txt .txt; basename a/b/; basename /; basename c.txt c.txt; echo "[$?]"
dirname /a/b/c; dirname a/b/; dirname a; dirname /; dirname //x; echo "[$?]"
echo ==== test
test 1 -lt 2; echo "[$?]"
test a = b; echo "[$?]"
[ -f f ]; echo "[$?]"
[ -d f -o -d . ]; echo "[$?]"
[ ! -e nosuch ] && [ -s f ] && [ -z '' ] && [ -n x ]; echo "[$?]"
test 3 -gt x; echo "[$?]"
[ a = a; echo "[$?]"
test; echo "[$?]"
echo ==== files
mkdir d; mkdir -p d/e/f p/q; mkdir d; echo "[$?]"
touch d/x d/e/y; cp f d/e/f/; cp -r d d2; ls d2 d2/e d2/e/f; echo "[$?]"
cp d d3; cp -r d d/e; echo "[$?]"
mv d2 d4; mv f d4/e/f/copy; ls d4/e/f; mv d4/e/f/copy f; echo "[$?]"
mv; mv f; cp f lines nodir; head nosuch f; echo "[$?]"
ln -s f link; cat link | head -1; ln f hard; cat hard | wc -l; echo "[$?]"
rm d; rm -r d4 p; rmdir d/e/f; rmdir d/e/f; echo "[$?]"
rm nosuch; rm -f nosuch; echo "[$?]"
mkdir -p r/s/t; rmdir -p r/s/t; ls; echo "[$?]"
touch -d @86400 old; ls -l old | cut -d' ' -f1,5-; echo "[$?]"
ls -1 d; ls -a d; ls -R d; ls -F d; ls -A d; ls -d d; ls nosuch; echo "[$?]"
find d; find . -name '*i*'; find d -type d; find . -type f -name x; find . -maxdepth 1 -type d; echo "[$?]"
stat old | grep -e File -e Modify; stat -L link | grep File; echo "[$?]"
echo ==== tee xargs env od
printf 'x\ny\n' | tee t1 t2; cat t1 t2; printf z | tee -a t1 > /dev/null; cat t1; echo "[$?]"
echo a b c d e | xargs -n 2 echo x; printf 'p q\0r\0' | xargs -0 echo; echo "'a b'" c | xargs printenv nosuch; echo "[$?]"
printf 'one\ntwo\n' | xargs echo; echo "[$?]"
env -i PATH="$PATH" A=1 B=2 printenv A B; env -u HOME printenv HOME; echo "[$?]"
env -i PATH="$PATH" X=y env | grep -v PATH; env nosuch-command; echo "[$?]"
od bin; od -c bin; od -t x1 bin; od -A x -t x4 bin; od -t d2 bin; od -b lines | head -3; echo "[$?]"
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | od -A n -x; echo "[$?]"
echo ==== date kill sleep clear
date -d @0; date -d @1234567890 '+%Y-%m-%d %H:%M:%S %a %j'; echo "[$?]"
kill -l 9; kill -l 143; kill -l TERM; kill -l | head -3; kill -s NOPE 1; echo "[$?]"
sleep 0.1; sleep 0; sleep x; echo "[$?]"
clear | od -c; echo "[$?]"
chmod 640 f; ls -l f | cut -d" " -f1; chmod u+x,o+r f; ls -l f | cut -d" " -f1; chmod 9 f; echo "[$?]"
