// AppContext: the writes (records, quick capture, logging, ownership, a case's stage), each
// through the engine and the rules library.
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

sync::Fields AppContext::to_fields(const sync::TableDef& t, const QVariantMap& m, bool* ok) {
    sync::Fields out;
    *ok = true;
    for (auto it = m.begin(); it != m.end(); ++it) {
        std::string name = client::field_for(t, s(it.key()));
        if (it.key() == "id") {
            out.emplace_back("id", sync::text(s(it.value().toString())));
            continue;
        }
        if (name.empty()) {
            *ok = fail(tr("Unknown field %1").arg(it.key()));
            return {};
        }
        const sync::FieldDef& f = *t.field(name);
        const QVariant& v = it.value();
        sync::Value val;
        if (!v.isValid() || v.isNull()) {
            val = std::monostate{};
        } else if (v.typeId() == QMetaType::Bool) {
            val = std::int64_t{v.toBool() ? 1 : 0};
        } else if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double) {
            if (f.type == sync::FieldType::Real) val = v.toDouble();
            else val = static_cast<std::int64_t>(v.toLongLong());
        } else {
            QString text = v.toString();
            if (f.type == sync::FieldType::Integer) {
                bool bad = false;
                auto amount = parse_amount(text, &bad);
                if (bad) {
                    *ok = fail(f.min >= 0 ? tr("%1 must be a positive amount").arg(fieldLabel(q(t.name), q(f.name)))
                                          : tr("%1 is not a number").arg(text));
                    return {};
                }
                if (amount) val = *amount;
            } else {
                auto parsed = client::parse_value(t, f, s(text.trimmed()));
                if (!parsed.ok()) {
                    *ok = fail(parsed.error());
                    return {};
                }
                val = *parsed;
            }
        }
        out.emplace_back(name, std::move(val));
    }
    if (!client::period_ok(out)) {
        *ok = fail(tr("The period ends before it starts"));
        return {};
    }
    return out;
}

QString AppContext::createAccount(const QVariantMap& fields) { return createRecord("accounts", fields); }

QString AppContext::createRecord(const QString& table, const QVariantMap& fields) {
    if (!store_) return {};
    const sync::TableDef* t = store_->schema().table(s(table));
    if (!t) return fail(tr("Unknown kind %1").arg(table)), QString();
    bool ok = false;
    sync::Fields f = to_fields(*t, fields, &ok);
    if (!ok) return {};
    rules::defaults_on_create(*t, f, rules::Actor{meta("user_id"), now_ms()});
    auto id = store_->create(t->name, f);
    if (!id.ok()) return fail(id.error()), QString();
    sync_->localChange();
    bump({table});
    return q(*id);
}

bool AppContext::updateRecord(const QString& table, const QString& id, const QVariantMap& fields) {
    if (!store_) return false;
    const sync::TableDef* t = store_->schema().table(s(table));
    if (!t) return fail(tr("Unknown kind %1").arg(table));
    bool ok = false;
    sync::Fields f = to_fields(*t, fields, &ok);
    if (!ok) return false;
    const bool moves = t->name == "cases" && std::any_of(f.begin(), f.end(), [](auto& kv) { return kv.first == "stage"; });
    // A case's stage moves by the product's rule (its stage change and funnel activity).
    auto st = t->name == "cases" ? rules::update_case(*store_, s(id), std::move(f), rules::Actor{meta("user_id"), now_ms()})
                                 : store_->update(t->name, s(id), std::move(f));
    if (!st.ok()) return fail(st.error());
    sync_->localChange();
    if (moves) bump({"cases", "stage_changes", "activities"});
    else bump({table});
    return true;
}

bool AppContext::saveCase(const QString& id, const QVariantMap& fields, int probability) {
    QVariantMap f = fields;
    QVariantMap now = record("cases", id);
    if (now.isEmpty()) return fail(tr("No such case"));
    bool pinned = now["probability"].isValid() && !now["probability"].isNull();
    if (pinned || probability != now["probabilityEffective"].toInt()) f["probability"] = probability;
    return updateRecord("cases", id, f);
}

bool AppContext::deleteRecord(const QString& table, const QString& id) {
    if (!store_) return false;
    auto r = store_->get(s(table), s(id));
    auto st = store_->remove(s(table), s(id));
    if (!st.ok()) return fail(st.error());
    QString label;
    if (r.ok()) {
        for (const char* k : {"name", "title", "summary", "note", "body"})
            if (r->table->field(k) && !sync::is_null((*r)[k])) {
                label = q(sync::to_display((*r)[k])).left(60);
                break;
            }
    }
    sync_->localChange();
    bump({table});
    emit recordDeleted(table, id, label);
    return true;
}

