#!/bin/sh
# Runs a command with an OS keyring, as a desktop session has one: a D-Bus session bus
# (dbus-run-session) with gnome-keyring's Secret Service, unlocked, in a temporary HOME.
# For the app's keyring test; everything started here ends with the session.
if ! command -v gnome-keyring-daemon >/dev/null 2>&1 || ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "with_keyring.sh: gnome-keyring and dbus are needed (scripts/test.sh installs them)" >&2
    exit 1
fi
home=$(mktemp -d)
HOME="$home" XDG_DATA_HOME="$home/.local/share" dbus-run-session -- sh -c '
    echo -n fika-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
    "$@"' sh "$@"
rc=$?
rm -rf "$home"
exit $rc
