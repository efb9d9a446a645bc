#!/usr/bin/env bash
# Renders the README's screenshots of the app (demo data, English) with --screenshot
# under Xvfb, into docs/screenshots/. Run after building (scripts/test.sh or run.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FIKA="${FIKA_BUILD_DIR:-$ROOT/build}/client/app/fika"
OUT="$ROOT/docs/screenshots"
DB="$(mktemp -d)/demo.db"
# The app encrypts its database; no keyring here: a passphrase for this run.
export FIKA_PASSPHRASE="screenshots-$$-$RANDOM"
mkdir -p "$OUT"
shot() {  # page size name
    xvfb-run -a -s "-screen 0 1920x1080x24" "$FIKA" --db "$DB" --demo --lang en \
        --screenshot "$OUT/$3.png" --size "$2" --page "$1"
}
shot home 360x640 phone-home
shot capture 360x640 phone-capture
shot customer:Acme 360x640 phone-customer
shot numbers 360x640 phone-numbers
shot customers 1280x800 desktop-customers
shot pipeline 1280x800 desktop-pipeline
shot "case:Warehouse data" 1280x800 desktop-case
shot "case:Grid" 360x640 phone-case
shot inbox 1280x800 desktop-inbox
rm -rf "$(dirname "$DB")"
ls -1 "$OUT"
