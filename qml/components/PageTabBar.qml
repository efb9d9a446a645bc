import QtQuick
import QtQuick.Controls

// A TabBar whose first tab is fully in view on a phone. Material's TabBar keeps the
// current tab 48 px from either edge; when the tabs are wider than the screen that
// scrolls the first tab half out of view at start. Here the current tab only has to be
// inside the bar; the row still flicks. Each tab is as wide as its words, and the bar's
// spare width is shared out equally: on a desktop every tab is in view and they fill the
// bar; on a phone they are as narrow as their words allow. A tab: width: tabs.widthOf(this).
TabBar {
    id: bar
    // The width the tabs share: the page's (not the bar's own, whose implicit width is theirs).
    required property real room
    readonly property real spare: {
        var sum = 0
        for (var i = 0; i < count; ++i) {
            var t = itemAt(i)
            if (t) sum += t.implicitWidth + 8
        }
        var gaps = spacing * Math.max(0, count - 1) + leftPadding + rightPadding
        return count > 0 ? Math.max(0, Math.floor((room - gaps - sum) / count)) : 0
    }
    function widthOf(tab) { return tab.implicitWidth + 8 + spare }
    Component.onCompleted: {
        if (contentItem.preferredHighlightBegin === undefined) return  // not a ListView
        contentItem.preferredHighlightBegin = 0
        contentItem.preferredHighlightEnd = Qt.binding(function () { return bar.contentItem.width })
    }
}
