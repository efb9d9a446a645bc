import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a list says when it has nothing to show.
ColumnLayout {
    id: empty
    property string text: ""
    property string hint: ""
    spacing: 8
    Label {
        text: empty.text
        font.pixelSize: 18
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Label.Wrap
        Layout.fillWidth: true
    }
    Label {
        visible: empty.hint !== ""
        text: empty.hint
        opacity: 0.7
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Label.Wrap
        Layout.fillWidth: true
    }
}
