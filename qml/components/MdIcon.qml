import QtQuick
import QtQuick.Controls

// One icon of Material Design Icons (Debian's fonts-materialdesignicons-webfont, which the
// fika package depends on), by its codepoint: MdIcon { text: "\uF026" } (alert).
Label {
    font.family: "Material Design Icons"
    font.pixelSize: 20
    Accessible.ignored: true
}
