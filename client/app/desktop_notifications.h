// The desktop's notification server (org.freedesktop.Notifications on the session bus:
// GNOME Shell, KDE Plasma, dunst, xfce4-notifyd, mako ...): notifications with buttons
// ("actions") that stay in the desktop's list, which a tray icon's message cannot do.
// Calls never wait for the server: a notification's id arrives with its reply.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace fika::app {

class DesktopNotifications : public QObject {
    Q_OBJECT
public:
    explicit DesktopNotifications(QObject* parent = nullptr);
    // Whether a notification server runs (or can be started) on the session bus.
    bool available() const { return available_; }
    // Whether it shows actions (buttons); the one named "default" is a click on the body.
    bool actions() const { return actions_; }

    struct Action {
        QString key, label;
    };
    // Shows a notification; `ticket` comes back with its actions and its closing.
    void show(int ticket, const QString& title, const QString& body, const std::vector<Action>& actions);
    // Takes it off the desktop (servers need not close one whose button was pressed).
    void close(int ticket);

signals:
    void actionInvoked(int ticket, const QString& key);
    void closed(int ticket);

private slots:
    void onActionInvoked(uint id, const QString& key);
    void onClosed(uint id, uint reason);

private:
    bool available_ = false, actions_ = false, markup_ = false;
    QHash<uint, int> tickets_;  // the server's id -> the caller's ticket
};

}  // namespace fika::app
