import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Deleted records, to restore.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "trash"
    title: qsTr("Trash")

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        PageTabBar {
            id: tabs
            objectName: "trashTabs"
            room: pageRoot.width
            Layout.fillWidth: true
            Repeater {
                model: [qsTr("Customers"), qsTr("People"), qsTr("Cases"), qsTr("Activities"), qsTr("Notes"), qsTr("Follow-ups"), qsTr("Contact plans"), qsTr("Programmes"), qsTr("Files")]
                TabButton { required property string modelData; text: modelData; width: tabs.widthOf(this) }
            }
        }
        ListView {
            id: list
            objectName: "trashList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: RecordListModel { id: trashModel; trash: true; table: ["accounts", "contacts", "cases", "activities", "notes", "follow_ups", "contact_plans", "programmes", "attachments"][tabs.currentIndex] }
            delegate: RecordDelegate {
                id: row
                onClicked: App.restoreRecord(trashModel.table, recordId)
                Button {
                    objectName: "restoreButton"
                    anchors.right: parent.right
                    anchors.rightMargin: 8
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("Restore")
                    flat: true
                    onClicked: App.restoreRecord(trashModel.table, row.recordId)
                }
            }
            EmptyState { anchors.centerIn: parent; width: parent.width - 32; visible: list.count === 0; text: qsTr("The trash is empty") }
            ScrollBar.vertical: ScrollBar {}
        }
    }
}
