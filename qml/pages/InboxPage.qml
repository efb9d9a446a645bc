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

    // Marking an item read reloads the list, which destroys the delegate that was clicked:
    // the delegate only calls these, and everything after the mark runs here.
    function openItem(number, caseId) {
        App.sync.markRead(number)
        if (caseId !== "" && App.record("cases", caseId).id) win.openPage("case", caseId)
    }
    function openCustomer(number, accountId, contactId) {
        App.sync.markRead(number)
        var page = win.openPage("customer", accountId)
        if (page && contactId !== "") page.showContact(contactId)
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: InboxModel {}
        delegate: ItemDelegate {
            id: item
            objectName: "inboxItem"
            required property int number
            required property string title
            required property string subtitle
            required property string warning
            required property bool unread
            required property string caseId
            required property string accountId
            required property string accountName
            required property string contactId
            required property string contactName
            width: ListView.view.width
            height: Math.max(64, col.implicitHeight + topPadding + bottomPadding)
            contentItem: ColumnLayout {
                id: col
                spacing: 2
                Label {
                    text: item.title
                    font.bold: item.unread
                    font.pixelSize: 16
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: item.subtitle
                    opacity: 0.7
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    visible: item.warning !== ""
                    text: item.warning
                    wrapMode: Label.Wrap
                    color: Material.accent
                    Layout.fillWidth: true
                }
                // Where it leads: the customer (its people and plan), once it is on this device.
                RowLayout {
                    visible: item.accountId !== "" && App.revision >= 0 && App.record("accounts", item.accountId).id !== undefined
                    spacing: 4
                    Layout.leftMargin: -8
                    Button {
                        objectName: "inboxCustomer"
                        flat: true
                        font.capitalization: Font.MixedCase
                        Material.foreground: Material.accent
                        text: qsTr("Customer")
                        onClicked: pageRoot.openCustomer(item.number, item.accountId, "")
                    }
                    Button {
                        objectName: "inboxContact"
                        flat: true
                        font.capitalization: Font.MixedCase
                        Material.foreground: Material.accent
                        visible: item.contactName !== "" && item.contactId !== ""
                        text: qsTr("Contact: %1").arg(item.contactName)
                        onClicked: pageRoot.openCustomer(item.number, item.accountId, item.contactId)
                    }
                }
            }
            onClicked: pageRoot.openItem(item.number, item.caseId)
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
