#include "runner.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QOpenGLContext>
#include <QTranslator>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

#include "appcontext.h"
#include "devicelock.h"
#include "notifier.h"
#include "synccontroller.h"

namespace fika::app {

namespace {

QStringList g_warnings;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    if (type != QtDebugMsg && type != QtInfoMsg) {
        // Noise from the platform, not from our QML or C++.
        bool platform = msg.contains("XDG_RUNTIME_DIR") || msg.contains("propagateSizeHints") ||
                        msg.contains("QSystemTrayIcon") || msg.contains("This plugin does not support");
        if (!platform) g_warnings << msg;
    }
    if (g_previous) g_previous(type, ctx, msg);
}

// Spins the event loop until the window has painted and settled.
void settle(QQuickWindow* w, int ms) {
    QElapsedTimer t;
    t.start();
    // frameSwapped comes from the render thread, maybe after this returns: shared state.
    auto painted = std::make_shared<std::atomic<bool>>(false);
    auto c = QObject::connect(w, &QQuickWindow::frameSwapped, w, [painted] { *painted = true; }, Qt::DirectConnection);
    while (t.elapsed() < ms || !*painted) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (t.elapsed() > ms * 10) break;
    }
    QObject::disconnect(c);
}

bool grab(QQuickWindow* w, const QString& path) {
    QImage img = w->grabWindow();
    if (img.isNull()) return false;
    QDir().mkpath(QFileInfo(path).absolutePath());
    return img.save(path);
}

QSize parse_size(const QString& s, QSize fallback) {
    auto parts = s.split('x');
    if (parts.size() != 2) return fallback;
    return QSize(parts[0].toInt(), parts[1].toInt());
}

}  // namespace

// Milliseconds since this process was started by the kernel (before the dynamic loader
// and Qt's libraries), or -1 where /proc is not there.
static long long ms_since_process_start() {
    std::ifstream f("/proc/self/stat");
    std::ostringstream whole;
    whole << f.rdbuf();  // (an istreambuf_iterator here trips GCC 12's -Wnull-dereference)
    std::string stat = whole.str();
    auto close = stat.rfind(')');  // the command name (field 2) may hold spaces
    if (close == std::string::npos) return -1;
    // Field 3 follows the name; the start time, in clock ticks since boot, is field 22.
    std::istringstream rest(stat.substr(close + 1));
    std::string field;
    for (int i = 3; i < 22; ++i) rest >> field;
    unsigned long long ticks = 0;
    if (!(rest >> ticks)) return -1;
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    double up_ms = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    return static_cast<long long>(up_ms - static_cast<double>(ticks) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK)));
}

// Opens the first case's customer and then the case over the page shown, saves the
// case's next step and value `n` times and prints the milliseconds each save took on the main
// thread: the write plus every live model's refresh and the views' updates, i.e. how long
// the user interface stood still. Every save is followed by a drawn frame.
static int save_metric(AppContext& ctx, QQuickWindow* window, int n) {
    settle(window, 300);
    QString kase = ctx.firstId("cases");
    QString account = ctx.record("cases", kase).value("account_id").toString();
    if (kase.isEmpty() || n <= 0) {
        std::fprintf(stderr, "fika: --save-metric needs a positive count and a case in the database\n");
        return 1;
    }
    QString under = window->property("page").toString();
    QMetaObject::invokeMethod(window, "openPage", Q_ARG(QVariant, "customer"), Q_ARG(QVariant, account));
    QMetaObject::invokeMethod(window, "openPage", Q_ARG(QVariant, "case"), Q_ARG(QVariant, kase));
    settle(window, 300);
    std::vector<double> ms;
    int probability = ctx.record("cases", kase).value("probabilityEffective").toInt();  // the form's, unchanged
    for (int i = 0; i < n; ++i) {
        QElapsedTimer t;
        t.start();
        bool ok = ctx.saveCase(kase, {{"next_step", QString("Call back, round %1").arg(i)}, {"value", 1000 + i}},
                               probability);
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (!ok) {
            std::fprintf(stderr, "fika: save %d failed: %s\n", i, qPrintable(ctx.lastError()));
            return 1;
        }
        settle(window, 20);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"saves\":%d,\"save_ms_p50\":%.2f,\"save_ms_max\":%.2f,\"page\":\"%s\"}\n", n,
                ms[ms.size() / 2], ms.back(), qPrintable(under));
    return 0;
}

