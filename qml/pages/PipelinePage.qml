import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// The pipeline: on a wide window the board (a column per stage, cards to drag), on a
// phone the stages with their totals, one opened to show its cases.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "pipeline"
    property string openStage: ""
    readonly property bool board: width >= 900
    title: qsTr("Pipeline")

    Loader {
        anchors.fill: parent
        sourceComponent: pageRoot.board ? boardView : stageList
    }
    Component {
        id: boardView
        PipelineBoard { objectName: "pipelineBoard" }
    }
    Component {
        id: stageList
        ColumnLayout {
            PipelineModel { id: pipeline }
            // Open on the first stage with cases, so the page shows cases at once.
            Component.onCompleted: if (pageRoot.openStage === "") pageRoot.openStage = pipeline.firstBusyStage
            RecordListModel { id: stageCases; table: "cases"; stage: pageRoot.openStage === "" ? "none" : pageRoot.openStage }
            spacing: 0
            Card {
                Layout.fillWidth: true
                RowLayout {
                    width: parent.width
                    Label { text: qsTr("Open pipeline: %1").arg(pipeline.totalText); font.bold: true; Layout.fillWidth: true; Layout.preferredWidth: 100; wrapMode: Label.Wrap }
                    Label { text: qsTr("weighted %1").arg(pipeline.weightedText); opacity: 0.7 }
                }
            }
            ListView {
                id: stages
                Layout.fillWidth: true
                Layout.preferredHeight: contentHeight
                Layout.maximumHeight: pageRoot.height / 2
                clip: true
                model: pipeline
                delegate: ItemDelegate {
                    required property string stage
                    required property string label
                    required property int count
                    required property string valueText
                    required property string weightedText
                    width: ListView.view.width
                    height: 56
                    highlighted: pageRoot.openStage === stage
                    // The count under the stage's name, so that the value keeps the width a
                    // large pipeline needs on a phone.
                    contentItem: RowLayout {
                        ColumnLayout {
                            spacing: 0
                            Layout.preferredWidth: 120
                            Label { text: label; font.bold: true }
                            Label { text: qsTr("%Ln case(s)", "", count); opacity: 0.8; font.pixelSize: 12 }
                        }
                        Label { text: valueText; Layout.fillWidth: true; horizontalAlignment: Text.AlignRight; elide: Label.ElideLeft }
                    }
                    onClicked: pageRoot.openStage = pageRoot.openStage === stage ? "" : stage
                }
            }
            Label {
                visible: pageRoot.openStage !== ""
                text: App.stageLabel(pageRoot.openStage)
                font.bold: true
                Layout.margins: 8
            }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                visible: pageRoot.openStage !== ""
                model: stageCases
                delegate: RecordDelegate { onClicked: win.openPage("case", recordId) }
                ScrollBar.vertical: ScrollBar {}
            }
            EmptyState {
                visible: pageRoot.openStage === ""
                text: pipeline.firstBusyStage === "" ? qsTr("No cases yet. Cases captured in the field arrive here.") : qsTr("Choose a stage to see its cases")
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }
    }
}
