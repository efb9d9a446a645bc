import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// A seller's inbox: every new case from the field, live, newest first, unread in bold;
// each item opens its case, its customer or its contact, and takes the case; filters for
// the unread ones and one kind; everything marked read at once.
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
    function takeCase(number, caseId) {
        App.sync.markRead(number)
        App.takeOwnership(caseId)
    }
    function openCustomer(number, accountId, contactId) {
        App.sync.markRead(number)
        var page = win.openPage("customer", accountId)
        if (page && contactId !== "") page.showContact(contactId)
    }

    header: Flow {
        id: filters
        spacing: 4
        leftPadding: 12
        rightPadding: 12
        topPadding: 4
        CheckBox {
            objectName: "inboxUnreadOnly"
            text: qsTr("Unread only")
            checked: inbox.unreadOnly
            onToggled: inbox.unreadOnly = checked
        }
        ComboBox {
            objectName: "inboxKind"
            textRole: "text"
            valueRole: "value"
            implicitContentWidthPolicy: ComboBox.WidestText
            model: [{ value: "", text: qsTr("Every kind") }, { value: "new_case", text: qsTr("New cases") },
                    { value: "competitor_account", text: qsTr("Competitor groups") },
                    { value: "policy_activity", text: qsTr("Restricted customers") }]
            onActivated: inbox.kind = currentValue
        }
        Button {
            objectName: "inboxMarkAll"
            text: qsTr("Mark all read")
            flat: true
            enabled: App.sync.unread > 0
            onClicked: App.sync.markAllRead()
        }
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: InboxModel { id: inbox }
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
            // The case's owner on this device ("" none; undefined before the case syncs in).
            readonly property var caseHere: App.revision >= 0 && caseId !== "" ? App.record("cases", caseId) : ({})
            readonly property var owner: caseHere.id === undefined ? undefined : (caseHere.owner || "")
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
                    // The case made this seller's, right here; said once it is.
                    Button {
                        objectName: "inboxTake"
                        flat: true
                        font.capitalization: Font.MixedCase
                        Material.foreground: Material.accent
                        visible: item.caseId !== "" && App.isSeller && item.owner !== undefined && item.owner !== App.userId
                        text: qsTr("Take it")
                        onClicked: pageRoot.takeCase(item.number, item.caseId)
                    }
                    Label {
                        objectName: "inboxYours"
                        visible: item.caseId !== "" && item.owner === App.userId
                        text: qsTr("Yours")
                        opacity: 0.7
                    }
                }
            }
            onClicked: pageRoot.openItem(item.number, item.caseId)
        }
        EmptyState {
            anchors.centerIn: parent
            width: parent.width - 32
            visible: list.count === 0
            text: inbox.total > 0 ? qsTr("Nothing here with these filters") : qsTr("No new cases yet")
            hint: inbox.total > 0 ? "" : App.serverUrl === "" ? qsTr("Connect to a server to receive cases from the field.") : qsTr("They appear here the moment a consultant syncs.")
        }
        ScrollBar.vertical: ScrollBar {}
    }
}
