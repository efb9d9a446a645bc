#!/usr/bin/env bash
# Installs what is missing, builds, and starts Fika: the sync server on an embedded
# SQLite file (data in $FIKA_DATA, default ./fika-data), listening on 127.0.0.1:8787.
# On first start it creates an admin user and keeps its token in DATA/admin.token.
source "$(dirname "$0")/common.sh"
fika_install_deps
BUILD="${FIKA_BUILD_DIR:-$FIKA_ROOT/build}"
fika_build "$BUILD"
DATA="${FIKA_DATA:-$FIKA_ROOT/fika-data}"
SERVER="$BUILD/server/fika-server"
mkdir -p "$DATA"
if [ ! -s "$DATA/admin.token" ]; then
    umask 077
    "$SERVER" --data "$DATA" user add admin --role admin | tail -n 1 > "$DATA/admin.token"
fi
cat <<MSG

Fika sync server: http://127.0.0.1:${FIKA_PORT:-8787}   (data: $DATA)
Admin token: $(cat "$DATA/admin.token")   (also in $DATA/admin.token)
Add users:   $SERVER --data "$DATA" user add eva --role consultant
The Qt app is not built yet; use the server's HTTP API (docs/protocol.md).

MSG
exec "$SERVER" --data "$DATA" serve --listen "127.0.0.1:${FIKA_PORT:-8787}"
