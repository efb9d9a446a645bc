#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (CTest). Exit status 0 only when
# every test passed. FIKA_BUILD_DIR chooses the build directory (default build/).
source "$(dirname "$0")/common.sh"
fika_install_deps
BUILD="${FIKA_BUILD_DIR:-$FIKA_ROOT/build}"
fika_build "$BUILD"
cd "$BUILD"
ctest --output-on-failure -j2 --timeout 1500 "$@"
