#!/usr/bin/env bash
# Writes the hostile inputs of issue 9 (about 1.3 GB in all) and times
# `ecoscope import --dry-run` on each: wall time, peak memory, exit code and
# bytes of stderr. See docs/benchmarks.md, "Hostile input (issue 9)".
#
#   bench/hostile.sh                   # the ecoscope built from this checkout
#   bench/hostile.sh /tmp/ecoscope-old # another binary, for the figures before
#
# The inputs go to bench/out/hostile/ (not committed); each run is limited to
# 240 s and 8 GB of address space, so that a run out of bounds ends with an
# error rather than taking the machine's memory.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/hostile
mkdir -p "$out"
bin=${1:-}
if [ -z "$bin" ]; then
	bin=bench/out/ecoscope
	go build -o "$bin" ./cmd/ecoscope
fi
python3 - "$out" "$PWD/examples/energieke-regio" <<'PY'
import os, random, shutil, sys
B, example = sys.argv[1], sys.argv[2]
def table(name, files):
    p = os.path.join(B, name)
    os.makedirs(p, exist_ok=True)
    for f, c in files.items():
        if not os.path.exists(os.path.join(p, f)):
            with open(os.path.join(p, f), 'wb') as fh:
                fh.write(c)
def doc(name, content):
    if not os.path.exists(os.path.join(B, name)):
        with open(os.path.join(B, name), 'wb') as fh:
            fh.write(content)
MB = 1 << 20
p = os.path.join(B, 'id1mb')  # the example, and a tie to an unknown id of 1 MB
if not os.path.exists(p):
    shutil.copytree(example, p, ignore=shutil.ignore_patterns('*.go'))
    first = open(os.path.join(p, 'partners.csv')).read().split('\n')[1].split(',')[0]
    with open(os.path.join(p, 'ties.csv'), 'a') as f:
        f.write(first + ',' + 'x' * MB + ',,,,,\n')
table('header50mb', {'partners.csv': b'id,' + b'y' * (50 * MB) + b'\np1,a\n'})
table('header-nul', {'partners.csv': b'id,' + b'ab\x00\x1b[31m' * (100 * 1024 // 8) + b'\np1,a\n'})
doc('ones.json', b'{"partners":[' + b'1,' * (5 * MB - 1) + b'1]}')
table('random', {'partners.csv': random.Random(1).randbytes(100 * MB)})
rows, i, n = [], 0, 0
while n < 100 * MB:
    r = b'p%d,Partner %d,bedrijf%d,2019\n' % (i, i, i)
    rows.append(r); n += len(r); i += 1
table('badcol', {'partners.csv': b'id,name,helix,since\n' + b''.join(rows)})
doc('nested.json', b'{"partners":' + b'[' * (50 * MB) + b']' * (50 * MB) + b'}')
table('cr-only', {'partners.csv': b'id,name,since,until\rp1,A,2019,\rp2,B,2020,\r', 'ties.csv': b'source,target\rp1,p2\r'})
table('blank', {'partners.csv': b'id\np1\n' + b'\n' * (100 * MB)})
doc('braces.json', b'{"partners":[{"id":"' + b'{' * (100 * MB) + b'"}]}')
doc('empties.json', b'{"partners":[' + b'{},' * (100 * MB // 3) + b'{}]}')
table('minimal', {'partners.csv': b'id\n' + b''.join(b'%d\n' % i for i in range(13_000_000))})
table('ties3m', {'partners.csv': b'id\n' + b''.join(b'p%d\n' % i for i in range(1000)),
                 'ties.csv': b'source,target,type,weight,since,until,directed,id\n' +
                 b''.join(b'p%d,p%d,project,1,2019,,,t%d\n' % (i % 1000, (i * 7 + 1) % 1000, i) for i in range(2_998_985))})
table('weights', {'partners.csv': b'id\np1\np2\n', 'ties.csv': b'source,target,weight\np1,p2,1_000\np1,p2,0x1p-2\np1,p2,1.7e308\n'})
PY
[ -e "$out/devzero/partners.csv" ] || { mkdir -p "$out/devzero"; ln -s /dev/zero "$out/devzero/partners.csv"; }
[ -e "$out/fifo/partners.csv" ] || { mkdir -p "$out/fifo"; mkfifo "$out/fifo/partners.csv"; }
[ -e "$out/ties-folder/ties.csv" ] || { mkdir -p "$out/ties-folder/ties.csv"; printf 'id\np1\n' >"$out/ties-folder/partners.csv"; }
echo "$bin, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for p in id1mb header50mb header-nul ones.json devzero fifo random badcol nested.json cr-only ties-folder blank braces.json empties.json minimal ties3m weights; do
	(
		ulimit -v 8000000
		/usr/bin/time -f '%e s %M KB' -o "$out/time" timeout -k 5 240 "$bin" import --store "$out/none.db" --dry-run "$out/$p" >/dev/null 2>"$out/stderr"
	) && rc=0 || rc=$?
	printf '%-12s %-22s exit %-3s stderr %9s B  %s\n' "$p" "$(tail -1 "$out/time")" "$rc" "$(stat -c %s "$out/stderr")" "$(head -c 100 "$out/stderr" | tr '\n\0' '|@')"
done
