// Photos and files on records, as the app handles them (App.files): attaching from a file,
// a drop, the clipboard or the camera; opening with the system's viewer; saving a copy;
// renaming; the settings (photo size, per-file limit, what is downloaded before it is
// opened); thumbnails. The rules are the engine's (rules::attach); what takes time with a
// large file - storing it, scaling a photo, writing a copy, decoding a thumbnail - runs on
// a worker thread with its own connection to the device database, so the window never
// waits; downloads go through the sync worker (it holds the server's token).
#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QQuickImageProvider>
#include <QSet>
#include <QString>
#include <QThread>
#include <QUrl>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <functional>
#include <memory>

namespace fika::app {

class AppContext;
class FileWorker;

// Decoded thumbnails by content hash, shared by the UI (which fills it) and the image
// provider (which QML's image loader thread reads): "image://attachments/HASH".
class ThumbnailCache {
public:
    static constexpr int kPixels = 192;  // the long edge
    bool has(const QString& hash) const;
    QImage get(const QString& hash) const;
    void put(const QString& hash, const QImage& image);

private:
    mutable QMutex mutex_;
    QCache<QString, QImage> cache_{48 * 1024 * 1024};  // cost: bytes
};

class ThumbnailProvider : public QQuickImageProvider {
public:
    explicit ThumbnailProvider(std::shared_ptr<ThumbnailCache> cache)
        : QQuickImageProvider(QQuickImageProvider::Image), cache_(std::move(cache)) {}
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;

private:
    std::shared_ptr<ThumbnailCache> cache_;
};

class Attachments : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.files")
    // Files being stored now (attaching is instant for a photo, a moment for 25 MB).
    Q_PROPERTY(int busy READ busy NOTIFY busyChanged)
    // Photos are scaled down when attached: "original", "large" (2560 px, the default), "small" (1280 px).
    Q_PROPERTY(QString photoSize READ photoSize WRITE setPhotoSize NOTIFY settingsChanged)
    // Files larger than this are refused before anything is stored (default 25 MB).
    Q_PROPERTY(int limitMb READ limitMb WRITE setLimitMb NOTIFY settingsChanged)
    // What is downloaded after each sync: "small" (up to 2 MB, the default), "all", "open" (only when opened).
    Q_PROPERTY(QString prefetch READ prefetch WRITE setPrefetch NOTIFY settingsChanged)
    // Whether this device may have a camera (Linux: a video device under /dev): only then is
    // the camera's button made (Qt Multimedia asks for it, which starts the sound and
    // video services - 0.5 s and a warning on a machine without either).
    Q_PROPERTY(bool cameraPossible READ cameraPossible CONSTANT)

public:
    explicit Attachments(AppContext* app);
    ~Attachments() override;

    int busy() const { return busy_; }
    QString photoSize() const;
    void setPhotoSize(const QString& size);
    int limitMb() const;
    void setLimitMb(int mb);
    QString prefetch() const;
    void setPrefetch(const QString& mode);
    static bool cameraPossible();
    // What a prefetch setting downloads after each sync: contents up to this many bytes
    // ("small": 2 MB - also for anything unknown -, "all": any, "open": none).
    static std::uint64_t prefetchBytes(const QString& mode);
    const std::shared_ptr<ThumbnailCache>& thumbnails() const { return thumbs_; }

    // Attaches files (file:// URLs or paths: a file dialog's, a drop's) to a record of
    // `kind` (account, contact, case, activity, note). Checked at once (a folder, an
    // unreadable file, one over the limit: false, App.lastError says why, nothing stored);
    // then stored on the worker: attached or failed tells the end.
    Q_INVOKABLE bool attachFiles(const QString& kind, const QString& recordId, const QVariant& urls);
    // The clipboard's image (a screenshot, a copied photo) as "Pasted image DATE.png", or
    // the files it holds (copied in a file manager). False when it holds neither.
    Q_INVOKABLE bool attachClipboard(const QString& kind, const QString& recordId);
    // An image in memory (the camera's photo, a pasted screenshot) as BASE.png or .jpg,
    // scaled by the photo size setting. False (lastError) when it is no image.
    Q_INVOKABLE bool attachImage(const QString& kind, const QString& recordId, const QVariant& image, const QString& base);
    // Opens an attachment with the system's viewer: written to a private temporary folder
    // (removed when the app quits) first, downloaded first when not here yet.
    Q_INVOKABLE void open(const QString& attachmentId);
    // Writes a copy to `urlOrPath` (a save dialog's answer); saved or failed tells the end.
    Q_INVOKABLE void saveCopy(const QString& attachmentId, const QString& urlOrPath);
    // Downloads the content now (without opening it).
    Q_INVOKABLE void download(const QString& attachmentId);
    Q_INVOKABLE bool rename(const QString& attachmentId, const QString& name);
    // A file the server refused (over its limit, say) is sent again with the next sync.
    Q_INVOKABLE bool sendAgain(const QString& attachmentId);
    // "image://attachments/HASH" once decoded; "" meanwhile (thumbnailReady follows).
    QString thumbnail(const QString& hash);
    // Tests: how a file is handed to the system's viewer (default: QDesktopServices).
    void setOpener(std::function<bool(const QUrl&)> opener) { opener_ = std::move(opener); }
    // The copies written for the system's viewer (the device's data is being deleted).
    void removeOpenedCopies();

signals:
    void busyChanged();
    void settingsChanged();
    void attached(const QString& recordId, const QString& attachmentId, const QString& name);
    void failed(const QString& message);
    void opened(const QString& attachmentId, const QString& path);
    void saved(const QString& attachmentId, const QString& path);
    // A download for opening started (it may take a while): the page says so.
    void downloading(const QString& attachmentId);
    void thumbnailReady(const QString& hash);

private:
    void onAttached(const QString& recordId, const QString& attachmentId, const QString& name, const QString& error);
    void onSaved(const QString& attachmentId, const QString& path, bool open, const QString& error);
    void onFetched(const QString& attachmentId, bool ok, const QString& message);
    void write_out(const QString& attachmentId, const QString& path, bool open);
    QString open_dir();
    void remove_stale_copies();
    QString setting(const char* key) const;
    void set_setting(const char* key, const std::string& value);
    std::uint64_t limit_bytes() const { return static_cast<std::uint64_t>(limitMb()) * 1024 * 1024; }

    AppContext* app_;
    QThread thread_;
    FileWorker* worker_ = nullptr;  // lives in thread_
    int busy_ = 0;
    struct Pending {
        QString path;
        bool open = false;
    };
    QHash<QString, Pending> pending_;  // downloading, then written to path (and opened)
    QSet<QString> decoding_;
    QString open_dir_;
    std::shared_ptr<ThumbnailCache> thumbs_ = std::make_shared<ThumbnailCache>();
    std::function<bool(const QUrl&)> opener_;
};

}  // namespace fika::app
