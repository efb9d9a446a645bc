import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Log a conversation in one or two taps: customer, person, optional note, and a
// "there may be a case here" switch. The talking points of the user's style are at hand.
Page {
    id: pageRoot
    property string recordId: ""   // a customer to log for, or a case to log on, if known
    property string pageName: "log"
    property string type: "conversation"
    // Logging on a case: its customer is fixed and its person comes first.
    readonly property var onCase: recordId !== "" ? App.record("cases", recordId) : ({})
    readonly property bool caseMode: onCase.id !== undefined
    title: caseMode ? qsTr("Log on a case") : qsTr("Log a conversation")

    Component.onCompleted: {
        if (caseMode) {
            account.setAccount(onCase.account_id)
            if (onCase.contact_id) person.currentIndex = Math.max(0, person.indexOfValue(onCase.contact_id))
            note.forceActiveFocus()
        } else if (recordId !== "") {
            account.setAccount(recordId)
        } else {
            account.focusField()
        }
        draft.start()
    }

    function save() {
        var id = App.logActivity(type, account.accountId, person.currentValue || "", note.text,
                                 !caseMode && possible.checked, inbound.checked, caseMode ? recordId : "")
        if (id !== "") {
            draft.clear()
            win.back()
        }
    }
    Shortcut { sequence: "Ctrl+Return"; onActivated: pageRoot.save() }

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth, 640)
            spacing: 8
            Item { Layout.preferredHeight: 4 }
            DraftKeeper {
                id: draft
                key: "log:" + pageRoot.recordId
                collect: function () {
                    return { "account": pageRoot.caseMode ? "" : account.accountId, "person": person.currentValue || "",
                             "type": pageRoot.type === "conversation" ? "" : pageRoot.type,
                             "inbound": inbound.checked ? "1" : "", "note": note.text, "possible": possible.checked ? "1" : "" }
                }
                apply: function (d) {
                    if (d.account && !pageRoot.caseMode) account.setAccount(d.account)
                    if (d.person) person.currentIndex = Math.max(0, person.indexOfValue(d.person))
                    pageRoot.type = d.type || "conversation"
                    inbound.checked = d.inbound === "1"
                    note.text = d.note || ""
                    possible.checked = d.possible === "1"
                }
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label {
                visible: pageRoot.caseMode
                text: qsTr("On the case \u201c%1\u201d").arg(pageRoot.onCase.title || "")
                font.bold: true
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            AccountPicker {
                id: account
                enabled: !pageRoot.caseMode
                allowNew: false
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onAccountIdChanged: draft.changed()
            }
            WarningBanner {
                warnings: account.accountId !== "" && !inbound.checked ? App.accountWarnings(account.accountId) : []
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            ComboBox {
                id: person
                enabled: account.accountId !== ""
                model: account.accountId !== "" ? [{ id: "", name: qsTr("(nobody in particular)") }].concat(App.contactChoices(account.accountId)) : []
                textRole: "name"
                valueRole: "id"
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onActivated: draft.changed()
            }
            Flow {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                spacing: 8
                Repeater {
                    model: ["conversation", "meeting", "phone-meeting"]
                    Button {
                        required property string modelData
                        objectName: "type_" + modelData
                        text: App.activityLabel(modelData)
                        highlighted: pageRoot.type === modelData
                        onClicked: { pageRoot.type = modelData; draft.changed() }
                    }
                }
            }
            Switch { id: inbound; text: qsTr("They contacted us (inbound)"); Layout.leftMargin: 16; onToggled: draft.changed() }
            FormTextArea {
                id: note
                objectName: "logNote"
                placeholderText: qsTr("Note (optional): coffee chat with Eva about\u2026")
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onTextChanged: draft.changed()
            }
            Switch { id: possible; objectName: "logPossible"; visible: !pageRoot.caseMode; text: qsTr("There may be a case here"); Layout.leftMargin: 16; onToggled: draft.changed() }
            Card {
                visible: tp.count > 0
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    Label { text: qsTr("Talking points"); font.bold: true }
                    Repeater {
                        id: tp
                        model: App.talkingPoints(App.style)
                        Label { required property string modelData; text: "\u2022 " + modelData; wrapMode: Label.Wrap; Layout.fillWidth: true }
                    }
                }
            }
            SaveHint {
                objectName: "logWhy"
                reason: account.accountId === "" ? qsTr("To save: choose the customer from the list.") : ""
                Layout.topMargin: 8
            }
            Button {
                objectName: "logSave"
                text: qsTr("Save")
                highlighted: true
                enabled: account.accountId !== ""
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                Layout.margins: 16
                onClicked: pageRoot.save()
            }
        }
    }
}
