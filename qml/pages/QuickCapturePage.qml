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
        if (recordId !== "") account.setAccount(recordId)
        draft.start()
        if (account.accountId !== "" || account.text !== "") sentence.forceActiveFocus()
        else account.focusField()
    }

    readonly property bool ready: (account.accountId !== "" || account.text.trim() !== "") && sentence.text.trim() !== "" && who.decided
    function save() {
        if (!ready) return
        var target = account.accountId !== "" ? account.accountId : account.text
        var id = App.quickCapture(target, sentence.text, who.value(), value.text, currency.currentText)
        if (id !== "") {
            // Empty again (the page stays when it is the first one): a second Save would
            // capture it twice.
            account.setAccount("")
            account.text = ""
            sentence.text = ""
            who.text = ""
            who.contactId = ""
            who.asNew = false
            value.text = ""
            draft.clear()
            win.back()
            // Said for a moment, with a way back (the case, and a customer or person it made).
            win.showUndo(qsTr("Case saved"), function () { App.undoCapture(id) })
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
                key: "capture:" + pageRoot.recordId
                collect: function () {
                    return { "account": account.accountId, "accountText": account.text, "sentence": sentence.text,
                             "who": who.text, "whoId": who.contactId, "whoNew": who.asNew ? "1" : "",
                             "value": value.text, "currency": currency.currentText }
                }
                apply: function (d) {
                    if (d.account) account.setAccount(d.account)
                    else account.text = d.accountText || ""
                    sentence.text = d.sentence || ""
                    who.text = d.who || ""
                    who.contactId = d.whoId || ""
                    who.asNew = d.whoNew === "1"
                    value.text = d.value || ""
                    currency.currentIndex = Math.max(0, currency.find(d.currency || "DKK"))
                }
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            // The customers captured or logged on last: one tap picks one.
            Flow {
                objectName: "recentCustomers"
                visible: account.accountId === "" && account.text === "" && recent.length > 0
                property var recent: App.revision >= 0 ? App.recentAccounts(6) : []
                spacing: 6
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Repeater {
                    model: parent.recent
                    Button {
                        required property var modelData
                        objectName: "recentCustomer"
                        text: modelData.name
                        flat: true
                        font.capitalization: Font.MixedCase
                        topInset: 2
                        bottomInset: 2
                        background: Rectangle {
                            radius: height / 2
                            color: "transparent"
                            border.color: Material.accent
                        }
                        onClicked: { account.setAccount(modelData.id); sentence.forceActiveFocus() }
                    }
                }
            }
            AccountPicker {
                id: account
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onPicked: sentence.forceActiveFocus()
                onTextChanged: draft.changed()
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
                onTextChanged: draft.changed()
            }
            PersonPicker {
                id: who
                accountId: account.accountId
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                onEdited: draft.changed()
                onPicked: { draft.changed(); value.forceActiveFocus() }
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
                    onTextChanged: draft.changed()
                }
                ComboBox { id: currency; model: ["DKK", "SEK", "NOK", "EUR"]; Layout.preferredWidth: 100; onActivated: draft.changed() }
            }
            // Why Save waits, while it does.
            SaveHint {
                objectName: "captureWhy"
                reason: account.accountId === "" && account.text.trim() === "" ? qsTr("To save: name the customer.")
                        : sentence.text.trim() === "" ? qsTr("To save: write what they need, one sentence is enough.")
                        : !who.decided ? qsTr("To save: pick who said it from the list, or add them as new.")
                        : ""
            }
            Button {
                objectName: "captureSave"
                text: qsTr("Save case")
                highlighted: true
                enabled: pageRoot.ready
                Layout.fillWidth: true
                Layout.preferredHeight: 56
                Layout.margins: 16
                onClicked: pageRoot.save()
            }
        }
    }
}
