import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// A new programme (or editing one: recordId set): what an effort such as the coffee-machine
// conversations cost and when it ran, the denominator of the return on the numbers page.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "programme"
    readonly property var current: recordId !== "" ? App.record("programmes", recordId) : ({})
    title: recordId === "" ? qsTr("New programme") : qsTr("Edit programme")

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth, 640)
            spacing: 8
            Item { Layout.preferredHeight: 4 }
            TextField {
                id: name
                objectName: "programmeName"
                placeholderText: qsTr("Name (required)")
                text: pageRoot.current.name || ""
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label { text: qsTr("Cost: training, travel, lost billable time"); wrapMode: Label.Wrap; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                TextField {
                    id: cost
                    objectName: "programmeCost"
                    placeholderText: qsTr("Cost")
                    text: pageRoot.current.cost !== undefined && pageRoot.current.cost !== null ? String(pageRoot.current.cost) : ""
                    inputMethodHints: Qt.ImhDigitsOnly
                    Layout.fillWidth: true
                }
                ComboBox {
                    id: currency
                    model: ["DKK", "SEK", "NOK", "EUR"]
                    currentIndex: Math.max(0, find(pageRoot.current.currency || "DKK"))
                }
            }
            Label { text: qsTr("Period"); Layout.leftMargin: 16 }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                DateField {
                    id: from
                    objectName: "programmeFrom"
                    placeholder: qsTr("From")
                    date: pageRoot.current.period_start || ""
                    Layout.fillWidth: true
                }
                Label { text: "\u2013" }
                DateField {
                    id: to
                    objectName: "programmeTo"
                    placeholder: qsTr("To")
                    date: pageRoot.current.period_end || ""
                    Layout.fillWidth: true
                }
            }
            Label {
                text: qsTr("Cases captured in the period count as the pipeline this programme found.")
                opacity: 0.7
                wrapMode: Label.Wrap
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            SaveHint {
                objectName: "programmeWhy"
                reason: name.text.trim() === "" ? qsTr("To save: give the programme a name.") : ""
                Layout.topMargin: 8
            }
            Button {
                objectName: "saveProgramme"
                text: qsTr("Save")
                highlighted: true
                enabled: name.text.trim() !== ""
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
                Layout.topMargin: 8
                onClicked: {
                    var f = { "name": name.text, "cost": cost.text, "currency": currency.currentText,
                              "period_start": from.date, "period_end": to.date }
                    var ok = pageRoot.recordId === "" ? App.createRecord("programmes", f) !== ""
                                                      : App.updateRecord("programmes", pageRoot.recordId, f)
                    if (ok) win.back()
                }
            }
            Button {
                visible: pageRoot.recordId !== ""
                text: qsTr("Delete")
                flat: true
                Layout.leftMargin: 16
                onClicked: { if (App.deleteRecord("programmes", pageRoot.recordId)) win.back() }
            }
        }
    }
}
