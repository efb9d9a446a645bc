import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// One customer: people and their purchase roles, cases, activities, notes, contact plan.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "customer"
    readonly property var account: App.revision >= 0 && recordId !== "" ? App.record("accounts", recordId) : ({})
    title: account.name || qsTr("Customer")

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        WarningBanner {
            warnings: App.revision >= 0 ? App.accountWarnings(pageRoot.recordId) : []
            Layout.fillWidth: true
        }
        Label {
            text: [pageRoot.account.industry, pageRoot.account.competitor_group ? qsTr("competitor group: %1").arg(pageRoot.account.competitor_group) : "",
                   pageRoot.account.yearly_revenue ? qsTr("revenue %1").arg(App.formatMoney(pageRoot.account.yearly_revenue, "DKK")) : ""]
                  .filter(function (x) { return x }).join(" \u00B7 ")
            visible: text !== ""
            opacity: 0.7
            wrapMode: Label.Wrap
            Layout.fillWidth: true
            Layout.margins: 12
            Layout.bottomMargin: 0
        }
        Flow {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 8
            Button { text: qsTr("\u2615 Log conversation"); highlighted: true; onClicked: win.openPage("log", pageRoot.recordId) }
            Button { text: qsTr("+ Case"); onClicked: win.openPage("capture", pageRoot.recordId) }
            Button { text: qsTr("+ Person"); onClicked: contactDialog.open() }
            Button { text: qsTr("+ Note"); onClicked: noteDialog.open() }
            Button { text: qsTr("Edit"); flat: true; onClicked: win.openPage("account", pageRoot.recordId) }
            Button { text: qsTr("Delete"); flat: true; onClicked: { if (App.deleteRecord("accounts", pageRoot.recordId)) win.back() } }
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            TabButton { text: qsTr("People"); width: Math.max(implicitWidth + 8, pageRoot.width / 5) }
            TabButton { text: qsTr("Cases"); width: Math.max(implicitWidth + 8, pageRoot.width / 5) }
            TabButton { text: qsTr("Activities"); width: Math.max(implicitWidth + 8, pageRoot.width / 5) }
            TabButton { text: qsTr("Notes"); width: Math.max(implicitWidth + 8, pageRoot.width / 5) }
            TabButton { text: qsTr("Plan"); width: Math.max(implicitWidth + 8, pageRoot.width / 5) }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true
            RecordList { table: "contacts"; emptyText: qsTr("No people yet. Who decides? Who owns the project?"); onOpen: (id) => editContact.openFor(id) }
            RecordList { table: "cases"; emptyText: qsTr("No cases yet"); onOpen: (id) => win.openPage("case", id) }
            RecordList { table: "activities"; emptyText: qsTr("No conversations logged yet") }
            RecordList { table: "notes"; emptyText: qsTr("No notes yet"); onOpen: (id) => noteDialog.openFor(id) }
            RecordList { table: "contact_plans"; emptyText: qsTr("Nobody is planned to contact anyone here yet") }
        }
    }

    component RecordList: ListView {
        id: lv
        property string table: ""
        property string emptyText: ""
        signal open(string id)
        clip: true
        model: RecordListModel { table: lv.table; account: pageRoot.recordId }
        // Explicit Component: Qt 6.4 does not wrap a delegate declared inside an inline component.
        delegate: Component { RecordDelegate { onClicked: lv.open(recordId) } }
        EmptyState { anchors.centerIn: parent; width: parent.width - 32; visible: lv.count === 0; text: lv.emptyText }
        ScrollBar.vertical: ScrollBar {}
    }

    Dialog {
        id: contactDialog
        title: qsTr("New person")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        ColumnLayout {
            width: parent.width
            TextField { id: cName; placeholderText: qsTr("Name"); Layout.fillWidth: true }
            TextField { id: cTitle; placeholderText: qsTr("Title"); Layout.fillWidth: true }
            ComboBox {
                id: cRole
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: ["decision-maker", "project-owner", "influencer", "user", "other"].map(function (r) { return { value: r, text: App.roleLabel(r) } })
            }
            CheckBox { id: cMet; text: qsTr("We have met") }
            TextField { id: cEmail; placeholderText: qsTr("Email"); inputMethodHints: Qt.ImhEmailCharactersOnly; Layout.fillWidth: true }
            TextField { id: cPhone; placeholderText: qsTr("Phone"); inputMethodHints: Qt.ImhDialableCharactersOnly; Layout.fillWidth: true }
        }
        onAccepted: {
            App.createRecord("contacts", { "account_id": pageRoot.recordId, "name": cName.text, "title": cTitle.text,
                                           "role": cRole.currentValue, "met": cMet.checked, "email": cEmail.text, "phone": cPhone.text })
            cName.text = ""; cTitle.text = ""; cEmail.text = ""; cPhone.text = ""; cMet.checked = false
        }
    }

    Dialog {
        id: editContact
        property string contactId: ""
        property var c: ({})
        function openFor(id) { contactId = id; c = App.record("contacts", id); open() }
        title: c.name || ""
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        ColumnLayout {
            width: parent.width
            TextField { id: eTitle; placeholderText: qsTr("Title"); text: editContact.c.title || ""; Layout.fillWidth: true }
            ComboBox {
                id: eRole
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: ["decision-maker", "project-owner", "influencer", "user", "other"].map(function (r) { return { value: r, text: App.roleLabel(r) } })
                currentIndex: Math.max(0, indexOfValue(editContact.c.role || "other"))
            }
            CheckBox { id: eMet; text: qsTr("We have met"); checked: editContact.c.met === true }
            Button { text: qsTr("Delete person"); flat: true; onClicked: { App.deleteRecord("contacts", editContact.contactId); editContact.close() } }
        }
        onAccepted: App.updateRecord("contacts", contactId, { "title": eTitle.text, "role": eRole.currentValue, "met": eMet.checked })
    }

    Dialog {
        id: noteDialog
        property string noteId: ""
        function openFor(id) { noteId = id; noteText.text = App.record("notes", id).body || ""; open() }
        onAboutToShow: if (noteId === "") noteText.text = ""
        onClosed: noteId = ""
        title: noteId === "" ? qsTr("New note") : qsTr("Note")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(560, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        ColumnLayout {
            width: parent.width
            Button { text: qsTr("Needs analysis template"); flat: true; onClicked: noteText.text = App.needsAnalysisTemplate() + noteText.text }
            TextArea { id: noteText; placeholderText: qsTr("What did you learn?"); wrapMode: TextArea.Wrap; Layout.fillWidth: true; Layout.preferredHeight: 200 }
        }
        onAccepted: {
            var kind = noteText.text.indexOf(App.needsAnalysisTemplate().split("\n")[0]) === 0 ? "needs-analysis" : "free"
            if (noteId === "") App.createRecord("notes", { "account_id": pageRoot.recordId, "body": noteText.text, "kind": kind })
            else App.updateRecord("notes", noteId, { "body": noteText.text })
        }
    }
}
