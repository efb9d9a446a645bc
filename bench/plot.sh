#!/usr/bin/env bash
# Plots S2 (upload) and S3 (first download) time against N from fika-bench's JSON lines:
#   ./build-release/bench/fika-bench --peer > results.jsonl && bench/plot.sh results.jsonl docs/bench-sync.png
# With a third file, also the costs against N up to 1,000,000 (issue 26): S3 beside plain
# SQLite's insert of the same rows, and S7 (one save in the app) over home and the board:
#   fika-bench --n 1000,10000,100000,1000000 --only S1,S2,S3,S6,S7 > scale.jsonl
#   bench/plot.sh scale.jsonl docs/bench-sync.png docs/bench-scale.png
set -euo pipefail
IN="$1"
OUT="${2:-docs/bench-sync.png}"
SCALE="${3:-}"
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
def write(name, pts):
    with open(f'{sys.argv[2]}/{name}.dat', 'w') as f:
        for n, v in sorted(pts.items()): f.write(f'{n} {v}\n')
plain = {r['n']: r['plain_sqlite_seconds'] for r in rows if r.get('compare') == 'plain_sqlite_insert'}
write('plain', plain)
for under in ('home', 'pipeline'):
    write('s7_' + under, {r['n']: r['save_ms_p50'] for r in rows if r.get('scenario') == 'S7' and r.get('under') == under})
write('s6', {r['n']: r['first_frame_ms'] for r in rows if r.get('scenario') == 'S6' and 'n' in r})
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
[ -n "$SCALE" ] || exit 0
gnuplot <<GP
set terminal pngcairo size 1100,480 font "DejaVu Sans,11"
set output "$SCALE"
set multiplot layout 1,2 title "Costs against N (2-core machine)"
set logscale xy
set xrange [500:2000000]
set grid
set key top left
set xlabel "cases (N)"
set title "First download (S3) and plain SQLite's insert of the same rows"
set ylabel "seconds"
plot "$TMP/fika_s3.dat" with linespoints lw 2 title "Fika S3 first download", \
     "$TMP/plain.dat" with linespoints dt 2 title "plain SQLite insert"
set title "The app: one save (S7, p50) and the first frame (S6)"
set ylabel "milliseconds"
set yrange [1:3000]
set key bottom right
plot "$TMP/s7_home.dat" with linespoints lw 2 title "S7 save over home", \
     "$TMP/s7_pipeline.dat" with linespoints lw 2 title "S7 save over the board", \
     "$TMP/s6.dat" with linespoints dt 2 title "S6 first frame", \
     16 with lines lc rgb "red" dt 3 title "one frame (16 ms)"
unset multiplot
GP
echo "wrote $SCALE"
