#include "models.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <map>

#include "appcontext.h"
#include "hlc.h"
#include "records.h"
#include "reports.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

namespace {

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<int>(s.size())); }
std::string s(const QString& q) { return q.toStdString(); }

AppContext* app() { return AppContext::instance(); }

// The row an index points at in a flat list model's rows, or nullptr.
template <typename Rows>
const typename Rows::value_type* row_at(const Rows& rows, const QModelIndex& index) {
    if (!index.isValid() || index.row() < 0 || index.row() >= static_cast<int>(rows.size())) return nullptr;
    return &rows[static_cast<size_t>(index.row())];
}

template <typename Rows>
int rows_under(const Rows& rows, const QModelIndex& parent) {
    return parent.isValid() ? 0 : static_cast<int>(rows.size());
}

// Calls (m->*reload)() after a write to a table that shown() names, and after any change
// that names none (a sync, another user or language): a save re-reads only the models
// that show what it wrote.
template <typename M, typename Shown>
void follow_changes(M* m, Shown shown, void (M::*reload)()) {
    if (!app()) return;
    QObject::connect(app(), &AppContext::recordsChanged, m, [m, shown, reload](const QStringList& changed) {
        if (changed.isEmpty()) return (m->*reload)();
        for (const QString& t : shown())
            if (changed.contains(t)) return (m->*reload)();
    });
}

template <typename M>
void follow_changes(M* m, QStringList shown, void (M::*reload)()) {
    follow_changes(m, [shown] { return shown; }, reload);
}

// This week, Monday to today: the period of a weekly conversation target.
client::FunnelQuery this_week() {
    QDate today = QDate::currentDate();
    client::FunnelQuery week;
    week.from = s(today.addDays(1 - today.dayOfWeek()).toString(Qt::ISODate));
    week.to = s(today.toString(Qt::ISODate));
    return week;
}

// A list line's parts, the empty ones left out.
QString joined(QStringList parts) {
    parts.removeAll(QString());
    return parts.join(" · ");
}

QString percent(const std::optional<double>& r) {
    return r ? QLocale().toString(*r * 100, 'f', 0) + " %" : QStringLiteral("–");
}

QString money_by_currency(const std::map<std::string, long long>& m) {
    QStringList parts;
    for (auto& [cur, v] : m) parts << app()->formatMoney(QVariant::fromValue(v), q(cur));
    return parts.isEmpty() ? app()->formatMoney(0, "DKK") : parts.join(" + ");
}

}  // namespace

// Binds the WHERE clause's parameters in the order where_sql() wrote them.
class StmtBinder {
public:
    explicit StmtBinder(sync::Stmt& st) : st_(st) {}
    void add(const std::string& v) { st_.bind(++n_, v); }
    int next() const { return n_ + 1; }

private:
    sync::Stmt& st_;
    int n_ = 0;
};

// ---- RecordListModel --------------------------------------------------------------------------

RecordListModel::RecordListModel(QObject* parent) : QAbstractListModel(parent) {
    // Its rows name their customer, and a contact plan its person and consultant.
    follow_changes(this, [this] {
        QStringList shown{table_};
        if (def_ && def_->bucket == sync::BucketRule::Field) shown << "accounts";
        if (table_ == "contact_plans") shown << "contacts" << "users";
        return shown;
    }, &RecordListModel::refresh);
    connect(this, &RecordListModel::queryChanged, this, &RecordListModel::reload);
}

void RecordListModel::setTable(const QString& t) {
    if (t == table_) return;
    table_ = t;
    def_ = sync::Schema::current().table(s(t));
    emit queryChanged();
}
void RecordListModel::setAccount(const QString& a) {
    if (a == account_) return;
    account_ = a;
    emit queryChanged();
}
void RecordListModel::setCaseId(const QString& c) {
    if (c == case_) return;
    case_ = c;
    emit queryChanged();
}
void RecordListModel::setSearch(const QString& x) {
    if (x == search_) return;
    search_ = x;
    emit queryChanged();
}
void RecordListModel::setStage(const QString& x) {
    if (x == stage_) return;
    stage_ = x;
    emit queryChanged();
}
void RecordListModel::setTrash(bool t) {
    if (t == trash_) return;
    trash_ = t;
    emit queryChanged();
}
void RecordListModel::setTriage(bool t) {
    if (t == triage_) return;
    triage_ = t;
    emit queryChanged();
}
void RecordListModel::setPagedByHand(bool b) {
    if (b == by_hand_) return;
    by_hand_ = b;
    emit queryChanged();
}

