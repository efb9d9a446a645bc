import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQuick.Dialogs
import Fika

// Server, language, theme, selling style and weekly target; exports and CSV import.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "settings"
    title: qsTr("Settings")

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth, 640)
            spacing: 8
            Label { text: qsTr("Server"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            Label {
                text: App.serverUrl !== "" ? qsTr("Connected to %1 as %2").arg(App.serverUrl).arg(App.userName) : qsTr("Working offline on this device")
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
            }
            TextField { id: url; objectName: "settingsServer"; visible: App.serverUrl === ""; placeholderText: qsTr("Server address"); text: App.startLink.server || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            TextField { id: token; objectName: "settingsCode"; visible: App.serverUrl === ""; placeholderText: qsTr("Code from your admin, e.g. K7QH-2MWP-9XRT"); text: App.startLink.code || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16
                        onAccepted: connectButton.clicked() }
            // The server refuses this device's token: a new code signs it in; nothing here is lost.
            ColumnLayout {
                visible: App.serverUrl !== "" && App.sync.signInNeeded
                spacing: 8
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Label {
                    text: qsTr("The server no longer accepts this device's sign-in (an admin signed it out, or replaced it). Enter a new code from your admin: everything on this device stays and syncs once you are signed in.")
                    color: Material.accent
                    wrapMode: Label.Wrap
                    Layout.fillWidth: true
                }
                TextField { id: newToken; objectName: "newToken"; placeholderText: qsTr("New code, e.g. K7QH-2MWP-9XRT"); text: App.startLink.code || ""; Layout.fillWidth: true
                            onAccepted: if (signInAgain.enabled) signInAgain.clicked() }
                Button {
                    id: signInAgain
                    objectName: "signInAgain"
                    text: qsTr("Sign in again")
                    highlighted: true
                    enabled: newToken.text.trim() !== ""
                    onClicked: {
                        status.text = qsTr("Connecting\u2026")
                        if (!App.signIn(App.serverUrl, newToken.text)) status.text = App.lastError
                    }
                }
            }
            Label { id: status; objectName: "settingsStatus"; visible: text !== ""; color: Material.accent; wrapMode: Label.Wrap; Layout.fillWidth: true; Layout.leftMargin: 16 }
            RowLayout {
                Layout.leftMargin: 16
                Button {
                    id: connectButton
                    objectName: "settingsConnect"
                    visible: App.serverUrl === ""
                    text: qsTr("Connect")
                    highlighted: true
                    onClicked: {
                        status.text = qsTr("Connecting\u2026")
                        if (!App.signIn(url.text, token.text)) status.text = App.lastError
                    }
                }
                Button { visible: App.serverUrl !== ""; text: qsTr("Sync now"); onClicked: App.sync.syncNow() }
                Button { visible: App.serverUrl !== ""; text: qsTr("Disconnect"); flat: true; onClicked: App.disconnectServer() }
            }
            // E-mail about new cases, for sellers who are not in the app all day: kept on
            // this device and sent to the server (now, or at the next sync).
            ColumnLayout {
                id: mailBox
                objectName: "mailSettings"
                visible: App.serverUrl !== "" && App.isSeller
                spacing: 4
                Layout.fillWidth: true
                property var mail: App.sync.mail
                Label { text: qsTr("E-mail about new cases"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
                Label {
                    objectName: "mailServerNote"
                    visible: mailBox.mail.known && !mailBox.mail.serverSendsMail
                    text: qsTr("Your server does not send e-mail yet: ask your admin. Your choice is kept for when it does.")
                    wrapMode: Label.Wrap
                    opacity: 0.8
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                TextField {
                    id: mailAddress
                    objectName: "mailAddress"
                    placeholderText: qsTr("Your e-mail address")
                    text: mailBox.mail.address || ""
                    inputMethodHints: Qt.ImhEmailCharactersOnly
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                }
                ButtonGroup { id: mailMode }
                RadioButton {
                    objectName: "mailInstant"
                    property string mode: "instant"
                    text: qsTr("A mail for each new case, at once")
                    checked: mailBox.mail.mode === "instant"
                    ButtonGroup.group: mailMode
                    Layout.leftMargin: 8
                }
                // The hour beside its choice, or under it on a narrow window.
                Flow {
                    Layout.fillWidth: true
                    Layout.leftMargin: 8
                    Layout.rightMargin: 16
                    RadioButton {
                        id: mailDaily
                        objectName: "mailDaily"
                        property string mode: "daily"
                        text: qsTr("One mail a day, at")
                        checked: mailBox.mail.mode === "daily"
                        ButtonGroup.group: mailMode
                    }
                    SpinBox {
                        id: mailHour
                        objectName: "mailHour"
                        from: 0
                        to: 23
                        value: mailBox.mail.hour !== undefined ? mailBox.mail.hour : 8
                        enabled: mailDaily.checked
                        textFromValue: function(v) { return (v < 10 ? "0" : "") + v + ":00" }
                        valueFromText: function(t) { return parseInt(t) }
                    }
                }
                RadioButton {
                    objectName: "mailNone"
                    property string mode: "none"
                    text: qsTr("No e-mail")
                    checked: mailBox.mail.mode === "none" || mailBox.mail.mode === undefined
                    ButtonGroup.group: mailMode
                    Layout.leftMargin: 8
                }
                RowLayout {
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    Button {
                        objectName: "mailSave"
                        text: qsTr("Save")
                        highlighted: true
                        enabled: mailMode.checkedButton !== null
                        onClicked: {
                            const wrong = App.sync.setMail(mailAddress.text, mailMode.checkedButton.mode, mailHour.value)
                            mailStatus.saidNow = wrong
                            mailStatus.saved = wrong === ""
                        }
                    }
                    Label {
                        id: mailStatus
                        objectName: "mailStatus"
                        property string saidNow: ""
                        property bool saved: false
                        text: saidNow !== "" ? saidNow
                              : mailBox.mail.error ? qsTr("The server refused it: %1").arg(mailBox.mail.error)
                              : mailBox.mail.waiting ? qsTr("Kept: it reaches the server at the next sync")
                              : saved ? qsTr("Saved")
                              : ""
                        color: saidNow !== "" || mailBox.mail.error ? Material.accent : Material.foreground
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
            Label { text: qsTr("Language"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            ComboBox {
                id: lang
                textRole: "text"
                valueRole: "value"
                model: [{ value: "", text: qsTr("As the system") }, { value: "en", text: "English" }, { value: "sv", text: "Svenska" }, { value: "da", text: "Dansk" }]
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(App.language))
                onActivated: App.setLanguage(currentValue)
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Switch { text: qsTr("Dark theme"); checked: App.darkTheme; onToggled: App.setDarkTheme(checked); Layout.leftMargin: 16 }
            Label { text: qsTr("How I sell"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            RowLayout {
                Layout.leftMargin: 16
                Repeater {
                    model: [{ value: "passive", text: App.styleLabel("passive") }, { value: "neutral", text: App.styleLabel("neutral") }, { value: "direct", text: App.styleLabel("direct") }]
                    RadioButton {
                        required property var modelData
                        text: modelData.text
                        checked: App.style === modelData.value
                        onClicked: App.setStyle(modelData.value)
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Label { text: qsTr("Conversations per week"); wrapMode: Label.Wrap; Layout.fillWidth: true }
                SpinBox { from: 0; to: 100; value: App.weeklyTarget; onValueModified: App.setWeeklyTarget(value) }
            }
            // When follow-ups falling due are raised as a notification (the due day, this hour).
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Label { text: qsTr("Remind me of follow-ups due at"); wrapMode: Label.Wrap; Layout.fillWidth: true }
                SpinBox {
                    objectName: "reminderHour"
                    from: 0
                    to: 23
                    value: App.reminders.hour
                    editable: true
                    textFromValue: function(v) { return (v < 10 ? "0" : "") + v + ":00" }
                    valueFromText: function(t) { return parseInt(t) }
                    onValueModified: App.reminders.hour = value
                    Accessible.name: qsTr("Remind me of follow-ups due at")
                }
            }
            // Photos and files: how large a photo is kept, the largest file, what comes down at once.
            Label { text: qsTr("Photos and files"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            GridLayout {
                columns: 2
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Label { text: qsTr("Photos are kept"); wrapMode: Label.Wrap; Layout.fillWidth: true }
                ComboBox {
                    objectName: "photoSize"
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "large", text: qsTr("Large (2560 pixels)") }, { value: "small", text: qsTr("Small (1280 pixels)") },
                            { value: "original", text: qsTr("As taken") }]
                    Component.onCompleted: currentIndex = Math.max(0, indexOfValue(App.files.photoSize))
                    onActivated: App.files.photoSize = currentValue
                    Accessible.name: qsTr("Photos are kept")
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Largest file (MB)"); wrapMode: Label.Wrap; Layout.fillWidth: true }
                SpinBox {
                    objectName: "fileLimit"
                    from: 1
                    to: 2048
                    editable: true
                    value: App.files.limitMb
                    onValueModified: App.files.limitMb = value
                    Accessible.name: qsTr("Largest file (MB)")
                }
                Label { text: qsTr("Download files"); wrapMode: Label.Wrap; Layout.fillWidth: true }
                ComboBox {
                    objectName: "filePrefetch"
                    textRole: "text"
                    valueRole: "value"
                    model: [{ value: "small", text: qsTr("Small ones (up to 2 MB) at once") }, { value: "all", text: qsTr("All at once") },
                            { value: "open", text: qsTr("Only when opened") }]
                    Component.onCompleted: currentIndex = Math.max(0, indexOfValue(App.files.prefetch))
                    onActivated: App.files.prefetch = currentValue
                    Accessible.name: qsTr("Download files")
                    Layout.fillWidth: true
                }
            }
            Label { text: qsTr("This device"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            Label { text: App.databasePath; wrapMode: Label.WrapAnywhere; opacity: 0.7; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            // This device: its encryption, and signing out (everything is sent first).
            Label {
                objectName: "encryptionStatus"
                text: App.encrypted ? qsTr("What Fika keeps on this device is encrypted; its key is in this computer's keyring or sealed with your passphrase.")
                                    : qsTr("What Fika keeps on this device is not encrypted.")
                wrapMode: Label.Wrap
                opacity: 0.8
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            // A code (and its QR code) for another device of this user.
            Button {
                objectName: "addDeviceButton"
                visible: App.serverUrl !== "" && !App.sync.signInNeeded
                text: qsTr("Add another device\u2026")
                flat: true
                Layout.leftMargin: 8
                onClicked: { deviceDialog.code = ({}); deviceDialog.open(); App.sync.newDeviceCode() }
            }
            Button {
                objectName: "yourDevicesButton"
                visible: App.serverUrl !== "" && !App.sync.signInNeeded
                text: qsTr("Your devices\u2026")
                flat: true
                Layout.leftMargin: 8
                onClicked: { devicesDialog.loaded = false; devicesDialog.list = []; devicesDialog.error = ""; devicesDialog.open(); App.sync.loadDevices() }
            }
            Button {
                id: signOutButton
                objectName: "signOutButton"
                visible: !signOutBox.visible
                text: qsTr("Sign out of this device\u2026")
                flat: true
                Layout.leftMargin: 8
                onClicked: { signOutBox.unsent = -1; signOutBox.visible = true }
            }
            Card {
                id: signOutBox
                objectName: "signOutBox"
                property int unsent: -1  // -1: not tried yet
                property string why: ""
                visible: false
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Connections {
                    target: App.sync
                    function onSignOutFailed(unsent, why) { signOutBox.unsent = unsent; signOutBox.why = why }
                }
                ColumnLayout {
                    width: parent.width
                    Label {
                        objectName: "signOutText"
                        text: signOutBox.unsent > 0
                              ? qsTr("%n change(s) could not be sent (%1). Nothing is deleted: sign out when you are online, or sign out anyway and lose them.", "", signOutBox.unsent).arg(signOutBox.why)
                              : qsTr("Everything not yet sent goes to the server first. Then this device's data and its token are deleted; signing in again downloads what you may see.")
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                    }
                    RowLayout {
                        Button {
                            objectName: "signOutConfirm"
                            text: signOutBox.unsent > 0 ? qsTr("Sign out anyway") : qsTr("Sign out")
                            highlighted: signOutBox.unsent <= 0
                            onClicked: App.sync.signOut(signOutBox.unsent > 0)
                        }
                        Button { text: qsTr("Cancel"); flat: true; onClicked: signOutBox.visible = false }
                    }
                }
            }
            // The app lock: a PIN or passphrase after some idle minutes, and at every start.
            Label { text: qsTr("App lock"); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            ComboBox {
                id: lockAfter
                objectName: "lockAfter"
                textRole: "text"
                valueRole: "value"
                model: [{ value: 0, text: qsTr("Never") }, { value: 1, text: qsTr("After 1 minute idle") },
                        { value: 5, text: qsTr("After 5 minutes idle") }, { value: 15, text: qsTr("After 15 minutes idle") },
                        { value: 60, text: qsTr("After an hour idle") }]
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(App.lockMinutes))
                // Set elsewhere too (the firm's required lock): follow it.
                Connections {
                    target: App
                    function onSettingsChanged() { lockAfter.currentIndex = Math.max(0, lockAfter.indexOfValue(App.lockMinutes)) }
                }
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            TextField {
                id: lockPin
                objectName: "lockPin"
                visible: lockAfter.currentValue > 0
                placeholderText: qsTr("PIN or passphrase (at least 4 characters)")
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            TextField {
                id: lockPin2
                objectName: "lockPinRepeat"
                visible: lockAfter.currentValue > 0
                placeholderText: qsTr("The same again")
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Button {
                objectName: "lockSave"
                text: lockAfter.currentValue > 0 ? qsTr("Set the app lock") : qsTr("No app lock")
                enabled: lockAfter.currentValue !== App.lockMinutes || lockPin.text !== ""
                Layout.leftMargin: 16
                onClicked: {
                    if (App.setAppLock(lockAfter.currentValue, lockPin.text, lockPin2.text)) {
                        lockPin.text = ""
                        lockPin2.text = ""
                        lockStatus.text = lockAfter.currentValue > 0 ? qsTr("Fika locks itself after %1 min without use, and at every start").arg(lockAfter.currentValue) : qsTr("No app lock")
                    } else {
                        lockStatus.text = App.lastError
                    }
                }
            }
            Label { id: lockStatus; objectName: "lockStatus"; visible: text !== ""; wrapMode: Label.Wrap; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            WrapButton { text: qsTr("Conflicts and refused changes"); Layout.leftMargin: 8; Layout.rightMargin: 8; Layout.fillWidth: true; Layout.maximumWidth: implicitWidth; onClicked: win.openPage("conflicts") }
            WrapButton {
                text: qsTr("Export follow-ups to a calendar (.ics)")
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                Layout.rightMargin: 8
                Layout.leftMargin: 8
                onClicked: {
                    var path = App.exportFollowUps()
                    exported.text = path !== "" ? qsTr("Saved %1: open it with your calendar").arg(path) : ""
                }
            }
            WrapButton {
                text: qsTr("Export all to CSV files")
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                Layout.rightMargin: 8
                Layout.leftMargin: 8
                onClicked: {
                    var folder = App.exportCsv()
                    exported.text = folder !== "" ? qsTr("Saved in %1").arg(folder) : ""
                }
            }
            WrapButton {
                objectName: "importCsvButton"
                text: qsTr("Import a CSV file\u2026")
                Layout.fillWidth: true
                Layout.maximumWidth: implicitWidth
                Layout.rightMargin: 8
                Layout.leftMargin: 8
                onClicked: csvDialog.open()
            }
            Label { id: exported; objectName: "exportedLabel"; visible: text !== ""; wrapMode: Label.WrapAnywhere; opacity: 0.7; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            Item { Layout.preferredHeight: 16 }
        }
    }
    // For tests: what an import reported.
    function importFile(url) {
        var r = App.importCsv(url)
        exported.text = r.ok ? r.summary : ""
        return r
    }
    FileDialog {
        id: csvDialog
        title: qsTr("Import a CSV file")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("CSV files (*.csv)"), qsTr("All files (*)")]
        onAccepted: pageRoot.importFile(selectedFile)
    }
    Connections {
        target: App.sync
        function onConnectFinished(ok, message) { status.text = ok ? qsTr("Connected") : message }
    }
    Dialog {
        id: devicesDialog
        objectName: "devicesDialog"
        property var list: []
        property string error: ""
        property bool loaded: false
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(pageRoot.width - 32, 480)
        title: qsTr("Your devices")
        standardButtons: Dialog.Close
        Connections {
            target: App.sync
            function onDevicesLoaded(list, error) { devicesDialog.list = list; devicesDialog.error = error; devicesDialog.loaded = true }
        }
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label { visible: !devicesDialog.loaded; text: qsTr("Asking the server\u2026") }
            Label { visible: devicesDialog.error !== ""; text: devicesDialog.error; color: Material.accent; wrapMode: Label.Wrap; Layout.fillWidth: true }
            Repeater {
                model: devicesDialog.list
                ColumnLayout {
                    required property var modelData
                    objectName: "deviceRow"
                    spacing: 0
                    Layout.fillWidth: true
                    Label {
                        text: modelData.name + (modelData.thisDevice ? "  \u2022  " + qsTr("this device") : "")
                        font.bold: modelData.thisDevice
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        text: [modelData.platform, modelData.version,
                               modelData.lastSyncMs > 0 ? qsTr("last sync %1").arg(new Date(modelData.lastSyncMs).toLocaleString(Qt.locale(), Locale.ShortFormat)) : qsTr("never synced"),
                               modelData.state].filter(function(s) { return s !== "" }).join(" \u00b7 ")
                        opacity: 0.7
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
            Label {
                visible: devicesDialog.loaded && devicesDialog.error === ""
                text: qsTr("A lost device? Ask your admin to wipe it: it deletes what it holds at its next contact.")
                opacity: 0.7
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
        }
    }
    Dialog {
        id: deviceDialog
        objectName: "deviceCodeDialog"
        property var code: ({})
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(pageRoot.width - 32, 440)
        title: qsTr("Add another device")
        standardButtons: Dialog.Close
        Connections {
            target: App.sync
            function onDeviceCode(c) { deviceDialog.code = c }
        }
        ColumnLayout {
            width: parent.width
            spacing: 8
            Label {
                visible: !deviceDialog.code.code && !deviceDialog.code.error
                text: qsTr("Asking the server for a code\u2026")
            }
            Label {
                objectName: "deviceCodeError"
                visible: !!deviceDialog.code.error
                text: deviceDialog.code.error || ""
                color: Material.accent
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Label {
                visible: !!deviceDialog.code.code
                text: qsTr("On your other device, open Fika and enter this server and code, or scan the QR code with its camera. The code works once, until %1.")
                          .arg(Qt.formatTime(new Date(deviceDialog.code.expiresMs || 0), "HH:mm"))
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "deviceCodeText"
                visible: !!deviceDialog.code.code
                text: deviceDialog.code.code || ""
                font.pixelSize: 28
                font.family: "monospace"
                Layout.alignment: Qt.AlignHCenter
            }
            Image {
                objectName: "deviceQr"
                visible: !!deviceDialog.code.link
                source: deviceDialog.code.link ? App.qrSource(deviceDialog.code.link) : ""
                sourceSize: Qt.size(220, 220)
                smooth: false
                Layout.preferredWidth: 220
                Layout.preferredHeight: 220
                Layout.alignment: Qt.AlignHCenter
            }
            RowLayout {
                visible: !!deviceDialog.code.link
                Layout.fillWidth: true
                TextField { id: linkField; objectName: "deviceLink"; readOnly: true; selectByMouse: true; text: deviceDialog.code.link || ""; Layout.fillWidth: true }
                Button { objectName: "copyLink"; text: qsTr("Copy"); flat: true; onClicked: { linkField.selectAll(); linkField.copy(); linkField.deselect() } }
            }
        }
    }
}
