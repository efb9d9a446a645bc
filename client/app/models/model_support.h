// What the models share (their .cpp files only): following the app's writes, the rows of
// a flat list, and text helpers.
#pragma once

#include <QAbstractItemModel>
#include <QDate>
#include <QLocale>
#include <QStringList>
#include <QVariant>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "appcontext.h"
#include "reports.h"
#include "rules.h"

namespace fika::app::support {

inline QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<int>(s.size())); }
inline std::string s(const QString& q) { return q.toStdString(); }

// Whose cases a view shows, as QML names it: "" everyone's, "owner:ID" one person's
// ("owner:" nobody's yet), "finder:ID" those one person found.
inline rules::CaseFilter case_filter(const QString& whose) {
    using By = rules::CaseFilter::By;
    if (whose.startsWith("owner:")) return {By::Owner, s(whose.mid(6))};
    if (whose.startsWith("finder:") && whose.size() > 7) return {By::Finder, s(whose.mid(7))};
    return {};
}

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
    if (!m->app()) return;
    QObject::connect(m->app(), &AppContext::recordsChanged, m, [m, shown, reload](const QStringList& changed) {
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
inline client::FunnelQuery this_week() {
    QDate today = QDate::currentDate();
    client::FunnelQuery week;
    week.from = s(today.addDays(1 - today.dayOfWeek()).toString(Qt::ISODate));
    week.to = s(today.toString(Qt::ISODate));
    return week;
}

// A list line's parts, the empty ones left out.
inline QString joined(QStringList parts) {
    parts.removeAll(QString());
    return parts.join(" · ");
}

inline QString percent(const std::optional<double>& r) {
    return r ? QLocale().toString(*r * 100, 'f', 0) + " %" : QStringLiteral("–");
}

template <typename Int>
inline QString money_by_currency(const AppContext& app, const std::map<std::string, Int>& m) {
    QStringList parts;
    for (auto& [cur, v] : m) parts << app.formatMoney(QVariant::fromValue(static_cast<qlonglong>(v)), q(cur));
    return parts.isEmpty() ? app.formatMoney(0, q(rules::default_currency())) : parts.join(" + ");
}

}  // namespace fika::app::support
