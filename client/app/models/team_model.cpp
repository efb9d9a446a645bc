#include "team_model.h"

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

TeamModel::TeamModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void TeamModel::bound() {
    follow_changes(this, {"users", "activities", "cases"}, &TeamModel::reload);
    reload();
}

void TeamModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->ok()) {
        sync::Store& st = app()->store();
        auto all = client::funnel_by_user(st, {});
        auto week = client::funnel_by_user(st, this_week());
        std::map<std::string, Row> by_user;
        try {
            sync::Stmt u = st.read(
                "SELECT id, coalesce(name,''), coalesce(role,'consultant'), coalesce(weekly_target,0) FROM users "
                "WHERE coalesce(deleted,0)=0");
            while (u.step()) {
                Row& r = by_user[std::string(u.text(0))];
                r.name = q(std::string(u.text(1)));
                r.role = app()->userRoleLabel(q(std::string(u.text(2))));
                r.target = static_cast<int>(u.integer(3));
            }
        } catch (const sync::Failure& f) {
            app()->reportError(f.error);
        }
        if (all.ok()) {
            for (const auto& [user, f] : *all) {
                Row& r = by_user[user];
                r.conversations = static_cast<int>(f.conversations);
                r.meetings = static_cast<int>(f.meetings + f.phone_meetings);
                r.offers = static_cast<int>(f.offers);
                r.won = static_cast<int>(f.won);
                if (!f.won_value.empty())
                    r.won_value = money_by_currency(*app(), std::map<std::string, long long>(f.won_value.begin(), f.won_value.end()));
            }
        }
        if (week.ok())
            for (const auto& [user, f] : *week) by_user[user].week = static_cast<int>(f.conversations);
        for (auto& [user, r] : by_user) {
            r.user = q(user);
            if (r.name.isEmpty()) r.name = user.empty() ? AppContext::tr("(unknown)") : app()->userLabel(r.user);
            QString won = r.won_value.isEmpty() ? QString::number(r.won) : QStringLiteral("%1 (%2)").arg(r.won).arg(r.won_value);
            r.summary = AppContext::tr("Conversations: %1 · Meetings: %2 · Offers: %3 · Won: %4")
                            .arg(r.conversations).arg(r.meetings).arg(r.offers).arg(won);
            rows_.push_back(std::move(r));
        }
        // The most conversations first: they win (product.md).
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
            if (a.conversations != b.conversations) return a.conversations > b.conversations;
            return a.name.localeAwareCompare(b.name) < 0;
        });
    }
    endResetModel();
    emit changed();
}

int TeamModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant TeamModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    const Row& r = *row;
    switch (role) {
        case UserRole: return r.user;
        case Qt::DisplayRole:
        case NameRole: return r.name;
        case RoleLabelRole: return r.role;
        case ConversationsRole: return r.conversations;
        case WeekRole: return r.week;
        case TargetRole: return r.target;
        case MeetingsRole: return r.meetings;
        case OffersRole: return r.offers;
        case WonRole: return r.won;
        case WonValueRole: return r.won_value;
        case SummaryRole: return r.summary;
        default: return {};
    }
}

QHash<int, QByteArray> TeamModel::roleNames() const {
    return {{UserRole, "userId"}, {NameRole, "name"}, {RoleLabelRole, "roleLabel"}, {ConversationsRole, "conversations"},
            {WeekRole, "week"}, {TargetRole, "target"}, {MeetingsRole, "meetings"}, {OffersRole, "offers"},
            {WonRole, "won"}, {WonValueRole, "wonValue"}, {SummaryRole, "summary"}};
}

}  // namespace fika::app
