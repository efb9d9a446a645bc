// Qt Quick Test runner for the app's flows (tests/app/qml/tst_*.qml, label qml): the real
// pages of the Fika module over a real AppContext on a temporary demo database.
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QMimeData>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QUrl>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "runner.h"
#include "appcontext.h"
#include "app_attachments.h"
#include "store.h"

Q_IMPORT_QML_PLUGIN(FikaPlugin)

// QML warnings and errors (a ReferenceError in a handler, a binding that throws) while no
// test runs (loading the files), kept until a test takes them. While a test runs QtTest's
// own handler comes first: tst_*.qml's failOnWarning fails a test that produced one.
QStringList g_qml_warnings;
QtMessageHandler g_previous_handler = nullptr;

void record_warnings(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    const QString cat = ctx.category ? QString::fromLatin1(ctx.category) : QString();
    if (type != QtDebugMsg && type != QtInfoMsg &&
        (cat == "qml" || cat == "js" || cat.startsWith("qt.qml") || msg.contains(".qml:")))
        g_qml_warnings << msg;
    if (g_previous_handler) g_previous_handler(type, ctx, msg);
}

// What the QML tests need that the app does not offer: a remote write that conflicts.
class TestHelper : public QObject {
    Q_OBJECT
public:
    Q_INVOKABLE QStringList takeWarnings() {
        QStringList w;
        w.swap(g_qml_warnings);
        return w;
    }
    fika::app::AppContext* app = nullptr;
    // A count the test checks a view against, read straight from the database.
    Q_INVOKABLE int count(const QString& sql) {
        fika::sync::Stmt st = app->store().read(sql.toStdString());
        return st.step() ? static_cast<int>(st.integer(0)) : -1;
    }
    // Files a user would attach: a photo (noise, so that it does not compress to nothing),
    // any bytes; in a folder of their own.
    Q_INVOKABLE QString tempFile(const QString& name) { return files_.filePath(name); }
    Q_INVOKABLE bool writeImage(const QString& path, int w, int h) { return noise(w, h).save(path, nullptr, 90); }
    Q_INVOKABLE bool writeBytes(const QString& path, int n) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return false;
        QByteArray b(n, '\0');
        for (int i = 0; i < n; ++i) b[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
        return f.write(b) == n;
    }
    Q_INVOKABLE QByteArray fileBytes(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    Q_INVOKABLE bool sameFile(const QString& a, const QString& b) {
        QByteArray x = fileBytes(a);
        return !x.isEmpty() && x == fileBytes(b);
    }
    Q_INVOKABLE QSize imageSize(const QString& path) { return QImageReader(path).size(); }
    // What a user copies: a screenshot, or files in a file manager.
    Q_INVOKABLE void copyImage(int w, int h) { QGuiApplication::clipboard()->setImage(noise(w, h)); }
    Q_INVOKABLE void copyText(const QString& text) { QGuiApplication::clipboard()->setText(text); }
    // Files dragged from a file manager and dropped on `target`: the window gets the drag
    // events a real drop sends (enter, move, drop) at the item's centre. True when the
    // window took them (what the page made of them, the test reads from the page).
    Q_INVOKABLE bool dropFiles(QQuickItem* target, const QStringList& paths) {
        if (!target || !target->window()) return false;
        QMimeData data;
        QList<QUrl> urls;
        for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
        data.setUrls(urls);
        QPoint at = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target->window(), &enter);
        QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target->window(), &move);
        QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        return QCoreApplication::sendEvent(target->window(), &drop);
    }
    // Files the app hands to the system's viewer are caught here instead.
    Q_INVOKABLE void catchOpened() {
        app->files()->setOpener([this](const QUrl& url) {
            opened_ = url.toLocalFile();
            return true;
        });
    }
    Q_INVOKABLE QString lastOpened() const { return opened_; }
    // A concurrent remote write of `field` that beats the local value.
    Q_INVOKABLE bool makeConflict(const QString& table, const QString& id, const QString& field, const QString& theirs) {
        auto& st = app->store();
        const fika::sync::TableDef* t = st.schema().table(table.toStdString());
        if (!t) return false;
        fika::sync::RecordChange rc{t, id.toStdString(), {}};
        fika::sync::Clock clock{st.hlc_last() + 100000, 0x42};
        rc.cells.push_back({t->field_index(field.toStdString()), fika::sync::text(theirs.toStdString()), clock, {}, 0});
        if (!st.apply({rc}).ok()) return false;
        app->bump();
        return true;
    }

private:
    static QImage noise(int w, int h) {
        QImage img(w, h, QImage::Format_RGB32);
        for (int y = 0; y < h; ++y) {
            auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
            for (int x = 0; x < w; ++x) line[x] = qRgb((x * 255) / w, (y * 255) / h, QRandomGenerator::global()->bounded(256));
        }
        return img;
    }
    QTemporaryDir files_;
    QString opened_;
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        fika::app::use_app_style();
        g_previous_handler = qInstallMessageHandler(record_warnings);
        fika::app::AppContext::Options o;
        o.database = dir_.filePath("qml-test.db");
        o.demo = true;
        app_ = std::make_unique<fika::app::AppContext>(o);
        app_->setLanguage("en");
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        app_->attach(engine);
        helper_.app = app_.get();
        qmlRegisterSingletonInstance("FikaTest", 1, 0, "TestHelper", &helper_);
    }
    void cleanupTestCase() { app_.reset(); }

private:
    QTemporaryDir dir_;
    std::unique_ptr<fika::app::AppContext> app_;
    TestHelper helper_;
};

QUICK_TEST_MAIN_WITH_SETUP(fika_qml, Setup)

#include "test_qml.moc"