std::string RecordListModel::where_sql() const {
    std::string w = trash_ ? " WHERE coalesce(t.deleted,0)=1" : " WHERE coalesce(t.deleted,0)=0";
    if (!account_.isEmpty()) w += def_->name == "accounts" ? " AND t.id=?" : " AND t.account_id=?";
    if (!case_.isEmpty() && def_->field("case_id")) w += " AND t.case_id=?";
    if (!stage_.isEmpty() && def_->field("stage")) w += " AND t.stage=?";
    if (triage_ && def_->name == "cases") w += " AND t.owner IS NULL AND t.stage NOT IN ('won','lost')";
    if (!search_.trimmed().isEmpty()) {
        std::string cols;
        for (const char* c : {"name", "title", "need", "note", "body", "summary", "email", "industry"})
            if (def_->field(c)) cols += (cols.empty() ? "" : " OR ") + std::string("t.") + c + " LIKE ? ESCAPE '\\'";
        if (def_->bucket == sync::BucketRule::Field) cols += (cols.empty() ? "" : " OR ") + std::string("a.name LIKE ? ESCAPE '\\'");
        if (!cols.empty()) w += " AND (" + cols + ")";
    }
    return w;
}

void RecordListModel::bind_where(StmtBinder& b) const {
    if (!account_.isEmpty()) b.add(s(account_));
    if (!case_.isEmpty() && def_->field("case_id")) b.add(s(case_));
    if (!stage_.isEmpty() && def_->field("stage")) b.add(s(stage_));
    if (!search_.trimmed().isEmpty()) {
        QString pat = search_.trimmed();
        pat.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        std::string like = "%" + s(pat) + "%";
        for (const char* c : {"name", "title", "need", "note", "body", "summary", "email", "industry"})
            if (def_->field(c)) b.add(like);
        if (def_->bucket == sync::BucketRule::Field) b.add(like);
    }
}

namespace {
// The customer's name comes from a join; a count that does not search by it leaves the
// join out, so it can be answered from an index alone.
std::string from_sql(const sync::TableDef& t, bool with_account = true) {
    std::string f = " FROM " + sync::quote_ident(t.name) + " t";
    if (with_account && t.bucket == sync::BucketRule::Field) f += " LEFT JOIN accounts a ON a.id = t.account_id";
    return f;
}
std::string order_sql(const sync::TableDef& t, bool trash) {
    if (trash) return " ORDER BY t.rowid DESC";
    if (t.name == "accounts" || t.name == "contacts" || t.name == "users" || t.name == "programmes")
        return " ORDER BY t.name COLLATE NOCASE, t.id";
    if (t.name == "activities") return " ORDER BY t.date DESC, t.id DESC";
    if (t.name == "follow_ups") return " ORDER BY t.due IS NULL, t.due, t.id";
    return " ORDER BY t.id DESC";
}
}  // namespace

void RecordListModel::count_total() {
    total_ = 0;
    if (!def_ || !app() || !app()->ok()) return;
    try {
        sync::Stmt st = app()->store().read("SELECT count(*)" + from_sql(*def_, !search_.trimmed().isEmpty()) + where_sql());
        StmtBinder b(st);
        bind_where(b);
        if (st.step()) total_ = static_cast<int>(st.integer(0));
    } catch (const sync::Failure&) {
    }
}

