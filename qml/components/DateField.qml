import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A date chosen on a calendar (a tap on a day, or Today / In a week), never typed: kept
// as the records keep dates, YYYY-MM-DD ("" for none). `edited` when the user changes it.
Button {
    id: field
    property string date: ""
    property string placeholder: qsTr("No date")
    signal edited()

    function iso(y, m, d) { return y + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d }
    function parsed(s) {
        var p = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "")
        return p ? new Date(Number(p[1]), Number(p[2]) - 1, Number(p[3])) : null
    }
    function set(s) {
        if (s === date) return
        date = s
        edited()
    }
    function daysFromToday(n) {
        var d = new Date()
        d.setDate(d.getDate() + n)
        return iso(d.getFullYear(), d.getMonth() + 1, d.getDate())
    }

    flat: true
    font.capitalization: Font.MixedCase
    horizontalPadding: 8
    contentItem: RowLayout {
        spacing: 8
        MdIcon { text: "\uF0ED"; color: Material.accent }  // calendar
        Label {
            objectName: "dateText"
            text: field.parsed(field.date) ? field.parsed(field.date).toLocaleDateString(Qt.locale(), Locale.ShortFormat)
                                           : field.placeholder
            opacity: field.date === "" ? 0.6 : 1
            elide: Label.ElideRight
            Layout.fillWidth: true
        }
    }
    onClicked: {
        var d = parsed(date) || new Date()
        grid.month = d.getMonth()
        grid.year = d.getFullYear()
        popup.open()
    }

    Popup {
        id: popup
        parent: Overlay.overlay
        modal: true
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: Math.min(340, parent.width - 24)
        padding: 12
        contentItem: ColumnLayout {
            objectName: "datePopup"
            spacing: 4
            RowLayout {
                Layout.fillWidth: true
                ToolButton {
                    objectName: "datePrev"
                    contentItem: MdIcon { text: "\uF141"; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter }  // chevron-left
                    Accessible.name: qsTr("Previous month")
                    onClicked: { if (grid.month === 0) { grid.month = 11; grid.year -= 1 } else grid.month -= 1 }
                }
                Label {
                    objectName: "dateMonth"
                    text: Qt.locale().standaloneMonthName(grid.month) + " " + grid.year
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                ToolButton {
                    objectName: "dateNext"
                    contentItem: MdIcon { text: "\uF142"; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter }  // chevron-right
                    Accessible.name: qsTr("Next month")
                    onClicked: { if (grid.month === 11) { grid.month = 0; grid.year += 1 } else grid.month += 1 }
                }
            }
            DayOfWeekRow {
                locale: grid.locale
                Layout.fillWidth: true
            }
            MonthGrid {
                id: grid
                locale: Qt.locale()
                Layout.fillWidth: true
                delegate: AbstractButton {
                    id: day
                    required property var model
                    objectName: "dateDay"
                    readonly property string iso: field.iso(model.year, model.month + 1, model.day)
                    text: model.day
                    opacity: model.month === grid.month ? 1 : 0.35
                    implicitHeight: 36
                    background: Rectangle {
                        radius: height / 2
                        color: day.iso === field.date ? Material.accent : "transparent"
                        border.color: day.model.today ? Material.accent : "transparent"
                    }
                    contentItem: Label {
                        text: day.text
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        color: day.iso === field.date ? "white" : Material.foreground
                    }
                    onClicked: { field.set(day.iso); popup.close() }
                }
            }
            Flow {
                spacing: 4
                Layout.fillWidth: true
                Button { objectName: "dateToday"; text: qsTr("Today"); flat: true; onClicked: { field.set(field.daysFromToday(0)); popup.close() } }
                Button { objectName: "dateInAWeek"; text: qsTr("In a week"); flat: true; onClicked: { field.set(field.daysFromToday(7)); popup.close() } }
                Button { objectName: "dateNone"; text: qsTr("No date"); flat: true; onClicked: { field.set(""); popup.close() } }
            }
        }
    }
}
