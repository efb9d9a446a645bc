import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// Where the keyboard's focus is, on every page: a ring around the control that Tab (or a
// shortcut) reached, drawn over everything, and whatever takes the focus scrolled into view
// in every list, page or row of tabs around it. Clicks and taps show no ring (Controls'
// visualFocus is set only by the keyboard), but for a SpinBox being typed in; text fields
// show their caret and underline instead.
Item {
    id: ring
    required property var window
    // Over the pages and the dialogs (Overlay.overlay holds the popups).
    parent: Overlay.overlay
    z: 1000000
    objectName: "focusRing"
    property Item target: null
    visible: target !== null && target.visible

    function follow() {
        var f = window.activeFocusItem
        // The control around what has the focus (a SpinBox's text, a ComboBox's field); a
        // TextField is not a Control and has none (the page around it is one).
        var c = f
        while (c && c.visualFocus === undefined) c = c.parent
        var shown = c && (c.visualFocus || (c.editable !== undefined && f !== c)) ? c : null
        // Whatever takes the focus comes into view, however it took it (Tab, a shortcut, a
        // page focusing its first field); what is larger than the view stays as it is.
        if (f) ensureVisible(shown ? shown : f)
        target = shown
        place()
    }

    // Every Flickable around `item` (ListView, ScrollView's, TabBar's) scrolls just enough.
    function ensureVisible(item) {
        for (var p = item.parent; p; p = p.parent) {
            if (p.contentY === undefined || p.flickableDirection === undefined || !p.contentItem) continue
            var r = item.mapToItem(p.contentItem, 0, 0, item.width, item.height)
            var margin = 8
            if (p.contentHeight > p.height && r.height <= p.height - 2 * margin) {
                var y = p.contentY
                if (r.y < y + margin) y = r.y - margin
                else if (r.y + r.height > y + p.height - margin) y = Math.min(r.y - margin, r.y + r.height - p.height + margin)
                p.contentY = Math.max(p.originY, Math.min(y, p.originY + p.contentHeight - p.height))
            }
            if (p.contentWidth > p.width && r.width <= p.width - 2 * margin) {
                var x = p.contentX
                if (r.x < x + margin) x = r.x - margin
                else if (r.x + r.width > x + p.width - margin) x = Math.min(r.x - margin, r.x + r.width - p.width + margin)
                p.contentX = Math.max(p.originX, Math.min(x, p.originX + p.contentWidth - p.width))
            }
        }
    }

    function place() {
        if (!target) return
        var r = target.mapToItem(ring.parent, 0, 0, target.width, target.height)
        frame.x = r.x - 3
        frame.y = r.y - 3
        frame.width = r.width + 6
        frame.height = r.height + 6
    }

    Connections {
        target: ring.window
        function onActiveFocusItemChanged() { Qt.callLater(ring.follow) }
        // A page that scrolls or moves under it: the ring goes with its control.
        function onAfterAnimating() { if (ring.target) ring.place() }
    }
    Connections {
        target: ring.target
        ignoreUnknownSignals: true
        function onVisualFocusChanged() { Qt.callLater(ring.follow) }
    }

    Rectangle {
        id: frame
        color: "transparent"
        radius: 4
        border.width: 2
        border.color: Material.accent
    }
}
