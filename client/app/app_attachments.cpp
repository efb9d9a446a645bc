#include "app_attachments.h"

#include <QBuffer>
#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>
#include <QMimeData>
#include <QStandardPaths>

#include <cerrno>
#include <cstdio>

#include <signal.h>

#include "appcontext.h"
#include "attach.h"
#include "content_transfer.h"
#include "store.h"
#include "synccontroller.h"

namespace fika::app {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QString& q) { return q.toStdString(); }

QString local_path(const QString& urlOrPath) {
    QUrl url(urlOrPath);
    return url.isLocalFile() ? url.toLocalFile() : urlOrPath;
}

QString megabytes(std::uint64_t bytes) {
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

// The long edge a photo is scaled to; 0: kept as it is.
int photo_edge(const QString& size) { return size == "original" ? 0 : size == "small" ? 1280 : 2560; }

// Bytes from memory as the engine reads a content.
sync::Store::ContentSource from_bytes(const QByteArray& bytes) {
    auto at = std::make_shared<qsizetype>(0);
    return [bytes, at](char* buf, std::size_t cap) -> sync::Result<std::size_t> {
        qsizetype n = std::min<qsizetype>(static_cast<qsizetype>(cap), bytes.size() - *at);
        std::memcpy(buf, bytes.constData() + *at, static_cast<std::size_t>(n));
        *at += n;
        return static_cast<std::size_t>(n);
    };
}

// An image as a file: a photo (from a JPEG) as JPEG at quality 88; anything else as PNG
// (lossless: screenshots keep their text sharp) unless that is large and the image has no
// transparency, then JPEG too.
QByteArray encode(const QImage& image, bool photo, QString* ext) {
    QByteArray out;
    QBuffer buf(&out);
    buf.open(QIODevice::WriteOnly);
    if (!photo) image.save(&buf, "PNG");
    if (photo || (out.size() > 2 * 1024 * 1024 && !image.hasAlphaChannel())) {
        out.clear();
        buf.seek(0);
        image.save(&buf, "JPEG", 88);
        *ext = "jpg";
    } else {
        *ext = "png";
    }
    return out;
}
}  // namespace

// ---- the worker: its own connection, on its own thread ---------------------------------------

class FileWorker : public QObject {
    Q_OBJECT
public:
    explicit FileWorker(QString path) : path_(std::move(path)) {}

public slots:
    void open() {
        sync::OpenOptions o;
        o.integrity_check = false;
        auto st = sync::Store::open(s(path_), o);
        if (st.ok()) store_ = std::move(st).value();
    }

    // A file from the disk; a photo larger than `edge` pixels is scaled down first.
    void attachFile(const QString& kind, const QString& recordId, const QString& path, int edge, qulonglong limit,
                    const QString& user, qulonglong now) {
        QString name = QFileInfo(path).fileName();
        if (!store_) return emit attached(recordId, {}, name, tr("The local database could not be opened"));
        QImageReader reader(path);
        reader.setAutoTransform(true);
        if (edge > 0 && reader.canRead() && std::max(reader.size().width(), reader.size().height()) > edge) {
            QSize sz = reader.size().scaled(edge, edge, Qt::KeepAspectRatio);
            reader.setScaledSize(sz);
            QImage img = reader.read();
            if (!img.isNull()) {
                QString ext;
                QByteArray bytes = encode(img, reader.format() == "jpeg" || reader.format() == "jpg", &ext);
                QString base = QFileInfo(path).completeBaseName();
                return store(kind, recordId, base + "." + ext, from_bytes(bytes), limit, user, now);
            }
        }
        std::FILE* f = std::fopen(QFile::encodeName(path).constData(), "rb");
        if (!f) return emit attached(recordId, {}, name, tr("Cannot read %1").arg(path));
        std::shared_ptr<std::FILE> file(f, std::fclose);
        store(kind, recordId, name,
              [file](char* buf, std::size_t cap) -> sync::Result<std::size_t> {
                  std::size_t n = std::fread(buf, 1, cap, file.get());
                  if (n == 0 && std::ferror(file.get())) return sync::Error{sync::Code::Storage, "the file could not be read to its end"};
                  return n;
              },
              limit, user, now);
    }

