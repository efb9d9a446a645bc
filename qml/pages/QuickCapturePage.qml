import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Capture a possible case in under ten seconds: customer, one sentence, who said it,
// rough value. Only the first two are needed; the case waits "to triage".
Page {
    id: pageRoot
    property string recordId: ""   // a customer to capture for, if known
    property string pageName: "capture"
    title: qsTr("Capture a case")

    Component.onCompleted: {
        if (recordId !== "") { account.setAccount(recordId); sentence.forceActiveFocus() }
        else account.focusField()
    }

    function save() {
        var target = account.accountId !== "" ? account.accountId : account.text
        var id = App.quickCapture(target, sentence.text, who.text, value.text, currency.currentText)
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
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onPicked: sentence.forceActiveFocus()
            }
            WarningBanner {
                warnings: account.accountId !== "" ? App.accountWarnings(account.accountId) : []
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            FormTextArea {
                id: sentence
                objectName: "captureSentence"
                placeholderText: qsTr("What do they need? One sentence is enough.")
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            TextField {
                id: who
                objectName: "captureWho"
                placeholderText: qsTr("Who said it (optional)")
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                TextField {
                    id: value
                    objectName: "captureValue"
                    placeholderText: qsTr("Rough value, e.g. 150k (optional)")
                    Layout.fillWidth: true
                    onAccepted: pageRoot.save()
                }
                ComboBox { id: currency; model: ["DKK", "SEK", "NOK", "EUR"]; Layout.preferredWidth: 100 }
            }
            Button {
                objectName: "captureSave"
                text: qsTr("Save case")
                highlighted: true
                enabled: (account.accountId !== "" || account.text.trim() !== "") && sentence.text.trim() !== ""
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                Layout.margins: 16
                onClicked: pageRoot.save()
            }
        }
    }
}
