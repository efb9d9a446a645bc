// AppContext: what the pages look up (records, names, choices, warnings, talking points).
#include "appcontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "appcontext_detail.h"
#include "calendar.h"
#include "csv.h"
#include "duplicates.h"
#include "export.h"
#include "records.h"
#include "rules.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

using namespace detail;

QString AppContext::userLabel(const QString& v) const {
    if (!store_ || v.isEmpty()) return v;
    if (!sync::is_uuid(s(v))) return v;
    auto u = store_->get("users", s(v));
    if (!u.ok() || sync::is_null((*u)["name"])) return v == userId() ? userName() : v;
    return q(sync::to_display((*u)["name"]));
}

QVariantList AppContext::duplicatePeople(const QString& accountId) const {
    QVariantList out;
    if (!store_) return out;
    auto groups = client::find_duplicate_contacts(*store_, s(accountId));
    if (!groups.ok()) return out;
    static const std::map<std::string, const char*> reasons = {
        {"same e-mail", QT_TR_NOOP("Same e-mail")}, {"same phone", QT_TR_NOOP("Same phone")}, {"same name", QT_TR_NOOP("Same name")}};
    for (const auto& g : *groups) {
        QVariantList people;
        for (const std::string& id : g.ids) {
            QVariantMap c = record("contacts", q(id));
            QStringList detail;
            for (const char* f : {"title", "email", "phone"})
                if (!c.value(f).toString().isEmpty()) detail << c.value(f).toString();
            people.append(QVariantMap{{"id", q(id)}, {"name", c.value("name")}, {"detail", detail.join(" \u00b7 ")}});
        }
        auto r = reasons.find(g.reason);
        out.append(QVariantMap{{"reason", r == reasons.end() ? q(g.reason) : tr(r->second)}, {"people", people}});
    }
    return out;
}

QVariantList AppContext::recentAccounts(int n) const {
    QVariantList out;
    if (!store_) return out;
    nlohmann::json list = nlohmann::json::parse(meta("recent_accounts"), nullptr, false);
    if (!list.is_array()) return out;
    for (const auto& v : list) {
        if (static_cast<int>(out.size()) >= n) break;
        if (!v.is_string()) continue;
        auto r = store_->get("accounts", v.get<std::string>());  // gone (deleted, revoked): left out
        if (!r.ok() || r->deleted()) continue;
        out.append(QVariantMap{{"id", q(r->id)}, {"name", q(sync::to_display((*r)["name"]))}});
    }
    return out;
}

QVariantMap AppContext::record(const QString& table, const QString& id) const {
    QVariantMap m;
    if (!store_) return m;
    auto r = store_->get(s(table), s(id));
    if (!r.ok()) return m;
    m["id"] = id;
    for (std::size_t i = 0; i < r->table->fields.size(); ++i)
        m[q(r->table->fields[i].name)] = to_variant(r->table->fields[i], r->values[i]);
    if (r->table->field("account_id")) m["accountName"] = accountName(m["account_id"].toString());
    if (r->table->field("contact_id") && !m["contact_id"].toString().isEmpty()) {
        auto c = store_->get("contacts", s(m["contact_id"].toString()));
        if (c.ok()) m["contactName"] = q(sync::to_display((*c)["name"]));
    }
    if (table == "cases") {
        QVariant p = m["probability"];
        m["probabilityEffective"] = p.isValid() && !p.isNull() ? p.toInt() : defaultProbability(m["stage"].toString());
        m["foundByName"] = userLabel(m["found_by"].toString());
    }
    if (r->table->field("owner")) m["ownerName"] = userLabel(m["owner"].toString());
    return m;
}

QString AppContext::firstId(const QString& table, const QString& namePrefix) const {
    if (!store_) return {};
    const sync::TableDef* t = store_->schema().table(s(table));
    if (!t) return {};
    std::string sql = "SELECT id FROM " + sync::quote_ident(t->name) + " WHERE coalesce(deleted,0)=0";
    if (!namePrefix.isEmpty()) {
        const char* column = t->field("name") ? "name" : t->field("title") ? "title" : nullptr;
        if (!column) return {};
        sql += std::string(" AND substr(") + column + ",1,length(?1))=?1";
    }
    try {
        sync::Stmt st = store_->read(sql + " ORDER BY id LIMIT 1");
        if (!namePrefix.isEmpty()) st.bind(1, s(namePrefix));
        return st.step() ? q(std::string(st.text(0))) : QString();
    } catch (const sync::Failure&) {
        return {};
    }
}

QString AppContext::accountName(const QString& id) const {
    if (!store_ || id.isEmpty()) return {};
    auto r = store_->get("accounts", s(id));
    return r.ok() ? q(sync::to_display((*r)["name"])) : QString();
}

