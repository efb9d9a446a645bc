import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// The consultant's start: the two one-tap actions, this week against the target, the
// talking points of their style, and the cases waiting to be triaged.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "home"
    title: qsTr("Fika")

    Numbers { id: numbers; mine: true }
    // A Repeater, not a list view: it shows a page at a time, more on "Show more".
    RecordListModel { id: triage; table: "cases"; triage: true; pagedByHand: true }
    property alias triage: triage

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: sv.availableWidth
            spacing: 12
            Label {
                text: App.userName !== "" ? qsTr("Hello, %1").arg(App.userName) : qsTr("Hello")
                font.pixelSize: 22
                Layout.margins: 16
                Layout.bottomMargin: 0
            }
            GridLayout {
                columns: win.wide ? 2 : 1
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                columnSpacing: 12
                rowSpacing: 12
                GlyphButton {
                    glyph: "\uF176"  // coffee
                    text: qsTr("Log a conversation")
                    highlighted: true
                    font.pixelSize: 16
                    Layout.fillWidth: true
                    Layout.preferredHeight: 64
                    onClicked: win.openPage("log")
                }
                GlyphButton {
                    glyph: "\uF415"  // plus
                    text: qsTr("Capture a case")
                    font.pixelSize: 16
                    Layout.fillWidth: true
                    Layout.preferredHeight: 64
                    onClicked: win.openPage("capture")
                }
            }
            // Follow-ups that are due: open one, done, or snoozed for an hour or till tomorrow.
            Card {
                objectName: "remindersPane"
                visible: dueList.count > 0
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    spacing: 4
                    RowLayout {
                        MdIcon { text: "\uF09A"; color: Material.accent }  // bell
                        Label { text: qsTr("Follow-ups due (%1)").arg(dueList.count); font.bold: true; wrapMode: Label.Wrap; Layout.fillWidth: true }
                    }
                    Repeater {
                        id: dueList
                        objectName: "remindersList"
                        model: App.reminders
                        delegate: RowLayout {
                            id: due
                            required property string key
                            required property string table
                            required property string recordId
                            required property string title
                            required property string customer
                            required property string caseId
                            required property string snoozedUntil
                            required property bool overdue
                            required property string due
                            objectName: "reminder_" + recordId
                            Layout.fillWidth: true
                            ItemDelegate {
                                objectName: "reminderOpen"
                                Layout.fillWidth: true
                                padding: 4
                                contentItem: ColumnLayout {
                                    spacing: 0
                                    Label { text: due.title; wrapMode: Label.Wrap; maximumLineCount: 2; elide: Label.ElideRight; Layout.fillWidth: true }
                                    Label {
                                        text: [due.customer,
                                               due.overdue ? qsTr("was due %1").arg(due.due) : qsTr("due today"),
                                               due.snoozedUntil !== "" ? qsTr("snoozed until %1").arg(due.snoozedUntil) : ""]
                                              .filter(function (s) { return s !== "" }).join(" \u00b7 ")
                                        color: due.overdue ? Material.color(Material.Red) : Material.foreground
                                        opacity: 0.8
                                        font.pixelSize: 13
                                        elide: Label.ElideRight
                                        Layout.fillWidth: true
                                    }
                                }
                                onClicked: {
                                    if (due.caseId !== "") win.openPage("case", due.caseId)
                                    else win.openPage("customer", App.record(due.table, due.recordId).account_id)
                                }
                            }
                            ToolButton {
                                objectName: "reminderSnooze"
                                contentItem: MdIcon { text: "\uF020"; horizontalAlignment: Text.AlignHCenter }  // alarm
                                onClicked: snoozeMenu.popup()
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Snooze")
                                Accessible.name: qsTr("Snooze")
                                Menu {
                                    id: snoozeMenu
                                    objectName: "reminderSnoozeMenu"
                                    MenuItem { objectName: "snoozeHour"; text: qsTr("For an hour"); onTriggered: App.reminders.snooze(due.key, 60) }
                                    MenuItem { objectName: "snoozeTomorrow"; text: qsTr("Until tomorrow"); onTriggered: App.reminders.snooze(due.key, 0) }
                                }
                            }
                            ToolButton {
                                objectName: "reminderDone"
                                contentItem: MdIcon { text: "\uF12C"; horizontalAlignment: Text.AlignHCenter }  // check
                                onClicked: App.reminders.done(due.key)
                                ToolTip.visible: hovered
                                ToolTip.text: qsTr("Done")
                                Accessible.name: qsTr("Done")
                            }
                        }
                    }
                }
            }
            Card {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    Label {
                        text: qsTr("This week: %1 of %2 conversations").arg(numbers.conversationsThisWeek).arg(numbers.weeklyTarget)
                        font.pixelSize: 16
                        font.bold: true
                    }
                    ProgressBar {
                        from: 0
                        to: Math.max(1, numbers.weeklyTarget)
                        value: Math.min(numbers.conversationsThisWeek, numbers.weeklyTarget)
                        Layout.fillWidth: true
                    }
                    Label {
                        text: qsTr("The most conversations win.")
                        opacity: 0.7
                    }
                }
            }
            Card {
                visible: points.count > 0
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                ColumnLayout {
                    width: parent.width
                    Label { text: qsTr("Talking points (%1)").arg(App.styleLabel(App.style)); font.bold: true }
                    Repeater {
                        id: points
                        model: App.revision >= 0 ? App.talkingPoints(App.style) : []
                        Label {
                            required property string modelData
                            text: "\u2022 " + modelData
                            wrapMode: Label.Wrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Label {
                text: qsTr("To triage (%1)").arg(Number(triage.total).toLocaleString(Qt.locale(), 'f', 0))
                font.bold: true
                Layout.leftMargin: 16
            }
            Repeater {
                model: triage
                delegate: RecordDelegate {
                    Layout.fillWidth: true
                    width: sv.availableWidth
                    onClicked: win.openPage("case", recordId)
                }
            }
            Button {
                objectName: "triageMore"
                visible: triage.count < triage.total
                text: qsTr("Show %1 more").arg(Math.min(100, triage.total - triage.count))
                flat: true
                Layout.leftMargin: 8
                onClicked: triage.loadMore()
            }
            EmptyState {
                visible: triage.total === 0
                text: qsTr("Nothing waiting")
                hint: qsTr("New cases show up here until someone takes them.")
                Layout.fillWidth: true
                Layout.margins: 16
            }
            Item { Layout.preferredHeight: 16 }
        }
    }
}
