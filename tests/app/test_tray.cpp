// A seller's new case as a desktop notification, on a real X display (Xvfb) with a system
// tray (trayer, see with_tray.sh): Fika's icon sits in the tray and each new case pops up
// as its message, title and all. test_app.cpp shows that a consultant's case syncing in
// raises SyncController::newCase; this shows what the desktop makes of it.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <QApplication>
#include <QLabel>
#include <QSystemTrayIcon>
#include <QWidget>

#include "appcontext.h"
#include "notifier.h"
#include "qt_testutil.h"
#include "synccontroller.h"
#include "testutil.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);  // the tray's message is a widget
    return Catch::Session().run(argc, argv);
}

namespace {

using fika::test::wait_until;

// The text of the tray message on screen, if one is.
QString message_on_screen() {
    QStringList parts;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (w->isVisible() && QString(w->metaObject()->className()) == "QBalloonTip")
            for (QLabel* l : w->findChildren<QLabel*>()) parts << l->text();
    return parts.join('\n');
}

}  // namespace

TEST_CASE("a seller's new case pops up from Fika's tray icon - its tooltip counts what is unread in the inbox") {
    fika::test::TempDir dir;
    fika::app::AppContext::Options o;
    o.database = QString::fromStdString(dir.file("app.db"));
    fika::app::AppContext app(o);
    REQUIRE(app.ok());
    // The tray comes up beside this test; wait for it as a desktop session would have it.
    REQUIRE(wait_until([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000));
    fika::app::DesktopNotifier notifier(app.syncController(), app.reminders());
    REQUIRE(notifier.active());
    CHECK(message_on_screen().isEmpty());

    emit app.syncController()->newCase("New case", "Offshore maintenance app at Havkraft (found by karin)");
    REQUIRE(wait_until([] { return message_on_screen().contains("Offshore maintenance app"); }, 5000));
    CHECK(message_on_screen().contains("New case"));
    CHECK(message_on_screen().contains("Havkraft"));

    // The inbox's unread count in the icon's tooltip, as the inbox changes.
    CHECK(notifier.toolTip() == "Fika");
    QVariantList inbox{QVariantMap{{"n", 2}, {"read", false}, {"payload", QVariantMap{{"kind", "new_case"}}}},
                       QVariantMap{{"n", 1}, {"read", false}, {"payload", QVariantMap{{"kind", "new_case"}}}}};
    REQUIRE(QMetaObject::invokeMethod(app.syncController(), "onInbox", Q_ARG(QVariantList, inbox)));
    CHECK(notifier.toolTip() == "Fika: 2 unread in the inbox");
    app.syncController()->markRead(2);
    CHECK(notifier.toolTip() == "Fika: 1 unread in the inbox");
    app.syncController()->markAllRead();
    CHECK(notifier.toolTip() == "Fika");
}