std::string AppContext::find_by_name(const char* table, const QString& name, const std::string& account_id) const {
    std::string sql = std::string("SELECT id, name FROM ") + table + " WHERE coalesce(deleted,0)=0";
    if (!account_id.empty()) sql += " AND account_id=?1";
    sql += " ORDER BY id";
    try {
        sync::Stmt st = store_->read(sql);
        if (!account_id.empty()) st.bind(1, account_id);
        std::string found;  // the newest of equal names, as before
        while (st.step())
            if (q(std::string(st.text(1))).compare(name, Qt::CaseInsensitive) == 0) found = st.text(0);
        return found;
    } catch (const sync::Failure&) {
        return {};
    }
}

QVariantList AppContext::accountChoices(const QString& search) const {
    QVariantList out;
    if (!store_) return out;
    sync::Stmt st = store_->read(
        "SELECT id, name, coalesce(policy,'active') FROM accounts WHERE coalesce(deleted,0)=0 AND name LIKE ?1 "
        "ESCAPE '\\' ORDER BY name COLLATE NOCASE LIMIT 30");
    QString pat = search;
    pat.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    st.bind(1, "%" + s(pat) + "%");
    while (st.step())
        out.append(QVariantMap{{"id", q(std::string(st.text(0)))}, {"name", q(std::string(st.text(1)))},
                               {"policy", q(std::string(st.text(2)))}});
    return out;
}

QVariantList AppContext::contactChoices(const QString& accountId) const {
    QVariantList out;
    if (!store_) return out;
    sync::Stmt st = store_->read(
        "SELECT id, name, coalesce(role,'other') FROM contacts WHERE coalesce(deleted,0)=0 AND account_id=? "
        "ORDER BY name COLLATE NOCASE");
    st.bind(1, s(accountId));
    while (st.step())
        out.append(QVariantMap{{"id", q(std::string(st.text(0)))}, {"name", q(std::string(st.text(1)))},
                               {"role", q(std::string(st.text(2)))}});
    return out;
}

QVariantList AppContext::sellerChoices() const {
    QVariantList out;
    if (!store_) return out;
    sync::Stmt st = store_->read(
        "SELECT id, name FROM users WHERE coalesce(deleted,0)=0 AND role IN ('seller','admin') "
        "ORDER BY name COLLATE NOCASE");
    while (st.step())
        out.append(QVariantMap{{"value", q(std::string(st.text(0)))}, {"text", q(std::string(st.text(1)))}});
    return out;
}

QVariantList AppContext::peopleChoices() const {
    QVariantList out;
    if (!store_) return out;
    sync::Stmt st = store_->read("SELECT id, name FROM users WHERE coalesce(deleted,0)=0 ORDER BY name COLLATE NOCASE");
    while (st.step())
        out.append(QVariantMap{{"value", q(std::string(st.text(0)))}, {"text", q(std::string(st.text(1)))}});
    return out;
}

QStringList AppContext::accountWarnings(const QString& accountId) const {
    QStringList out;
    if (!store_) return out;
    auto a = store_->get("accounts", s(accountId));
    if (!a.ok()) return out;
    // The competitor rule's flags for work on this account (rules::policy_flags), in words.
    for (const std::string& flag : rules::policy_flags(sync::to_display((*a)["policy"]), "", std::nullopt, false)) {
        if (flag == "policy:inbound-only")
            out << tr("Inbound only: we have promised not to sell actively here. Log what they ask for; do not pitch.");
        else if (flag == "policy:blocked")
            out << tr("Blocked: we do not work for this customer because of a competitor promise. Talk to a seller first.");
    }
    return out;
}

QStringList AppContext::newAccountWarnings(const QString& competitorGroup) const {
    QStringList out;
    if (!store_ || competitorGroup.trimmed().isEmpty()) return out;
    // The same rule as the server's notification (rules::active_rivals).
    auto rivals = rules::active_rivals(*store_, s(competitorGroup.trimmed()), "", 3);
    if (!rivals.ok()) return const_cast<AppContext*>(this)->reportError(rivals.error()), out;
    for (const std::string& name : *rivals)
        out << tr("%1 is an active customer in the competitor group \"%2\": a seller will be told.")
                   .arg(q(name), competitorGroup.trimmed());
    return out;
}

QStringList AppContext::talkingPoints(const QString& st) const {
    QStringList out;
    if (!store_) return out;
    QString lang = language().isEmpty() ? QLocale::system().name().left(2) : language();
    // The user's language when the firm wrote points in it, else English, else any.
    sync::Stmt q1 = store_->read(
        "SELECT body FROM talking_points WHERE style=?1 AND coalesce(deleted,0)=0 AND coalesce(language,'en') = "
        "coalesce((SELECT language FROM talking_points WHERE style=?1 AND coalesce(deleted,0)=0 "
        "ORDER BY language=?2 DESC, language='en' DESC LIMIT 1),'en') ORDER BY id");
    q1.bind(1, s(st.isEmpty() ? style() : st)).bind(2, s(lang));
    while (q1.step()) out << q(std::string(q1.text(0)));
    return out;
}

}  // namespace fika::app
