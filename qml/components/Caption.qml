import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The name of the field below it, kept in view once the field holds text (a placeholder
// is gone by then).
Label {
    font.pixelSize: 12
    opacity: 0.7
    Layout.leftMargin: 16
    Layout.bottomMargin: -6
}
