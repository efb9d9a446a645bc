// A seller's new case as a desktop notification. Where the desktop has a system tray,
// Fika's icon sits in it and each new case shows as the icon's message; the in-app notice
// (SyncController::newCase in QML) shows either way.
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QSystemTrayIcon;

namespace fika::app {

class SyncController;
class Reminders;

class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    // New cases from `sync`, follow-ups coming due from `reminders`.
    DesktopNotifier(SyncController* sync, Reminders* reminders, QObject* parent = nullptr);
    ~DesktopNotifier() override;
    // False where the desktop has no system tray (then nothing is shown outside the app).
    bool active() const { return tray_ != nullptr; }
    // The tray icon's tooltip: Fika, and the inbox's unread count when there is one.
    QString toolTip() const;
signals:
    // The person clicked a notification: the window comes to the front.
    void clicked();

private:
    void show(const QString& title, const QString& body);
    std::unique_ptr<QSystemTrayIcon> tray_;
};

}  // namespace fika::app
