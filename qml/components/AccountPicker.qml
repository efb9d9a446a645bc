import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Fika

// Type a customer's name: matching customers are offered; an unknown name is a new one.
ColumnLayout {
    id: picker
    property string accountId: ""
    property alias text: field.text
    property bool allowNew: true
    readonly property var matches: field.activeFocus && field.text.length > 0 && accountId === "" ? App.accountChoices(field.text) : []
    signal picked()
    spacing: 0
    function focusField() { field.forceActiveFocus() }
    function setAccount(id) {
        accountId = id
        field.text = App.accountName(id)
    }
    // A suggestion was chosen. Called by the suggestion itself, which setAccount destroys
    // (the list of matches empties): nothing may run in the suggestion after this.
    function choose(id) {
        setAccount(id)
        picked()
    }
    TextField {
        id: field
        objectName: "accountField"
        placeholderText: qsTr("Customer")
        Layout.fillWidth: true
        onTextEdited: picker.accountId = ""
        // Enter takes the first match, or (where new customers are allowed) the name as
        // typed, and moves on: a capture needs no mouse.
        onAccepted: {
            if (picker.matches.length > 0) picker.choose(picker.matches[0].id)
            else if (picker.allowNew && field.text.trim().length > 0) picker.picked()
        }
    }
    Repeater {
        model: picker.matches.slice(0, 5)
        ItemDelegate {
            required property var modelData
            objectName: "accountSuggestion"
            text: modelData.name + (modelData.policy !== "active" ? "  \u00B7 " + App.policyLabel(modelData.policy) : "")
            Layout.fillWidth: true
            onClicked: picker.choose(modelData.id)
        }
    }
    Label {
        visible: picker.allowNew && picker.accountId === "" && field.text.trim().length > 0 &&
                 !picker.matches.some(function (m) { return m.name.toLowerCase() === field.text.trim().toLowerCase() })
        text: qsTr("A new customer \u201c%1\u201d will be created").arg(field.text.trim())
        opacity: 0.7
        font.pixelSize: 12
    }
}
