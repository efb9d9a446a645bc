import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A message at the bottom of the window, with one optional action (Undo).
Popup {
    id: bar
    property string message: ""
    property string action: ""
    property var actionFn: null
    function show(msg, act, fn) {
        message = msg
        action = act
        actionFn = fn
        open()
        timer.restart()
    }
    parent: Overlay.overlay
    x: (parent.width - width) / 2
    y: parent.height - height - 24
    width: Math.min(560, parent.width - 32)
    padding: 8
    closePolicy: Popup.NoAutoClose
    Material.theme: Material.Dark
    Material.elevation: 6
    Timer { id: timer; interval: 6000; onTriggered: bar.close() }
    contentItem: RowLayout {
        Label {
            objectName: "snackbarText"
            text: bar.message
            wrapMode: Label.Wrap
            Layout.fillWidth: true
            Layout.leftMargin: 8
        }
        Button {
            objectName: "snackbarAction"
            visible: bar.action !== ""
            text: bar.action
            flat: true
            Material.foreground: Material.accent
            onClicked: { if (bar.actionFn) bar.actionFn(); bar.close() }
        }
    }
}
