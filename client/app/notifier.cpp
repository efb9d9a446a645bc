#include "notifier.h"

#include <QIcon>
#include <QSystemTrayIcon>

#include "synccontroller.h"

namespace fika::app {

DesktopNotifier::DesktopNotifier(SyncController* sync, QObject* parent) : QObject(parent) {
    if (!sync || !QSystemTrayIcon::isSystemTrayAvailable()) return;
    tray_ = std::make_unique<QSystemTrayIcon>(QIcon(QStringLiteral(":/Fika/icons/fika.svg")));
    tray_->setToolTip(QStringLiteral("Fika"));
    tray_->show();
    connect(sync, &SyncController::newCase, this, &DesktopNotifier::show);
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::show(const QString& title, const QString& body) {
    tray_->showMessage(title, body, QSystemTrayIcon::Information, 10000);
}

}  // namespace fika::app
