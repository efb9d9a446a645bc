import QtQml.Models
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Fika

// The seller's board: a column per stage with its count, value and weighted value, a card
// per case. A card is dragged to another column to move the case there (App.moveStage:
// the same stage change and activity as the case page's buttons), or moved from the
// keyboard (Ctrl+Left / Ctrl+Right) or its menu; every move can be taken back (Undo).
// Each column loads its cases a page at a time, so 100,000 cases open as fast as 100.
Item {
    id: board
    // Whose cases: "" everyone's, "owner:ID", "owner:" (nobody's yet), "finder:ID".
    property string whose: ""
    readonly property int columnWidth: Math.max(190, Math.floor((width - 16) / App.stages().length) - 8)

    PipelineModel { id: sums; whose: board.whose }

    // The filters a seller uses: everyone's, mine, nobody's yet, one seller's, one finder's.
    readonly property var whoseChoices: {
        var out = [{ value: "", text: qsTr("Everyone's cases") }]
        if (App.userId !== "") out.push({ value: "owner:" + App.userId, text: qsTr("My cases") })
        out.push({ value: "owner:", text: qsTr("Not owned yet") })
        var sellers = App.sellerChoices()
        for (var i = 0; i < sellers.length; ++i)
            if (sellers[i].value !== App.userId) out.push({ value: "owner:" + sellers[i].value, text: qsTr("Owned by %1").arg(sellers[i].text) })
        var people = App.peopleChoices()
        for (var j = 0; j < people.length; ++j)
            out.push({ value: "finder:" + people[j].value, text: qsTr("Found by %1").arg(people[j].text) })
        return out
    }

    // Moves a case and offers to take it back; lost asks why first.
    function move(caseId, title, stage) {
        if (stage === "lost") {
            lostDialog.caseId = caseId
            lostDialog.caseTitle = title
            lostDialog.open()
            return
        }
        moved(caseId, title, stage, "")
    }
    function moved(caseId, title, stage, reason) {
        if (!App.moveStage(caseId, stage, reason)) return
        win.showUndo(qsTr("Moved \u201c%1\u201d to %2").arg(title).arg(App.stageLabel(stage)),
                     function () { App.undoMove(caseId) })
        Qt.callLater(focusCase, caseId, stage)
    }
    // Keyboard focus follows a moved case into its new column.
    function focusCase(caseId, stage) {
        var col = columns.itemAt(App.stages().indexOf(stage))
        if (col) col.focusCase(caseId)
    }
    // Left and Right go from column to column.
    function focusColumn(stage) {
        var col = columns.itemAt(App.stages().indexOf(stage))
        if (col) col.cards.forceActiveFocus()
    }
    function neighbour(stage, step) {
        var all = App.stages()
        var i = all.indexOf(stage) + step
        return i >= 0 && i < all.length ? all[i] : ""
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Card {
            Layout.fillWidth: true
            RowLayout {
                width: parent.width
                Label { objectName: "boardTotal"; text: qsTr("Open pipeline: %1").arg(sums.totalText); font.bold: true }
                Label { text: qsTr("weighted %1").arg(sums.weightedText); opacity: 0.7; Layout.fillWidth: true; elide: Label.ElideRight }
                Label { text: qsTr("Show") }
                ComboBox {
                    id: whoseBox
                    objectName: "boardWhose"
                    model: board.whoseChoices
                    textRole: "text"
                    valueRole: "value"
                    Layout.preferredWidth: 260
                    onActivated: board.whose = currentValue
                    Accessible.name: qsTr("Whose cases the board shows")
                }
            }
        }
        Flickable {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: row.width + 16
            contentHeight: height
            flickableDirection: Flickable.HorizontalFlick
            boundsBehavior: Flickable.StopAtBounds
            clip: true
            ScrollBar.horizontal: ScrollBar { policy: scroller.contentWidth > scroller.width ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
            Row {
                id: row
                x: 8
                y: 8
                height: scroller.height - 24
                spacing: 8
                Repeater {
                    id: columns
                    model: App.stages()
                    delegate: column
                }
            }
        }
    }

    Component {
        id: column
        Rectangle {
            id: col
            required property string modelData
            required property int index
            readonly property string stage: modelData
            readonly property var figures: sums.byStage[stage] || ({ count: 0, valueText: "", weightedText: "" })
            objectName: "boardColumn_" + stage
            width: board.columnWidth
            height: parent ? parent.height : 0
            radius: 6
            color: drop.containsDrag ? Qt.alpha(Material.accent, 0.18) : Qt.alpha(Material.foreground, 0.05)
            border.width: drop.containsDrag ? 2 : 0
            border.color: Material.accent
            property alias cards: cardList

            function focusCase(caseId) {
                var i = cases.indexOf(caseId)
                if (i < 0) return
                cardList.positionViewAtIndex(i, ListView.Contain)
                cardList.currentIndex = i
                if (cardList.currentItem) cardList.currentItem.forceActiveFocus()
            }

            RecordListModel { id: cases; table: "cases"; stage: col.stage; whose: board.whose }

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 6
                spacing: 4
                RowLayout {
                    Layout.fillWidth: true
                    Label { text: App.stageLabel(col.stage); font.bold: true; Layout.fillWidth: true; elide: Label.ElideRight }
                    Label { objectName: "columnCount"; text: col.figures.count; opacity: 0.8; font.bold: true }
                }
                Label {
                    objectName: "columnValue"
                    text: col.figures.valueText
                    Layout.fillWidth: true
                    elide: Label.ElideRight
                    font.pixelSize: 13
                }
                Label {
                    text: qsTr("weighted %1").arg(col.figures.weightedText)
                    Layout.fillWidth: true
                    elide: Label.ElideRight
                    font.pixelSize: 12
                    opacity: 0.7
                }
                ListView {
                    id: cardList
                    objectName: "columnCards"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 6
                    model: cases
                    keyNavigationEnabled: true
                    activeFocusOnTab: true
                    currentIndex: -1
                    onActiveFocusChanged: if (activeFocus && currentIndex < 0 && count > 0) currentIndex = 0
                    ScrollBar.vertical: ScrollBar {}
                    delegate: card
                    Label {
                        anchors.centerIn: parent
                        visible: cardList.count === 0
                        text: qsTr("No cases")
                        opacity: 0.5
                    }
                }
            }
            DropArea {
                id: drop
                anchors.fill: parent
                keys: ["fika/case"]
                onDropped: function (d) {
                    if (d.source && d.source.stage !== col.stage) {
                        d.accept(Qt.MoveAction)
                        board.move(d.source.caseId, d.source.caseTitle, col.stage)
                    }
                }
            }
        }
    }

    Component {
        id: card
        ItemDelegate {
            id: c
            required property int index
            required property string recordId
            required property string title
            required property string detail
            required property string accountName
            required property var owner
            required property var stage
            required property int stageDays
            objectName: "card_" + recordId
            width: ListView.view ? ListView.view.width - 4 : 180
            padding: 8
            focusPolicy: Qt.StrongFocus
            focus: ListView.isCurrentItem
            opacity: dragArea.drag.active ? 0.4 : 1
            Accessible.name: title + ", " + accountName + ", " + detail
            Accessible.description: qsTr("Ctrl+Left or Ctrl+Right moves it to the stage before or after")
            ToolTip.visible: visualFocus && !dragArea.pressed  // reached by Tab, not by a click or a drag
            ToolTip.delay: 800
            ToolTip.text: qsTr("Ctrl+← / Ctrl+→ moves it; Enter opens it")
            background: Rectangle {
                radius: 4
                color: Material.dialogColor
                border.width: c.activeFocus ? 2 : 1
                border.color: c.activeFocus ? Material.accent : Qt.alpha(Material.foreground, 0.15)
            }
            contentItem: ColumnLayout {
                spacing: 2
                Label {
                    text: c.title !== "" ? c.title : qsTr("(untitled)")
                    font.bold: true
                    wrapMode: Label.Wrap
                    maximumLineCount: 2
                    elide: Label.ElideRight
                    Layout.fillWidth: true
                    Layout.rightMargin: 24
                }
                Label { text: c.accountName; opacity: 0.8; elide: Label.ElideRight; Layout.fillWidth: true; font.pixelSize: 13 }
                Label { text: c.detail; visible: c.detail !== ""; font.pixelSize: 13; Layout.fillWidth: true; elide: Label.ElideRight }
                RowLayout {
                    Layout.fillWidth: true
                    Label {
                        text: c.owner ? App.userLabel(c.owner) : qsTr("Not owned")
                        font.italic: !c.owner
                        opacity: 0.7
                        font.pixelSize: 12
                        elide: Label.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "cardDays"
                        visible: c.stageDays >= 0
                        text: qsTr("%Ln day(s)", "", c.stageDays)
                        opacity: 0.7
                        font.pixelSize: 12
                    }
                }
            }
            // A press and a drag of more than a few pixels carries the card; a click opens it.
            MouseArea {
                id: dragArea
                anchors.fill: parent
                drag.target: ghost
                drag.threshold: 8
                preventStealing: true
                onPressed: function (m) {
                    var p = c.mapToItem(board, 0, 0)
                    ghost.x = p.x
                    ghost.y = p.y
                    ghost.width = c.width
                    ghost.caseId = c.recordId
                    ghost.caseTitle = c.title
                    ghost.stage = c.stage
                }
                drag.onActiveChanged: ghost.dragging = drag.active
                onReleased: { if (ghost.dragging) ghost.Drag.drop() }
                onClicked: win.openPage("case", c.recordId)
            }
            ToolButton {
                objectName: "cardMenu"
                anchors.right: parent.right
                anchors.top: parent.top
                width: 32
                height: 32
                focusPolicy: Qt.NoFocus
                contentItem: MdIcon { text: "\uF1D9"; horizontalAlignment: Text.AlignHCenter; verticalAlignment: Text.AlignVCenter } // dots-vertical
                onClicked: moveMenu.popup()
                Accessible.name: qsTr("Move to\u2026")
            }
            property alias moveMenu: moveMenu
            Menu {
                id: moveMenu
                objectName: "cardMoveMenu"
                title: qsTr("Move to")
                Instantiator {
                    model: App.stages()
                    delegate: MenuItem {
                        required property string modelData
                        objectName: "moveTo_" + modelData
                        text: qsTr("Move to %1").arg(App.stageLabel(modelData))
                        enabled: modelData !== c.stage
                        onTriggered: board.move(c.recordId, c.title, modelData)
                    }
                    onObjectAdded: function (index, object) { moveMenu.insertItem(index, object) }
                    onObjectRemoved: function (index, object) { moveMenu.removeItem(object) }
                }
            }
            onClicked: win.openPage("case", recordId)
            Keys.onPressed: function (e) {
                if ((e.key === Qt.Key_Right || e.key === Qt.Key_Left) && (e.modifiers & Qt.ControlModifier)) {
                    var to = board.neighbour(c.stage, e.key === Qt.Key_Right ? 1 : -1)
                    if (to !== "") board.move(c.recordId, c.title, to)
                    e.accepted = true
                } else if (e.key === Qt.Key_Right || e.key === Qt.Key_Left) {
                    board.focusColumn(board.neighbour(c.stage, e.key === Qt.Key_Right ? 1 : -1))
                    e.accepted = true
                } else if (e.key === Qt.Key_Return || e.key === Qt.Key_Enter || e.key === Qt.Key_Space) {
                    win.openPage("case", c.recordId)
                    e.accepted = true
                } else if (e.key === Qt.Key_Menu || (e.key === Qt.Key_F10 && (e.modifiers & Qt.ShiftModifier))) {
                    moveMenu.popup(c, 0, c.height)
                    e.accepted = true
                }
            }
        }
    }

    // What is carried while a card is dragged (the card stays in its column, faded).
    Rectangle {
        id: ghost
        objectName: "boardGhost"
        property string caseId: ""
        property string caseTitle: ""
        property string stage: ""
        property bool dragging: false
        visible: dragging
        height: 56
        radius: 4
        color: Material.dialogColor
        border.color: Material.accent
        border.width: 2
        z: 10
        Drag.active: dragging
        Drag.keys: ["fika/case"]
        Drag.source: ghost
        Drag.hotSpot.x: width / 2
        Drag.hotSpot.y: height / 2
        Label { anchors.fill: parent; anchors.margins: 8; text: ghost.caseTitle; font.bold: true; elide: Label.ElideRight; wrapMode: Label.Wrap; maximumLineCount: 2 }
    }

    property alias lostDialog: lostDialog
    LostReasonDialog {
        id: lostDialog
        objectName: "boardLostDialog"
        property string caseId: ""
        property string caseTitle: ""
        onAccepted: board.moved(caseId, caseTitle, "lost", reason)
    }
}
