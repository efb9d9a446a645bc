import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Log a conversation in one or two taps: customer, person, optional note, and a
// "there may be a case here" switch. The talking points of the user's style are at hand.
Page {
    id: pageRoot
    property string recordId: ""   // a customer to log for, if known
    property string pageName: "log"
    property string type: "conversation"
    title: qsTr("Log a conversation")

    Component.onCompleted: { if (recordId !== "") account.setAccount(recordId); else account.focusField() }

    function save() {
        var id = App.logActivity(type, account.accountId, person.currentValue || "", note.text, possible.checked, inbound.checked)
        if (id !== "") win.back()
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
            AccountPicker {
                id: account
                allowNew: false
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
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
                        text: App.activityLabel(modelData)
                        highlighted: pageRoot.type === modelData
                        onClicked: pageRoot.type = modelData
                    }
                }
            }
            Switch { id: inbound; text: qsTr("They contacted us (inbound)"); Layout.leftMargin: 16 }
            FormTextArea {
                id: note
                objectName: "logNote"
                placeholderText: qsTr("Note (optional): coffee chat with Eva about\u2026")
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Switch { id: possible; objectName: "logPossible"; text: qsTr("There may be a case here"); Layout.leftMargin: 16 }
            Pane {
                visible: tp.count > 0
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Material.elevation: 1
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
