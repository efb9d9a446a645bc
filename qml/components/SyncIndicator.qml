import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Fika

// The small sync status chip: offline, syncing, synced at HH:MM, N waiting, or attention.
ToolButton {
    id: root
    readonly property string state_: App.sync.state
    // Its icon only (the words in a tooltip), where the page's title needs the room.
    property bool compact: false
    // How wide it is with its words.
    readonly property real fullWidth: words.advanceWidth + 18 + 6 + leftPadding + rightPadding
    TextMetrics { id: words; font: root.font; text: root.text }
    text: App.sync.text
    font.pixelSize: 13
    // Material Design Icons: cloud-outline-off, sync, cloud-check, cloud-upload, alert.
    readonly property string glyph: ({ "offline": "\uF164", "syncing": "\uF4E6", "synced": "\uF160",
                                        "waiting": "\uF167", "attention": "\uF026" })[state_] || ""
    contentItem: Row {
        spacing: 6
        MdIcon {
            text: root.glyph
            visible: text !== ""
            font.pixelSize: 18
            color: root.Material.foreground
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            objectName: "syncText"
            visible: !root.compact
            text: root.text
            font: root.font
            color: root.Material.foreground
            anchors.verticalCenter: parent.verticalCenter
        }
    }
    Material.foreground: state_ === "attention" ? "#ffcc80" : "white"
    Accessible.name: qsTr("Sync status: %1").arg(App.sync.text)
    ToolTip.visible: (hovered || pressed) && (compact || App.sync.problem !== "")
    ToolTip.text: App.sync.problem !== "" ? App.sync.problem : App.sync.text
}
