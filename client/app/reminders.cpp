#include "reminders.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include "appcontext.h"
#include "rules.h"

namespace fika::app {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

// The app's small JSON maps in _meta: reminder key -> milliseconds.
nlohmann::json read_map(sync::Store& store, const char* key) {
    auto v = store.meta(key);
    auto j = v.ok() && *v ? nlohmann::json::parse(**v, nullptr, false) : nlohmann::json::object();
    return j.is_object() ? j : nlohmann::json::object();
}
// A time in such a map; `fallback` for none, or for anything that is not one (a file
// written by hand, another version).
std::int64_t ms_in(const nlohmann::json& map, const std::string& key, std::int64_t fallback) {
    auto it = map.find(key);
    return it != map.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}
}  // namespace

Reminders::Reminders(AppContext* app) : app_(app) {
    // Due times are whole hours and snoozes whole minutes: a look every 20 s raises each
    // within its minute, from an index, whatever the number of cases.
    timer_.setInterval(20000);
    connect(&timer_, &QTimer::timeout, this, &Reminders::check);
    timer_.start();
    connect(app_, &AppContext::recordsChanged, this, [this](const QStringList& tables) {
        if (tables.isEmpty() || tables.contains("cases") || tables.contains("follow_ups") || tables.contains("accounts"))
            check();
    });
    connect(app_, &AppContext::settingsChanged, this, &Reminders::check);
    // The list for the first screen now; what is due is raised once the window (and the
    // tray) can show it.
    refresh(false);
    QTimer::singleShot(1500, this, &Reminders::check);
}

int Reminders::hour() const {
    if (!app_->ok()) return 9;
    auto v = app_->store().meta("reminder_hour");
    bool ok = false;
    int h = v.ok() && *v ? QString::fromStdString(**v).toInt(&ok) : 9;
    return ok && h >= 0 && h <= 23 ? h : 9;
}

void Reminders::setHour(int h) {
    if (!app_->ok() || h < 0 || h > 23 || h == hour()) return;
    (void)app_->store().set_meta("reminder_hour", std::to_string(h));
    // Reminders not yet raised today move to the new hour.
    emit changed();
    check();
}

std::int64_t Reminders::fire_at(const Row& r) const {
    QDate due = QDate::fromString(r.due, Qt::ISODate);
    std::int64_t at = due.isValid() ? QDateTime(due, QTime(hour(), 0)).toMSecsSinceEpoch() : 0;
    return std::max(at, r.snoozed_until);
}

void Reminders::check() { refresh(true); }