// Loads the platform's OpenGL driver on a thread of its own while the vault and the
// database open. The first window does it otherwise, on the main thread, before it builds
// anything (its render loop probes OpenGL): without a GPU that is Mesa's llvmpipe and its
// LLVM, ~100 ms of loading and relocating (fika-bench S6). The same driver then serves the
// window: GLX loads it once per display. X11 only (Qt's xcb makes Xlib thread-safe for its
// render threads); wait() before the first window is made, as Qt sets up its OpenGL
// integration on first use without a lock.
class OpenGlWarmup {
public:
    OpenGlWarmup() {
        if (QQuickWindow::graphicsApi() != QSGRendererInterface::OpenGL || QGuiApplication::platformName() != "xcb")
            return;
        thread_ = std::thread([] {
            QOpenGLContext probe;
            probe.create();
        });
    }
    ~OpenGlWarmup() { wait(); }
    void wait() {
        if (thread_.joinable()) thread_.join();
    }

private:
    std::thread thread_;
};

// When the parts of a start were done, in ms since main().
struct StartMarks {
    long long unlock_ms;  // the encrypted database's vault open (keyring, key derivation)
    long long ctx_ms;     // the database and the models open
    long long qml_ms;     // the window's QML created
};

// --startup-metric: waits for the first frame that shows the start page (a window drawn
// before its page was made does not count), prints the timeline as JSON and quits.
int startup_metric(QQuickWindow* window, const QElapsedTimer& since, StartMarks marks) {
    // The render thread's signals; shared state, as they may come after exec() returned.
    struct Seen {
        std::atomic<long long> gl_ms{-1}, window_frame_ms{-1};
        std::atomic<bool> page_synced{false}, reported{false};
    };
    auto seen = std::make_shared<Seen>();
    QObject::connect(window, &QQuickWindow::sceneGraphInitialized, window,
                     [seen, since] { seen->gl_ms = since.elapsed(); }, Qt::DirectConnection);
    // The GUI thread waits while a frame is synchronised: its page can be read then.
    QObject::connect(window, &QQuickWindow::beforeSynchronizing, window, [seen, window] {
        if (!seen->page_synced && !window->property("page").toString().isEmpty()) seen->page_synced = true;
    }, Qt::DirectConnection);
    QObject::connect(window, &QQuickWindow::frameSwapped, window, [seen, since, marks] {
        long long now = since.elapsed();
        long long none = -1;
        seen->window_frame_ms.compare_exchange_strong(none, now);
        if (!seen->page_synced || seen->reported.exchange(true)) return;
        // first_frame_ms from the process's start (the kernel's clock, 10 ms ticks: the
        // dynamic loading before main() included); the rest from main().
        long long first = ms_since_process_start(), gl = seen->gl_ms, window_frame = seen->window_frame_ms;
        QMetaObject::invokeMethod(QCoreApplication::instance(), [=] {
            std::printf("{\"first_frame_ms\":%lld,\"since_main_ms\":%lld,\"unlock_ms\":%lld,\"ctx_ms\":%lld,"
                        "\"qml_ms\":%lld,\"gl_ms\":%lld,\"window_frame_ms\":%lld}\n",
                        first, now, marks.unlock_ms, marks.ctx_ms, marks.qml_ms, gl, window_frame);
            std::fflush(stdout);
            QCoreApplication::quit();
        }, Qt::QueuedConnection);
    }, Qt::DirectConnection);
    return QCoreApplication::exec();
}

const QStringList& all_pages() {
    static const QStringList pages = {"welcome", "home", "customers", "customer", "capture", "log", "inbox",
                                      "pipeline", "case", "numbers", "conflicts", "trash", "settings", "account",
                                      "programme"};
    return pages;
}

void use_app_style() { QQuickStyle::setStyle(QStringLiteral("Material")); }

