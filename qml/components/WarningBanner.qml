import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Policy and competitor warnings, shown before the user commits to something.
Pane {
    id: banner
    property var warnings: []
    visible: warnings.length > 0
    Material.background: Material.theme === Material.Dark ? "#5d4037" : "#fff3e0"
    Material.elevation: 0
    padding: 12
    ColumnLayout {
        width: parent.width
        Repeater {
            model: banner.warnings
            Label {
                required property string modelData
                text: "\u26A0 " + modelData
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
        }
    }
}
