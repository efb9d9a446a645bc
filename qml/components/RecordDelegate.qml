import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One row of a record list: title, subtitle and a detail on the right or below.
ItemDelegate {
    id: row
    required property string title
    required property string subtitle
    required property string detail
    required property string recordId
    width: ListView.view ? ListView.view.width : implicitWidth
    height: Math.max(56, content.implicitHeight + 16)
    contentItem: ColumnLayout {
        id: content
        spacing: 2
        RowLayout {
            Label {
                text: row.title !== "" ? row.title : qsTr("(untitled)")
                font.pixelSize: 16
                elide: Label.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: row.detail !== "" && row.width > 480
                text: row.detail
                opacity: 0.8
                elide: Label.ElideRight
                Layout.maximumWidth: row.width * 0.4
            }
        }
        Label {
            visible: row.subtitle !== ""
            text: row.subtitle
            opacity: 0.7
            font.pixelSize: 13
            elide: Label.ElideRight
            Layout.fillWidth: true
        }
        Label {
            visible: row.detail !== "" && row.width <= 480
            text: row.detail
            opacity: 0.7
            font.pixelSize: 13
            elide: Label.ElideRight
            maximumLineCount: 2
            wrapMode: Label.Wrap
            Layout.fillWidth: true
        }
    }
}
