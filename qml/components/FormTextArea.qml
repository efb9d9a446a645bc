import QtQuick
import QtQuick.Controls

// A multi-line field in a form. Tab and Shift+Tab move to the next and the previous
// field, as they do from every other field: a plain TextArea types a tab character, and
// a capture from the keyboard alone would stop there.
TextArea {
    wrapMode: TextArea.Wrap
    Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
    Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
}