    void attachImage(const QString& kind, const QString& recordId, const QImage& image, const QString& base, int edge,
                     qulonglong limit, const QString& user, qulonglong now) {
        QImage img = image;
        if (edge > 0 && std::max(img.width(), img.height()) > edge)
            img = img.scaled(edge, edge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QString ext;
        QByteArray bytes = encode(img, false, &ext);
        store(kind, recordId, base + "." + ext, from_bytes(bytes), limit, user, now);
    }

    // Writes a held content to `path`; `open`: for the system's viewer.
    void save(const QString& attachmentId, const QString& hash, const QString& path, bool open) {
        if (!store_) return emit saved(attachmentId, path, open, tr("The local database could not be opened"));
        sync::Status st = client::save_content(*store_, s(hash), s(path));
        emit saved(attachmentId, path, open,
                   st.ok() ? QString() : st.error().code == sync::Code::Storage ? tr("Could not write %1 (is the disk full?)").arg(path)
                                                                                : q(st.error().message));
    }

    void thumbnail(const QString& hash) {
        QImage img;
        if (store_) {
            auto held = store_->content_have(s(hash));
            // Photos larger than this are not decoded for a thumbnail (an icon stands in).
            if (held.ok() && *held && (*held)->complete() && (*held)->size <= 64ull * 1024 * 1024) {
                QByteArray bytes;
                bytes.reserve(static_cast<qsizetype>((*held)->size));
                for (std::uint64_t at = 0; at < (*held)->size;) {
                    auto piece = store_->read_content(s(hash), at, client::ContentTransfer::kChunk);
                    if (!piece.ok() || piece->empty()) break;
                    bytes.append(piece->data(), static_cast<qsizetype>(piece->size()));
                    at += piece->size();
                }
                QBuffer buf(&bytes);
                QImageReader reader(&buf);
                reader.setAutoTransform(true);
                QSize sz = reader.size();
                if (sz.isValid() && std::max(sz.width(), sz.height()) > ThumbnailCache::kPixels)
                    reader.setScaledSize(sz.scaled(ThumbnailCache::kPixels, ThumbnailCache::kPixels, Qt::KeepAspectRatio));
                img = reader.read();
            }
        }
        emit thumbnailDone(hash, img);
    }

signals:
    void attached(const QString& recordId, const QString& attachmentId, const QString& name, const QString& error);
    void saved(const QString& attachmentId, const QString& path, bool open, const QString& error);
    void thumbnailDone(const QString& hash, const QImage& image);

private:
    void store(const QString& kind, const QString& recordId, const QString& name, const sync::Store::ContentSource& read,
               qulonglong limit, const QString& user, qulonglong now) {
        std::string shown = rules::attachment_name(s(name));
        auto id = rules::attach(*store_, s(kind), s(recordId), shown, rules::media_type(shown), read, limit,
                                rules::Actor{s(user), now});
        if (id.ok()) return emit attached(recordId, q(*id), q(shown), QString());
        const sync::Error& e = id.error();
        QString why = e.code == sync::Code::TooLarge
                          ? tr("%1 is larger than %2, the most a file may have (Settings): nothing was stored")
                                .arg(q(shown), megabytes(limit))
                      : e.code == sync::Code::NotFound ? tr("The record %1 was to go on is gone or in the trash").arg(q(shown))
                      : e.code == sync::Code::Storage  ? tr("%1 could not be stored: %2").arg(q(shown), q(e.message))
                                                       : q(e.message);
        emit attached(recordId, {}, q(shown), why);
    }

    QString path_;
    std::unique_ptr<sync::Store> store_;
};

// ---- thumbnails ---------------------------------------------------------------------------------

bool ThumbnailCache::has(const QString& hash) const {
    QMutexLocker lock(&mutex_);
    return cache_.contains(hash);
}

QImage ThumbnailCache::get(const QString& hash) const {
    QMutexLocker lock(&mutex_);
    const QImage* img = cache_.object(hash);
    return img ? *img : QImage();
}

void ThumbnailCache::put(const QString& hash, const QImage& image) {
    QMutexLocker lock(&mutex_);
    cache_.insert(hash, new QImage(image), static_cast<qsizetype>(std::max<qint64>(1, image.sizeInBytes())));
}

QImage ThumbnailProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize) {
    QImage img = cache_->get(id);
    if (!img.isNull() && requestedSize.isValid() && (img.width() > requestedSize.width() || img.height() > requestedSize.height()))
        img = img.scaled(requestedSize, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (size) *size = img.size();
    return img;
}

// ---- the UI side ----------------------------------------------------------------------------------

Attachments::Attachments(AppContext* app) : app_(app) {
    worker_ = new FileWorker(app->databasePath());
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &FileWorker::attached, this, &Attachments::onAttached);
    connect(worker_, &FileWorker::saved, this, &Attachments::onSaved);
    connect(worker_, &FileWorker::thumbnailDone, this, [this](const QString& hash, const QImage& img) {
        if (img.isNull()) return;  // not an image after all: stays in decoding_, not tried again
        thumbs_->put(hash, img);
        decoding_.remove(hash);
        emit thumbnailReady(hash);
    });
    thread_.start();
    QMetaObject::invokeMethod(worker_, "open", Qt::BlockingQueuedConnection);
    remove_stale_copies();
    if (SyncController* sync = app->syncController())
        connect(sync, &SyncController::attachmentFetched, this, &Attachments::onFetched);
}

