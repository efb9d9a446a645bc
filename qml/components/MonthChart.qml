import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Grouped columns per month: `months` ([{month, KEY: n, ...}]) and `series`
// ([{key, label, color}]); a legend underneath; each column's figure above it.
ColumnLayout {
    id: chart
    property var months: []
    property var series: []
    property int plotHeight: 140
    readonly property real largest: {
        var m = 0
        for (var i = 0; i < months.length; ++i)
            for (var j = 0; j < series.length; ++j) m = Math.max(m, Number(months[i][series[j].key]) || 0)
        return m
    }
    spacing: 6
    RowLayout {
        Layout.fillWidth: true
        Layout.preferredHeight: chart.plotHeight + 40
        spacing: 4
        Repeater {
            model: chart.months
            delegate: ColumnLayout {
                id: month
                required property var modelData
                required property int index
                objectName: "month_" + index
                Layout.fillWidth: true
                Layout.preferredWidth: 1  // every month as wide as the others
                Layout.fillHeight: true
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    spacing: 1
                    Repeater {
                        model: chart.series
                        delegate: Item {
                            id: column
                            required property var modelData
                            readonly property real n: Number(month.modelData[modelData.key]) || 0
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Layout.fillHeight: true
                            Rectangle {
                                anchors.bottom: parent.bottom
                                width: parent.width
                                height: chart.largest > 0 ? (parent.height - 16) * column.n / chart.largest : 0
                                color: column.modelData.color
                                radius: 2
                            }
                            Label {
                                visible: column.n > 0 && column.width >= 10
                                anchors.horizontalCenter: parent.horizontalCenter
                                y: parent.height - 16 - (chart.largest > 0 ? (parent.height - 16) * column.n / chart.largest : 0) - 1
                                text: column.n
                                font.pixelSize: 10
                            }
                        }
                    }
                }
                Label {
                    text: month.modelData.month
                    font.pixelSize: 12
                    opacity: 0.8
                    Layout.alignment: Qt.AlignHCenter
                }
            }
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: chart.series
            delegate: Row {
                required property var modelData
                spacing: 4
                Rectangle { width: 12; height: 12; radius: 2; color: modelData.color; anchors.verticalCenter: parent.verticalCenter }
                Label { text: modelData.label; font.pixelSize: 12 }
            }
        }
    }
}
