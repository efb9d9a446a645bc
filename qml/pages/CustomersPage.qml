import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// Customers: search as you type; the list loads lazily so thousands scroll smoothly.
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "customers"
    title: qsTr("Customers")

    RecordListModel { id: accounts; table: "accounts"; search: searchField.text }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            TextField {
                id: searchField
                placeholderText: qsTr("Search customers")
                Layout.fillWidth: true
                Component.onCompleted: if (win.wide) forceActiveFocus()
            }
            Button {
                text: qsTr("New customer")
                onClicked: win.openPage("account")
            }
        }
        Label {
            text: qsTr("%Ln customer(s)", "", accounts.total)
            opacity: 0.7
            Layout.leftMargin: 16
        }
        ListView {
            id: list
            objectName: "customerList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: accounts
            reuseItems: true
            delegate: RecordDelegate { onClicked: win.openPage("customer", recordId) }
            ScrollBar.vertical: ScrollBar {}
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 32
                visible: accounts.total === 0
                text: searchField.text === "" ? qsTr("No customers yet") : qsTr("No customer matches \u201c%1\u201d").arg(searchField.text)
                hint: qsTr("Add one with \u201cNew customer\u201d, or capture a case and name the customer.")
            }
        }
    }
}
