// The device's encrypted database as a person meets it (client/app/devicelock.h,
// qml/LockWindow.qml): a new device without a keyring asks for a passphrase twice, a
// mistyped one is refused, the app starts on an encrypted file; the next start asks for
// it, refuses a wrong one and opens with the right one; a plain database from before
// encryption is encrypted on first start with nothing lost and its token moved into the
// vault. With a keyring (tests tagged [keyring], run inside dbus-run-session with
// gnome-keyring by tests/harness/with_keyring.sh) none of this asks anything. A QML
// warning fails the test (label qml).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <filesystem>

#include "runner.h"
#include "appcontext.h"
#include "devicelock.h"
#include "encrypted_vfs.h"
#include "qt_testutil.h"
#include "store.h"
#include "testutil.h"
#include "vault.h"

Q_IMPORT_QML_PLUGIN(FikaPlugin)

using fika::app::AppContext;
using fika::app::DeviceLock;
using fika::test::TempDir;
using fika::test::wait_until;
namespace fs = std::filesystem;

namespace {

QStringList& g_warnings = fika::test::qml_warnings();

// The app on the database DeviceLock opened.
std::unique_ptr<AppContext> open_app(const QString& db, const DeviceLock& lock, bool demo = false) {
    AppContext::Options o;
    o.database = db;
    o.demo = demo;
    o.tokens = lock.tokens();
    auto ctx = std::make_unique<AppContext>(o);
    REQUIRE(ctx->ok());
    return ctx;
}

// The lock window over `lock`, driven with clicks and keys.
class LockUi {
public:
    explicit LockUi(DeviceLock& lock) {
        g_warnings.clear();
        engine.addImportPath(QStringLiteral("qrc:/"));
        engine.setInitialProperties({{"lock", QVariant::fromValue(static_cast<QObject*>(&lock))}});
        engine.load(QUrl(QStringLiteral("qrc:/Fika/LockWindow.qml")));
        REQUIRE(!engine.rootObjects().isEmpty());
        win = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        REQUIRE(win);
        win->show();
        REQUIRE(QTest::qWaitForWindowExposed(win));
        QObject::connect(&lock, &DeviceLock::done, [this] { done = true; });
        settle();
    }
    ~LockUi() { CHECK(g_warnings == QStringList{}); }
    void settle(int ms = 60) { wait_until([] { return false; }, ms); }
    QQuickItem* find(const QString& name) const { return win->findChild<QQuickItem*>(name); }
    QString text(const QString& name) const {
        QQuickItem* i = find(name);
        REQUIRE(i);
        return i->property("text").toString();
    }
    bool shown(const QString& name) const { return find(name) && find(name)->isVisible(); }
    void click(const QString& name) {
        QQuickItem* i = find(name);
        REQUIRE(i);
        REQUIRE(i->isVisible());
        QPointF at = i->mapToScene(QPointF(i->width() / 2, i->height() / 2));
        QTest::mouseClick(win, Qt::LeftButton, {}, at.toPoint());
        settle();
    }
    void type(const QString& s) {
        for (QChar ch : s) {
            Qt::Key k = ch.isLetterOrNumber() && ch.unicode() < 128 ? Qt::Key(ch.toUpper().unicode())
                        : ch == ' '                                 ? Qt::Key_Space
                                                                    : Qt::Key_unknown;
            QTest::sendKeyEvent(QTest::Click, win, k, QString(ch), Qt::NoModifier);
        }
        settle();
    }
    void type_into(const QString& field, const QString& s) {
        click(field);
        type(s);
    }
    void enter() {
        QTest::keyClick(win, Qt::Key_Return);
        settle(200);
    }
    QQmlApplicationEngine engine;
    QQuickWindow* win = nullptr;
    bool done = false;
};

std::string everything(const TempDir& dir) { return fika::test::bytes_under(dir.path()); }

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    qunsetenv("FIKA_PASSPHRASE");
    QApplication app(argc, argv);
    fika::app::use_app_style();
    fika::test::install_qml_warning_recorder();
    return Catch::Session().run(argc, argv);
}

