import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A number with a caption (my numbers, the funnel).
Card {
    id: tile
    property string value: ""
    property string caption: ""
    property string note: ""
    padding: 12
    implicitWidth: 150
    ColumnLayout {
        anchors.fill: parent
        spacing: 2
        // A large amount shrinks to the tile rather than run out of it.
        Label {
            objectName: "tileValue"
            text: tile.value
            font.pixelSize: 26
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: 14
            Layout.fillWidth: true
        }
        Label { text: tile.caption; opacity: 0.8; wrapMode: Label.Wrap; Layout.fillWidth: true }
        Label { visible: tile.note !== ""; text: tile.note; opacity: 0.6; font.pixelSize: 12; wrapMode: Label.Wrap; Layout.fillWidth: true }
    }
}
