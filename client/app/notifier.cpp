#include "notifier.h"

#include <QIcon>
#include <QSystemTrayIcon>

#include "reminders.h"
#include "synccontroller.h"

namespace fika::app {

DesktopNotifier::DesktopNotifier(SyncController* sync, Reminders* reminders, QObject* parent) : QObject(parent) {
    if (!sync || !QSystemTrayIcon::isSystemTrayAvailable()) return;
    tray_ = std::make_unique<QSystemTrayIcon>(QIcon(QStringLiteral(":/Fika/icons/fika.svg")));
    tray_->show();
    connect(sync, &SyncController::newCase, this, &DesktopNotifier::show);
    if (reminders) connect(reminders, &Reminders::raised, this, &DesktopNotifier::show);
    connect(tray_.get(), &QSystemTrayIcon::messageClicked, this, &DesktopNotifier::clicked);
    // The unread count in the icon's tooltip.
    auto tip = [this, sync] {
        int unread = sync->unread();
        tray_->setToolTip(unread ? tr("Fika: %n unread in the inbox", "", unread) : QStringLiteral("Fika"));
    };
    connect(sync, &SyncController::inboxChanged, this, tip);
    tip();
}

DesktopNotifier::~DesktopNotifier() = default;

QString DesktopNotifier::toolTip() const { return tray_ ? tray_->toolTip() : QString(); }

void DesktopNotifier::show(const QString& title, const QString& body) {
    tray_->showMessage(title, body, QSystemTrayIcon::Information, 10000);
}

}  // namespace fika::app
