import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Keeps what a form holds but has not saved as a draft in the local database: written
// half a second after each edit and when the page goes away (Esc, Back, the menu), so it
// survives leaving the page, closing the app or a crash. When the form opens again the
// draft comes back, with this banner and a way to throw it away. Cleared on save.
//   key:     the form and its record ("capture:" + account id, "log:" + case id ...)
//   collect: a function returning the form's fields as a map of strings
//   apply:   a function putting such a map back into the form
Card {
    id: keeper
    property string key
    property var collect: function () { return ({}) }
    property var apply: function (fields) {}
    property bool restored: false
    property bool applying: false
    property var initial: ({})  // the form as it opened: not a draft
    visible: restored
    padding: 8

    // The form calls this after every edit.
    function changed() { if (!applying) timer.restart() }
    // The form calls this once it has set itself up: what it holds now is no draft. Then
    // the draft, if there is one, comes back; true when it did.
    function start() {
        timer.stop()
        initial = collect()
        return restore()
    }
    function save() {
        var now = collect()
        if (JSON.stringify(now) === JSON.stringify(initial)) App.clearDraft(key)
        else App.saveDraft(key, now)
    }
    function restore() {
        var d = App.draft(key)
        if (Object.keys(d).length === 0) return false
        applying = true
        apply(d)
        applying = false
        restored = true
        return true
    }
    // The form was saved (or thrown away): no draft any more.
    function clear() {
        timer.stop()
        App.clearDraft(key)
        restored = false
    }
    function flush() {
        if (!timer.running) return
        timer.stop()
        save()
    }
    signal discarded()
    function discard() {
        clear()
        applying = true
        apply(initial)
        applying = false
        discarded()
    }

    Timer { id: timer; interval: 500; onTriggered: keeper.save() }
    Component.onDestruction: flush()

    RowLayout {
        width: parent.width
        Label {
            text: qsTr("What you typed here before is back (not saved yet).")
            wrapMode: Label.Wrap
            Layout.fillWidth: true
            Layout.preferredWidth: 100
        }
        Button {
            objectName: "draftDiscard"
            flat: true
            text: qsTr("Discard")
            onClicked: keeper.discard()
        }
    }
}
