import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A raised card (a Pane at Material's elevation 1) whose shadow is two plain rectangles.
// Material's own elevation draws the card into an offscreen texture first and its shadow
// from that: a layer per card, which without a GPU (Mesa's llvmpipe) costs a texture's
// memory and milliseconds at the first frame of every page that shows one (S6,
// docs/benchmarks.md). These draw in the scene's own batches.
Pane {
    id: card
    background: Item {
        // A faint edge all round, and a darker one below: the light from above.
        Rectangle {
            anchors.fill: parent
            anchors.margins: -1
            anchors.topMargin: -0.5
            radius: 3
            color: Qt.rgba(0, 0, 0, card.Material.theme === Material.Dark ? 0.35 : 0.08)
        }
        Rectangle {
            anchors.fill: parent
            anchors.topMargin: 1
            anchors.bottomMargin: -1.5
            radius: 2.5
            color: Qt.rgba(0, 0, 0, card.Material.theme === Material.Dark ? 0.45 : 0.16)
        }
        Rectangle {
            anchors.fill: parent
            radius: 2
            color: card.Material.backgroundColor
        }
    }
}