bool AppContext::restoreRecord(const QString& table, const QString& id) {
    if (!store_) return false;
    auto st = store_->restore(s(table), s(id));
    if (!st.ok()) return fail(st.error());
    sync_->localChange();
    bump({table});
    return true;
}

bool AppContext::mergePeople(const QString& keep, const QString& drop) {
    if (!store_) return false;
    auto moved = client::merge_contacts(*store_, s(keep), s(drop));
    if (!moved.ok()) return fail(moved.error());
    sync_->localChange();
    bump();
    return true;
}

bool AppContext::erasePerson(const QString& contactId) {
    if (!store_) return false;
    auto done = store_->erase_person(s(contactId));
    if (!done.ok()) return fail(done.error());
    sync_->localChange();
    bump();
    return true;
}

QString AppContext::quickCapture(const QString& accountIdOrName, const QString& sentence, const QString& contactName,
                                 const QString& value, const QString& currency) {
    if (!store_) return {};
    QString title = sentence.trimmed();
    if (title.isEmpty()) return fail(tr("Write one sentence about what they need")), QString();
    QString acct = accountIdOrName.trimmed();
    if (acct.isEmpty()) return fail(tr("Which customer?")), QString();
    bool bad = false;
    auto amount = parse_amount(value, &bad);
    if (bad) return fail(tr("%1 is not an amount").arg(value)), QString();
    std::string me = meta("user_id");
    sync::Store::Batch batch(*store_);
    std::string account_id;
    Capture made;
    if (sync::is_uuid(s(acct)) && store_->get("accounts", s(acct)).ok()) {
        account_id = s(acct);
    } else {
        account_id = find_by_name("accounts", acct);
        if (account_id.empty()) {
            auto id = store_->create("accounts", {{"name", sync::text(s(acct))}});
            if (!id.ok()) return fail(id.error()), QString();
            account_id = *id;
            made.new_account = account_id;
        }
    }
    sync::Fields cf = {{"account_id", sync::text(account_id)}, {"title", sync::text(s(title.left(500)))}};
    if (title.size() > 80) cf.emplace_back("need", sync::text(s(title)));
    if (amount) cf.emplace_back("value", *amount);
    if (!currency.isEmpty()) cf.emplace_back("currency", sync::text(s(currency)));
    if (!me.empty()) cf.emplace_back("found_by", sync::text(me));
    if (!contactName.trimmed().isEmpty()) {
        std::string contact_id;
        if (sync::is_uuid(s(contactName.trimmed()))) {
            // A person chosen from the customer's people.
            auto c = store_->get("contacts", s(contactName.trimmed()));
            if (!c.ok() || sync::to_display((*c)["account_id"]) != account_id)
                return fail(tr("That person is not one of this customer's people")), QString();
            contact_id = c->id;
        } else {
            contact_id = find_by_name("contacts", contactName.trimmed(), account_id);
        }
        if (contact_id.empty()) {
            auto id = store_->create("contacts", {{"account_id", sync::text(account_id)},
                                                  {"name", sync::text(s(contactName.trimmed()))}});
            if (!id.ok()) return fail(id.error()), QString();
            contact_id = *id;
            made.new_contact = contact_id;
        }
        cf.emplace_back("contact_id", sync::text(contact_id));
    }
    auto id = store_->create("cases", cf);
    if (!id.ok()) return fail(id.error()), QString();
    auto st = batch.commit();
    if (!st.ok()) return fail(st.error()), QString();
    made.case_id = *id;
    last_capture_ = made;
    remember_account(account_id);
    sync_->localChange();
    bump({"accounts", "contacts", "cases"});
    return q(*id);
}

bool AppContext::undoCapture(const QString& caseId) {
    if (!store_ || last_capture_.case_id.empty() || s(caseId) != last_capture_.case_id)
        return fail(tr("Only the last capture can be taken back"));
    Capture made = last_capture_;
    sync::Store::Batch batch(*store_);
    for (auto [table, id] : {std::pair{"cases", made.case_id}, {"contacts", made.new_contact}, {"accounts", made.new_account}}) {
        if (id.empty()) continue;
        auto st = store_->remove(table, id);
        if (!st.ok()) return fail(st.error());
    }
    auto st = batch.commit();
    if (!st.ok()) return fail(st.error());
    last_capture_ = {};
    sync_->localChange();
    bump({"accounts", "contacts", "cases"});
    return true;
}

