import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Fika

// The small sync status chip: offline, syncing, synced at HH:MM, N waiting, or attention.
ToolButton {
    id: root
    readonly property string state_: App.sync.state
    text: {
        var dot = { "offline": "\u25CB", "syncing": "\u21BB", "synced": "\u2713", "waiting": "\u2191", "attention": "\u26A0" }[state_]
        return (dot === undefined ? "" : dot + " ") + App.sync.text
    }
    font.pixelSize: 13
    Material.foreground: state_ === "attention" ? "#ffcc80" : "white"
    Accessible.name: qsTr("Sync status: %1").arg(App.sync.text)
    ToolTip.visible: hovered && App.sync.problem !== ""
    ToolTip.text: App.sync.problem
}
