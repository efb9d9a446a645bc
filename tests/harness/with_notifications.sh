#!/bin/sh
# Runs a command in a desktop session of its own with a notification server, as a desktop
# has one: a D-Bus session bus (dbus-run-session) with dunst, a real
# org.freedesktop.Notifications server, on this X display (under xvfb-run). A test picks
# a notification's button as a person would from dunst's context menu: it writes the
# button's label to $FIKA_NOTIFY_PICK and runs `dunstctl context`; dunst's menu program
# (pick.sh here, in place of dmenu) chooses the line with that label. Everything started
# here ends with the session; dunst is stopped by its process id.
if ! command -v dunst >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "with_notifications.sh: dunst and dbus are needed (scripts/test.sh installs them)" >&2
    exit 1
fi
dir=$(mktemp -d)
cat > "$dir/pick.sh" <<'PICK'
#!/bin/sh
# dunst's menu: its lines on stdin ("#Label (summary) [id,key]"), the chosen one on stdout.
grep -F -- "$(cat "$FIKA_NOTIFY_PICK")" | head -n 1
PICK
chmod +x "$dir/pick.sh"
printf '[global]\n    dmenu = %s\n    browser = /bin/true\n' "$dir/pick.sh" > "$dir/dunstrc"
: > "$dir/pick"
HOME="$dir" XDG_CONFIG_HOME="$dir" FIKA_NOTIFY_PICK="$dir/pick" dbus-run-session -- sh -c '
    dunst -config "$0/dunstrc" > "$0/dunst.log" 2>&1 &
    dunst=$!
    # Ready when it answers on the bus.
    n=0
    until gdbus call --session --dest org.freedesktop.DBus --object-path / --method org.freedesktop.DBus.NameHasOwner \
            org.freedesktop.Notifications 2>/dev/null | grep -q true; do
        n=$((n + 1)); [ $n -gt 100 ] && { echo "dunst did not start:"; cat "$0/dunst.log"; kill $dunst; exit 1; }
        sleep 0.1
    done
    "$@"
    rc=$?
    kill $dunst 2>/dev/null
    wait $dunst 2>/dev/null
    exit $rc' "$dir" "$@"
rc=$?
rm -rf "$dir"
exit $rc
