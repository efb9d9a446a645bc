#include "notifier.h"

#include <QIcon>
#include <QSystemTrayIcon>

#include "desktop_notifications.h"
#include "reminders.h"
#include "synccontroller.h"

namespace fika::app {

DesktopNotifier::DesktopNotifier(SyncController* sync, Reminders* reminders, QObject* parent)
    : QObject(parent), reminders_(reminders) {
    if (!sync) return;
    server_ = std::make_unique<DesktopNotifications>();
    if (!server_->available()) server_.reset();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = std::make_unique<QSystemTrayIcon>(QIcon(QStringLiteral(":/Fika/icons/fika.svg")));
        tray_->show();
        connect(tray_.get(), &QSystemTrayIcon::messageClicked, this, [this] {
            // The tray shows one message at a time: the newest.
            emit clicked();
            if (!shown_.isEmpty()) emit openRequested(shown_.value(next_ticket_ - 1).page);
        });
        // The unread count in the icon's tooltip.
        auto tip = [this, sync] {
            int unread = sync->unread();
            tray_->setToolTip(unread ? tr("Fika: %n unread in the inbox", "", unread) : QStringLiteral("Fika"));
        };
        connect(sync, &SyncController::inboxChanged, this, tip);
        tip();
    }
    if (!active()) return;
    if (server_) {
        connect(server_.get(), &DesktopNotifications::actionInvoked, this, &DesktopNotifier::onAction);
        connect(server_.get(), &DesktopNotifications::closed, this, [this](int ticket) { shown_.remove(ticket); });
    }
    connect(sync, &SyncController::newCase, this,
            [this](const QString& title, const QString& body) { show(title, body, {{}, QStringLiteral("inbox")}); });
    if (reminders)
        connect(reminders, &Reminders::raised, this,
                [this](const QString& title, const QString& body, const QStringList& keys, const QString& page) {
                    show(title, body, {keys, page});
                });
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::active() const { return server_ || tray_; }

bool DesktopNotifier::viaServer() const { return server_ != nullptr; }

QString DesktopNotifier::toolTip() const { return tray_ ? tray_->toolTip() : QString(); }

void DesktopNotifier::show(const QString& title, const QString& body, const Shown& what) {
    const int ticket = next_ticket_++;
    if (!server_) {
        shown_.clear();  // the tray keeps only its newest message
        shown_.insert(ticket, what);
        tray_->showMessage(title, body, QSystemTrayIcon::Information, 10000);
        return;
    }
    shown_.insert(ticket, what);
    std::vector<DesktopNotifications::Action> actions{{QStringLiteral("default"), tr("Open")}};
    if (!what.keys.isEmpty()) {
        actions.push_back({QStringLiteral("snooze"), what.keys.size() == 1 ? tr("Snooze for an hour")
                                                                             : tr("Snooze all for an hour")});
        // Done closes a follow-up: one at a time, where the person sees which.
        if (what.keys.size() == 1) actions.push_back({QStringLiteral("done"), tr("Done")});
    }
    server_->show(ticket, title, body, actions);
}

void DesktopNotifier::onAction(int ticket, const QString& key) {
    auto it = shown_.constFind(ticket);
    if (it == shown_.constEnd()) return;
    const Shown what = *it;
    server_->close(ticket);
    if (key == QLatin1String("default")) {
        emit clicked();
        emit openRequested(what.page);
    } else if (key == QLatin1String("snooze") && reminders_) {
        for (const QString& k : what.keys) reminders_->snooze(k, kSnoozeMinutes);
    } else if (key == QLatin1String("done") && reminders_) {
        for (const QString& k : what.keys) reminders_->done(k);
    }
}

}  // namespace fika::app
