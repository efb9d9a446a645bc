import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// The window: navigation that adapts from a phone (drawer) to a desktop (side rail), the
// sync indicator, and a stack of pages. Every page is a component in pages/.
ApplicationWindow {
    id: win
    width: 1280
    height: 800
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    title: qsTr("Fika")

    Material.theme: App.darkTheme ? Material.Dark : Material.Light
    Material.primary: "#6d4c41"
    Material.accent: "#00897b"

    readonly property bool wide: width >= 720

    property string page: ""
    property var pageArg: undefined

    readonly property var navItems: {
        var items = [
            { name: "home", label: qsTr("Home"), icon: "\uF2DC" },
            { name: "customers", label: qsTr("Customers"), icon: "\uF1D7" },
            { name: "pipeline", label: qsTr("Pipeline"), icon: "\uF56D" },
            { name: "numbers", label: qsTr("My numbers"), icon: "\uF128" }
        ]
        if (App.isSeller)
            items.splice(1, 0, { name: "inbox", label: qsTr("Inbox"), icon: "\uF2FB" })
        items.push({ name: "trash", label: qsTr("Trash"), icon: "\uF1C0" })
        items.push({ name: "settings", label: qsTr("Settings"), icon: "\uF493" })
        return items
    }

    // Every page by name (client/app/runner.cpp lists the same names for --page).
    readonly property var pageUrls: ({
        "welcome": "pages/WelcomePage.qml", "home": "pages/HomePage.qml",
        "customers": "pages/CustomersPage.qml", "customer": "pages/CustomerPage.qml",
        "capture": "pages/QuickCapturePage.qml", "log": "pages/LogActivityPage.qml",
        "inbox": "pages/InboxPage.qml", "pipeline": "pages/PipelinePage.qml",
        "case": "pages/CasePage.qml", "numbers": "pages/NumbersPage.qml",
        "conflicts": "pages/ConflictsPage.qml", "trash": "pages/TrashPage.qml",
        "settings": "pages/SettingsPage.qml", "account": "pages/AccountEditPage.qml",
        "programme": "pages/ProgrammeEditPage.qml"
    })
    // The pages openPage() puts on top of the current one (back returns).
    readonly property var pushedPages: ["customer", "case", "capture", "log", "conflicts", "account", "programme"]

    // Opens a page by name; `arg` is the record id for "customer" and "case".
    function showPage(name, arg) {
        var n = String(name)
        var a = (arg === undefined || arg === null || arg === "") ? undefined : String(arg)
        // "customer:Acme" (for --page): the first customer whose name matches.
        if (n.startsWith("customer:")) {
            var found = App.accountChoices(n.slice(9))
            n = "customer"
            if (found.length > 0) a = found[0].id
        }
        // "case/ID", "account/ID" (a fika:// link from a mail): that record.
        if (n.startsWith("case/") || n.startsWith("account/")) {
            a = n.slice(n.indexOf("/") + 1)
            n = n.startsWith("case/") ? "case" : "customer"
        }
        // "case:Grid": the first case whose title starts so.
        if (n.startsWith("case:")) {
            var kase = App.firstId("cases", n.slice(5))
            n = "case"
            if (kase !== "") a = kase
        }
        if (a === undefined && n === "customer") a = App.firstId("accounts")
        if (a === undefined && n === "case") a = App.firstId("cases")
        var url = pageUrls[n]
        if (url === undefined) { n = "home"; url = "pages/HomePage.qml" }
        var props = { "recordId": a === undefined ? "" : a }
        page = n
        pageArg = a
        drawer.close()
        stack.replace(null, url, props, StackView.Immediate)
    }

    // Pages opened on top of the current one (back returns); returns the page.
    function openPage(name, arg) {
        var url = pageUrls[name]
        if (url === undefined || !pushedPages.includes(name)) return showPage(name, arg)
        page = name
        pageArg = arg
        return stack.push(url, { "recordId": arg === undefined ? "" : String(arg) })
    }

    // A short message at the bottom of the window.
    function notify(text) { snackbar.show(text, "", null) }

    function back() {
        if (stack.depth > 1) {
            stack.pop()
            page = stack.currentItem && stack.currentItem.pageName !== undefined ? stack.currentItem.pageName : page
        }
    }

    Component.onCompleted: showPage(App.startPage !== "" ? App.startPage : (App.firstRun ? "welcome" : "home"))

    // Where the keyboard's focus is, on every page and dialog.
    FocusRing { window: win }

    // None of them behind the app lock or once the device's data is gone.
    readonly property bool usable: !App.locked && !App.lockRequired && App.goneReason === ""
    Shortcut { sequence: "Ctrl+N"; enabled: win.usable; onActivated: win.openPage("capture") }
    Shortcut { sequence: "Ctrl+L"; enabled: win.usable; onActivated: win.openPage("log") }
    Shortcut { sequence: "Ctrl+F"; enabled: win.usable; onActivated: win.showPage("customers") }
    Shortcut { sequence: "Ctrl+R"; enabled: win.usable; onActivated: App.sync.syncNow() }
    Shortcut { sequences: [StandardKey.Back, "Esc"]; enabled: win.usable; onActivated: win.back() }

    header: ToolBar {
        // Flat, as Material 3's top app bar at rest: its colour sets it off the page, and a
        // shadow would be one more offscreen layer at every start (Card.qml says why).
        Material.elevation: 0
        Material.foreground: "white"
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: win.wide || !menuButton.visible ? 12 : 0
            spacing: 4
            ToolButton {
                id: menuButton
                objectName: "menuButton"
                // No menu before the welcome page is done: there is nowhere to go yet.
                visible: stack.depth > 1 || (!win.wide && !App.firstRun)
                // Material Design Icons (Debian's fonts-materialdesignicons-webfont):
                // arrow-left, menu.
                text: stack.depth > 1 ? "\uF04D" : "\uF35C"
                contentItem: MdIcon {
                    text: menuButton.text
                    font.pixelSize: 24
                    color: menuButton.Material.foreground
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                Accessible.name: stack.depth > 1 ? qsTr("Back") : qsTr("Menu")
                onClicked: stack.depth > 1 ? win.back() : drawer.open()
            }
            Label {
                id: pageTitle
                objectName: "pageTitle"
                text: stack.currentItem && stack.currentItem.title ? stack.currentItem.title : qsTr("Fika")
                font.pixelSize: 20
                font.bold: true
                elide: Label.ElideRight
                Layout.fillWidth: true
            }
            SyncIndicator {
                objectName: "syncIndicator"
                Layout.rightMargin: 4
                // The title first: on a narrow window the chip keeps its icon only.
                compact: pageTitle.implicitWidth + fullWidth + 2 * 56 > win.width
                onClicked: App.sync.signInNeeded ? win.showPage("settings")
                           : App.sync.conflicts + App.sync.refused > 0 ? win.openPage("conflicts") : App.sync.syncNow()
            }
            ToolButton {
                id: captureButton
                text: "\uF415"  // plus
                contentItem: MdIcon {
                    text: captureButton.text
                    font.pixelSize: 24
                    color: captureButton.Material.foreground
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                visible: !App.firstRun
                Accessible.name: qsTr("Capture a case")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Capture a case (Ctrl+N)")
                onClicked: win.openPage("capture")
            }
        }
        // A long sync's progress along the bar's foot, under the sync chip.
        ProgressBar {
            objectName: "syncProgressBar"
            visible: App.sync.progress >= 0
            value: Math.max(0, App.sync.progress)
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 4
            Material.accent: "white"
        }
    }
    // ... and its words just under the chip: records done of the total, the time left.
    // The window stays usable: it takes no input.
    Rectangle {
        objectName: "syncProgress"
        parent: Overlay.overlay
        visible: App.sync.progress >= 0 && !App.locked
        x: parent ? parent.width - width - 8 : 0
        y: (win.header ? win.header.height : 0) + 4
        z: 5
        width: progressWords.implicitWidth + 16
        height: progressWords.implicitHeight + 10
        radius: 4
        color: Material.dialogColor
        border.color: Qt.alpha(Material.foreground, 0.2)
        Label {
            id: progressWords
            objectName: "syncProgressText"
            anchors.centerIn: parent
            text: App.sync.progressText
            font.pixelSize: 13
        }
    }

    Drawer {
        id: drawer
        width: Math.min(300, win.width * 0.8)
        height: win.height
        // Whenever it is open it can be closed (swipe, a tap outside, Esc).
        interactive: !win.wide && (!App.firstRun || opened)
        NavList { anchors.fill: parent; onChosen: (name) => win.showPage(name) }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0
        NavList {
            visible: win.wide && !App.firstRun
            Layout.preferredWidth: 220
            Layout.fillHeight: true
            onChosen: (name) => win.showPage(name)
        }
        StackView {
            id: stack
            objectName: "stack"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
        }
    }

    // Undo after a delete or a capture, and errors from the last action.
    Snackbar { id: snackbar; objectName: "snackbar" }
    function showUndo(message, undo) { snackbar.show(message, qsTr("Undo"), undo) }
    Connections {
        target: App
        function onRecordDeleted(table, id, label) {
            snackbar.show(qsTr("Deleted \u201c%1\u201d").arg(label), qsTr("Undo"), function () { App.restoreRecord(table, id) })
        }
        function onLastErrorChanged() { if (App.lastError !== "") snackbar.show(App.lastError, "", null) }
    }
    Connections {
        target: App.sync
        function onNewCase(title, body) { snackbar.show(title + ": " + body, qsTr("Inbox"), function () { win.showPage("inbox") }) }
    }
    Connections {
        target: App.reminders
        function onRaised(title, body, keys, page) { snackbar.show(title + " \u2013 " + body, qsTr("Show"), function () { win.showPage(page) }) }
    }

    component NavList: Pane {
        signal chosen(string name)
        padding: 0
        // The side rail ends in a line (the drawer has Material's shadow when it slides in).
        Rectangle {
            visible: win.wide
            z: 1
            anchors.right: parent.right
            height: parent.height
            width: 1
            color: Qt.alpha(Material.foreground, 0.12)
        }
        ListView {
            anchors.fill: parent
            model: win.navItems
            header: ColumnLayout {
                width: ListView.view.width
                spacing: 0
                Label {
                    text: App.userName !== "" ? App.userName : qsTr("Fika")
                    font.bold: true
                    font.pixelSize: 16
                    Layout.margins: 16
                    Layout.bottomMargin: 0
                }
                Label {
                    text: App.serverUrl !== "" ? App.userRoleLabel(App.userRole) : qsTr("working offline")
                    opacity: 0.7
                    Layout.margins: 16
                    Layout.topMargin: 2
                }
            }
            delegate: ItemDelegate {
                id: navItem
                required property var modelData
                objectName: "nav_" + modelData.name
                width: ListView.view.width
                height: 48
                highlighted: win.page === modelData.name
                text: modelData.label +
                      (modelData.name === "inbox" && App.sync.unread > 0 ? "  (" + App.sync.unread + ")" : "")
                onClicked: chosen(modelData.name)
                contentItem: RowLayout {
                    spacing: 16
                    MdIcon {
                        text: navItem.modelData.icon
                        font.pixelSize: 22
                        opacity: navItem.highlighted ? 1 : 0.7
                    }
                    Label {
                        text: navItem.text
                        font.bold: navItem.highlighted
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }

    // The app lock: nothing shows until the PIN or passphrase is typed.
    Rectangle {
        id: appLock
        objectName: "appLockOverlay"
        visible: App.locked && App.goneReason === ""
        parent: Overlay.overlay
        anchors.fill: parent
        z: 999
        color: Material.backgroundColor
        onVisibleChanged: if (visible) { appLockPin.text = ""; appLockError.text = ""; appLockPin.forceActiveFocus() }
        MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons; hoverEnabled: true }
        function unlock() {
            var wait = App.unlockWaitSeconds()
            if (wait === 0 && App.unlockApp(appLockPin.text)) return
            wait = App.unlockWaitSeconds()
            appLockError.text = wait > 0 ? qsTr("Too many wrong tries: try again in %1 s").arg(wait)
                                         : qsTr("That is not the PIN or passphrase of this app's lock")
            appLockPin.selectAll()
        }
        // Locked at start: the field takes the keys once the window is up.
        Component.onCompleted: if (visible) Qt.callLater(appLockPin.forceActiveFocus)
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 360)
            spacing: 14
            Label { text: qsTr("Fika is locked"); font.pixelSize: 22; font.bold: true; Layout.fillWidth: true; wrapMode: Label.Wrap }
            TextField {
                id: appLockPin
                objectName: "appLockPin"
                placeholderText: qsTr("PIN or passphrase")
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                Layout.fillWidth: true
                onAccepted: appLock.unlock()
            }
            Label { id: appLockError; objectName: "appLockError"; visible: text !== ""; color: Material.color(Material.Red); wrapMode: Label.Wrap; Layout.fillWidth: true }
            Button { objectName: "appLockUnlock"; text: qsTr("Unlock"); highlighted: true; Layout.fillWidth: true; onClicked: appLock.unlock() }
        }
    }

    // The firm requires an app lock this device does not have yet: choose one first.
    Rectangle {
        id: lockRequired
        objectName: "lockRequiredOverlay"
        visible: App.lockRequired && !App.locked && App.goneReason === ""
        parent: Overlay.overlay
        anchors.fill: parent
        z: 998
        color: Material.backgroundColor
        MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons; hoverEnabled: true }
        function save() {
            if (!App.setAppLock(App.lockPolicy, requiredPin.text, requiredPin2.text)) requiredError.text = App.lastError
        }
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 400)
            spacing: 14
            Label { text: qsTr("Choose an app lock"); font.pixelSize: 22; font.bold: true; Layout.fillWidth: true; wrapMode: Label.Wrap }
            Label {
                text: qsTr("Your firm requires Fika to lock itself after %1 idle minutes and at every start. Choose the PIN or passphrase that opens it.").arg(App.lockPolicy)
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            TextField { id: requiredPin; objectName: "requiredPin"; placeholderText: qsTr("PIN or passphrase (at least 4 characters)"); echoMode: TextInput.Password; inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText; Layout.fillWidth: true; onAccepted: requiredPin2.forceActiveFocus() }
            TextField { id: requiredPin2; objectName: "requiredPinRepeat"; placeholderText: qsTr("The same again"); echoMode: TextInput.Password; inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText; Layout.fillWidth: true; onAccepted: lockRequired.save() }
            Label { id: requiredError; objectName: "requiredError"; visible: text !== ""; color: Material.color(Material.Red); wrapMode: Label.Wrap; Layout.fillWidth: true }
            Button { objectName: "requiredSave"; text: qsTr("Set the app lock"); highlighted: true; Layout.fillWidth: true; onClicked: lockRequired.save() }
        }
    }

    // This device's data is gone (an admin wiped it, or the user signed out): nothing here
    // works any more; say why and offer to quit.
    Rectangle {
        objectName: "goneOverlay"
        visible: App.goneReason !== ""
        parent: Overlay.overlay  // over the header and every popup too
        anchors.fill: parent
        z: 1000
        color: Material.backgroundColor
        MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons; hoverEnabled: true }
        ColumnLayout {
            anchors.centerIn: parent
            width: Math.min(parent.width - 48, 440)
            spacing: 16
            Label {
                text: qsTr("This device's Fika data is deleted")
                font.pixelSize: 22
                font.bold: true
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "goneReason"
                text: App.goneReason
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Everything that was synced is safe on the server. To work here again, start Fika and sign in.")
                wrapMode: Label.Wrap
                opacity: 0.8
                Layout.fillWidth: true
            }
            Button {
                objectName: "goneQuit"
                text: qsTr("Quit")
                highlighted: true
                onClicked: Qt.quit()
            }
        }
    }
}
