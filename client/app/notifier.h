// What the desktop shows of Fika outside its window: a seller's new case and follow-ups
// coming due. Where the desktop has a notification server (org.freedesktop.Notifications)
// they are its notifications, a reminder's with Snooze and Done buttons and a click that
// opens the case; else, where it has a system tray, the tray icon's messages. Fika's icon
// sits in the tray either way, its tooltip counting the inbox's unread notifications.
// The in-app notices (snackbars) show in any case.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QSystemTrayIcon;

namespace fika::app {

class DesktopNotifications;
class SyncController;
class Reminders;

class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    // New cases from `sync`, follow-ups coming due from `reminders`.
    DesktopNotifier(SyncController* sync, Reminders* reminders, QObject* parent = nullptr);
    ~DesktopNotifier() override;
    // False where the desktop has neither a notification server nor a system tray (then
    // nothing is shown outside the app).
    bool active() const;
    // Whether notifications go to the desktop's notification server (with buttons where it
    // has them), rather than to the tray icon.
    bool viaServer() const;
    // The tray icon's tooltip: Fika, and the inbox's unread count when there is one.
    QString toolTip() const;
    // Snooze for reminders raised on the desktop, in minutes.
    static constexpr int kSnoozeMinutes = 60;
signals:
    // The person clicked a notification: the window comes to the front ...
    void clicked();
    // ... on this page ("inbox", "home", "case/ID": Main.qml's showPage).
    void openRequested(const QString& page);

private:
    struct Shown {
        QStringList keys;  // the reminders it stands for (none: a new case)
        QString page;
    };
    void show(const QString& title, const QString& body, const Shown& what);
    void onAction(int ticket, const QString& key);
    Reminders* reminders_;
    std::unique_ptr<QSystemTrayIcon> tray_;
    std::unique_ptr<DesktopNotifications> server_;
    QHash<int, Shown> shown_;  // what each notification on the desktop stands for
    int next_ticket_ = 1;
};

}  // namespace fika::app
