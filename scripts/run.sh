#!/usr/bin/env bash
# Installs what is missing, builds, and starts Fika: the sync server on an embedded
# SQLite file (data in $FIKA_DATA, default ./fika-data) on 127.0.0.1:$FIKA_PORT (8787),
# and, when there is a display, the app. On first start it creates an admin user and
# keeps its token in DATA/admin.token.
source "$(dirname "$0")/common.sh"
fika_install_deps
BUILD="${FIKA_BUILD_DIR:-$FIKA_ROOT/build}"
fika_build "$BUILD"
DATA="${FIKA_DATA:-$FIKA_ROOT/fika-data}"
PORT="${FIKA_PORT:-8787}"
SERVER="$BUILD/server/fika-server"
# This checkout's server, not an installed package's settings (/etc/fika/fika-server.conf).
export FIKA_CONFIG="${FIKA_CONFIG:-none}"
APP="$BUILD/client/app/fika"
mkdir -p "$DATA"
if [ ! -s "$DATA/admin.token" ]; then
    (umask 077 && "$SERVER" --data "$DATA" user add admin --role admin | tail -n 1 > "$DATA/admin.token")
fi
cat <<MSG

Fika sync server: http://127.0.0.1:$PORT   (data: $DATA)
Admin token:      $(cat "$DATA/admin.token")   (also in $DATA/admin.token)
Add a user:       $SERVER --data "$DATA" user add eva --role consultant
Sign a device in: $SERVER --data "$DATA" user enrol eva --url http://127.0.0.1:$PORT
                  (a single-use code and a fika:// link for the app's welcome page)
The app:          $APP          (--demo for demo data; first start offers to sign in)
MSG

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$APP" ]; then
    "$SERVER" --data "$DATA" serve --listen "127.0.0.1:$PORT" &
    SERVER_PID=$!
    trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null' EXIT
    echo "Starting the app; the server stops when you close it."
    LINK=""
    if [ ! -e "$DATA/app.db" ]; then
        # First start: the welcome page comes filled in with a code for the admin.
        LINK=$("$SERVER" --data "$DATA" --json user enrol admin --ttl 1h --url "http://127.0.0.1:$PORT" |
            sed -n 's/.*"link": "\(.*\)".*/\1/p') || LINK=""
    fi
    "$APP" --db "$DATA/app.db" ${LINK:+"$LINK"}
else
    cat <<MSG
No display here: only the server runs. On a desktop, open the app with
    $APP
(or see it without a display: xvfb-run -a $APP --demo --screenshot shot.png).
Ctrl-C stops the server.

MSG
    exec "$SERVER" --data "$DATA" serve --listen "127.0.0.1:$PORT"
fi
