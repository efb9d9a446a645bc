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
            RowLayout {
                required property string modelData
                spacing: 8
                Layout.fillWidth: true
                MdIcon { text: "\uF026"; Layout.alignment: Qt.AlignTop }  // alert
                Label {
                    text: parent.modelData
                    wrapMode: Label.Wrap
                    Layout.fillWidth: true
                }
            }
        }
    }
}
