#include "desktop_notifications.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace fika::app {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");

QDBusMessage call(const QString& method) { return QDBusMessage::createMethodCall(kService, kPath, kInterface, method); }
}  // namespace

DesktopNotifications::DesktopNotifications(QObject* parent) : QObject(parent) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface()) return;
    // Running, or started by the bus on the first call (a desktop session's usual way).
    available_ = bus.interface()->isServiceRegistered(kService) ||
                 bus.interface()->activatableServiceNames().value().contains(kService);
    if (!available_) return;
    // Asked once, briefly: a server that does not answer in a second is taken as absent.
    QDBusMessage caps = bus.call(call(QStringLiteral("GetCapabilities")), QDBus::Block, 1000);
    if (caps.type() != QDBusMessage::ReplyMessage || caps.arguments().isEmpty()) {
        available_ = false;
        return;
    }
    const QStringList has = caps.arguments().constFirst().toStringList();
    actions_ = has.contains(QStringLiteral("actions"));
    markup_ = has.contains(QStringLiteral("body-markup"));
    bus.connect(kService, kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                SLOT(onActionInvoked(uint, QString)));
    bus.connect(kService, kPath, kInterface, QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
}

void DesktopNotifications::show(int ticket, const QString& title, const QString& body,
                                const std::vector<Action>& actions) {
    if (!available_) return;
    QStringList flat;
    if (actions_)
        for (const Action& a : actions) flat << a.key << a.label;
    QVariantMap hints{{QStringLiteral("desktop-entry"), QStringLiteral("fika")}};
    QDBusMessage m = call(QStringLiteral("Notify"));
    // app_name, replaces_id, app_icon (the theme's icon the package installs), summary,
    // body, actions, hints, expire_timeout (-1: as the server likes).
    m << QStringLiteral("Fika") << uint(0) << QStringLiteral("fika") << title << (markup_ ? body.toHtmlEscaped() : body) << flat << hints
      << int(-1);
    auto* watch = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(m), this);
    connect(watch, &QDBusPendingCallWatcher::finished, this, [this, watch, ticket] {
        QDBusPendingReply<uint> reply = *watch;
        if (reply.isValid()) tickets_.insert(reply.value(), ticket);
        else emit closed(ticket);  // never shown: nothing to wait for
        watch->deleteLater();
    });
}

void DesktopNotifications::close(int ticket) {
    for (auto it = tickets_.cbegin(); it != tickets_.cend(); ++it)
        if (*it == ticket) {
            QDBusMessage m = call(QStringLiteral("CloseNotification"));
            m << it.key();
            QDBusConnection::sessionBus().asyncCall(m);
            return;
        }
}

void DesktopNotifications::onActionInvoked(uint id, const QString& key) {
    // Every application's notifications come by: only ours have a ticket.
    auto it = tickets_.constFind(id);
    if (it != tickets_.constEnd()) emit actionInvoked(*it, key);
}

void DesktopNotifications::onClosed(uint id, uint) {
    auto it = tickets_.find(id);
    if (it == tickets_.end()) return;
    int ticket = *it;
    tickets_.erase(it);
    emit closed(ticket);
}

}  // namespace fika::app
