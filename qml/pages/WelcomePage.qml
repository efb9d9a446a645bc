import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// First start: work offline at once, or connect to a server.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "welcome"
    title: qsTr("Welcome to Fika")

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth, 560)
            x: (sv.availableWidth - width) / 2
            spacing: 16
            Item { Layout.preferredHeight: 8 }
            Label {
                text: qsTr("Capture possible work where it happens, even with no network.")
                wrapMode: Label.Wrap
                font.pixelSize: 18
                Layout.fillWidth: true
                Layout.margins: 16
            }
            Card {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    Label { text: qsTr("Start offline"); font.bold: true; font.pixelSize: 16 }
                    Label { text: qsTr("Everything works on this device; connect to a server whenever you like."); wrapMode: Label.Wrap; Layout.fillWidth: true; opacity: 0.8 }
                    TextField { id: nameField; placeholderText: qsTr("Your name"); Layout.fillWidth: true }
                    Button {
                        text: qsTr("Start working offline")
                        highlighted: true
                        Layout.fillWidth: true
                        onClicked: { App.workOffline(nameField.text); win.showPage("home") }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    Label { text: qsTr("Sign in to your firm's server"); font.bold: true; font.pixelSize: 16 }
                    Label {
                        text: qsTr("Your admin gives you a code - or your other device does, in Settings, Add another device. A fika:// link fills in both fields.")
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                        opacity: 0.8
                    }
                    TextField {
                        id: urlField
                        objectName: "serverField"
                        placeholderText: qsTr("Server address, e.g. https://fika.example.com")
                        inputMethodHints: Qt.ImhUrlCharactersOnly
                        text: App.startLink.server || ""
                        Layout.fillWidth: true
                        onTextChanged: pageRoot.takeLink(text)
                    }
                    TextField {
                        id: codeField
                        objectName: "codeField"
                        placeholderText: qsTr("Code, e.g. K7QH-2MWP-9XRT")
                        inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
                        text: App.startLink.code || ""
                        Layout.fillWidth: true
                        onTextChanged: pageRoot.takeLink(text)
                        onAccepted: signInButton.clicked()
                    }
                    Label { id: status; objectName: "signInStatus"; visible: text !== ""; wrapMode: Label.Wrap; Layout.fillWidth: true; color: Material.accent }
                    SaveHint {
                        objectName: "signInWhy"
                        reason: urlField.text.trim() === "" ? qsTr("To sign in: enter the server's address, or paste a fika:// link.")
                                : codeField.text.trim() === "" ? qsTr("To sign in: enter the code your administrator gave you.") : ""
                        Layout.leftMargin: 0
                        Layout.rightMargin: 0
                    }
                    Button {
                        id: signInButton
                        objectName: "signInButton"
                        text: qsTr("Sign in")
                        enabled: urlField.text.trim() !== "" && codeField.text.trim() !== ""
                        highlighted: enabled
                        Layout.fillWidth: true
                        onClicked: {
                            status.text = qsTr("Signing in\u2026")
                            if (!App.signIn(urlField.text, codeField.text)) status.text = App.lastError
                        }
                    }
                }
            }
        }
    }
    // A fika://enrol link pasted into either field: the server and the code from it.
    function takeLink(text) {
        var l = App.readEnrolLink(text)
        if (l.server === undefined) return
        urlField.text = l.server
        codeField.text = l.code
    }
    Connections {
        target: App.sync
        function onConnectFinished(ok, message) {
            if (ok) win.showPage("home")
            else status.text = message
        }
    }
}
