#include "issues_model.h"

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

IssuesModel::IssuesModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void IssuesModel::bound() {
    // Conflicts and refusals come with syncs; their labels are any table's records: every
    // change re-reads them.
    if (app()) connect(app(), &AppContext::recordsChanged, this, &IssuesModel::reload);
    reload();
}

void IssuesModel::setKind(const QString& k) {
    if (k == kind_) return;
    kind_ = k;
    reload();
}

void IssuesModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->ok()) {
        auto label = [this](const std::string& table, const std::string& id) {
            QString name;
            auto r = app()->store().get(table, id);
            if (r.ok())
                for (const char* k : {"name", "title", "summary", "body", "note"})
                    if (r->table->field(k) && !sync::is_null((*r)[k])) {
                        name = q(sync::to_display((*r)[k])).left(80);
                        break;
                    }
            return name.isEmpty() ? q(table) : name;
        };
        if (kind_ == "conflicts") {
            auto cs = app()->store().conflicts();
            if (cs.ok())
                for (const sync::Conflict& c : *cs)
                    rows_.push_back({c.n, label(c.table, c.id) + " · " + q(c.field), q(sync::to_display(c.local_value)),
                                     q(sync::to_display(c.remote_value)), QString(), q(c.table), q(c.id)});
        } else {
            auto rs = app()->store().refused();
            if (rs.ok())
                for (const sync::RefusedChange& r : *rs)
                    rows_.push_back({r.n, label(r.table, r.id), q(r.fields_json), QString(), q(r.error.message), q(r.table), q(r.id)});
        }
    }
    endResetModel();
    emit changed();
}

bool IssuesModel::resolve(int row, bool keepMine) {
    if (row < 0 || row >= static_cast<int>(rows_.size()) || !app()) return false;
    qlonglong n = rows_[static_cast<size_t>(row)].n;
    sync::Status st = kind_ == "conflicts" ? app()->store().resolve_conflict(n, keepMine)
                                           : app()->store().resolve_refused(n, keepMine);
    if (!st.ok()) return false;
    if (app()->syncController()) app()->syncController()->localChange();
    app()->bump();
    return true;
}

int IssuesModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant IssuesModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    const Row& r = *row;
    switch (role) {
        case NumberRole: return r.n;
        case Qt::DisplayRole:
        case TitleRole: return r.title;
        case MineRole: return r.mine;
        case TheirsRole: return r.theirs;
        case ReasonRole: return r.reason;
        case TableRole: return r.table;
        case RecordRole: return r.record;
        default: return {};
    }
}

QHash<int, QByteArray> IssuesModel::roleNames() const {
    return {{NumberRole, "number"}, {TitleRole, "title"}, {MineRole, "mine"}, {TheirsRole, "theirs"},
            {ReasonRole, "reason"}, {TableRole, "tableName"}, {RecordRole, "recordId"}};
}

}  // namespace fika::app
