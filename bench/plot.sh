#!/usr/bin/env bash
# Plots S2 (upload) and S3 (first download) time against N from fika-bench's JSON lines:
#   ./build-release/bench/fika-bench --peer > results.jsonl && bench/plot.sh results.jsonl docs/bench-sync.png
set -euo pipefail
IN="$1"
OUT="${2:-docs/bench-sync.png}"
command -v gnuplot >/dev/null || { echo "gnuplot is needed: apt-get install gnuplot-nox" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
python3 - "$IN" "$TMP" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
def series(scenario, peer):
    pts = {}
    for r in rows:
        if r.get('scenario') != scenario or 'compare' in r: continue
        if peer and r.get('peer') != 'pouchdb': continue
        if not peer and (r.get('peer') or r.get('gzip') is False): continue
        pts[r['n']] = r['seconds']
    return sorted(pts.items())
for name, sc, peer in [('fika_s2', 'S2', False), ('fika_s3', 'S3', False), ('pouch_s2', 'S2', True), ('pouch_s3', 'S3', True)]:
    with open(f'{sys.argv[2]}/{name}.dat', 'w') as f:
        for n, s in series(sc, peer): f.write(f'{n} {s}\n')
PY
gnuplot <<GP
set terminal pngcairo size 900,520 font "DejaVu Sans,11"
set output "$OUT"
set title "Sync time against N (2-core machine, loopback)"
set xlabel "records (N)"
set ylabel "seconds"
set logscale xy
set grid
set key top left
plot "$TMP/fika_s2.dat" with linespoints lw 2 title "Fika S2 upload", \
     "$TMP/fika_s3.dat" with linespoints lw 2 title "Fika S3 first download", \
     "$TMP/pouch_s2.dat" with linespoints dt 2 title "PouchDB S2 upload", \
     "$TMP/pouch_s3.dat" with linespoints dt 2 title "PouchDB S3 first download", \
     2 with lines lc rgb "red" dt 3 title "goal: 2 s"
GP
echo "wrote $OUT"