TEST_CASE("a new device without a keyring asks for a passphrase twice - then the app starts on an encrypted file") {
    TempDir dir;
    QString db = QString::fromStdString(dir.file("fika.db"));
    {
        DeviceLock lock(db, false);
        REQUIRE_FALSE(lock.try_quietly());
        CHECK(lock.mode() == "protect");
        LockUi ui(lock);
        CHECK(ui.text("lockHeading") == "Protect this device");
        CHECK(ui.shown("repeatField"));
        // Too short; then two that differ: each says why, nothing is written.
        ui.type_into("passphraseField", "short");
        ui.type_into("repeatField", "short");
        ui.enter();
        CHECK(ui.text("lockError") == "The passphrase needs at least 8 characters");
        ui.find("passphraseField")->setProperty("text", "");
        ui.find("repeatField")->setProperty("text", "");
        ui.type_into("passphraseField", "correct horse");
        ui.type_into("repeatField", "correct h0rse");
        ui.click("lockButton");
        CHECK(ui.text("lockError") == "The two passphrases differ");
        CHECK_FALSE(ui.done);
        CHECK_FALSE(fs::exists(dir.file("fika.db.vault")));
        ui.find("repeatField")->setProperty("text", "");
        ui.type_into("repeatField", "correct horse");
        ui.enter();
        REQUIRE(ui.done);
        // The app on it: the demo's words never reach the disk in clear.
        auto ctx = open_app(db, lock, true);
        CHECK(ctx->encrypted());
        CHECK(ctx->firstId("accounts") != "");
    }
    CHECK(fika::sync::crypt::inspect(dir.file("fika.db")) == fika::sync::crypt::FileKind::Encrypted);
    CHECK(everything(dir).find("Acme") == std::string::npos);

    // The next start asks; a wrong passphrase is refused where it was typed.
    fika::sync::crypt::forget_key(dir.file("fika.db"));
    DeviceLock again(db, false);
    REQUIRE_FALSE(again.try_quietly());
    CHECK(again.mode() == "unlock");
    LockUi ui(again);
    CHECK(ui.text("lockHeading") == "Unlock Fika");
    CHECK_FALSE(ui.shown("repeatField"));
    ui.type_into("passphraseField", "correct hors");
    ui.enter();
    CHECK(ui.text("lockError") == "That is not this device's passphrase");
    CHECK_FALSE(ui.done);
    QTest::keyClick(ui.win, Qt::Key_End);
    ui.type("e");
    ui.enter();
    REQUIRE(ui.done);
    CHECK(open_app(db, again)->firstId("accounts") != "");
    fika::sync::crypt::forget_key(dir.file("fika.db"));
}

TEST_CASE("a plain database from before encryption is encrypted on first start - nothing lost - its token moves to the vault") {
    TempDir dir;
    std::string path = dir.file("old.db");
    std::string acct;
    {
        auto s = fika::sync::Store::open(path);
        REQUIRE(s.ok());
        acct = *(*s)->create("accounts", {{"name", fika::sync::text("Zanzibar-strategy-4711 AB")}});
        REQUIRE((*s)->set_meta("server_url", "http://127.0.0.1:9").ok());
        REQUIRE((*s)->set_meta("server_token", "tok-BEFORE-ENCRYPTION").ok());
    }
    CHECK(everything(dir).find("tok-BEFORE-ENCRYPTION") != std::string::npos);
    DeviceLock lock(QString::fromStdString(path), false);
    REQUIRE_FALSE(lock.try_quietly());
    LockUi ui(lock);
    ui.type_into("passphraseField", "a long passphrase");
    ui.type_into("repeatField", "a long passphrase");
    ui.click("lockButton");
    REQUIRE(ui.done);
    CHECK(everything(dir).find("tok-BEFORE-ENCRYPTION") == std::string::npos);
    CHECK(everything(dir).find("Zanzibar") == std::string::npos);
    REQUIRE(lock.tokens());
    CHECK(lock.tokens()->token() == "tok-BEFORE-ENCRYPTION");
    auto ctx = open_app(QString::fromStdString(path), lock);
    CHECK(ctx->record("accounts", QString::fromStdString(acct)).value("name").toString() == "Zanzibar-strategy-4711 AB");
    CHECK(ctx->serverUrl() == "http://127.0.0.1:9");
    // Signing out of the server clears the vault's token too.
    ctx->disconnectServer();
    CHECK(lock.tokens()->token() == "");
    CHECK(fika::client::Vault::unlock(path + ".vault", "a long passphrase")->secrets().token == "");
    fika::sync::crypt::forget_key(path);
}

TEST_CASE("an encrypted database whose vault is gone says so - and offers nothing that could overwrite it") {
    TempDir dir;
    std::string path = dir.file("fika.db");
    {
        auto v = fika::client::protect_database(path, "pass phrase 1", "", {1024, 8, 1});
        REQUIRE(v.ok());
        auto s = fika::sync::Store::open(path);
        REQUIRE(s.ok());
    }
    fs::remove(path + ".vault");
    fika::sync::crypt::forget_key(path);
    DeviceLock lock(QString::fromStdString(path), false);
    REQUIRE_FALSE(lock.try_quietly());
    CHECK(lock.mode() == "lost");
    LockUi ui(lock);
    CHECK_THAT(ui.text("lockError").toStdString(), Catch::Contains("vault"));
    CHECK_FALSE(ui.shown("passphraseField"));
    CHECK_FALSE(ui.shown("lockButton"));
    CHECK(ui.shown("lockQuit"));
    CHECK(fika::sync::crypt::inspect(path) == fika::sync::crypt::FileKind::Encrypted);
}

TEST_CASE("with a keyring nothing is asked - the key's secret lives in the keyring - the next start opens by itself", "[keyring]") {
    TempDir dir;
    QString db = QString::fromStdString(dir.file("fika.db"));
    {
        DeviceLock lock(db, true);
        REQUIRE(lock.try_quietly());
        CHECK(open_app(db, lock, true)->encrypted());
    }
    CHECK(fika::sync::crypt::inspect(dir.file("fika.db")) == fika::sync::crypt::FileKind::Encrypted);
    CHECK(everything(dir).find("Acme") == std::string::npos);
    QString secret = DeviceLock::keyring_read(DeviceLock::keyring_key(db));
    CHECK(secret.size() >= 40);
    fika::sync::crypt::forget_key(dir.file("fika.db"));
    DeviceLock again(db, true);
    REQUIRE(again.try_quietly());
    CHECK(open_app(db, again)->firstId("accounts") != "");
    fika::sync::crypt::forget_key(dir.file("fika.db"));
}
