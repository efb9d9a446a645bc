import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// Horizontal bars, one per row of `bars` ([{label, value, text?, note?}]), as long as their
// value against the largest: the label on the left, the bar, its figure (text, or the
// value) and a note under it. Readable on a phone: the label column shrinks first.
ColumnLayout {
    id: chart
    property var bars: []
    property color color: Material.accent
    readonly property real largest: {
        var m = 0
        for (var i = 0; i < bars.length; ++i) m = Math.max(m, Number(bars[i].value) || 0)
        return m
    }
    // The labels' column: as wide as the widest label, at most 140 px (a third of a phone).
    readonly property real labelWidth: {
        var w = 0
        for (var i = 0; i < bars.length; ++i) w = Math.max(w, metrics.advanceWidth(bars[i].label))
        return Math.ceil(Math.min(w + 2, 140))
    }
    FontMetrics { id: metrics; font: sample.font }
    Label { id: sample; visible: false }
    spacing: 6
    Repeater {
        model: chart.bars
        delegate: ColumnLayout {
            id: row
            required property var modelData
            required property int index
            objectName: "bar_" + index
            spacing: 1
            Layout.fillWidth: true
            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Label {
                    text: row.modelData.label
                    elide: Label.ElideRight
                    Layout.preferredWidth: chart.labelWidth
                    Layout.minimumWidth: chart.labelWidth
                    Layout.maximumWidth: chart.labelWidth
                }
                Item {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 22
                    Rectangle {
                        objectName: "barFill"
                        height: parent.height
                        radius: 3
                        color: chart.color
                        width: chart.largest > 0 ? Math.max(2, parent.width * (Number(row.modelData.value) || 0) / chart.largest) : 2
                        Behavior on width { NumberAnimation { duration: 150 } }
                    }
                }
                Label {
                    objectName: "barFigure"
                    text: row.modelData.text !== undefined ? row.modelData.text : Number(row.modelData.value).toLocaleString(Qt.locale(), 'f', 0)
                    font.bold: true
                    horizontalAlignment: Text.AlignRight
                    Layout.minimumWidth: 32
                }
            }
            Label {
                visible: (row.modelData.note || "") !== ""
                text: row.modelData.note || ""
                opacity: 0.7
                font.pixelSize: 12
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: chart.labelWidth + 8
            }
        }
    }
}
