# Shared by scripts/run.sh and scripts/test.sh: install what is missing, build.
# Sourced, not run.
set -euo pipefail

FIKA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Debian 12 packages the build, the tests and the app need (docs/toolchain notes).
FIKA_PACKAGES=(
    build-essential cmake pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml
    qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qtquick-dialogs
    qml6-module-qttest qt6-qpa-plugins qt6-l10n-tools qt6-tools-dev
    qml6-module-qt-labs-folderlistmodel  # the file dialog's (CSV import), non-native
    libsqlite3-dev sqlite3 libcpp-httplib-dev nlohmann-json3-dev catch2
    libssl-dev openssl zlib1g-dev xvfb xauth
    libdeflate-dev  # gzip for the wire: whole-buffer, twice zlib's speed (sync/gzip.h)
    trayer  # a system tray on the tests' X display (the new-case notification test)
    dunst  # a notification server (org.freedesktop.Notifications) for the desktop-notification test
    haproxy  # the end-to-end test through a reverse proxy (docs/deployment.md)
    postgresql-15 libpq-dev  # the server's PostgreSQL storage and its tests (label pg)
    qtkeychain-qt6-dev  # the OS keyring for the key of the app's encrypted database
    gnome-keyring libsecret-tools dbus  # a keyring the tests start (the app's keyring test)
    libqrencode-dev  # QR codes of enrolment links (fika-server user enrol, the app's Add a device)
    zbar-tools  # the tests read those QR codes back (zbarimg) as a phone's camera would
    libqt6svg6  # the app's SVG icon on its window and in the tray
    qml6-module-qtmultimedia  # the camera on the attachments section (hidden on a device without one)
    fonts-materialdesignicons-webfont  # the app's icons (Material Design Icons)
    dpkg-dev file help2man  # the Debian packages (cpack -G DEB: dpkg-shlibdeps, man pages)
    systemd desktop-file-utils  # the packages' test checks their unit and .desktop file
    chromium chromium-driver python3-selenium  # the web console's test, in a real browser
    libcurl4-openssl-dev  # the server's mail to sellers (SMTP with STARTTLS)
    python3-aiosmtpd  # a real SMTP server the mail tests start
)

fika_install_deps() {
    local missing=()
    for p in "${FIKA_PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$p")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# fika_build BUILD_DIR [extra cmake args...]
fika_build() {
    local dir="$1"
    shift
    cmake -S "$FIKA_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    # FIKA_BUILD_TARGETS: only these (e.g. "fika-server fika-cli"), else everything.
    cmake --build "$dir" -j"$(nproc)" ${FIKA_BUILD_TARGETS:+--target $FIKA_BUILD_TARGETS}
}
