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
    // For tests: the planning dialogs.
    readonly property alias planDialog: planDialog
    readonly property alias followDialog: followDialog
    readonly property var account: App.revision >= 0 && recordId !== "" ? App.record("accounts", recordId) : ({})
    title: account.name || qsTr("Customer")
    readonly property bool compact: width < 560
    readonly property alias actionRow: actionRow
    readonly property alias moreMenu: moreMenu
    readonly property alias editContact: editContact
    readonly property alias eraseDialog: eraseDialog
    readonly property alias dupDialog: dupDialog
    readonly property alias filesDialog: filesDialog
    readonly property alias customerFiles: customerFiles
    // Opens one of the customer's people (the inbox's "Contact" link lands here).
    function showContact(id) {
        tabs.currentIndex = 0
        editContact.openFor(id)
    }

    Action { id: logAction; property string glyph: "\uF176"; text: qsTr("Log conversation"); onTriggered: win.openPage("log", pageRoot.recordId) }
    Action { id: caseAction; property string glyph: "\uF415"; text: qsTr("Case"); onTriggered: win.openPage("capture", pageRoot.recordId) }
    readonly property list<Action> moreActions: [
        Action { property string glyph: "\uF014"; text: qsTr("Person"); onTriggered: contactDialog.open() },
        Action { property string glyph: "\uF39C"; text: qsTr("Note"); onTriggered: noteDialog.open() },
        Action { property string glyph: "\uF0F3"; text: qsTr("Plan"); onTriggered: planDialog.open() },
        Action { property string glyph: "\uF09D"; text: qsTr("Follow-up"); onTriggered: followDialog.open() },
        Action { property bool flat: true; text: qsTr("Duplicates"); onTriggered: dupDialog.open() },
        Action { property bool flat: true; text: qsTr("Edit"); onTriggered: win.openPage("account", pageRoot.recordId) },
        Action { property bool flat: true; text: qsTr("Delete"); onTriggered: { if (App.deleteRecord("accounts", pageRoot.recordId)) win.back() } }
    ]

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        WarningBanner {
            warnings: App.revision >= 0 ? App.accountWarnings(pageRoot.recordId) : []
            Layout.fillWidth: true
        }
        Label {
            text: [pageRoot.account.industry, pageRoot.account.competitor_group ? qsTr("competitor group: %1").arg(pageRoot.account.competitor_group) : "",
                   pageRoot.account.yearly_revenue ? qsTr("revenue %1").arg(App.formatMoney(pageRoot.account.yearly_revenue, "DKK")) : "",
                   pageRoot.account.owner ? qsTr("owner %1").arg(pageRoot.account.ownerName) : ""]
                  .filter(function (x) { return x }).join(" \u00B7 ")
            visible: text !== ""
            opacity: 0.7
            wrapMode: Label.Wrap
            Layout.fillWidth: true
            Layout.margins: 12
            Layout.bottomMargin: 0
        }
        // On a phone the two everyday actions stay in sight and the rest go under "More"
        // (one row instead of three); on a wider page every action is a button.
        Flow {
            id: actionRow
            objectName: "actionRow"
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 8
            GlyphButton { action: logAction; highlighted: true }
            GlyphButton { action: caseAction }
            Repeater {
                model: pageRoot.compact ? [] : pageRoot.moreActions
                delegate: GlyphButton { required property var modelData; action: modelData; flat: modelData.flat === true }
            }
            GlyphButton {
                id: moreButton
                glyph: "\uF35D"  // menu-down
                trailing: true
                objectName: "moreButton"
                visible: pageRoot.compact
                text: qsTr("More")
                flat: true
                Accessible.name: qsTr("More actions")
                onClicked: moreMenu.open()
                Menu {
                    id: moreMenu
                    objectName: "moreMenu"
                    y: moreButton.height
                    Repeater {
                        model: pageRoot.moreActions
                        delegate: MenuItem { required property var modelData; action: modelData }
                    }
                }
            }
        }
        PageTabBar {
            id: tabs
            room: pageRoot.width
            Layout.fillWidth: true
            TabButton { text: qsTr("People"); width: tabs.widthOf(this) }
            TabButton { text: qsTr("Cases"); width: tabs.widthOf(this) }
            TabButton { text: qsTr("Activities"); width: tabs.widthOf(this) }
            TabButton { text: qsTr("Notes"); width: tabs.widthOf(this) }
            TabButton { text: qsTr("Plan"); width: tabs.widthOf(this) }
            TabButton { text: qsTr("Follow-ups"); width: tabs.widthOf(this) }
            TabButton { objectName: "filesTab"; text: qsTr("Files"); width: tabs.widthOf(this) }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true
            RecordList { table: "contacts"; emptyText: qsTr("No people yet. Who decides? Who owns the project?"); onOpen: (id) => editContact.openFor(id) }
            RecordList { table: "cases"; emptyText: qsTr("No cases yet"); onOpen: (id) => win.openPage("case", id) }
            RecordList { table: "activities"; emptyText: qsTr("No conversations logged yet"); onOpen: (id) => filesDialog.openFor("activity", id, qsTr("Files on this activity")) }
            RecordList { table: "notes"; emptyText: qsTr("No notes yet"); onOpen: (id) => noteDialog.openFor(id) }
            RecordList { table: "contact_plans"; emptyText: qsTr("Nobody is planned to contact anyone here yet"); onOpen: (id) => statusDialog.openFor("contact_plans", id) }
            RecordList { table: "follow_ups"; emptyText: qsTr("No follow-ups yet"); onOpen: (id) => statusDialog.openFor("follow_ups", id) }
            // Every file about the customer: on it, and on its cases, people, activities and notes.
            ScrollView {
                id: filesView
                contentWidth: availableWidth
                AttachmentsSection {
                    id: customerFiles
                    objectName: "customerAttachments"
                    width: filesView.availableWidth
                    heading: qsTr("Files about this customer")
                    pasteShortcut: !filesDialog.visible
                    kind: "account"
                    recordId: pageRoot.recordId
                }
            }
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

    AttachmentsDialog { id: filesDialog; objectName: "filesDialog" }

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
        function openFor(id) { contactId = id; c = App.record("contacts", id); if (c.id) open() }
        title: c.name || ""
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        ColumnLayout {
            width: parent.width
            TextField { id: eName; objectName: "editName"; placeholderText: qsTr("Name"); text: editContact.c.name || ""; Layout.fillWidth: true }
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
            TextField { id: eEmail; objectName: "editEmail"; placeholderText: qsTr("Email"); text: editContact.c.email || ""; inputMethodHints: Qt.ImhEmailCharactersOnly; Layout.fillWidth: true }
            TextField { id: ePhone; objectName: "editPhone"; placeholderText: qsTr("Phone"); text: editContact.c.phone || ""; inputMethodHints: Qt.ImhDialableCharactersOnly; Layout.fillWidth: true }
            Button {
                text: qsTr("Export vCard")
                flat: true
                onClicked: {
                    var path = App.exportContactCard(editContact.contactId)
                    if (path !== "") win.notify(qsTr("Saved %1").arg(path))
                }
            }
            Button {
                text: qsTr("Export their data (GDPR)")
                flat: true
                onClicked: {
                    var path = App.exportPersonData(editContact.contactId)
                    if (path !== "") win.notify(qsTr("Saved %1").arg(path))
                }
            }
            Button {
                objectName: "contactFiles"
                text: qsTr("Files and photos\u2026")
                flat: true
                onClicked: filesDialog.openFor("contact", editContact.contactId, editContact.c.name || "")
            }
            Button { text: qsTr("Delete person"); flat: true; onClicked: { App.deleteRecord("contacts", editContact.contactId); editContact.close() } }
            Button {
                objectName: "eraseButton"
                text: qsTr("Erase person\u2026")
                flat: true
                Material.foreground: Material.Red
                onClicked: eraseDialog.openFor(editContact.contactId, editContact.c.name || "")
            }
        }
        onAccepted: App.updateRecord("contacts", contactId, { "name": eName.text, "title": eTitle.text, "role": eRole.currentValue,
                                                              "met": eMet.checked, "email": eEmail.text, "phone": ePhone.text })
    }

    // People who are likely the same: merge each group into its oldest entry.
    Dialog {
        id: dupDialog
        property var groups: []
        onAboutToShow: groups = App.duplicatePeople(pageRoot.recordId)
        title: qsTr("Possible duplicates")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(480, win.width - 32)
        standardButtons: Dialog.Close
        ColumnLayout {
            width: parent.width
            spacing: 12
            Label {
                visible: dupDialog.groups.length === 0
                text: qsTr("No one here looks like a duplicate.")
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Repeater {
                model: dupDialog.groups
                delegate: ColumnLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    Label { text: modelData.reason; font.bold: true; Layout.fillWidth: true }
                    Repeater {
                        model: modelData.people
                        delegate: Label {
                            required property var modelData
                            text: modelData.name + (modelData.detail ? " \u00b7 " + modelData.detail : "")
                            wrapMode: Label.Wrap
                            Layout.fillWidth: true
                        }
                    }
                    Button {
                        objectName: "mergeButton"
                        text: qsTr("Merge into %1").arg(modelData.people[0].name)
                        onClicked: {
                            var ok = true
                            for (var i = 1; i < modelData.people.length; ++i)
                                ok = App.mergePeople(modelData.people[0].id, modelData.people[i].id) && ok
                            if (ok) win.notify(qsTr("Merged into %1").arg(modelData.people[0].name))
                            dupDialog.groups = App.duplicatePeople(pageRoot.recordId)
                        }
                    }
                }
            }
        }
    }

    // Erasure cannot be undone: say what goes, and ask.
    Dialog {
        id: eraseDialog
        property string contactId: ""
        property string name: ""
        function openFor(id, who) { contactId = id; name = who; open() }
        title: qsTr("Erase %1?").arg(name)
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        ColumnLayout {
            width: parent.width
            Label {
                Layout.fillWidth: true
                wrapMode: Label.Wrap
                text: qsTr("Their name, contact details and the words of every conversation, note and follow-up about them are cleared on this device now and on every device at the next sync. Cases stay. This cannot be undone.")
            }
        }
        standardButtons: Dialog.Ok | Dialog.Cancel
        Component.onCompleted: {
            var erase = standardButton(Dialog.Ok)
            erase.text = qsTr("Erase")
            erase.Material.foreground = Material.Red
        }
        onAccepted: {
            if (App.erasePerson(contactId)) {
                editContact.close()
                win.notify(qsTr("%1 was erased").arg(name))
            }
        }
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
            FormTextArea { id: noteText; placeholderText: qsTr("What did you learn?"); Layout.fillWidth: true; Layout.preferredHeight: 200 }
            Button {
                objectName: "noteFiles"
                visible: noteDialog.noteId !== ""
                text: qsTr("Files and photos\u2026")
                flat: true
                onClicked: filesDialog.openFor("note", noteDialog.noteId, qsTr("Files on this note"))
            }
        }
        onAccepted: {
            var kind = noteText.text.indexOf(App.needsAnalysisTemplate().split("\n")[0]) === 0 ? "needs-analysis" : "free"
            if (noteId === "") App.createRecord("notes", { "account_id": pageRoot.recordId, "body": noteText.text, "kind": kind })
            else App.updateRecord("notes", noteId, { "body": noteText.text })
        }
    }

    Dialog {
        id: planDialog
        readonly property var people: App.revision >= 0 && visible ? App.contactChoices(pageRoot.recordId) : []
        onAboutToShow: { pConsultant.text = App.userName; pDate.date = pDate.daysFromToday(7) }
        title: qsTr("Plan who contacts whom")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        Component.onCompleted: standardButton(Dialog.Save).enabled = Qt.binding(function () {
            return planDialog.people.length > 0 && pConsultant.text.trim() !== "" && pDate.date !== "" })
        ColumnLayout {
            width: parent.width
            Label { text: qsTr("Add the person first (People tab)"); visible: planDialog.people.length === 0; wrapMode: Label.Wrap; Layout.fillWidth: true }
            ComboBox {
                id: pContact
                Layout.fillWidth: true
                visible: planDialog.people.length > 0
                textRole: "name"
                valueRole: "id"
                model: planDialog.people
            }
            TextField { id: pConsultant; objectName: "planConsultant"; placeholderText: qsTr("Colleague who will make contact"); Layout.fillWidth: true }
            Label { text: qsTr("By date") }
            DateField { id: pDate; objectName: "planDate"; Layout.fillWidth: true }
        }
        onAccepted: App.createRecord("contact_plans", { "account_id": pageRoot.recordId, "contact_id": pContact.currentValue,
                                                       "consultant": pConsultant.text.trim(), "planned_by": pDate.date })
    }

    Dialog {
        id: followDialog
        onAboutToShow: { fSummary.text = ""; fDue.date = fDue.daysFromToday(7) }
        title: qsTr("New follow-up")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Save | Dialog.Cancel
        Component.onCompleted: standardButton(Dialog.Save).enabled = Qt.binding(function () {
            return fSummary.text.trim() !== "" && fDue.date !== "" })
        ColumnLayout {
            width: parent.width
            TextField { id: fSummary; objectName: "followSummary"; placeholderText: qsTr("What to do, e.g. call Eva about the offer"); Layout.fillWidth: true }
            Label { text: qsTr("Due") }
            DateField { id: fDue; objectName: "followDue"; Layout.fillWidth: true }
        }
        onAccepted: App.createRecord("follow_ups", { "account_id": pageRoot.recordId, "summary": fSummary.text.trim(), "due": fDue.date,
                                                    "related_kind": "account", "related_id": pageRoot.recordId, "assignee": App.userName })
    }

    // Mark a contact plan or a follow-up done, or cancel it.
    Dialog {
        id: statusDialog
        property string table: ""
        property string itemId: ""
        property var item: ({})
        function openFor(t, id) { table = t; itemId = id; item = App.record(t, id); open() }
        title: item.summary || item.consultant || ""
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(440, win.width - 32)
        standardButtons: Dialog.Close
        Flow {
            width: parent.width
            spacing: 8
            Repeater {
                model: statusDialog.table === "follow_ups" ? ["open", "done", "cancelled"] : ["planned", "done", "cancelled"]
                Button {
                    required property string modelData
                    text: App.statusLabel(modelData)
                    highlighted: statusDialog.item.status === modelData
                    onClicked: { App.updateRecord(statusDialog.table, statusDialog.itemId, { "status": modelData }); statusDialog.close() }
                }
            }
            Button { text: qsTr("Delete"); flat: true; onClicked: { App.deleteRecord(statusDialog.table, statusDialog.itemId); statusDialog.close() } }
        }
    }
}
