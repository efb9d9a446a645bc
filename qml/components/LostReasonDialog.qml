import QtQuick
import QtQuick.Controls

// Asks why a case was lost before it is moved to Lost (the case page's stage buttons, the
// board's drag, key or menu); Enter in the field accepts. The reason is `reason`.
Dialog {
    id: dlg
    property alias reason: field.text
    title: qsTr("Why was it lost?")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(420, (Overlay.overlay ? Overlay.overlay.width : 452) - 32)
    standardButtons: Dialog.Ok | Dialog.Cancel
    onOpened: {
        field.text = ""
        field.forceActiveFocus()
    }
    TextField {
        id: field
        objectName: "lostReason"
        width: parent.width
        placeholderText: qsTr("Price, timing, another vendor\u2026")
        onAccepted: dlg.accept()
    }
}
