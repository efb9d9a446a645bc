import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A multi-line field in a form. Tab and Shift+Tab move to the next and the previous
// field, as they do from every other field: a plain TextArea types a tab character, and
// a capture from the keyboard alone would stop there. Its line turns the accent colour
// and thicker while it has the focus, as a TextField's does.
TextArea {
    id: area
    wrapMode: TextArea.Wrap
    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
    background: Item {
        implicitWidth: 120
        implicitHeight: 40
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.bottomMargin: 4
            height: area.activeFocus ? 2 : 1
            color: area.activeFocus ? area.Material.accentColor : area.Material.hintTextColor
        }
    }
}