std::vector<RecordListModel::Row> RecordListModel::load(int offset, int limit) const {
    std::vector<Row> out;
    if (!def_ || !app() || !app()->ok()) return out;
    std::string cols = "t.id";
    for (const auto& f : def_->fields) cols += ",t." + sync::quote_ident(f.name);
    cols += def_->bucket == sync::BucketRule::Field ? ",a.name" : ",NULL";
    try {
        sync::Stmt st = app()->store().read("SELECT " + cols + from_sql(*def_) + where_sql() +
                                                    order_sql(*def_, trash_) + " LIMIT ? OFFSET ?");
        StmtBinder b(st);
        bind_where(b);
        st.bind(b.next(), limit).bind(b.next() + 1, offset);
        int n = static_cast<int>(def_->fields.size());
        while (st.step()) {
            Row r;
            r.id = q(st.text(0));
            std::map<std::string, QString> v;
            for (int i = 0; i < n; ++i) {
                const sync::FieldDef& f = def_->fields[static_cast<size_t>(i)];
                sync::Value val = st.value(i + 1);
                QVariant qv;
                if (std::holds_alternative<std::int64_t>(val))
                    qv = f.type == sync::FieldType::Bool ? QVariant(std::get<std::int64_t>(val) != 0)
                                                         : QVariant::fromValue(static_cast<qlonglong>(std::get<std::int64_t>(val)));
                else if (std::holds_alternative<std::string>(val)) qv = q(std::get<std::string>(val));
                else if (std::holds_alternative<double>(val)) qv = std::get<double>(val);
                r.values.append(qv);
                v[f.name] = qv.toString();
            }
            r.deleted = v["deleted"] == "true";
            // The customer's name, unless the list is one customer's (its page says it).
            QString account = st.is_null(n + 1) || !account_.isEmpty() ? QString() : q(st.text(n + 1));
            const QString& t = table_;
            if (t == "accounts") {
                r.title = v["name"];
                QString policy = v["policy"] == "active" ? QString() : app()->policyLabel(v["policy"]);
                r.subtitle = joined({v["industry"], v["competitor_group"], policy});
            } else if (t == "contacts") {
                r.title = v["name"];
                r.subtitle = joined({v["title"], app()->roleLabel(v["role"]), account});
                r.detail = v["met"] == "true" ? QString() : AppContext::tr("not met yet");
            } else if (t == "cases") {
                r.title = v["title"];
                r.subtitle = joined({account, app()->stageLabel(v["stage"])});
                r.detail = app()->formatMoney(v["value"], v["currency"]);
            } else if (t == "activities") {
                r.title = app()->activityLabel(v["type"]) + (v["direction"] == "inbound" ? AppContext::tr(" (inbound)") : QString());
                r.subtitle = joined({QLocale().toString(QDate::fromString(v["date"], Qt::ISODate), QLocale::ShortFormat), account});
                r.detail = v["note"].left(200);
            } else if (t == "notes") {
                r.title = v["body"].section('\n', 0, 0).left(120);
                r.subtitle = joined({v["kind"] == "needs-analysis" ? AppContext::tr("Needs analysis") : QString(), account});
                r.detail = v["body"].left(300);
            } else if (t == "follow_ups") {
                r.title = v["summary"];
                r.subtitle = joined({v["due"], app()->statusLabel(v["status"]), account});
            } else if (t == "contact_plans") {
                QString who = app()->record("contacts", v["contact_id"]).value("name").toString();
                QString consultant = app()->userLabel(v["consultant"]);
                r.title = who.isEmpty() ? consultant : AppContext::tr("%1 \u2192 %2").arg(consultant, who);
                r.subtitle = joined({v["planned_by"].isEmpty() ? QString() : AppContext::tr("by %1").arg(v["planned_by"]),
                                     app()->statusLabel(v["status"])});
            } else {
                for (const char* k : {"name", "title", "summary", "body"})
                    if (def_->field(k)) {
                        r.title = v[k];
                        break;
                    }
            }
            out.push_back(std::move(r));
        }
    } catch (const sync::Failure&) {
    }
    return out;
}

void RecordListModel::reload() {
    beginResetModel();
    std::size_t keep = std::max<std::size_t>(rows_.size(), kPage);
    count_total();
    rows_ = load(0, static_cast<int>(keep));
    complete_ = static_cast<int>(rows_.size()) >= total_;
    endResetModel();
    emit countChanged();
}

void RecordListModel::refresh() {
    if (rows_.empty()) return reload();
    int old_total = total_;
    std::size_t old_count = rows_.size();
    count_total();
    apply_rows(load(0, static_cast<int>(std::max<std::size_t>(rows_.size(), kPage))));
    complete_ = static_cast<int>(rows_.size()) >= total_;
    if (total_ != old_total || rows_.size() != old_count) emit countChanged();
}

