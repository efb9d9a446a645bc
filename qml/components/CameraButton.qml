import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Fika

// "Camera" beside Attach and Paste, on a device with a camera only (hidden elsewhere): the
// camera's picture in a dialog; the photo taken is attached as it is captured - it never
// lands in a file outside the encrypted database.
GlyphButton {
    id: button
    property string kind: ""
    property string recordId: ""
    property bool iconOnly: false
    readonly property bool available: devices.videoInputs.length > 0
    visible: available
    glyph: "\uF100"  // camera
    text: iconOnly ? "" : qsTr("Camera")
    flat: true
    Accessible.name: qsTr("Take a photo")
    ToolTip.visible: iconOnly && hovered
    ToolTip.text: qsTr("Take a photo")
    onClicked: dialog.open()

    MediaDevices { id: devices }

    Dialog {
        id: dialog
        objectName: "cameraDialog"
        parent: Overlay.overlay
        modal: true
        anchors.centerIn: parent
        width: Math.min(720, parent ? parent.width - 32 : 720)
        height: Math.min(620, parent ? parent.height - 32 : 620)
        title: qsTr("Take a photo")
        standardButtons: Dialog.Cancel
        onOpened: camera.active = true
        onClosed: camera.active = false
        CaptureSession {
            camera: Camera { id: camera; active: false }
            imageCapture: ImageCapture {
                id: capture
                onImageCaptured: (requestId, preview) => {
                    var base = qsTr("Photo %1").arg(Qt.formatDateTime(new Date(), "yyyy-MM-dd HHmmss"))
                    if (App.files.attachImage(button.kind, button.recordId, preview, base)) dialog.close()
                }
                onErrorOccurred: (requestId, error, message) => win.notify(qsTr("The camera could not take the photo: %1").arg(message))
            }
            videoOutput: output
        }
        ColumnLayout {
            anchors.fill: parent
            VideoOutput {
                id: output
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            Label {
                visible: camera.error !== Camera.NoError
                text: camera.errorString
                wrapMode: Label.Wrap
                Layout.fillWidth: true
            }
            Button {
                objectName: "takePhoto"
                text: qsTr("Take photo")
                highlighted: true
                enabled: capture.readyForCapture
                Layout.alignment: Qt.AlignHCenter
                onClicked: capture.capture()
            }
        }
    }
}
