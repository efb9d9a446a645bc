import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Why a form's Save (or Sign in) waits, in plain words, while it does: "To save: name the
// customer." Empty `reason`: nothing shown.
Label {
    property string reason: ""
    visible: reason !== ""
    text: reason
    opacity: 0.7
    wrapMode: Label.Wrap
    Layout.fillWidth: true
    Layout.leftMargin: 16
    Layout.rightMargin: 16
}