void Reminders::refresh(bool raise) {
    if (!app_->ok()) return;
    sync::Store& store = app_->store();
    const auto now = static_cast<std::int64_t>(app_->now_ms());
    const QDate today = QDateTime::fromMSecsSinceEpoch(now).date();
    auto uid = store.meta("user_id");
    const std::string me = uid.ok() && *uid ? **uid : std::string();
    auto due = rules::follow_ups_due(store, me, today.toString(Qt::ISODate).toStdString(), kMax);
    if (!due.ok()) {
        app_->reportError(due.error());
        return;
    }
    nlohmann::json snoozed = read_map(store, "reminders_snoozed"), shown = read_map(store, "reminders_raised");
    std::vector<Row> fresh;
    for (const rules::FollowUpDue& d : *due) {
        Row r;
        r.table = q(d.table);
        r.id = q(d.id);
        r.key = r.table + "/" + r.id;
        r.title = q(d.title);
        r.customer = q(d.account_name);
        r.due = q(d.due);
        r.case_id = q(d.case_id);
        r.overdue = QDate::fromString(r.due, Qt::ISODate) < today;
        r.snoozed_until = ms_in(snoozed, r.key.toStdString(), 0);
        fresh.push_back(std::move(r));
    }
    // Raised once at each time it falls due: the due hour, then each snooze's end.
    std::vector<const Row*> now_due;
    nlohmann::json still_snoozed = nlohmann::json::object(), still_raised = nlohmann::json::object();
    for (const Row& r : fresh) {
        const std::string key = r.key.toStdString();
        const std::int64_t at = fire_at(r);
        if (r.snoozed_until > now) still_snoozed[key] = r.snoozed_until;
        // Raised at `at` or later already (an earlier hour setting): not again.
        const std::int64_t last = ms_in(shown, key, -1);
        if (at <= now && last < at) now_due.push_back(&r);
        if (at <= now || last >= 0) still_raised[key] = std::max(at <= now ? at : std::int64_t{-1}, last);
    }
    // What is no longer due (done, moved, deleted) is forgotten; a full list keeps all.
    if (due->size() >= kMax) {
        still_snoozed.update(snoozed);
        for (auto& [k, v] : shown.items())
            if (!still_raised.contains(k)) still_raised[k] = v;
    }
    if (!raise) {
        now_due.clear();
        still_raised = shown;
    }
    if (still_snoozed != snoozed) (void)store.set_meta("reminders_snoozed", still_snoozed.dump());
    if (still_raised != shown) (void)store.set_meta("reminders_raised", still_raised.dump());
    if (!now_due.empty()) {
        QStringList keys;
        for (const Row* r : now_due) keys << r->key;
        if (now_due.size() == 1) {
            const Row& r = *now_due.front();
            emit raised(tr("Follow-up due: %1").arg(r.title), r.customer.isEmpty() ? r.title : r.customer, keys,
                        r.case_id.isEmpty() ? QStringLiteral("home") : QStringLiteral("case/") + r.case_id);
        } else {
            QStringList titles;
            for (std::size_t i = 0; i < now_due.size() && i < 3; ++i) titles << now_due[i]->title;
            emit raised(tr("%n follow-up(s) due", "", static_cast<int>(now_due.size())), titles.join(", "), keys,
                        QStringLiteral("home"));
        }
    }
    if (fresh != rows_) {
        beginResetModel();
        rows_ = std::move(fresh);
        endResetModel();
        emit changed();
    }
}

void Reminders::snooze(const QString& key, int minutes) {
    if (!app_->ok()) return;
    const auto now = static_cast<std::int64_t>(app_->now_ms());
    std::int64_t until = now + std::int64_t{minutes} * 60000;
    if (minutes <= 0) {
        QDate tomorrow = QDateTime::fromMSecsSinceEpoch(now).date().addDays(1);
        until = QDateTime(tomorrow, QTime(hour(), 0)).toMSecsSinceEpoch();
    }
    nlohmann::json snoozed = read_map(app_->store(), "reminders_snoozed");
    snoozed[key.toStdString()] = until;
    (void)app_->store().set_meta("reminders_snoozed", snoozed.dump());
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].key == key) {
            rows_[i].snoozed_until = until;
            emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)));
        }
}

bool Reminders::done(const QString& key) {
    const QString table = key.section('/', 0, 0), id = key.section('/', 1);
    if (table == "follow_ups") return app_->updateRecord(table, id, {{"status", "done"}});
    if (table == "cases") return app_->updateRecord(table, id, {{"follow_up", QVariant()}});
    return false;
}

int Reminders::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant Reminders::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count()) return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    switch (role) {
        case KeyRole: return r.key;
        case TableRole: return r.table;
        case IdRole: return r.id;
        case Qt::DisplayRole:
        case TitleRole: return r.title;
        case CustomerRole: return r.customer;
        case DueRole: return QLocale().toString(QDate::fromString(r.due, Qt::ISODate), QLocale::ShortFormat);
        case OverdueRole: return r.overdue;
        case SnoozedRole:
            return r.snoozed_until > static_cast<std::int64_t>(app_->now_ms())
                       ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.snoozed_until), QLocale::ShortFormat)
                       : QString();
        case CaseRole: return r.case_id;
        default: return {};
    }
}

QHash<int, QByteArray> Reminders::roleNames() const {
    return {{KeyRole, "key"}, {TableRole, "table"}, {IdRole, "recordId"}, {TitleRole, "title"},
            {CustomerRole, "customer"}, {DueRole, "due"}, {OverdueRole, "overdue"}, {SnoozedRole, "snoozedUntil"},
            {CaseRole, "caseId"}};
}

}  // namespace fika::app
