import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// A button with a Material Design icon before its text: the icon is drawn, never part of
// the (translated) text. `glyph`: a codepoint of Debian's Material Design Icons font; an
// Action given as `action` may carry its own `glyph`.
Button {
    id: control
    property string glyph: action && action.glyph !== undefined ? action.glyph : ""
    property bool trailing: false  // the icon after the text (a menu's arrow)
    // As Material's own button colours its text.
    readonly property color ink: !enabled ? Material.hintTextColor
                                : flat && highlighted ? Material.accentColor
                                : highlighted ? Material.primaryHighlightedTextColor : Material.foreground
    // Icon and text together, centred; the text elides only when the button is too narrow.
    contentItem: Item {
        implicitWidth: row.implicitWidth
        implicitHeight: row.implicitHeight
        RowLayout {
            id: row
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width)
            spacing: 6
            LayoutMirroring.enabled: control.trailing
            MdIcon {
                visible: control.glyph !== ""
                text: control.glyph
                color: control.ink
                Layout.alignment: Qt.AlignVCenter
            }
            Label {
                text: control.text
                font.family: control.font.family
                font.pixelSize: control.font.pixelSize
                font.weight: control.font.weight
                font.capitalization: Font.AllUppercase  // as the theme's other buttons
                color: control.ink
                elide: Label.ElideRight
                Layout.fillWidth: true
                verticalAlignment: Text.AlignVCenter
            }
        }
    }
}
