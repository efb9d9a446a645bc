import QtQuick
import QtQuick.Controls

// A TabBar whose first tab is fully in view on a phone. Material's TabBar keeps the
// current tab 48 px from either edge; when the tabs are wider than the screen that
// scrolls the first tab half out of view at start. Here the current tab only has to be
// inside the bar; the row still flicks.
TabBar {
    id: bar
    Component.onCompleted: {
        if (contentItem.preferredHighlightBegin === undefined) return  // not a ListView
        contentItem.preferredHighlightBegin = 0
        contentItem.preferredHighlightEnd = Qt.binding(function () { return bar.contentItem.width })
    }
}