namespace {
// Which entries of `seq` (distinct numbers, or -1 for none) form one longest increasing
// subsequence.
std::vector<char> longest_increasing(const std::vector<int>& seq) {
    std::vector<int> tails, tail_at, parent(seq.size(), -1);
    for (std::size_t k = 0; k < seq.size(); ++k) {
        if (seq[k] < 0) continue;
        auto it = std::lower_bound(tails.begin(), tails.end(), seq[k]);
        auto len = static_cast<std::size_t>(it - tails.begin());
        if (len > 0) parent[k] = tail_at[len - 1];
        if (it == tails.end()) {
            tails.push_back(seq[k]);
            tail_at.push_back(static_cast<int>(k));
        } else {
            *it = seq[k];
            tail_at[len] = static_cast<int>(k);
        }
    }
    std::vector<char> in(seq.size(), 0);
    for (int k = tail_at.empty() ? -1 : tail_at.back(); k >= 0; k = parent[static_cast<std::size_t>(k)])
        in[static_cast<std::size_t>(k)] = 1;
    return in;
}
}  // namespace

// Turns rows_ into `fresh` (both in the list's order) by removing and inserting runs of
// rows and changing single rows, never a reset: a view keeps its place and its
// delegates. A row that changed places (a rename in a list by name) leaves and comes back
// in its new place; the longest run of rows already in order stays. (Qt 6.4's model
// tester mishandles beginMoveRows, so moves are not used.)
void RecordListModel::apply_rows(std::vector<Row> fresh) {
    QHash<QString, int> wanted;
    wanted.reserve(static_cast<int>(fresh.size()));
    for (std::size_t i = 0; i < fresh.size(); ++i) wanted.insert(fresh[i].id, static_cast<int>(i));
    std::vector<int> pos;
    pos.reserve(rows_.size());
    for (const Row& r : rows_) pos.push_back(wanted.value(r.id, -1));
    std::vector<char> keep = longest_increasing(pos);
    // Rows that are gone, fell off the loaded part or changed places: runs, bottom up.
    for (int i = static_cast<int>(rows_.size()) - 1; i >= 0; --i) {
        if (keep[static_cast<size_t>(i)]) continue;
        int last = i;
        while (i > 0 && !keep[static_cast<size_t>(i) - 1]) --i;
        beginRemoveRows({}, i, last);
        rows_.erase(rows_.begin() + i, rows_.begin() + last + 1);
        endRemoveRows();
    }
    // What is left is a part of `fresh`, in its order: add what is missing, update what changed.
    for (std::size_t i = 0; i < fresh.size();) {
        const int at = static_cast<int>(i);
        if (i < rows_.size() && rows_[i].id == fresh[i].id) {
            if (!(rows_[i] == fresh[i])) {
                rows_[i] = std::move(fresh[i]);
                emit dataChanged(index(at), index(at));
            }
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < fresh.size() && (i >= rows_.size() || rows_[i].id != fresh[end].id)) ++end;
        beginInsertRows({}, at, static_cast<int>(end) - 1);
        rows_.insert(rows_.begin() + at, std::make_move_iterator(fresh.begin() + at),
                     std::make_move_iterator(fresh.begin() + static_cast<long>(end)));
        endInsertRows();
        i = end;
    }
}

int RecordListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

bool RecordListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !complete_ && !by_hand_;
}

void RecordListModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    queue_page();
}

void RecordListModel::loadMore() {
    if (!complete_) queue_page();
}

// Views ask for more while they handle a reset; the rows arrive just after, from the
// event loop, so no change is ever nested inside another.
void RecordListModel::queue_page() {
    if (fetch_queued_) return;
    fetch_queued_ = true;
    QMetaObject::invokeMethod(this, &RecordListModel::fetch_page, Qt::QueuedConnection);
}

void RecordListModel::fetch_page() {
    fetch_queued_ = false;
    if (complete_) return;
    auto more = load(static_cast<int>(rows_.size()), kPage);
    if (more.empty()) {
        complete_ = true;
        return;
    }
    beginInsertRows({}, static_cast<int>(rows_.size()), static_cast<int>(rows_.size() + more.size()) - 1);
    for (auto& r : more) rows_.push_back(std::move(r));
    endInsertRows();
    complete_ = static_cast<int>(rows_.size()) >= total_;
    emit countChanged();
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
    const Row& r = rows_[static_cast<size_t>(index.row())];
    switch (role) {
        case Qt::DisplayRole:
        case TitleRole: return r.title;
        case IdRole: return r.id;
        case SubtitleRole: return r.subtitle;
        case DetailRole: return r.detail;
        case DeletedRole: return r.deleted;
        case TableRole: return table_;
        default:
            int f = role - FirstField;
            if (f >= 0 && f < r.values.size()) return r.values[f];
            return {};
    }
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
    QHash<int, QByteArray> r = {{Qt::DisplayRole, "display"}, {IdRole, "recordId"}, {TitleRole, "title"},
                                {SubtitleRole, "subtitle"}, {DetailRole, "detail"}, {DeletedRole, "deleted"},
                                {TableRole, "tableName"}};
    if (def_)
        for (std::size_t i = 0; i < def_->fields.size(); ++i)
            if (def_->fields[i].name != "deleted" && def_->fields[i].name != "title")
                r[FirstField + static_cast<int>(i)] = QByteArray::fromStdString(def_->fields[i].name);
    return r;
}

