#!/usr/bin/env bash
# Installs the PouchDB peer's packages from the npm registry into bench/peer/node_modules.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm is needed for the PouchDB comparison" >&2; exit 1; }
npm install --no-audit --no-fund --loglevel=error