int run_app(int argc, char** argv) {
    QElapsedTimer since_start;
    since_start.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName("fika");
    QApplication::setOrganizationName("fika");
    QApplication::setApplicationDisplayName("Fika");
    // The window's and the task bar's icon; the desktop file (client/app/dist) has the same.
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/Fika/icons/fika.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("fika"));
    use_app_style();
    OpenGlWarmup opengl;

    QCommandLineParser p;
    p.setApplicationDescription("Fika: capture leads and log conversations, offline first.");
    p.addHelpOption();
    QCommandLineOption db(QStringLiteral("db"), "The local database file (default: the platform's app-data location).", "FILE");
    QCommandLineOption demo(QStringLiteral("demo"), "Start with the demo data set (in a fresh database).");
    QCommandLineOption shot(QStringLiteral("screenshot"), "Render a page, save it as PNG and exit.", "FILE");
    QCommandLineOption size(QStringLiteral("size"), "Window size for --screenshot and --self-test.", "WxH", "1280x800");
    QCommandLineOption page(QStringLiteral("page"),
                            "The page to show first: " + all_pages().join(", ") + " (customer:NAME opens that customer, case:TITLE that case).",
                            "NAME");
    QCommandLineOption lang(QStringLiteral("lang"), "Language (en, sv, da) for this run.", "CODE");
    QCommandLineOption theme(QStringLiteral("theme"), "light or dark, as Settings' Dark theme (kept).", "THEME");
    QCommandLineOption selftest(QStringLiteral("self-test"),
                                "Load every page at 360x640 and 1280x800, write screenshots to DIR, and fail on any "
                                "QML warning or error.",
                                "DIR");
    QCommandLineOption startup(QStringLiteral("startup-metric"),
                               "Print the milliseconds from start to the first frame as JSON, then exit.");
    QCommandLineOption saves(QStringLiteral("save-metric"),
                             "Open the first case over the first page, save it N times as a user would (its "
                             "next step and value) and print how long each save held the user interface, as JSON.",
                             "N");
    QCommandLineOption no_keyring(QStringLiteral("no-keyring"),
                                  "Do not use the OS keyring for the database's key: ask for a passphrase "
                                  "(or take $FIKA_PASSPHRASE).");
    p.addOptions({db, demo, shot, size, page, lang, theme, selftest, startup, saves, no_keyring});
    p.addPositionalArgument("link",
                            "A fika://enrol link (from an admin's mail, or a QR code): sign this device in with it. "
                            "A fika://case/ID or fika://account/ID link (from a seller's mail): open that case or "
                            "customer.",
                            "[fika://...]");
    p.process(app);
    QString enrol_link, open_page;
    for (const QString& a : p.positionalArguments()) {
        if (a.startsWith("fika://case/") || a.startsWith("fika://account/")) {
            open_page = a.mid(7);  // "case/ID", "account/ID": Main.qml's showPage opens it
            continue;
        }
        if (!a.startsWith("fika://")) {
            std::fprintf(stderr, "fika: unknown argument %s (see --help)\n", qPrintable(a));
            return 2;
        }
        enrol_link = a;
    }

    bool quiet_run = p.isSet(shot) || p.isSet(selftest);
    if (quiet_run) g_previous = qInstallMessageHandler(capture);

    // The encrypted database first (its passphrase from the keyring, $FIKA_PASSPHRASE or
    // the person at the keyboard), in the language asked for or the system's.
    QString db_path = p.value(db).isEmpty() ? AppContext::default_database() : p.value(db);
    QDir().mkpath(QFileInfo(db_path).absolutePath());
    DeviceLock lock(db_path, !p.isSet(no_keyring));
    QElapsedTimer unlocking;
    unlocking.start();
    bool quietly = lock.try_quietly();
    const long long unlock_ms = unlocking.elapsed();
    if (!quietly) {
        if (quiet_run || p.isSet(startup) || p.isSet(saves)) {
            std::fprintf(stderr, "fika: %s needs its passphrase: set FIKA_PASSPHRASE%s\n", qPrintable(db_path),
                         lock.error().isEmpty() ? "" : qPrintable(" (" + lock.error() + ")"));
            return 1;
        }
        QTranslator tr;
        QString code = p.isSet(lang) ? p.value(lang) : QLocale::system().name().left(2);
        if (tr.load(":/i18n/fika_" + code + ".qm")) QCoreApplication::installTranslator(&tr);
        bool unlocked = false;
        opengl.wait();
        {
            QQmlApplicationEngine lock_engine;
            lock_engine.addImportPath(QStringLiteral("qrc:/"));
            lock_engine.setInitialProperties({{"lock", QVariant::fromValue(static_cast<QObject*>(&lock))}});
            lock_engine.load(QUrl(QStringLiteral("qrc:/Fika/LockWindow.qml")));
            if (lock_engine.rootObjects().isEmpty()) {
                std::fprintf(stderr, "fika: the unlock window failed to load\n");
                return 1;
            }
            QEventLoop loop;
            QObject::connect(&lock, &DeviceLock::done, &loop, [&] {
                unlocked = true;
                loop.quit();
            });
            app.setQuitOnLastWindowClosed(false);
            QObject::connect(&app, &QGuiApplication::lastWindowClosed, &loop, &QEventLoop::quit);
            loop.exec();
            app.setQuitOnLastWindowClosed(true);
        }
        QCoreApplication::removeTranslator(&tr);
        if (!unlocked) return 0;
    }

    AppContext::Options opts;
    opts.database = db_path;
    opts.tokens = lock.tokens();
    opts.demo = p.isSet(demo);
    opts.start_page = open_page.isEmpty() ? p.value(page) : open_page;
    opts.enrol_link = enrol_link;
    AppContext ctx(opts);
    const long long ctx_ms = since_start.elapsed();
    if (!ctx.ok()) {
        std::fprintf(stderr, "fika: cannot open the database %s: %s\n", qPrintable(ctx.databasePath()),
                     qPrintable(ctx.openError()));
        return 1;
    }
    if (p.isSet(lang)) ctx.setLanguage(p.value(lang));
    if (p.isSet(theme)) {
        if (p.value(theme) != QLatin1String("light") && p.value(theme) != QLatin1String("dark")) {
            std::fprintf(stderr, "fika: --theme takes light or dark\n");
            return 2;
        }
        ctx.setDarkTheme(p.value(theme) == QLatin1String("dark"));
    }

    opengl.wait();
    QQmlApplicationEngine engine;
    ctx.attach(&engine);
    // Qt 6.4 puts the module at qrc:/Fika/ (the resource prefix is "/"); make it importable
    // from every file of the module, not only from Main.qml's own folder.
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/Fika/Main.qml")));
    if (engine.rootObjects().isEmpty()) {
        std::fprintf(stderr, "fika: the user interface failed to load\n");
        for (const QString& w : g_warnings) std::fprintf(stderr, "  %s\n", qPrintable(w));
        return 1;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    const long long qml_ms = since_start.elapsed();
    // The start's background work (the file's check, the first sync) waits for the first
    // frame: begun before it, it took a core the window was being built on.
    QObject::connect(window, &QQuickWindow::frameSwapped, ctx.syncController(), &SyncController::firstScreenShown,
                     static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));

    // A seller's new case becomes a desktop notification where the desktop has a tray.
    std::unique_ptr<DesktopNotifier> notifier;
    if (!quiet_run) {
        notifier = std::make_unique<DesktopNotifier>(ctx.syncController(), ctx.reminders());
        QObject::connect(notifier.get(), &DesktopNotifier::clicked, window, [window] {
            window->show();
            window->raise();
            window->requestActivate();
        });
        QObject::connect(notifier.get(), &DesktopNotifier::openRequested, window, [window](const QString& page) {
            QMetaObject::invokeMethod(window, "showPage", Q_ARG(QVariant, page), Q_ARG(QVariant, QVariant()));
        });
    }

    if (p.isSet(startup)) return startup_metric(window, since_start, {unlock_ms, ctx_ms, qml_ms});

    if (p.isSet(saves)) return save_metric(ctx, window, p.value(saves).toInt());

    if (p.isSet(shot)) {
        window->resize(parse_size(p.value(size), QSize(1280, 800)));
        settle(window, 700);
        bool ok = grab(window, p.value(shot));
        for (const QString& w : g_warnings) std::fprintf(stderr, "warning: %s\n", qPrintable(w));
        if (!ok) std::fprintf(stderr, "fika: could not write %s\n", qPrintable(p.value(shot)));
        return ok && g_warnings.isEmpty() ? 0 : 1;
    }

    if (p.isSet(selftest)) {
        QString dir = p.value(selftest);
        int failures = 0;
        for (QSize sz : {QSize(360, 640), QSize(1280, 800)}) {
            window->resize(sz);
            for (const QString& name : all_pages()) {
                g_warnings.clear();
                QMetaObject::invokeMethod(window, "showPage", Q_ARG(QVariant, name), Q_ARG(QVariant, QVariant()));
                settle(window, 400);
                QString file = QString("%1/%2-%3x%4.png").arg(dir, name).arg(sz.width()).arg(sz.height());
                bool ok = grab(window, file);
                QString shown = window->property("page").toString();
                if (!ok || !g_warnings.isEmpty() || shown != name) {
                    ++failures;
                    std::fprintf(stderr, "FAIL %s at %dx%d%s\n", qPrintable(name), sz.width(), sz.height(),
                                 shown != name ? qPrintable(" (showed " + shown + ")") : "");
                    for (const QString& w : g_warnings) std::fprintf(stderr, "  %s\n", qPrintable(w));
                } else {
                    std::printf("ok   %s at %dx%d -> %s\n", qPrintable(name), sz.width(), sz.height(), qPrintable(file));
                }
            }
        }
        std::printf("%d passed, %d failed\n", static_cast<int>(all_pages().size()) * 2 - failures, failures);
        return failures ? 1 : 0;
    }
    return app.exec();
}

}  // namespace fika::app
