// What the desktop shows of Fika, on a real X display (Xvfb). "[tray]": a desktop with a
// system tray (trayer, see with_tray.sh) and no notification server: Fika's icon sits in
// the tray and each new case pops up as its message, title and all. "[server]": a desktop
// with a notification server (dunst on a session bus of the test's own, see
// with_notifications.sh): a follow-up falling due is its notification, and Snooze, Done
// and a click on it act as a person expects. test_app.cpp shows that a consultant's case
// syncing in raises SyncController::newCase and when reminders fall due; this shows what
// the desktop makes of them.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QWidget>

#include <nlohmann/json.hpp>

#include "appcontext.h"
#include "notifier.h"
#include "process.h"
#include "qt_testutil.h"
#include "reminders.h"
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

TEST_CASE("a seller's new case pops up from Fika's tray icon - its tooltip counts what is unread in the inbox", "[tray]") {
    fika::test::TempDir dir;
    fika::app::AppContext::Options o;
    o.database = QString::fromStdString(dir.file("app.db"));
    fika::app::AppContext app(o);
    REQUIRE(app.ok());
    // The tray comes up beside this test; wait for it as a desktop session would have it.
    REQUIRE(wait_until([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000));
    fika::app::DesktopNotifier notifier(app.syncController(), app.reminders());
    REQUIRE(notifier.active());
    REQUIRE_FALSE(notifier.viaServer());  // no notification server on this desktop
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

namespace {

// dunst's notifications as `dunstctl history` lists them (closed ones, newest first):
// summary and application of each.
std::vector<std::pair<std::string, std::string>> dunst_history() {
    auto [rc, out] = fika::test::run_command({"/usr/bin/dunstctl", "history"});
    std::vector<std::pair<std::string, std::string>> seen;
    auto j = nlohmann::json::parse(out, nullptr, false);
    if (rc != 0 || !j.is_object()) return seen;
    for (auto& n : j["data"][0])
        seen.emplace_back(n["summary"]["data"].get<std::string>(), n["appname"]["data"].get<std::string>());
    return seen;
}

int dunst_displayed() {
    auto [rc, out] = fika::test::run_command({"/usr/bin/dunstctl", "count", "displayed"});
    return rc == 0 ? std::atoi(out.c_str()) : -1;
}

// A person opens dunst's menu of the notifications' buttons and picks `label`.
void pick(const std::string& label) {
    QFile f(qEnvironmentVariable("FIKA_NOTIFY_PICK"));
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(label));
    f.close();
    REQUIRE(fika::test::run_command({"/usr/bin/dunstctl", "context"}).first == 0);
}

}  // namespace

TEST_CASE("a follow-up falling due is the desktop's notification - Snooze and Done on it act - a click opens its case", "[server]") {
    using fika::app::Reminders;
    REQUIRE(!qEnvironmentVariable("FIKA_NOTIFY_PICK").isEmpty());  // with_notifications.sh runs this
    fika::test::TempDir dir;
    const QDate today = QDate::currentDate();
    std::uint64_t now = static_cast<std::uint64_t>(QDateTime(today, QTime(10, 0)).toMSecsSinceEpoch());
    fika::app::AppContext::Options o;
    o.database = QString::fromStdString(dir.file("app.db"));
    o.wall = [&] { return now; };
    fika::app::AppContext app(o);
    REQUIRE(app.ok());
    app.setLanguage("en");
    REQUIRE(app.store().set_meta("user_id", "u-me").ok());
    fika::app::DesktopNotifier notifier(app.syncController(), app.reminders());
    REQUIRE(notifier.viaServer());
    QSignalSpy opened(&notifier, &fika::app::DesktopNotifier::openRequested);
    QSignalSpy clicked(&notifier, &fika::app::DesktopNotifier::clicked);
    Reminders& r = *app.reminders();
    const QString yesterday = today.addDays(-1).toString(Qt::ISODate);
    QString acct = app.createAccount({{"name", "Nordhavn A/S"}});
    auto snoozed = [&](const QString& key) {
        for (int i = 0; i < r.count(); ++i)
            if (r.data(r.index(i), Reminders::KeyRole).toString() == key)
                return !r.data(r.index(i), Reminders::SnoozedRole).toString().isEmpty();
        return false;
    };

    // The case's follow-up was yesterday: it pops up at once, from Fika, with its buttons.
    QString crane = app.createRecord("cases", {{"account_id", acct}, {"title", "Crane offer"}, {"owner", "u-me"},
                                               {"follow_up", yesterday}});
    REQUIRE(!crane.isEmpty());
    r.check();
    REQUIRE(wait_until([] { return dunst_displayed() == 1; }, 5000));
    // Snooze for an hour, picked on the notification: the reminder waits, the notification goes.
    pick("Snooze for an hour");
    REQUIRE(wait_until([&] { return snoozed("cases/" + crane); }, 5000));
    CHECK(wait_until([] { return dunst_displayed() == 0; }, 5000));
    auto history = dunst_history();
    REQUIRE(!history.empty());
    CHECK(history.front() == std::make_pair(std::string("Follow-up due: Crane offer"), std::string("Fika")));
    CHECK(opened.isEmpty());

    // A follow-up of its own, due yesterday: Done on its notification closes it.
    QString call = app.createRecord("follow_ups", {{"account_id", acct}, {"summary", "Call Eva"}, {"due", yesterday},
                                                   {"assignee", "u-me"}});
    REQUIRE(!call.isEmpty());
    r.check();
    REQUIRE(wait_until([] { return dunst_displayed() == 1; }, 5000));
    pick("Done");
    REQUIRE(wait_until([&] { return app.record("follow_ups", call).value("status").toString() == "done"; }, 5000));
    CHECK(app.record("cases", crane).value("follow_up").toString() == yesterday);  // the other one untouched

    // The snooze's hour is up: it pops up again; a click on it opens the case.
    now += 61 * 60 * 1000;
    r.check();
    REQUIRE(wait_until([] { return dunst_displayed() == 1; }, 5000));
    REQUIRE(fika::test::run_command({"/usr/bin/dunstctl", "action", "0"}).first == 0);
    REQUIRE(wait_until([&] { return opened.count() == 1; }, 5000));
    CHECK(opened[0][0].toString() == "case/" + crane);
    CHECK(clicked.count() == 1);
    CHECK(app.record("cases", crane).value("follow_up").toString() == yesterday);  // opening is not doing

    // A seller's new case: a click opens the inbox; it has no Snooze or Done.
    emit app.syncController()->newCase("New case", "Offshore maintenance app at Havkraft (found by karin)");
    REQUIRE(wait_until([] { return dunst_displayed() == 1; }, 5000));
    pick("Done");  // not among its buttons: nothing happens
    QCoreApplication::processEvents(QEventLoop::AllEvents, 300);
    CHECK(dunst_displayed() == 1);
    REQUIRE(fika::test::run_command({"/usr/bin/dunstctl", "action", "0"}).first == 0);
    REQUIRE(wait_until([&] { return opened.count() == 2; }, 5000));
    CHECK(opened[1][0].toString() == "inbox");
}
