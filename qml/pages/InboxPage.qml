import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// A seller's inbox: every new case from the field, live; unread first in bold.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "inbox"
    title: qsTr("Inbox")

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: App.sync.inbox
        delegate: ItemDelegate {
            id: item
            required property var modelData
            readonly property var p: modelData.payload || ({})
            readonly property bool unread: !modelData.read
            width: ListView.view.width
            height: Math.max(64, col.implicitHeight + 16)
            contentItem: ColumnLayout {
                id: col
                spacing: 2
                Label {
                    text: (item.p.kind === "new_case" ? qsTr("New case: %1").arg(item.p["case"] ? item.p["case"].title : "")
                          : item.p.kind === "competitor_account" ? qsTr("New customer in a competitor group")
                          : qsTr("Outbound work on a restricted customer"))
                    font.bold: item.unread
                    font.pixelSize: 16
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: [item.p.account ? item.p.account.name : "", item.p.found_by ? qsTr("found by %1").arg(item.p.found_by.name) : "",
                           Qt.formatDateTime(new Date(item.modelData.created_ms), Qt.DefaultLocaleShortDate)].filter(function (x) { return x }).join(" \u00B7 ")
                    opacity: 0.7
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    visible: (item.p.flags || []).length > 0
                    text: "\u26A0 " + (item.p.flags || []).map(function (f) { return App.flagLabel(f) }).join(", ")
                    wrapMode: Label.Wrap
                    color: Material.accent
                    Layout.fillWidth: true
                }
            }
            onClicked: {
                App.sync.markRead(modelData.n)
                var id = item.p["case"] ? item.p["case"].id : ""
                if (id && App.record("cases", id).id) win.openPage("case", id)
            }
        }
        EmptyState {
            anchors.centerIn: parent
            width: parent.width - 32
            visible: list.count === 0
            text: qsTr("No new cases yet")
            hint: App.serverUrl === "" ? qsTr("Connect to a server to receive cases from the field.") : qsTr("They appear here the moment a consultant syncs.")
        }
        ScrollBar.vertical: ScrollBar {}
    }
}