QVariantMap RecordListModel::get(int row) const {
    QVariantMap m;
    if (row < 0 || row >= static_cast<int>(rows_.size())) return m;
    const Row& r = rows_[static_cast<size_t>(row)];
    m["recordId"] = r.id;
    m["title"] = r.title;
    m["subtitle"] = r.subtitle;
    if (def_)
        for (std::size_t i = 0; i < def_->fields.size(); ++i) m[q(def_->fields[i].name)] = r.values[static_cast<int>(i)];
    return m;
}

// ---- PipelineModel ------------------------------------------------------------------------------

PipelineModel::PipelineModel(QObject* parent) : QAbstractListModel(parent) {
    follow_changes(this, {"cases"}, &PipelineModel::reload);
    reload();
}

void PipelineModel::reload() {
    beginResetModel();
    rows_.clear();
    std::map<std::string, long long> total, weighted;
    if (app() && app()->ok()) {
        std::map<std::string, std::map<std::string, std::pair<long long, long long>>> by_stage;  // stage -> cur -> (value, weighted)
        std::map<std::string, int> counts;
        // Grouped by stage alone the sums come in the index's order, without a sort
        // (app_cases_by_stage); only when a stage holds several currencies are they
        // summed again per currency.
        auto sums = [&](bool per_currency) {
            counts.clear();
            by_stage.clear();
            total.clear();
            weighted.clear();
            bool mixed = false;
            sync::Stmt st = app()->store().read(
                "SELECT stage, min(coalesce(currency,'DKK')), max(coalesce(currency,'DKK')), count(*), "
                "coalesce(sum(value),0), coalesce(sum(value * " + client::case_probability_sql() +
                " / 100),0) FROM cases WHERE coalesce(deleted,0)=0 GROUP BY stage" + (per_currency ? ", currency" : ""));
            while (st.step()) {
                std::string stage(st.text(0)), cur(st.text(1));
                mixed = mixed || cur != st.text(2);
                counts[stage] += static_cast<int>(st.integer(3));
                auto& [value, weight] = by_stage[stage][cur];  // no currency and DKK are one
                value += st.integer(4);
                weight += st.integer(5);
                if (stage != "won" && stage != "lost") {
                    total[cur] += st.integer(4);
                    weighted[cur] += st.integer(5);
                }
            }
            return mixed;
        };
        try {
            if (sums(false)) sums(true);
        } catch (const sync::Failure&) {
        }
        for (const QString& stage : app()->stages()) {
            Row r;
            r.stage = stage;
            r.label = app()->stageLabel(stage);
            r.count = counts[s(stage)];
            std::map<std::string, long long> v, w;
            for (auto& [cur, p] : by_stage[s(stage)]) {
                v[cur] = p.first;
                w[cur] = p.second;
                r.value += p.first;
            }
            r.value_text = money_by_currency(v);
            r.weighted_text = money_by_currency(w);
            rows_.push_back(std::move(r));
        }
        total_ = money_by_currency(total);
        weighted_ = money_by_currency(weighted);
    }
    endResetModel();
    emit changed();
}

QString PipelineModel::firstBusyStage() const {
    for (const Row& r : rows_)
        if (r.count > 0) return r.stage;
    return {};
}

int PipelineModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant PipelineModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    const Row& r = *row;
    switch (role) {
        case StageRole: return r.stage;
        case Qt::DisplayRole:
        case LabelRole: return r.label;
        case CountRole: return r.count;
        case ValueTextRole: return r.value_text;
        case WeightedTextRole: return r.weighted_text;
        case ValueRole: return r.value;
        default: return {};
    }
}

