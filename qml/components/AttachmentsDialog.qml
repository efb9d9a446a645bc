import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A record's photos and files in a dialog (a person's, an activity's, a note's: the
// pages that show them are dialogs or lists themselves).
Dialog {
    id: dlg
    property string kind: ""
    property string recordId: ""
    readonly property alias section: section
    function openFor(kind, id, title) {
        dlg.kind = kind
        dlg.recordId = id
        dlg.title = title
        open()
    }
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (Overlay.overlay ? Overlay.overlay.width : 592) - 32)
    height: Math.min(implicitHeight, (Overlay.overlay ? Overlay.overlay.height : 600) - 32)
    standardButtons: Dialog.Close
    onClosed: recordId = ""
    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        AttachmentsSection {
            id: section
            objectName: "dialogAttachments"
            width: sv.availableWidth
            kind: dlg.kind
            recordId: dlg.recordId
        }
    }
}
