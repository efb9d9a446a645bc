import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// My numbers, the funnel with conversion rates, and each programme's return.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "numbers"
    title: qsTr("My numbers")

    Numbers { id: n; mine: onlyMine.checked; withMonths: true }
    TeamModel { id: team }

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: sv.availableWidth
            spacing: 12
            RowLayout {
                Layout.fillWidth: true
                Layout.margins: 16
                Layout.bottomMargin: 0
                Label {
                    text: qsTr("This week: %1 of %2 conversations").arg(n.conversationsThisWeek).arg(n.weeklyTarget)
                    font.pixelSize: 18
                    font.bold: true
                    wrapMode: Label.Wrap
                    Layout.fillWidth: true
                    Layout.preferredWidth: 100  // grows to fill; the text's own width would crowd out the switch
                }
                Switch { id: onlyMine; text: qsTr("Only mine"); checked: !App.isSeller }
            }
            ProgressBar {
                from: 0
                to: Math.max(1, n.weeklyTarget)
                value: Math.min(n.conversationsThisWeek, n.weeklyTarget)
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label { text: qsTr("Funnel"); font.bold: true; font.pixelSize: 16; Layout.leftMargin: 16 }
            // Each step as a bar against the conversations, with its conversion from the step before.
            BarChart {
                objectName: "funnelChart"
                bars: n.funnelBars
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label {
                text: qsTr("%1 meetings and %2 phone meetings \u00B7 %3 lost").arg(n.meetings).arg(n.phoneMeetings).arg(n.lost)
                opacity: 0.7
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            StatTile {
                value: n.wonValue
                caption: qsTr("won value")
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            // The open pipeline now, stage by stage: cases (bar) and their value.
            Label { text: qsTr("Pipeline by stage"); font.bold: true; font.pixelSize: 16; Layout.leftMargin: 16 }
            PipelineModel { id: stages; whose: onlyMine.checked && App.userId !== "" ? "owner:" + App.userId : "" }
            BarChart {
                objectName: "stageChart"
                color: Material.color(Material.Teal, Material.Shade300)
                bars: {
                    var out = []
                    var by = stages.byStage
                    var all = App.stages()
                    for (var i = 0; i < all.length; ++i) {
                        var s = by[all[i]] || { count: 0, valueText: "" }
                        out.push({ label: App.stageLabel(all[i]), value: s.count, text: String(s.count), note: s.valueText })
                    }
                    return out
                }
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            // Six months of the pipeline: cases captured, and moved into each later stage.
            Label { text: qsTr("Pipeline over time"); font.bold: true; font.pixelSize: 16; Layout.leftMargin: 16 }
            MonthChart {
                objectName: "monthChart"
                months: n.months
                series: [
                    { key: "captured", label: qsTr("captured"), color: Material.color(Material.BlueGrey, Material.Shade300) },
                    { key: "meeting", label: App.stageLabel("meeting"), color: Material.color(Material.Teal, Material.Shade300) },
                    { key: "offer", label: App.stageLabel("offer"), color: Material.color(Material.Amber, Material.Shade500) },
                    { key: "won", label: App.stageLabel("won"), color: Material.color(Material.Green, Material.Shade500) },
                    { key: "lost", label: App.stageLabel("lost"), color: Material.color(Material.Red, Material.Shade300) }
                ]
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            // Everyone's efforts and results, for the seller (or anyone looking at the team).
            Label {
                visible: !onlyMine.checked && team.count > 0
                text: qsTr("Per person")
                font.bold: true
                font.pixelSize: 16
                Layout.leftMargin: 16
            }
            Repeater {
                model: onlyMine.checked ? null : team
                delegate: ColumnLayout {
                    required property string name
                    required property string roleLabel
                    required property int week
                    required property int target
                    required property string summary
                    required property int conversations
                    required property int meetings
                    required property int offers
                    required property int won
                    spacing: 2
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    RowLayout {
                        Layout.fillWidth: true
                        Label { text: name; font.bold: true; elide: Label.ElideRight; Layout.fillWidth: true }
                        Label { text: qsTr("%1 of %2 this week").arg(week).arg(target); opacity: 0.7 }
                    }
                    ProgressBar {
                        from: 0
                        to: Math.max(1, target)
                        value: Math.min(week, target)
                        Layout.fillWidth: true
                    }
                    // Their funnel against the team's most conversations.
                    Item {
                        id: personBars
                        objectName: "personBars"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 10
                        Row {
                            spacing: 2
                            Repeater {
                                model: [{ n: conversations, c: Material.color(Material.BlueGrey, Material.Shade300) },
                                        { n: meetings, c: Material.color(Material.Teal, Material.Shade300) },
                                        { n: offers, c: Material.color(Material.Amber, Material.Shade500) },
                                        { n: won, c: Material.color(Material.Green, Material.Shade500) }]
                                Rectangle {
                                    required property var modelData
                                    height: 10
                                    radius: 2
                                    color: modelData.c
                                    width: Math.max(modelData.n > 0 ? 3 : 0, (personBars.width - 6) * 0.25 * modelData.n / Math.max(1, team.largest))
                                }
                            }
                        }
                    }
                    Label {
                        text: roleLabel + " \u00B7 " + summary
                        opacity: 0.7
                        wrapMode: Label.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
            // The return on each programme: its cost against what it found (computed, never typed in).
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Label { text: qsTr("Return on the programme"); font.bold: true; font.pixelSize: 16; wrapMode: Label.Wrap; Layout.fillWidth: true; Layout.preferredWidth: 100 }
                Button {
                    objectName: "addProgramme"
                    visible: App.isSeller
                    text: qsTr("Add programme")
                    flat: true
                    onClicked: win.openPage("programme")
                }
            }
            Label {
                visible: programmes.count === 0
                text: qsTr("No programme yet. A programme's cost (training, travel, lost billable time) and period set the pipeline it found against what it cost.")
                opacity: 0.7
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Repeater {
                model: ProgrammesModel { id: programmes }
                delegate: ColumnLayout {
                    required property string programmeId
                    required property string name
                    required property string period
                    required property string cost
                    required property string pipeline
                    required property string earnings
                    required property string returnText
                    required property string casesText
                    required property string funnelText
                    spacing: 8
                    Layout.fillWidth: true
                    Layout.leftMargin: 16
                    Layout.rightMargin: 16
                    RowLayout {
                        Layout.fillWidth: true
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: true
                            Layout.preferredWidth: 100
                            Label { text: name; font.bold: true; wrapMode: Label.Wrap; Layout.fillWidth: true }
                            Label { visible: period !== ""; text: period; opacity: 0.7; Layout.fillWidth: true }
                        }
                        Button {
                            visible: App.isSeller
                            text: qsTr("Edit")
                            flat: true
                            onClicked: win.openPage("programme", programmeId)
                        }
                    }
                    GridLayout {
                        columns: win.wide ? 3 : 1
                        Layout.fillWidth: true
                        columnSpacing: 8
                        rowSpacing: 8
                        StatTile { value: cost; caption: qsTr("programme cost"); note: qsTr("training, travel, lost billable time"); Layout.fillWidth: true }
                        StatTile { value: pipeline; caption: qsTr("identified pipeline"); note: casesText; Layout.fillWidth: true }
                        StatTile { value: earnings; caption: qsTr("estimated earnings (weighted)"); note: returnText; Layout.fillWidth: true }
                    }
                    Label { text: funnelText; opacity: 0.7; wrapMode: Label.Wrap; Layout.fillWidth: true }
                }
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