Attachments::~Attachments() {
    thread_.quit();
    thread_.wait();
    // Files opened with the system's viewer were copies outside the encrypted database:
    // they go with the app.
    removeOpenedCopies();
}

// Copies opened by an app that was killed (or crashed) are not removed at its exit: the
// next start removes those whose process is gone.
void Attachments::remove_stale_copies() {
    QDir tmp(QStandardPaths::writableLocation(QStandardPaths::TempLocation));
    for (const QString& name : tmp.entryList({QStringLiteral("fika-open-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 pid = name.mid(10).toLongLong(&ok);
        if (!ok || pid <= 0 || pid == QCoreApplication::applicationPid()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
        QDir(tmp.filePath(name)).removeRecursively();
    }
}

void Attachments::removeOpenedCopies() {
    if (!open_dir_.isEmpty()) QDir(open_dir_).removeRecursively();
    open_dir_.clear();
}

// A setting kept in the device database ("" when unset); set_setting stores one and says so.
QString Attachments::setting(const char* key) const {
    auto v = app_->ok() ? app_->store().meta(key) : sync::Result<std::optional<std::string>>(std::nullopt);
    return v.ok() && *v ? q(**v) : QString();
}

void Attachments::set_setting(const char* key, const std::string& value) {
    (void)app_->store().set_meta(key, value);
    emit settingsChanged();
}

QString Attachments::photoSize() const {
    QString size = setting("photo_size");
    return size == "original" || size == "small" ? size : QStringLiteral("large");
}

void Attachments::setPhotoSize(const QString& size) {
    if (app_->ok() && size != photoSize()) set_setting("photo_size", s(size));
}

int Attachments::limitMb() const {
    int mb = setting("attachment_limit_mb").toInt();
    return mb > 0 ? mb : static_cast<int>(rules::kDefaultAttachmentLimit / (1024 * 1024));
}

void Attachments::setLimitMb(int mb) {
    if (app_->ok() && mb >= 1 && mb != limitMb()) set_setting("attachment_limit_mb", std::to_string(std::min(mb, 2048)));
}

QString Attachments::prefetch() const {
    QString mode = setting("files_prefetch");
    return mode == "all" || mode == "open" ? mode : QStringLiteral("small");
}

void Attachments::setPrefetch(const QString& mode) {
    if (!app_->ok() || mode == prefetch()) return;
    set_setting("files_prefetch", s(mode));
    if (mode != "open") app_->syncController()->syncNow();
}

bool Attachments::attachFiles(const QString& kind, const QString& recordId, const QVariant& urls) {
    if (!app_->ok()) return false;
    QStringList list;
    if (urls.canConvert<QVariantList>() && urls.typeId() != QMetaType::QString)
        for (const QVariant& u : urls.toList()) list << (u.typeId() == QMetaType::QUrl ? u.toUrl().toString() : u.toString());
    else
        list << (urls.typeId() == QMetaType::QUrl ? urls.toUrl().toString() : urls.toString());
    list.removeAll(QString());
    if (list.isEmpty()) return app_->failWith(tr("Choose a file to attach"));
    if (rules::attachable_table(s(kind)).empty()) return app_->failWith(tr("Files cannot be attached here"));
    // Everything is checked before anything is stored: one bad file of three stores none.
    QStringList paths;
    const int edge = photo_edge(photoSize());
    for (const QString& u : list) {
        QString path = local_path(u);
        QFileInfo fi(path);
        if (!fi.exists()) return app_->failWith(tr("%1 does not exist").arg(path));
        if (fi.isDir()) return app_->failWith(tr("%1 is a folder: attach the files in it").arg(fi.fileName()));
        if (!fi.isReadable()) return app_->failWith(tr("%1 cannot be read").arg(fi.fileName()));
        if (auto own = app_->store().check_not_own_file(s(path)); !own.ok())
            return app_->failWith(tr("%1 is this app's own database").arg(fi.fileName()));
        // A photo that will be scaled down may be larger than the limit; anything else not.
        bool shrinks = edge > 0 && QImageReader(path).canRead();
        if (!shrinks && static_cast<std::uint64_t>(fi.size()) > limit_bytes())
            return app_->failWith(tr("%1 has %2; a file may have at most %3 (Settings): nothing was stored")
                                      .arg(fi.fileName(), megabytes(static_cast<std::uint64_t>(fi.size())), megabytes(limit_bytes())));
        paths << path;
    }
    for (const QString& path : paths) {
        ++busy_;
        QMetaObject::invokeMethod(worker_, "attachFile", Qt::QueuedConnection, Q_ARG(QString, kind), Q_ARG(QString, recordId),
                                  Q_ARG(QString, path), Q_ARG(int, edge), Q_ARG(qulonglong, limit_bytes()),
                                  Q_ARG(QString, app_->userId()), Q_ARG(qulonglong, app_->now_ms()));
    }
    emit busyChanged();
    return true;
}

std::uint64_t Attachments::prefetchBytes(const QString& mode) {
    return mode == "open" ? 0 : mode == "all" ? UINT64_MAX : 2ull * 1024 * 1024;
}

bool Attachments::cameraPossible() {
#ifdef Q_OS_LINUX
    return !QDir(QStringLiteral("/dev")).entryList({QStringLiteral("video*")}, QDir::System).isEmpty();
#else
    return true;
#endif
}

bool Attachments::attachClipboard(const QString& kind, const QString& recordId) {
    if (!app_->ok()) return false;
    const QMimeData* m = QGuiApplication::clipboard()->mimeData();
    if (m && m->hasImage())
        return attachImage(kind, recordId, m->imageData(),
                           tr("Pasted image %1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HHmmss"))));
    if (m && m->hasUrls()) {
        QVariantList urls;
        for (const QUrl& u : m->urls())
            if (u.isLocalFile()) urls << u;
        if (!urls.isEmpty()) return attachFiles(kind, recordId, urls);
    }
    return app_->failWith(tr("The clipboard holds no image or file"));
}

bool Attachments::attachImage(const QString& kind, const QString& recordId, const QVariant& image, const QString& base) {
    if (!app_->ok()) return false;
    QImage img = qvariant_cast<QImage>(image);
    if (img.isNull()) return app_->failWith(tr("The image cannot be read"));
    if (rules::attachable_table(s(kind)).empty()) return app_->failWith(tr("Files cannot be attached here"));
    ++busy_;
    emit busyChanged();
    QMetaObject::invokeMethod(worker_, "attachImage", Qt::QueuedConnection, Q_ARG(QString, kind), Q_ARG(QString, recordId),
                              Q_ARG(QImage, img), Q_ARG(QString, base), Q_ARG(int, photo_edge(photoSize())),
                              Q_ARG(qulonglong, limit_bytes()), Q_ARG(QString, app_->userId()), Q_ARG(qulonglong, app_->now_ms()));
    return true;
}

void Attachments::onAttached(const QString& recordId, const QString& attachmentId, const QString& name, const QString& error) {
    busy_ = std::max(0, busy_ - 1);
    emit busyChanged();
    if (!error.isEmpty()) {
        app_->failWith(error);
        emit failed(error);
        return;
    }
    app_->syncController()->localChange();
    app_->bump({"attachments"});
    emit attached(recordId, attachmentId, name);
}

QString Attachments::open_dir() {
    if (open_dir_.isEmpty()) {
        QString base = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
        QString dir = QDir(base).filePath(QStringLiteral("fika-open-%1").arg(QCoreApplication::applicationPid()));
        if (QDir().mkpath(dir)) {
            QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            open_dir_ = dir;
        }
    }
    return open_dir_;
}

void Attachments::write_out(const QString& attachmentId, const QString& path, bool open) {
    QVariantMap a = app_->record("attachments", attachmentId);
    if (a.isEmpty()) return (void)app_->failWith(tr("No such file")), emit failed(app_->lastError());
    QString hash = a.value("sha256").toString();
    auto held = app_->store().content_have(s(hash));
    if (held.ok() && *held && (*held)->complete()) {
        QMetaObject::invokeMethod(worker_, "save", Qt::QueuedConnection, Q_ARG(QString, attachmentId), Q_ARG(QString, hash),
                                  Q_ARG(QString, path), Q_ARG(bool, open));
        return;
    }
    // Not here yet: downloaded first (the sync worker has the server's token).
    pending_[attachmentId] = {path, open};
    emit downloading(attachmentId);
    app_->syncController()->fetchAttachment(attachmentId);
}

void Attachments::open(const QString& attachmentId) {
    QVariantMap a = app_->record("attachments", attachmentId);
    if (a.isEmpty()) return (void)app_->failWith(tr("No such file")), emit failed(app_->lastError());
    QString dir = open_dir();
    if (dir.isEmpty()) return (void)app_->failWith(tr("There is no folder to open files from")), emit failed(app_->lastError());
    // Each attachment in its own folder: two files of one name do not overwrite each other.
    QString folder = QDir(dir).filePath(attachmentId);
    QDir().mkpath(folder);
    write_out(attachmentId, QDir(folder).filePath(a.value("name").toString()), true);
}

void Attachments::saveCopy(const QString& attachmentId, const QString& urlOrPath) {
    QString path = local_path(urlOrPath);
    if (path.trimmed().isEmpty()) return (void)app_->failWith(tr("Choose where to save the file")), emit failed(app_->lastError());
    if (auto own = app_->store().check_not_own_file(s(path)); !own.ok())
        return (void)app_->failWith(tr("%1 is this app's own database").arg(path)), emit failed(app_->lastError());
    write_out(attachmentId, path, false);
}

void Attachments::download(const QString& attachmentId) { app_->syncController()->fetchAttachment(attachmentId); }

void Attachments::onFetched(const QString& attachmentId, bool ok, const QString& message) {
    auto it = pending_.find(attachmentId);
    if (it == pending_.end()) {
        if (!ok) emit failed(message);
        return;
    }
    Pending p = it.value();
    pending_.erase(it);
    if (!ok) {
        app_->failWith(message);
        emit failed(message);
        return;
    }
    write_out(attachmentId, p.path, p.open);
}

void Attachments::onSaved(const QString& attachmentId, const QString& path, bool open, const QString& error) {
    if (!error.isEmpty()) {
        app_->failWith(error);
        emit failed(error);
        return;
    }
    if (!open) return emit saved(attachmentId, path);
    QUrl url = QUrl::fromLocalFile(path);
    bool shown = opener_ ? opener_(url) : QDesktopServices::openUrl(url);
    if (!shown) {
        app_->failWith(tr("No program on this device opens %1").arg(QFileInfo(path).fileName()));
        emit failed(app_->lastError());
        return;
    }
    emit opened(attachmentId, path);
}

bool Attachments::rename(const QString& attachmentId, const QString& name) {
    if (name.trimmed().isEmpty()) return app_->failWith(tr("A file needs a name"));
    return app_->updateRecord("attachments", attachmentId, {{"name", q(rules::attachment_name(s(name.trimmed())))}});
}

bool Attachments::sendAgain(const QString& attachmentId) {
    if (!app_->ok()) return false;
    if (auto st = app_->store().upload_retry(s(attachmentId)); !st.ok()) return app_->failWith(q(st.error().message));
    app_->bump({"attachments"});
    app_->syncController()->syncNow();
    return true;
}

QString Attachments::thumbnail(const QString& hash) {
    if (hash.isEmpty()) return {};
    if (thumbs_->has(hash)) return QStringLiteral("image://attachments/") + hash;
    if (!decoding_.contains(hash)) {
        decoding_.insert(hash);
        QMetaObject::invokeMethod(worker_, "thumbnail", Qt::QueuedConnection, Q_ARG(QString, hash));
    }
    return {};
}

}  // namespace fika::app

#include "app_attachments.moc"
