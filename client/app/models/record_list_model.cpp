#include "record_list_model.h"

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


RecordListModel::RecordListModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    connect(this, &RecordListModel::queryChanged, this, &RecordListModel::reload);
    if (context) bound();
}

void RecordListModel::bound() {
    // Its rows name their customer, and a contact plan its person and consultant.
    follow_changes(this, [this] {
        QStringList shown{table_};
        if (def_ && def_->bucket == sync::BucketRule::Field) shown << "accounts";
        if (table_ == "contact_plans") shown << "contacts" << "users";
        return shown;
    }, &RecordListModel::refresh);
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
void RecordListModel::setWhose(const QString& w) {
    if (w == whose_) return;
    whose_ = w;
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
    if (def_->name == "cases") {
        rules::CaseFilter f = case_filter(whose_);
        if (f.by == rules::CaseFilter::By::Owner) w += f.user.empty() ? " AND t.owner IS NULL" : " AND t.owner=?";
        if (f.by == rules::CaseFilter::By::Finder) w += " AND t.found_by=?";
    }
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
    if (rules::CaseFilter f = case_filter(whose_); def_->name == "cases" && !f.user.empty()) b.add(f.user);
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
    // Unfiltered, a stage's, or the cases to triage: from the tallies (their cost does not
    // grow with the table); one customer's or a search: counted.
    if (account_.isEmpty() && case_.isEmpty() && search_.trimmed().isEmpty()) {
        rules::CountQuery cq{def_->name, trash_, def_->field("stage") ? s(stage_) : std::string(),
                             triage_ && def_->name == "cases", def_->name == "cases" ? case_filter(whose_) : rules::CaseFilter{}};
        if (auto n = rules::tallied_count(app()->store(), cq)) {
            total_ = static_cast<int>(*n);
            return;
        }
    }
    try {
        sync::Stmt st = app()->store().read("SELECT count(*)" + from_sql(*def_, !search_.trimmed().isEmpty()) + where_sql());
        StmtBinder b(st);
        bind_where(b);
        if (st.step()) total_ = static_cast<int>(st.integer(0));
    } catch (const sync::Failure& f) {
        app()->reportError(f.error);
    }
}

std::vector<RecordListModel::Row> RecordListModel::load(int offset, int limit) const {
    std::vector<Row> out;
    if (!def_ || !app() || !app()->ok()) return out;
    std::string cols = "t.id";
    for (const auto& f : def_->fields) cols += ",t." + sync::quote_ident(f.name);
    cols += def_->bucket == sync::BucketRule::Field ? ",a.name" : ",NULL";
    // When a case entered its stage: its last stage change to it (none: when it was made).
    const bool cases = def_->name == "cases";
    if (cases)
        cols += ",(SELECT max(sc.at) FROM stage_changes sc WHERE sc.case_id=t.id AND sc.to_stage=t.stage "
                "AND coalesce(sc.deleted,0)=0)";
    const auto now = QDateTime::currentMSecsSinceEpoch();
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
            if (cases) {
                QDateTime at = st.is_null(n + 2) ? QDateTime() : QDateTime::fromString(q(st.text(n + 2)), Qt::ISODate);
                std::optional<std::uint64_t> made = sync::uuid_v7_ms(s(r.id));
                qint64 since = at.isValid() ? at.toMSecsSinceEpoch() : made ? static_cast<qint64>(*made) : -1;
                if (since >= 0) r.stage_days = static_cast<int>(std::max<qint64>(0, now - since) / 86400000);
            }
            // The customer's name, unless the list is one customer's (its page says it).
            QString account = st.is_null(n + 1) || !account_.isEmpty() ? QString() : q(st.text(n + 1));
            r.account_name = account;
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
            } else if (t == "attachments") {
                r.title = v["name"];
                r.subtitle = joined({QLocale().formattedDataSize(v["size"].toLongLong(), 1, QLocale::DataSizeTraditionalFormat), account});
            } else {
                for (const char* k : {"name", "title", "summary", "body"})
                    if (def_->field(k)) {
                        r.title = v[k];
                        break;
                    }
            }
            out.push_back(std::move(r));
        }
    } catch (const sync::Failure& f) {
        app()->reportError(f.error);
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
        case StageDaysRole: return r.stage_days;
        case AccountNameRole: return r.account_name;
        default:
            int f = role - FirstField;
            if (f >= 0 && f < r.values.size()) return r.values[f];
            return {};
    }
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
    QHash<int, QByteArray> r = {{Qt::DisplayRole, "display"}, {IdRole, "recordId"}, {TitleRole, "title"},
                                {SubtitleRole, "subtitle"}, {DetailRole, "detail"}, {DeletedRole, "deleted"},
                                {TableRole, "tableName"}, {StageDaysRole, "stageDays"},
                                {AccountNameRole, "accountName"}};
    if (def_)
        for (std::size_t i = 0; i < def_->fields.size(); ++i)
            if (def_->fields[i].name != "deleted" && def_->fields[i].name != "title")
                r[FirstField + static_cast<int>(i)] = QByteArray::fromStdString(def_->fields[i].name);
    return r;
}

int RecordListModel::indexOf(const QString& id) const {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].id == id) return static_cast<int>(i);
    return -1;
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

}  // namespace fika::app