void AppContext::remember_account(const std::string& account_id) {
    nlohmann::json list = nlohmann::json::parse(meta("recent_accounts"), nullptr, false);
    if (!list.is_array()) list = nlohmann::json::array();
    nlohmann::json out = nlohmann::json::array({account_id});
    for (const auto& v : list)
        if (v.is_string() && v.get<std::string>() != account_id && out.size() < 12) out.push_back(v);
    (void)store_->set_meta("recent_accounts", out.dump());
}

QString AppContext::logActivity(const QString& type, const QString& accountId, const QString& contactId,
                                const QString& note, bool possibleCase, bool inbound, const QString& caseId) {
    if (!store_) return {};
    if (accountId.isEmpty()) return fail(tr("Which customer?")), QString();
    std::string me = meta("user_id");
    std::string case_id;
    if (!caseId.isEmpty()) {
        // Logged on a case: it must be this customer's (a record's customer is fixed).
        auto c = store_->get("cases", s(caseId));
        if (!c.ok()) return fail(c.error()), QString();
        if (sync::to_display((*c)["account_id"]) != s(accountId))
            return fail(tr("That case belongs to another customer")), QString();
        case_id = s(caseId);
    }
    sync::Store::Batch batch(*store_);
    bool new_case = possibleCase && case_id.empty();
    if (new_case) {
        QString title = note.trimmed().section(QRegularExpression("[.!?\\n]"), 0, 0).left(200);
        if (title.isEmpty()) title = tr("Possible case at %1").arg(accountName(accountId));
        sync::Fields cf = {{"account_id", sync::text(s(accountId))}, {"title", sync::text(s(title))}};
        if (!note.trimmed().isEmpty()) cf.emplace_back("need", sync::text(s(note.trimmed())));
        if (!contactId.isEmpty()) cf.emplace_back("contact_id", sync::text(s(contactId)));
        if (!me.empty()) cf.emplace_back("found_by", sync::text(me));
        auto c = store_->create("cases", cf);
        if (!c.ok()) return fail(c.error()), QString();
        case_id = *c;
    }
    sync::Fields af = {{"type", sync::text(s(type.isEmpty() ? "conversation" : type))},
                       {"direction", sync::text(inbound ? "inbound" : "outbound")},
                       {"account_id", sync::text(s(accountId))},
                       {"date", sync::text(client::today())}};
    if (!contactId.isEmpty()) af.emplace_back("contact_id", sync::text(s(contactId)));
    if (!case_id.empty()) af.emplace_back("case_id", sync::text(case_id));
    if (!note.trimmed().isEmpty()) af.emplace_back("note", sync::text(s(note.trimmed())));
    if (!me.empty()) af.emplace_back("by_user", sync::text(me));
    auto a = store_->create("activities", af);
    if (!a.ok()) return fail(a.error()), QString();
    auto st = batch.commit();
    if (!st.ok()) return fail(st.error()), QString();
    remember_account(s(accountId));
    sync_->localChange();
    // A case logged on is not changed (its history shows the activity); one made here is new.
    bump(new_case ? QStringList{"activities", "cases"} : QStringList{"activities"});
    return q(*a);
}

bool AppContext::takeOwnership(const QString& caseId) {
    std::string me = meta("user_id");
    if (me.empty()) return fail(tr("Connect to a server first"));
    return updateRecord("cases", caseId, {{"owner", q(me)}});
}

bool AppContext::moveStage(const QString& caseId, const QString& stage, const QString& lostReason) {
    if (!store_) return false;
    if (!sync::default_probability(s(stage))) return fail(tr("Unknown stage %1").arg(stage));
    rules::StageMove done;
    auto moved = rules::move_stage(*store_, s(caseId), s(stage), s(lostReason.trimmed()),
                                   rules::Actor{meta("user_id"), now_ms()}, &done);
    if (!moved.ok()) return fail(moved.error());
    if (!*moved) return true;  // already in that stage
    last_moves_[done.case_id] = std::move(done);
    sync_->localChange();
    bump({"cases", "stage_changes", "activities"});
    return true;
}

bool AppContext::undoMove(const QString& caseId) {
    auto it = last_moves_.find(s(caseId));
    if (!store_ || it == last_moves_.end()) return fail(tr("There is no move of this case to take back"));
    auto st = rules::undo_move(*store_, it->second);
    if (st.code() == sync::Code::Forbidden)
        return fail(tr("The case has moved on since; move it back by hand if you want to"));
    if (!st.ok()) return fail(st.error());
    last_moves_.erase(it);
    sync_->localChange();
    bump({"cases", "stage_changes", "activities"});
    return true;
}

}  // namespace fika::app
