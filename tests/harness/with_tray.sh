#!/bin/sh
# Runs a command on this X display with a system tray (trayer) beside it, as a desktop
# has one: for the tray test under xvfb-run. Stops the tray by its process id.
if ! command -v trayer >/dev/null 2>&1; then
    echo "with_tray.sh: trayer is not installed (apt-get install trayer; scripts/test.sh does)" >&2
    exit 1
fi
trayer --edge top --align right --widthtype request --expand false >/dev/null 2>&1 &
tray=$!
"$@"
rc=$?
kill "$tray" 2>/dev/null
wait "$tray" 2>/dev/null
exit $rc
