import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtQuick.Dialogs
import Fika

// The photos and files on one record (kind: account, contact, case, activity, note): a
// thumbnail or an icon each, whether it is here, still going up or not downloaded yet;
// open (the system's viewer), save a copy, rename, delete (to the trash). Files come by
// the file dialog, by dropping them here, by pasting (the button, or Ctrl+V anywhere on
// the page outside a text field) and, on a device with one, from the camera.
ColumnLayout {
    id: section
    property string kind: ""
    property string recordId: ""
    property string heading: qsTr("Files and photos")
    // Ctrl+V attaches here (off while a dialog over the page has its own section).
    property bool pasteShortcut: true
    // Beside a form (the case page's history column) the buttons show their icons only.
    readonly property bool narrow: width < 440
    // For tests: the list's model and the dialogs.
    readonly property alias model: files
    readonly property alias renameDialog: renameDialog
    readonly property alias list: list
    spacing: 4

    function attachUrls(urls) { return App.files.attachFiles(section.kind, section.recordId, urls) }
    function paste() { return App.files.attachClipboard(section.kind, section.recordId) }
    function openFile(id) { App.files.open(id) }

    Shortcut {
        sequences: [StandardKey.Paste]
        enabled: section.pasteShortcut && section.visible && section.recordId !== ""
        onActivated: section.paste()
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 16
        Layout.rightMargin: 8
        Label {
            text: files.count > 0 ? qsTr("%1 (%2)").arg(section.heading).arg(files.count) : section.heading
            font.pixelSize: 18
            font.bold: true
            elide: Label.ElideRight
            Layout.fillWidth: true
        }
        BusyIndicator {
            objectName: "attachBusy"
            running: App.files.busy > 0
            visible: running
            Layout.preferredHeight: 32
            Layout.preferredWidth: 32
        }
        GlyphButton {
            objectName: "attachFile"
            glyph: "\uF3E2"  // paperclip
            text: section.narrow ? "" : qsTr("Attach")
            flat: true
            ToolTip.visible: section.narrow && hovered
            ToolTip.text: qsTr("Attach a file")
            Accessible.name: qsTr("Attach a file")
            onClicked: openDialog.open()
        }
        Loader {
            active: App.files.cameraPossible
            visible: active && item && item.available
            sourceComponent: CameraButton {
                objectName: "attachCamera"
                kind: section.kind
                recordId: section.recordId
                iconOnly: section.narrow
            }
        }
        GlyphButton {
            objectName: "attachPaste"
            glyph: "\uF192"  // content-paste
            text: section.narrow ? "" : qsTr("Paste")
            flat: true
            ToolTip.visible: section.narrow && hovered
            ToolTip.text: qsTr("Paste an image")
            Accessible.name: qsTr("Attach the image or file on the clipboard")
            onClicked: section.paste()
        }
    }

    // Where files are dropped: the whole list, highlighted while something is over it.
    DropArea {
        id: drop
        objectName: "attachDrop"
        Layout.fillWidth: true
        Layout.leftMargin: 8
        Layout.rightMargin: 8
        Layout.preferredHeight: Math.max(list.contentHeight, 56)
        keys: ["text/uri-list"]
        onDropped: (d) => {
            if (d.hasUrls && section.attachUrls(d.urls)) d.accept(Qt.CopyAction)
        }
        Rectangle {
            anchors.fill: parent
            radius: 6
            color: drop.containsDrag ? Qt.rgba(Material.accentColor.r, Material.accentColor.g, Material.accentColor.b, 0.12) : "transparent"
            border.width: drop.containsDrag ? 2 : 0
            border.color: Material.accentColor
        }
        Label {
            anchors.centerIn: parent
            width: parent.width - 32
            visible: files.count === 0
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Label.Wrap
            opacity: 0.6
            text: drop.containsDrag ? qsTr("Drop to attach") : qsTr("No files yet. Drop photos or files here, or paste an image.")
        }
        ListView {
            id: list
            objectName: "attachmentList"
            anchors.fill: parent
            interactive: false
            model: AttachmentsModel { id: files; kind: section.kind; recordId: section.recordId }
            delegate: ItemDelegate {
                id: row
                required property string attachmentId
                required property string name
                required property string sizeText
                required property bool isImage
                required property string thumbnail
                required property string fileState
                required property string stateText
                required property string where
                required property string by
                objectName: "attachment_" + name
                readonly property alias menu: menu
                width: ListView.view.width
                height: Math.max(64, content.implicitHeight + 12)
                onClicked: section.openFile(attachmentId)
                Accessible.name: qsTr("Open %1").arg(name)
                contentItem: RowLayout {
                    id: content
                    spacing: 12
                    Item {
                        Layout.preferredWidth: 48
                        Layout.preferredHeight: 48
                        Image {
                            id: thumb
                            anchors.fill: parent
                            visible: row.thumbnail !== ""
                            source: row.thumbnail
                            sourceSize: Qt.size(96, 96)
                            fillMode: Image.PreserveAspectCrop
                            asynchronous: true
                        }
                        MdIcon {
                            anchors.centerIn: parent
                            visible: !thumb.visible
                            font.pixelSize: 36
                            opacity: 0.7
                            text: row.fileState === "missing" || row.fileState === "partial" ? "\uF162"  // cloud-download
                                : row.isImage ? "\uF21F"                                         // file-image
                                : /\.pdf$/i.test(row.name) ? "\uF226"                             // file-pdf-box
                                : "\uF224"                                                        // file-outline
                        }
                    }
                    ColumnLayout {
                        spacing: 1
                        Layout.fillWidth: true
                        Label { text: row.name; font.pixelSize: 15; elide: Label.ElideMiddle; Layout.fillWidth: true }
                        Label {
                            text: [row.sizeText, row.stateText, row.where].filter(function (x) { return x }).join(" \u00B7 ")
                            color: row.fileState === "refused" ? Material.color(Material.Red) : Material.foreground
                            opacity: row.fileState === "refused" ? 1 : 0.7
                            font.pixelSize: 13
                            elide: Label.ElideRight
                            Layout.fillWidth: true
                        }
                        Label { visible: row.by !== ""; text: row.by; opacity: 0.6; font.pixelSize: 12; elide: Label.ElideRight; Layout.fillWidth: true }
                    }
                    ToolButton {
                        objectName: "attachmentMenu"
                        text: "\uF1D9"  // dots-vertical
                        font.family: "Material Design Icons"
                        font.pixelSize: 20
                        Accessible.name: qsTr("More for %1").arg(row.name)
                        onClicked: menu.open()
                        Menu {
                            id: menu
                            MenuItem { objectName: "attachmentOpen"; text: qsTr("Open"); onTriggered: section.openFile(row.attachmentId) }
                            MenuItem {
                                objectName: "attachmentDownload"
                                text: qsTr("Download to this device")
                                visible: row.fileState === "missing" || row.fileState === "partial"
                                height: visible ? implicitHeight : 0
                                onTriggered: App.files.download(row.attachmentId)
                            }
                            MenuItem {
                                objectName: "attachmentSendAgain"
                                text: qsTr("Send again")
                                visible: row.fileState === "refused"
                                height: visible ? implicitHeight : 0
                                onTriggered: App.files.sendAgain(row.attachmentId)
                            }
                            MenuItem {
                                objectName: "attachmentSave"
                                text: qsTr("Save a copy\u2026")
                                onTriggered: { saveDialog.attachmentId = row.attachmentId; saveDialog.selectedFile = saveDialog.currentFolder + "/" + row.name; saveDialog.open() }
                            }
                            MenuItem { objectName: "attachmentRename"; text: qsTr("Rename\u2026"); onTriggered: renameDialog.openFor(row.attachmentId, row.name) }
                            MenuItem { objectName: "attachmentDelete"; text: qsTr("Delete"); onTriggered: App.deleteRecord("attachments", row.attachmentId) }
                        }
                    }
                }
            }
        }
    }

    Connections {
        target: App.files
        function onDownloading(id) {
            for (var i = 0; i < list.count; ++i) {
                var item = list.itemAtIndex(i)
                if (item && item.attachmentId === id) { win.notify(qsTr("Downloading %1\u2026").arg(item.name)); return }
            }
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Attach files")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("All files (*)"), qsTr("Photos (*.jpg *.jpeg *.png *.heic *.webp)"), qsTr("Documents (*.pdf *.docx *.xlsx *.pptx *.txt)")]
        onAccepted: section.attachUrls(selectedFiles)
    }
    FileDialog {
        id: saveDialog
        property string attachmentId: ""
        title: qsTr("Save a copy")
        fileMode: FileDialog.SaveFile
        onAccepted: App.files.saveCopy(attachmentId, selectedFile)
    }
    Dialog {
        id: renameDialog
        objectName: "renameDialog"
        property string attachmentId: ""
        property alias name: nameField.text
        function openFor(id, name) {
            attachmentId = id
            nameField.text = name
            open()
        }
        title: qsTr("Rename")
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(420, (Overlay.overlay ? Overlay.overlay.width : 452) - 32)
        standardButtons: Dialog.Ok | Dialog.Cancel
        onOpened: nameField.forceActiveFocus()
        onAccepted: App.files.rename(attachmentId, nameField.text)
        TextField {
            id: nameField
            objectName: "attachmentName"
            width: parent.width
            onAccepted: renameDialog.accept()
        }
    }
}
