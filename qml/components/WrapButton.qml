import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material

// A flat button whose words wrap onto a second line where the window is too narrow for
// them (a long Swedish or Danish label on a phone), instead of pushing the page wider
// than the window. In a layout: Layout.fillWidth with its one-line width as the most.
Button {
    id: b
    flat: true
    contentItem: Label {
        text: b.text
        font: b.font
        wrapMode: Label.Wrap
        horizontalAlignment: Text.AlignLeft
        verticalAlignment: Text.AlignVCenter
        color: !b.enabled ? b.Material.hintTextColor : b.highlighted ? b.Material.accentColor : b.Material.foreground
    }
}
