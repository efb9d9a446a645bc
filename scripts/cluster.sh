#!/usr/bin/env bash
# Starts Fika's several-machine setup on this one machine, to try it or to measure it
# (docs/deployment.md): a PostgreSQL 15 cluster of its own (Unix socket only), N
# fika-server instances on it (127.0.0.1:8801...), and haproxy in front with TLS
# (docs/haproxy-cluster.cfg, the backend widened to N servers) on 127.0.0.1:$FIKA_PORT
# (8443), with a self-signed certificate. Ctrl-C stops everything it started, by pid.
#
#   scripts/cluster.sh [N]          N instances (default 3)
#   FIKA_CLUSTER_DIR                where the database, the instances' data and the
#                                   certificate live (default /tmp/fika-cluster; kept
#                                   between runs)
source "$(dirname "$0")/common.sh"
N="${1:-3}"
case "$N" in '' | *[!0-9]*) echo "usage: $0 [N]" >&2; exit 2 ;; esac
[ "$N" -ge 1 ] || { echo "usage: $0 [N], N >= 1" >&2; exit 2; }
fika_install_deps
BUILD="${FIKA_BUILD_DIR:-$FIKA_ROOT/build}"
FIKA_BUILD_TARGETS="fika-server fika-cli" fika_build "$BUILD"
SERVER="$BUILD/server/fika-server"
export FIKA_CONFIG="${FIKA_CONFIG:-none}"
DIR="${FIKA_CLUSTER_DIR:-/tmp/fika-cluster}"
PORT="${FIKA_PORT:-8443}"
PGBIN=/usr/lib/postgresql/15/bin
mkdir -p "$DIR"

# initdb and postgres refuse to run as root: as root the cluster belongs to `postgres`.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -d "$DIR/pg" ]; then
    mkdir -p "$DIR/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DIR/pg"
    as_pg "$PGBIN/initdb" -D "$DIR/pg/data" -A trust -U fika -E UTF8 --locale=C >/dev/null
fi
as_pg "$PGBIN/pg_ctl" -D "$DIR/pg/data" -w -l "$DIR/pg/log" \
    -o "-k $DIR/pg -c listen_addresses= -c max_connections=200" start >/dev/null
PIDS=()
stop_all() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    as_pg "$PGBIN/pg_ctl" -D "$DIR/pg/data" -w -m fast stop >/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM
psql -X -q -h "$DIR/pg" -U fika -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='fika'" | grep -q 1 ||
    psql -X -q -h "$DIR/pg" -U fika -d postgres -c "CREATE DATABASE fika"
DB="host=$DIR/pg user=fika dbname=fika"

if [ ! -s "$DIR/admin.token" ]; then
    (umask 077 && "$SERVER" --db "$DB" user add admin --role admin | tail -n 1 > "$DIR/admin.token")
fi

SERVERS=""
for i in $(seq 1 "$N"); do
    mkdir -p "$DIR/instance$i"
    "$SERVER" --data "$DIR/instance$i" --db "$DB" serve --listen "127.0.0.1:$((8800 + i))" \
        --max-per-address 1024 --quiet 2>>"$DIR/instance$i/log" >/dev/null &
    PIDS+=($!)
    SERVERS+="    server fika$i 127.0.0.1:$((8800 + i))"$'\n'
done

if [ ! -s "$DIR/fika.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$DIR/key.pem" -out "$DIR/cert.pem" -days 365 \
        -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
    cat "$DIR/cert.pem" "$DIR/key.pem" > "$DIR/fika.pem"
fi
# The documented configuration, its three example servers replaced by the N here.
awk -v servers="$SERVERS" '/^    server fika[0-9]/ { if (!done) printf "%s", servers; done = 1; next } { print }' \
    "$FIKA_ROOT/docs/haproxy-cluster.cfg" > "$DIR/haproxy.cfg"
FIKA_PROXY_BIND="127.0.0.1:$PORT" FIKA_PROXY_CERT="$DIR/fika.pem" haproxy -f "$DIR/haproxy.cfg" -db \
    >>"$DIR/haproxy.log" 2>&1 &
PIDS+=($!)

cat <<MSG

Fika on PostgreSQL, $N instances behind haproxy: https://127.0.0.1:$PORT
  database:     $DB
  instances:    127.0.0.1:8801 ... 127.0.0.1:$((8800 + N))   (data and logs in $DIR/instance*)
  admin token:  $(cat "$DIR/admin.token")
  a user:       $SERVER --db "$DB" user add eva --role consultant
  a device:     SSL_CERT_FILE=$DIR/cert.pem fika-cli --db eva.db connect https://127.0.0.1:$PORT TOKEN
  kill one:     kill -9 <pid of an instance>  (pids: ${PIDS[*]:0:$N})
Ctrl-C stops everything.
MSG
wait
