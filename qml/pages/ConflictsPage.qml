import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Values of yours that someone else overwrote at the same time, and changes the server
// refused: nothing is lost, you decide.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "conflicts"
    title: qsTr("Needs your attention")

    IssuesModel { id: conflicts; kind: "conflicts" }
    IssuesModel { id: refused; kind: "refused" }

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: sv.availableWidth
            spacing: 8
            Label { text: qsTr("Conflicts (%1)").arg(conflicts.count); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            EmptyState { visible: conflicts.count === 0; text: qsTr("No conflicts"); Layout.fillWidth: true }
            Repeater {
                model: conflicts
                Card {
                    id: cpane
                    required property int index
                    required property string title
                    required property string mine
                    required property string theirs
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    ColumnLayout {
                        width: parent.width
                        Label { text: cpane.title; font.bold: true; wrapMode: Label.Wrap; Layout.fillWidth: true }
                        Label { text: qsTr("Yours: %1").arg(cpane.mine); wrapMode: Label.Wrap; Layout.fillWidth: true }
                        Label { text: qsTr("Theirs (kept): %1").arg(cpane.theirs); wrapMode: Label.Wrap; Layout.fillWidth: true; opacity: 0.8 }
                        RowLayout {
                            Button { text: qsTr("Keep theirs"); onClicked: conflicts.resolve(cpane.index, false) }
                            Button { objectName: "useMine"; text: qsTr("Use mine"); highlighted: true; onClicked: conflicts.resolve(cpane.index, true) }
                        }
                    }
                }
            }
            Label { text: qsTr("Refused by the server (%1)").arg(refused.count); font.bold: true; font.pixelSize: 16; Layout.margins: 16; Layout.bottomMargin: 0 }
            EmptyState { visible: refused.count === 0; text: qsTr("Nothing refused"); Layout.fillWidth: true }
            Repeater {
                model: refused
                Card {
                    id: rpane
                    required property int index
                    required property string title
                    required property string reason
                    required property string mine
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    ColumnLayout {
                        width: parent.width
                        Label { text: rpane.title; font.bold: true; wrapMode: Label.Wrap; Layout.fillWidth: true }
                        Label { text: rpane.reason; wrapMode: Label.Wrap; Layout.fillWidth: true; color: Material.accent }
                        Label { text: rpane.mine; wrapMode: Label.Wrap; Layout.fillWidth: true; opacity: 0.7; font.pixelSize: 12 }
                        RowLayout {
                            Button { text: qsTr("Dismiss"); onClicked: refused.resolve(rpane.index, false) }
                            Button { text: qsTr("Send again"); highlighted: true; onClicked: refused.resolve(rpane.index, true) }
                        }
                    }
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
