import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// A new customer (or editing one: recordId set).
Page {
    id: pageRoot
    property string recordId: ""
    property string pageName: "account"
    readonly property var current: recordId !== "" ? App.record("accounts", recordId) : ({})
    title: recordId === "" ? qsTr("New customer") : qsTr("Edit customer")

    ScrollView {
        id: sv
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: Math.min(sv.availableWidth, 640)
            spacing: 8
            Item { Layout.preferredHeight: 4 }
            TextField { id: name; objectName: "accountName"; placeholderText: qsTr("Name (required)"); text: pageRoot.current.name || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            TextField { id: org; placeholderText: qsTr("Org number (CVR / org.nr)"); text: pageRoot.current.org_number || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            TextField { id: industry; placeholderText: qsTr("Industry"); text: pageRoot.current.industry || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            TextField { id: group; placeholderText: qsTr("Competitor group (e.g. banks)"); text: pageRoot.current.competitor_group || ""; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            WarningBanner {
                warnings: pageRoot.recordId === "" ? App.newAccountWarnings(group.text) : []
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label { text: qsTr("Policy"); Layout.leftMargin: 16 }
            ComboBox {
                id: policy
                model: [{ value: "active", text: qsTr("Active") }, { value: "inbound-only", text: qsTr("Inbound only") }, { value: "blocked", text: qsTr("Blocked") }]
                textRole: "text"
                valueRole: "value"
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(pageRoot.current.policy || "active"))
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            Label { text: qsTr("Owner (seller)"); Layout.leftMargin: 16 }
            ComboBox {
                id: owner
                objectName: "accountOwner"
                // The current owner stays choosable even when this device does not know them as a seller.
                model: {
                    var m = [{ value: "", text: qsTr("No owner") }].concat(App.sellerChoices())
                    var cur = pageRoot.current.owner || ""
                    if (cur !== "" && !m.some(function (x) { return x.value === cur }))
                        m.push({ value: cur, text: pageRoot.current.ownerName || cur })
                    return m
                }
                textRole: "text"
                valueRole: "value"
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(pageRoot.current.owner || ""))
                Layout.fillWidth: true
                Layout.leftMargin: 16
                Layout.rightMargin: 16
            }
            TextField { id: revenue; placeholderText: qsTr("Yearly revenue with us (DKK)"); text: pageRoot.current.yearly_revenue !== undefined && pageRoot.current.yearly_revenue !== null ? String(pageRoot.current.yearly_revenue) : ""; inputMethodHints: Qt.ImhDigitsOnly; Layout.fillWidth: true; Layout.leftMargin: 16; Layout.rightMargin: 16 }
            SaveHint {
                objectName: "accountWhy"
                reason: name.text.trim() === "" ? qsTr("To save: give the customer a name.") : ""
                Layout.topMargin: 8
            }
            Button {
                objectName: "saveAccount"
                text: qsTr("Save")
                highlighted: true
                enabled: name.text.trim() !== ""
                Layout.fillWidth: true
                Layout.margins: 16
                onClicked: {
                    var f = { "name": name.text, "org_number": org.text, "industry": industry.text,
                              "competitor_group": group.text, "policy": policy.currentValue, "yearly_revenue": revenue.text,
                              "owner": owner.currentValue }
                    if (pageRoot.recordId === "") {
                        var id = App.createAccount(f)
                        if (id !== "") { win.back(); win.openPage("customer", id) }
                    } else if (App.updateRecord("accounts", pageRoot.recordId, f)) {
                        win.back()
                    }
                }
            }
        }
    }
}
