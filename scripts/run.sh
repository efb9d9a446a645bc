#!/usr/bin/env bash
# Installs what is missing, builds, and starts Fika: the sync server on an embedded
# SQLite file, plus the app when a display is available.
source "$(dirname "$0")/common.sh"
fika_install_deps
BUILD="${FIKA_BUILD_DIR:-$FIKA_ROOT/build}"
fika_build "$BUILD"
if [ -x "$BUILD/server/fika-server" ]; then
    exec "$BUILD/server/fika-server" serve --data "${FIKA_DATA:-$FIKA_ROOT/fika-data}"
fi
echo "Built the sync engine. The server and the app are not part of this build yet;"
echo "see docs/ARCHITECTURE.md for what exists. Running the engine benchmark instead:"
exec "$BUILD/bench/fika-bench-engine" --quick
