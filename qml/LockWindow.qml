import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Before the app: the passphrase of this device's encrypted database (client/app/
// devicelock.h). "unlock": type it; "protect": choose one (no keyring on this machine);
// "lost": the vault is gone and nothing can open the database.
ApplicationWindow {
    id: lockWin
    required property var lock
    width: 480
    height: 600
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    title: qsTr("Fika")

    Material.primary: "#6d4c41"
    Material.accent: "#00897b"

    function submit() {
        if (lock.submit(passField.text, repeatField.text)) return
        passField.selectAll()
        passField.forceActiveFocus()
    }

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth - 32, 400)
            x: (sv.availableWidth - width) / 2
            spacing: 14
            Item { Layout.preferredHeight: 24 }
            MdIcon {
                text: "\uF33E"  // lock
                font.pixelSize: 56
                color: Material.primary
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                objectName: "lockHeading"
                text: lock.mode === "protect" ? qsTr("Protect this device")
                    : lock.mode === "lost" ? qsTr("This device's data cannot be opened")
                    : qsTr("Unlock Fika")
                font.pixelSize: 22
                font.bold: true
                wrapMode: Label.Wrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Label {
                text: lock.mode === "protect"
                      ? qsTr("Fika encrypts what it keeps on this device. This computer has no keyring to hold the key, so choose a passphrase: you type it when Fika starts. Without it the data on this device cannot be read - by anyone; what has been synced stays safe on the server.")
                      : lock.mode === "lost" ? ""
                      : qsTr("What Fika keeps on this device is encrypted. Type this device's passphrase.")
                visible: text !== ""
                wrapMode: Label.Wrap
                opacity: 0.85
                Layout.fillWidth: true
            }
            TextField {
                id: passField
                objectName: "passphraseField"
                visible: lock.mode !== "lost"
                placeholderText: lock.mode === "protect" ? qsTr("New passphrase (at least 8 characters)") : qsTr("Passphrase")
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                focus: true
                Layout.fillWidth: true
                onAccepted: lock.mode === "protect" ? repeatField.forceActiveFocus() : lockWin.submit()
            }
            TextField {
                id: repeatField
                objectName: "repeatField"
                visible: lock.mode === "protect"
                placeholderText: qsTr("The same again")
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                Layout.fillWidth: true
                onAccepted: lockWin.submit()
            }
            Label {
                objectName: "lockError"
                text: lock.error
                visible: text !== ""
                color: Material.color(Material.Red)
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Button {
                objectName: "lockButton"
                visible: lock.mode !== "lost"
                text: lock.mode === "protect" ? qsTr("Encrypt and start") : qsTr("Unlock")
                highlighted: true
                enabled: passField.text.length > 0
                Layout.fillWidth: true
                onClicked: lockWin.submit()
            }
            Button {
                objectName: "lockQuit"
                text: qsTr("Quit")
                flat: true
                Layout.alignment: Qt.AlignHCenter
                onClicked: lockWin.close()
            }
        }
    }
}
