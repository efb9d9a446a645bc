#include "inbox_model.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <map>

#include "appcontext.h"
#include "hlc.h"
#include "model_support.h"
#include "records.h"
#include "reports.h"
#include "rules.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

using namespace support;

InboxModel::InboxModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void InboxModel::bound() {
    if (app() && app()->syncController()) connect(app()->syncController(), &SyncController::inboxChanged, this, &InboxModel::reload);
    reload();
}

void InboxModel::reload() {
    beginResetModel();
    rows_.clear();
    total_ = 0;
    if (app() && app()->syncController()) {
        for (const QVariant& v : app()->syncController()->inbox()) {
            QVariantMap m = v.toMap();
            QVariantMap p = m["payload"].toMap();
            ++total_;
            Row r;
            r.n = m["n"].toLongLong();
            r.unread = !m["read"].toBool();
            QString kind = p["kind"].toString();
            if ((unread_only_ && !r.unread) || (!kind_.isEmpty() && kind != kind_)) continue;
            r.kind = kind;
            QVariantMap kase = p["case"].toMap(), account = p["account"].toMap(), contact = p["contact"].toMap();
            r.caseId = kase["id"].toString();
            r.accountId = account["id"].toString();
            r.accountName = account["name"].toString();
            r.contactId = contact["id"].toString();
            r.contactName = contact["name"].toString();
            // The local copy, once synced, knows more than the notification said.
            if (!r.caseId.isEmpty()) {
                QVariantMap local = app()->record("cases", r.caseId);
                if (r.contactId.isEmpty()) r.contactId = local["contact_id"].toString();
                if (r.contactName.isEmpty()) r.contactName = local["contactName"].toString();
                if (r.accountId.isEmpty()) r.accountId = local["account_id"].toString();
            }
            if (kind == "new_case") r.title = AppContext::tr("New case: %1").arg(kase["title"].toString());
            else if (kind == "competitor_account") r.title = AppContext::tr("New customer in a competitor group");
            else r.title = AppContext::tr("Outbound work on a restricted customer");
            QString finder = p["found_by"].toMap()["name"].toString();
            QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(m["created_ms"].toLongLong()), QLocale::ShortFormat);
            r.subtitle = joined({r.accountName, finder.isEmpty() ? QString() : AppContext::tr("found by %1").arg(finder), when});
            QStringList flags;
            for (const QVariant& f : p["flags"].toList()) flags << app()->flagLabel(f.toString());
            if (!flags.isEmpty()) r.warning = "\u26A0 " + flags.join(", ");
            rows_.push_back(std::move(r));
        }
    }
    // Newest first (the server numbers notifications in the order they were made).
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.n > b.n; });
    endResetModel();
    emit changed();
}

void InboxModel::setUnreadOnly(bool on) {
    if (on == unread_only_) return;
    unread_only_ = on;
    emit filterChanged();
    reload();
}

void InboxModel::setKind(const QString& kind) {
    if (kind == kind_) return;
    kind_ = kind;
    emit filterChanged();
    reload();
}

int InboxModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant InboxModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    const Row& r = *row;
    switch (role) {
        case NumberRole: return r.n;
        case Qt::DisplayRole:
        case TitleRole: return r.title;
        case SubtitleRole: return r.subtitle;
        case WarningRole: return r.warning;
        case UnreadRole: return r.unread;
        case CaseRole: return r.caseId;
        case AccountRole: return r.accountId;
        case AccountNameRole: return r.accountName;
        case ContactRole: return r.contactId;
        case ContactNameRole: return r.contactName;
        case KindRole: return r.kind;
        default: return {};
    }
}

QHash<int, QByteArray> InboxModel::roleNames() const {
    return {{NumberRole, "number"}, {TitleRole, "title"}, {SubtitleRole, "subtitle"}, {WarningRole, "warning"},
            {UnreadRole, "unread"}, {CaseRole, "caseId"}, {AccountRole, "accountId"}, {AccountNameRole, "accountName"},
            {ContactRole, "contactId"}, {ContactNameRole, "contactName"}, {KindRole, "kind"}};
}

}  // namespace fika::app