QHash<int, QByteArray> PipelineModel::roleNames() const {
    return {{StageRole, "stage"}, {LabelRole, "label"}, {CountRole, "count"},
            {ValueTextRole, "valueText"}, {WeightedTextRole, "weightedText"}, {ValueRole, "value"}};
}

// ---- IssuesModel --------------------------------------------------------------------------------

IssuesModel::IssuesModel(QObject* parent) : QAbstractListModel(parent) {
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
        auto label = [](const std::string& table, const std::string& id) {
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

// ---- InboxModel ---------------------------------------------------------------------------------

InboxModel::InboxModel(QObject* parent) : QAbstractListModel(parent) {
    if (app() && app()->syncController()) connect(app()->syncController(), &SyncController::inboxChanged, this, &InboxModel::reload);
    reload();
}

void InboxModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->syncController()) {
        for (const QVariant& v : app()->syncController()->inbox()) {
            QVariantMap m = v.toMap();
            QVariantMap p = m["payload"].toMap();
            Row r;
            r.n = m["n"].toLongLong();
            r.unread = !m["read"].toBool();
            QString kind = p["kind"].toString();
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
    endResetModel();
    emit changed();
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
        default: return {};
    }
}

QHash<int, QByteArray> InboxModel::roleNames() const {
    return {{NumberRole, "number"}, {TitleRole, "title"}, {SubtitleRole, "subtitle"}, {WarningRole, "warning"},
            {UnreadRole, "unread"}, {CaseRole, "caseId"}, {AccountRole, "accountId"}, {AccountNameRole, "accountName"},
            {ContactRole, "contactId"}, {ContactNameRole, "contactName"}};
}

// ---- TeamModel ----------------------------------------------------------------------------------

TeamModel::TeamModel(QObject* parent) : QAbstractListModel(parent) {
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
        } catch (const sync::Failure&) {
        }
        if (all.ok()) {
            for (const auto& [user, f] : *all) {
                Row& r = by_user[user];
                r.conversations = static_cast<int>(f.conversations);
                r.meetings = static_cast<int>(f.meetings + f.phone_meetings);
                r.offers = static_cast<int>(f.offers);
                r.won = static_cast<int>(f.won);
                if (!f.won_value.empty())
                    r.won_value = money_by_currency(std::map<std::string, long long>(f.won_value.begin(), f.won_value.end()));
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

// ---- Programmes -----------------------------------------------------------------------------------

CaseHistoryModel::CaseHistoryModel(QObject* parent) : QAbstractListModel(parent) {
    follow_changes(this, {"cases", "stage_changes", "activities", "notes", "users"}, &CaseHistoryModel::reload);
}

void CaseHistoryModel::setCaseId(const QString& id) {
    if (id == case_) return;
    case_ = id;
    emit caseIdChanged();
    reload();
}

void CaseHistoryModel::reload() {
    beginResetModel();
    rows_.clear();
    in_stage_.clear();
    QDateTime now = now_.isValid() ? now_ : QDateTime::currentDateTime();
    if (app() && app()->ok() && !case_.isEmpty()) {
        QVariantMap kase = app()->record("cases", case_);
        std::string account = s(kase.value("account_id").toString()), id = s(case_);
        // A record's own time: its UUIDv7 id says when it was made.
        auto made = [](std::string_view rid) -> qint64 {
            auto ms = sync::uuid_v7_ms(rid);
            return ms ? static_cast<qint64>(*ms) : 0;
        };
        auto when = [](qint64 ms) {
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
        };
        // Read through the account's index: a case's records are all in its account.
        auto query = [&](const char* sql, auto&& row) {
            try {
                sync::Stmt st = app()->store().read(sql);
                st.bind(1, account).bind(2, id);
                while (st.step()) row(st);
            } catch (const sync::Failure&) {
            }
        };
        qint64 stage_since = 0;
        QString stage = kase.value("stage").toString();
        query("SELECT id, coalesce(from_stage,''), to_stage, at, coalesce(by_user,'') FROM stage_changes "
              "WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "stage";
                  QString from = q(st.text(1)), to = q(st.text(2));
                  r.title = from.isEmpty() ? AppContext::tr("Captured as %1").arg(app()->stageLabel(to))
                                           : AppContext::tr("%1 \u2192 %2").arg(app()->stageLabel(from), app()->stageLabel(to));
                  // `at` may count whole seconds; the id says the millisecond.
                  QDateTime at = QDateTime::fromString(q(st.text(3)), Qt::ISODateWithMs);
                  qint64 id_ms = made(st.text(0));
                  r.at = !at.isValid() || (id_ms >= at.toMSecsSinceEpoch() && id_ms < at.toMSecsSinceEpoch() + 1000)
                             ? id_ms
                             : at.toMSecsSinceEpoch();
                  r.when = when(r.at);
                  r.by = app()->userLabel(q(st.text(4)));
                  if (to == stage) stage_since = std::max(stage_since, r.at);
                  rows_.push_back(std::move(r));
              });
        query("SELECT id, type, coalesce(direction,'outbound'), date, coalesce(outcome,''), coalesce(note,''), "
              "coalesce(by_user,'') FROM activities WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "activity";
                  r.title = app()->activityLabel(q(st.text(1))) +
                            (st.text(2) == "inbound" ? AppContext::tr(" (inbound)") : QString());
                  // Its day, placed in that day at the time it was logged when it was logged
                  // that day (an activity logged later for an earlier day sorts at its noon).
                  QDate day = QDate::fromString(q(st.text(3)), Qt::ISODate);
                  qint64 logged = made(st.text(0));
                  QDateTime logged_at = QDateTime::fromMSecsSinceEpoch(logged).toLocalTime();
                  r.at = logged && logged_at.date() == day ? logged : QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch();
                  r.when = QLocale().toString(day, QLocale::ShortFormat);
                  r.by = app()->userLabel(q(st.text(6)));
                  r.detail = joined({q(st.text(4)), q(st.text(5))});
                  rows_.push_back(std::move(r));
              });
        query("SELECT id, coalesce(kind,'free'), body, coalesce(by_user,'') FROM notes "
              "WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "note";
                  r.title = st.text(1) == "needs-analysis" ? AppContext::tr("Needs analysis") : AppContext::tr("Note");
                  r.at = made(st.text(0));
                  r.when = when(r.at);
                  r.by = app()->userLabel(q(st.text(3)));
                  r.detail = q(st.text(2));
                  rows_.push_back(std::move(r));
              });
        // Its capture, from the case's own id and finder (a capture writes no stage change).
        if (kase.contains("id")) {
            Row r;
            r.id = case_;
            r.kind = "captured";
            r.title = AppContext::tr("Captured");
            r.at = made(id);
            r.when = r.at ? when(r.at) : QString();
            r.by = kase.value("foundByName").toString();
            if (stage_since == 0) stage_since = r.at;
            rows_.push_back(std::move(r));
        }
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
            return a.at != b.at ? a.at > b.at : a.id > b.id;
        });
        if (stage_since > 0 && !stage.isEmpty()) {
            qint64 days = QDateTime::fromMSecsSinceEpoch(stage_since).toLocalTime().date().daysTo(now.date());
            in_stage_ = days <= 0 ? AppContext::tr("In %1 since today").arg(app()->stageLabel(stage))
                                  : AppContext::tr("In %1 for %Ln day(s)", "", static_cast<int>(days)).arg(app()->stageLabel(stage));
        }
    }
    endResetModel();
    emit changed();
}

int CaseHistoryModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant CaseHistoryModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    switch (role) {
        case IdRole: return row->id;
        case KindRole: return row->kind;
        case Qt::DisplayRole:
        case TitleRole: return row->title;
        case WhenRole: return row->when;
        case ByRole: return row->by;
        case DetailRole: return row->detail;
        default: return {};
    }
}

QHash<int, QByteArray> CaseHistoryModel::roleNames() const {
    return {{Qt::DisplayRole, "display"}, {IdRole, "recordId"}, {KindRole, "kind"}, {TitleRole, "title"},
            {WhenRole, "when"}, {ByRole, "by"}, {DetailRole, "detail"}};
}

ProgrammesModel::ProgrammesModel(QObject* parent) : QAbstractListModel(parent) {
    follow_changes(this, {"programmes", "cases", "activities"}, &ProgrammesModel::reload);
    reload();
}

void ProgrammesModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->ok()) {
        auto rs = client::programme_returns(app()->store());
        if (rs.ok()) {
            for (const client::ProgrammeReturn& p : *rs) {
                Row r;
                r.id = q(p.id);
                r.name = p.name.empty() ? AppContext::tr("(unnamed)") : q(p.name);
                auto day = [](const std::string& d) {
                    return QLocale().toString(QDate::fromString(q(d), Qt::ISODate), QLocale::ShortFormat);
                };
                if (!p.period_start.empty() && !p.period_end.empty())
                    r.period = AppContext::tr("%1 – %2").arg(day(p.period_start), day(p.period_end));
                else if (!p.period_start.empty())
                    r.period = AppContext::tr("from %1").arg(day(p.period_start));
                else if (!p.period_end.empty())
                    r.period = AppContext::tr("until %1").arg(day(p.period_end));
                r.cost = app()->formatMoney(QVariant::fromValue(static_cast<long long>(p.cost)), q(p.currency));
                r.pipeline = money_by_currency(std::map<std::string, long long>(p.pipeline.begin(), p.pipeline.end()));
                r.earnings = money_by_currency(std::map<std::string, long long>(p.earnings.begin(), p.earnings.end()));
                if (p.return_ratio)
                    r.ret = AppContext::tr("%1 × the cost").arg(QLocale().toString(*p.return_ratio, 'f', 1));
                r.cases = AppContext::tr("%Ln case(s) identified", nullptr, static_cast<int>(p.cases)) + " · " +
                          AppContext::tr("%1 won · %2 lost").arg(p.won_cases).arg(p.lost_cases);
                const client::Funnel& f = p.funnel;
                r.funnel = AppContext::tr("%1 conversations → %2 meetings → %3 offers → %4 won")
                               .arg(f.conversations)
                               .arg(f.meetings + f.phone_meetings)
                               .arg(f.offers)
                               .arg(f.won);
                rows_.push_back(std::move(r));
            }
        }
    }
    endResetModel();
    emit changed();
}

int ProgrammesModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant ProgrammesModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    switch (role) {
        case IdRole: return row->id;
        case Qt::DisplayRole:
        case NameRole: return row->name;
        case PeriodRole: return row->period;
        case CostRole: return row->cost;
        case PipelineRole: return row->pipeline;
        case EarningsRole: return row->earnings;
        case ReturnRole: return row->ret;
        case CasesRole: return row->cases;
        case FunnelRole: return row->funnel;
        default: return {};
    }
}

QHash<int, QByteArray> ProgrammesModel::roleNames() const {
    return {{IdRole, "programmeId"}, {NameRole, "name"}, {PeriodRole, "period"}, {CostRole, "cost"},
            {PipelineRole, "pipeline"}, {EarningsRole, "earnings"}, {ReturnRole, "returnText"},
            {CasesRole, "casesText"}, {FunnelRole, "funnelText"}};
}

// ---- Numbers ------------------------------------------------------------------------------------

Numbers::Numbers(QObject* parent) : QObject(parent) {
    follow_changes(this, {"users", "activities", "cases"}, &Numbers::reload);
    reload();
}

void Numbers::setMine(bool m) {
    if (m == mine_) return;
    mine_ = m;
    reload();
}

int Numbers::weeklyTarget() const { return app() ? app()->weeklyTarget() : 0; }

void Numbers::reload() {
    if (!app() || !app()->ok()) return;
    sync::Store& st = app()->store();
    client::FunnelQuery all;
    QString me = app()->userId();
    if (mine_ && !me.isEmpty()) all.user = s(me);
    auto f = client::funnel(st, all);
    if (f.ok()) {
        f_conversations_ = f->conversations;
        f_meetings_ = f->meetings;
        f_phone_ = f->phone_meetings;
        f_offers_ = f->offers;
        f_won_ = f->won;
        f_lost_ = f->lost;
        std::map<std::string, long long> wv(f->won_value.begin(), f->won_value.end());
        won_value_ = money_by_currency(wv);
        meeting_rate_ = percent(f->meeting_rate);
        offer_rate_ = percent(f->offer_rate);
        win_rate_ = percent(f->win_rate);
    }
    // This week for the user.
    client::FunnelQuery week = this_week();
    if (!me.isEmpty()) week.user = s(me);
    auto w = client::funnel(st, week);
    week_ = w.ok() ? static_cast<int>(w->conversations) : 0;
    emit changed();
}

}  // namespace fika::app
