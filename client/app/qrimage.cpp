#include "qrimage.h"

#include <QPainter>

#include <qrencode.h>

namespace fika::app {

QImage QrImageProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize) {
    const QByteArray text = QByteArray::fromHex(id.toLatin1());
    QRcode* qr = QRcode_encodeString(text.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) {
        if (size) *size = QSize();
        return {};
    }
    const int quiet = 4, modules = qr->width + 2 * quiet;
    const int want = requestedSize.isValid() ? std::min(requestedSize.width(), requestedSize.height()) : 0;
    const int scale = std::max(2, want > 0 ? want / modules : 8);
    QImage img(modules * scale, modules * scale, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    for (int y = 0; y < qr->width; ++y)
        for (int x = 0; x < qr->width; ++x)
            if (qr->data[y * qr->width + x] & 1) p.fillRect((x + quiet) * scale, (y + quiet) * scale, scale, scale, Qt::black);
    p.end();
    QRcode_free(qr);
    if (size) *size = img.size();
    return img;
}

}  // namespace fika::app
