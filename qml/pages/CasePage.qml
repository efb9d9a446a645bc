import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// A case: take ownership, move it through the pipeline, edit its title and need, set
// value, probability, next step and follow-up date; what happened on it, and notes.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "case"
    // For tests: the photos and files.
    readonly property alias attachments: attachments
    readonly property var c: App.revision >= 0 && recordId !== "" ? App.record("cases", recordId) : ({})
    title: c.title || qsTr("Case")

    function addNote() {
        if (noteField.text.trim() === "") return
        if (App.createRecord("notes", { "account_id": pageRoot.c.account_id, "case_id": pageRoot.recordId, "body": noteField.text.trim() }) !== "")
            noteField.text = ""
    }

    // The form's fields are filled from the case, and again when it changes (a sync, a
    // stage move, a note added) - but never over what the user has typed and not saved.
    property bool edited: false
    function fields() {
        return { "title": titleField.text, "need": needField.text, "value": value.text, "currency": currency.currentText,
                 "probability": String(prob.value), "follow_up": follow.date, "next_step": next.text }
    }
    function load() {
        draft.applying = true
        titleField.text = c.title || ""
        needField.text = c.need || ""
        value.text = c.value !== undefined && c.value !== null ? String(c.value) : ""
        currency.currentIndex = Math.max(0, currency.find(c.currency || "DKK"))
        prob.value = c.probabilityEffective || 0
        follow.date = c.follow_up || ""
        next.text = c.next_step || ""
        draft.applying = false
    }
    function touched() {
        if (draft.applying) return
        edited = true
        draft.changed()
    }
    function save() {
        var f = fields()
        var p = Number(f.probability)
        delete f.probability
        if (App.saveCase(pageRoot.recordId, f, p)) {
            edited = false
            draft.clear()
            win.back()
        }
    }
    onCChanged: if (!edited) load()
    Component.onCompleted: {
        load()
        if (draft.start()) edited = true
    }

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        // On a wide window the history stands beside the form; on a phone, below it.
        GridLayout {
            width: sv.availableWidth
            columns: sv.availableWidth >= 1000 ? 2 : 1
            columnSpacing: 0
            rowSpacing: 8
            ColumnLayout {
                spacing: 8
                Layout.fillWidth: true
                Layout.maximumWidth: 720
                Layout.alignment: Qt.AlignTop
                EmptyState { visible: pageRoot.c.id === undefined; text: qsTr("No case to show"); Layout.fillWidth: true; Layout.margins: 16 }
                DraftKeeper {
                    id: draft
                    key: "case:" + pageRoot.recordId
                    collect: function () { var f = pageRoot.fields(); f.note = noteField.text; return f }
                    onDiscarded: { pageRoot.edited = false; pageRoot.load() }
                    apply: function (d) {
                        titleField.text = d.title || ""
                        needField.text = d.need || ""
                        value.text = d.value || ""
                        currency.currentIndex = Math.max(0, currency.find(d.currency || "DKK"))
                        prob.value = Number(d.probability || 0)
                        follow.date = d.follow_up || ""
                        next.text = d.next_step || ""
                        noteField.text = d.note || ""
                    }
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                Label {
                    visible: pageRoot.c.id !== undefined
                    text: [pageRoot.c.accountName, pageRoot.c.contactName].filter(function (x) { return x }).join(" \u00B7 ")
                    font.pixelSize: 16
                    Layout.margins: 16
                    Layout.bottomMargin: 0
                }
                Caption { text: qsTr("Title"); visible: pageRoot.c.id !== undefined }
                TextField {
                    id: titleField
                    objectName: "caseTitle"
                    visible: pageRoot.c.id !== undefined
                    placeholderText: qsTr("What is it, in one sentence")
                    onTextEdited: pageRoot.touched()
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                Caption { text: qsTr("Need"); visible: pageRoot.c.id !== undefined }
                FormTextArea {
                    id: needField
                    objectName: "caseNeed"
                    visible: pageRoot.c.id !== undefined
                    placeholderText: qsTr("The need, in the customer's words")
                    onTextChanged: pageRoot.touched()
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                Label {
                    visible: (pageRoot.c.foundByName || "") !== ""
                    text: qsTr("Found by %1").arg(pageRoot.c.foundByName || "")
                    opacity: 0.7
                    Layout.leftMargin: 16
                }
                WarningBanner {
                    warnings: pageRoot.c.account_id ? App.accountWarnings(pageRoot.c.account_id) : []
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                RowLayout {
                    visible: pageRoot.c.id !== undefined
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    Label {
                        text: pageRoot.c.owner ? (pageRoot.c.owner === App.userId ? qsTr("Yours") : qsTr("Owned by %1").arg(pageRoot.c.ownerName)) : qsTr("No owner yet: to triage")
                        Layout.fillWidth: true
                    }
                    Button {
                        visible: App.isSeller && pageRoot.c.owner !== App.userId
                        text: qsTr("Take ownership")
                        highlighted: true
                        onClicked: App.takeOwnership(pageRoot.recordId)
                    }
                }
                Label { text: qsTr("Stage"); Layout.leftMargin: 16; visible: pageRoot.c.id !== undefined }
                Flow {
                    visible: pageRoot.c.id !== undefined
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    spacing: 6
                    Repeater {
                        model: App.stages()
                        Button {
                            required property string modelData
                            objectName: "stage_" + modelData
                            text: App.stageLabel(modelData)
                            highlighted: pageRoot.c.stage === modelData
                            onClicked: modelData === "lost" ? lostDialog.open() : App.moveStage(pageRoot.recordId, modelData, "")
                        }
                    }
                }
                GridLayout {
                    visible: pageRoot.c.id !== undefined
                    columns: win.wide ? 4 : 2
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    Label { text: qsTr("Value") }
                    TextField { id: value; objectName: "caseValue"; inputMethodHints: Qt.ImhDigitsOnly; Layout.fillWidth: true; onTextEdited: pageRoot.touched() }
                    Label { text: qsTr("Currency") }
                    ComboBox { id: currency; model: ["DKK", "SEK", "NOK", "EUR"]; Layout.fillWidth: true; onActivated: pageRoot.touched() }
                    Label { text: qsTr("Probability %") }
                    SpinBox { id: prob; from: 0; to: 100; stepSize: 5; editable: true; Layout.fillWidth: true; onValueModified: pageRoot.touched() }
                    Label { text: qsTr("Follow up") }
                    DateField { id: follow; objectName: "caseFollowUp"; placeholder: qsTr("No follow-up"); Layout.fillWidth: true; onEdited: pageRoot.touched() }
                }
                Caption { text: qsTr("Next step"); visible: pageRoot.c.id !== undefined }
                TextField { id: next; objectName: "caseNextStep"; visible: pageRoot.c.id !== undefined; placeholderText: qsTr("What happens next, and who does it"); Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16; onTextEdited: pageRoot.touched() }
                Label {
                    visible: pageRoot.c.stage === "lost" && (pageRoot.c.lost_reason || "") !== ""
                    text: qsTr("Lost because: %1").arg(pageRoot.c.lost_reason || "")
                    Layout.leftMargin: 16
                }
                RowLayout {
                    visible: pageRoot.c.id !== undefined
                    Layout.fillWidth: true
                    Layout.margins: 16
                    Button {
                        objectName: "saveCase"
                        text: qsTr("Save")
                        highlighted: true
                        Layout.fillWidth: true
                        onClicked: pageRoot.save()
                    }
                    Button {
                        objectName: "caseLog"
                        text: qsTr("Log activity")
                        onClicked: win.openPage("log", pageRoot.recordId)
                    }
                    Button { text: qsTr("Delete"); flat: true; onClicked: { if (App.deleteRecord("cases", pageRoot.recordId)) win.back() } }
                }
            }
            ColumnLayout {
                spacing: 8
                Layout.fillWidth: sv.availableWidth < 1000
                Layout.preferredWidth: sv.availableWidth >= 1000 ? 400 : -1
                Layout.maximumWidth: 720
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: sv.availableWidth >= 1000 ? 16 : 0
                AttachmentsSection {
                    id: attachments
                    objectName: "caseAttachments"
                    visible: pageRoot.c.id !== undefined
                    kind: "case"
                    recordId: pageRoot.recordId
                    Layout.fillWidth: true
                    Layout.bottomMargin: 8
                }
                Label {
                    visible: pageRoot.c.id !== undefined
                    text: qsTr("History")
                    font.pixelSize: 18
                    font.bold: true
                    Layout.leftMargin: 16
                }
                Label {
                    objectName: "caseInStage"
                    visible: history.inStage !== ""
                    text: history.inStage
                    opacity: 0.8
                    Layout.leftMargin: 16
                }
                RowLayout {
                    visible: pageRoot.c.id !== undefined
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    TextField {
                        id: noteField
                        objectName: "caseNoteField"
                        placeholderText: qsTr("Add a note about this case")
                        Layout.fillWidth: true
                        onAccepted: pageRoot.addNote()
                        onTextEdited: draft.changed()
                    }
                    Button {
                        objectName: "caseAddNote"
                        text: qsTr("Add")
                        enabled: noteField.text.trim() !== ""
                        onClicked: pageRoot.addNote()
                    }
                }
                Repeater {
                    objectName: "caseHistory"
                    model: CaseHistoryModel { id: history; caseId: pageRoot.recordId }
                    ColumnLayout {
                        id: entry
                        required property string title
                        required property string when
                        required property string by
                        required property string detail
                        spacing: 2
                        Layout.fillWidth: true
                        Layout.leftMargin: 16
                        Layout.rightMargin: 16
                        Layout.topMargin: 6
                        RowLayout {
                            Layout.fillWidth: true
                            Label { text: entry.title; font.pixelSize: 15; elide: Label.ElideRight; Layout.fillWidth: true }
                            Label { text: entry.when; opacity: 0.7; font.pixelSize: 13 }
                        }
                        Label { visible: entry.by !== ""; text: entry.by; opacity: 0.7; font.pixelSize: 13 }
                        Label {
                            visible: entry.detail !== ""
                            text: entry.detail
                            wrapMode: Label.Wrap
                            maximumLineCount: 6
                            elide: Label.ElideRight
                            Layout.fillWidth: true
                        }
                    }
                }
                EmptyState {
                    visible: pageRoot.c.id !== undefined && history.count === 0
                    text: qsTr("Nothing logged on this case yet")
                    Layout.fillWidth: true
                    Layout.margins: 16
                }
                Item { Layout.preferredHeight: 16 }
            }
        }
    }
    LostReasonDialog {
        id: lostDialog
        onAccepted: App.moveStage(pageRoot.recordId, "lost", reason)
    }
}
