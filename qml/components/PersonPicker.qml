import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Who said it: as a name is typed, the customer's people whose name - or any word of it,
// a first name too - starts so are offered. A new person is made only when chosen as new,
// or when nobody of that customer matches; several matches and no choice is not an answer.
ColumnLayout {
    id: picker
    property string accountId: ""
    property alias text: field.text
    property string contactId: ""  // an existing person, chosen
    property bool asNew: false     // chosen to be added as a new person
    readonly property string typed: field.text.trim()
    readonly property var people: accountId !== "" && App.revision >= 0 ? App.contactChoices(accountId) : []
    readonly property var exact: {
        for (var i = 0; i < people.length; ++i)
            if (people[i].name.toLowerCase() === typed.toLowerCase()) return people[i]
        return null
    }
    readonly property var matches: {
        if (typed === "" || contactId !== "" || asNew) return []
        var t = typed.toLowerCase()
        return people.filter(function (p) {
            var name = p.name.toLowerCase()
            return name.startsWith(t) || name.split(/\s+/).some(function (w) { return w.startsWith(t) })
        })
    }
    // Answered: nobody, a chosen or exactly named person, a new one, or a name nobody has.
    readonly property bool decided: typed === "" || contactId !== "" || asNew || exact !== null || matches.length === 0
    // What to save: a person's id, a new person's name, or "".
    function value() {
        if (contactId !== "") return contactId
        if (exact) return exact.id
        return decided ? typed : ""
    }
    function choose(person) {
        contactId = person.id
        field.text = person.name
        picked()
    }
    function chooseNew() {
        asNew = true
        picked()
    }
    function clear() {
        contactId = ""
        asNew = false
        field.text = ""
    }
    signal picked()
    signal edited()
    spacing: 0

    TextField {
        id: field
        objectName: "captureWho"
        placeholderText: qsTr("Who said it (optional)")
        Layout.fillWidth: true
        onTextEdited: { picker.contactId = ""; picker.asNew = false; picker.edited() }
        onAccepted: {
            if (picker.matches.length === 1 && !picker.exact) picker.choose(picker.matches[0])
            else if (picker.decided) picker.picked()
        }
    }
    Repeater {
        model: picker.matches.slice(0, 5)
        ItemDelegate {
            required property var modelData
            objectName: "personSuggestion"
            text: modelData.name + (modelData.role && modelData.role !== "other" ? "  \u00B7 " + App.roleLabel(modelData.role) : "")
            Layout.fillWidth: true
            onClicked: picker.choose(modelData)
        }
    }
    ItemDelegate {
        objectName: "personNew"
        visible: picker.matches.length > 0 && picker.exact === null
        text: qsTr("Add \u201c%1\u201d as a new person").arg(picker.typed)
        Layout.fillWidth: true
        onClicked: picker.chooseNew()
    }
    Label {
        objectName: "personUndecided"
        visible: !picker.decided
        text: qsTr("Choose who it was above, or add \u201c%1\u201d as a new person").arg(picker.typed)
        color: Material.accent
        wrapMode: Label.Wrap
        font.pixelSize: 12
        Layout.fillWidth: true
    }
    Label {
        visible: picker.typed !== "" && picker.contactId === "" && picker.exact === null && (picker.asNew || picker.matches.length === 0)
        text: qsTr("A new person \u201c%1\u201d will be added").arg(picker.typed)
        opacity: 0.7
        font.pixelSize: 12
    }
}
