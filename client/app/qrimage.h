// QR codes as images for QML: Image { source: App.qrSource(link) } ("image://qr/" + the
// text in hex, so that no URL decoding can change it). Black modules on white with the
// standard four-module quiet zone, whole pixels per module (libqrencode, Debian's).
#pragma once

#include <QQuickImageProvider>

namespace fika::app {

class QrImageProvider : public QQuickImageProvider {
public:
    QrImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;
};

}  // namespace fika::app
