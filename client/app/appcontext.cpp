#include "appcontext.h"

#include <QQmlEngine>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJSEngine>
#include <QRegularExpression>
#include <QLocale>
#include <QStandardPaths>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTranslator>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <map>

#include "calendar.h"
#include "csv.h"
#include "duplicates.h"
#include "demo.h"
#include "export.h"
#include "records.h"
#include "rules.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QString& q) { return q.toStdString(); }

QVariant to_variant(const sync::FieldDef& f, const sync::Value& v) {
    switch (v.index()) {
        case 1:
            if (f.type == sync::FieldType::Bool) return std::get<1>(v) != 0;
            return QVariant::fromValue(static_cast<qlonglong>(std::get<1>(v)));
        case 2: return std::get<2>(v);
        case 3: return q(std::get<3>(v));
        default: return QVariant();
    }
}

// "135 000", "135000", "135k", "1.2m" -> 135000, 1200000; empty -> nullopt.
std::optional<std::int64_t> parse_amount(QString t, bool* bad) {
    *bad = false;
    t = t.trimmed().toLower().remove(' ').remove('_').remove(QChar(0x00a0));
    if (t.isEmpty()) return std::nullopt;
    double mult = 1;
    if (t.endsWith('k')) mult = 1e3, t.chop(1);
    else if (t.endsWith('m')) mult = 1e6, t.chop(1);
    t.replace(',', '.');
    bool ok = false;
    double v = t.toDouble(&ok);
    if (!ok || v < 0) {
        *bad = true;
        return std::nullopt;
    }
    return static_cast<std::int64_t>(v * mult + 0.5);
}

}  // namespace

AppContext::AppContext(Options opts, QObject* parent) : QObject(parent), opts_(std::move(opts)) {
    db_path_ = opts_.database;
    if (db_path_.isEmpty()) {
        QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        db_path_ = dir + "/fika.db";
    } else {
        QDir().mkpath(QFileInfo(db_path_).absolutePath());
    }
    sync::OpenOptions o;
    if (opts_.wall) o.wall = opts_.wall;
    auto st = sync::Store::open(s(db_path_), o);
    if (!st.ok()) {
        open_error_ = q(st.error().message);
        return;
    }
    store_ = std::move(st).value();
    // The UI's connection reads (lists, counts, reports) and writes a record at a time; the
    // engine's 32 MiB page cache is for large batches, which the sync worker's connection
    // applies. 16 MiB holds the app's indexes below at 100,000 cases (~11 MB), which every
    // save reads again (fika-bench S7: 21 -> 14 ms under home, 48 -> 36 ms under the
    // board, against 4 MiB); the table itself is not scanned by a first screen any more.
    (void)store_->set_cache_kib(16384);
    // The app's own indexes, over live cases only: the cases to triage (no owner) and a
    // stage's cases, newest first, and the board's sums by stage come from these instead
    // of the 50 MB table at 100,000 cases (fika-bench S7: each save re-reads every list on
    // screen). Built once, on the first start of a version that has them.
    // A read-only or full disk: the lists still work, only slower.
    (void)store_->add_index("app_cases_unowned", "cases", "owner, id, stage, deleted", "coalesce(deleted,0)=0");
    (void)store_->add_index("app_cases_by_stage", "cases", "stage, id, currency, value, probability, deleted",
                            "coalesce(deleted,0)=0");
    if (opts_.demo) {
        bool empty = true;
        try {
            empty = !store_->read("SELECT 1 FROM accounts LIMIT 1").step();
        } catch (const sync::Failure&) {
        }
        if (empty) {
            auto err = demo::load(*store_, now_ms());
            if (!err.empty()) open_error_ = q(err);
        }
    }
    translator_ = std::make_unique<QTranslator>();
    apply_language();
    sync_ = std::make_unique<SyncController>(this);
}

AppContext::~AppContext() {
    sync_.reset();  // stops the worker before the store goes
}

namespace {
constexpr const char* kEngineApp = "fikaApp";
}  // namespace

AppContext* AppContext::of(QQmlEngine* engine) {
    return engine ? qobject_cast<AppContext*>(engine->property(kEngineApp).value<QObject*>()) : nullptr;
}

void AppContext::attach(QQmlEngine* engine) {
    engine->setProperty(kEngineApp, QVariant::fromValue(static_cast<QObject*>(this)));
    // Owned by whoever made it (main(), a test); QML must not delete it.
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
}

AppContext* AppContext::create(QQmlEngine* engine, QJSEngine*) { return of(engine); }

QObject* AppContext::syncObject() const { return sync_.get(); }

std::uint64_t AppContext::now_ms() const {
    return opts_.wall ? opts_.wall() : static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
}

std::string AppContext::meta(const char* key) const {
    if (!store_) return {};
    auto v = store_->meta(key);
    return v.ok() && *v ? **v : std::string();
}

void AppContext::set_meta(const char* key, const QString& value) {
    if (store_) (void)store_->set_meta(key, s(value));
}

bool AppContext::fail(const QString& message) {
    last_error_ = message;
    emit lastErrorChanged();
    return false;
}

void AppContext::bump(const QStringList& tables) {
    ++revision_;
    emit recordsChanged(tables);
    emit revisionChanged();
}

bool AppContext::firstRun() const { return meta("user_name").empty() && meta("server_url").empty(); }
QString AppContext::serverUrl() const { return q(meta("server_url")); }
QString AppContext::userName() const { return q(meta("user_name")); }
QString AppContext::userId() const { return q(meta("user_id")); }
QString AppContext::userRole() const {
    std::string r = meta("user_role");
    return q(r.empty() ? "consultant" : r);
}
bool AppContext::isSeller() const {
    std::string r = meta("user_role");
    return r == "seller" || r == "admin";
}
QString AppContext::language() const { return q(meta("ui_language")); }
bool AppContext::darkTheme() const { return meta("ui_dark") == "1"; }

QString AppContext::style() const {
    if (store_ && !meta("user_id").empty()) {
        auto u = store_->get("users", meta("user_id"));
        if (u.ok() && !sync::is_null((*u)["style"])) return q(sync::to_display((*u)["style"]));
    }
    std::string st = meta("user_style");
    return q(st.empty() ? "neutral" : st);
}

int AppContext::weeklyTarget() const {
    if (store_ && !meta("user_id").empty()) {
        auto u = store_->get("users", meta("user_id"));
        if (u.ok() && std::holds_alternative<std::int64_t>((*u)["weekly_target"]))
            return static_cast<int>(std::get<std::int64_t>((*u)["weekly_target"]));
    }
    std::string t = meta("user_weekly_target");
    return t.empty() ? 5 : std::atoi(t.c_str());
}

void AppContext::workOffline(const QString& name) {
    QString n = name.trimmed();
    if (n.isEmpty()) n = tr("Me");
    set_meta("user_name", n);
    if (meta("user_id").empty()) set_meta("user_id", QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (meta("user_role").empty()) set_meta("user_role", "consultant");
    emit settingsChanged();
    bump();
}

void AppContext::connectServer(const QString& url, const QString& token) {
    QString u = url.trimmed();
    while (u.endsWith('/')) u.chop(1);
    if (!u.startsWith("http://") && !u.startsWith("https://")) {
        fail(tr("The server address starts with http:// or https://"));
        return;
    }
    if (token.trimmed().isEmpty()) {
        fail(tr("Paste the token your admin gave you"));
        return;
    }
    sync_->connectTo(u, token.trimmed());
}

void AppContext::disconnectServer() {
    sync_->disconnectFromServer();
    set_meta("server_url", "");
    set_meta("server_token", "");
    emit settingsChanged();
}

void AppContext::setLanguage(const QString& code) {
    set_meta("ui_language", code);
    apply_language();
    emit settingsChanged();
    bump();
}

void AppContext::apply_language() {
    QString code = language();
    if (code.isEmpty()) code = QLocale::system().name().left(2);
    QCoreApplication::removeTranslator(translator_.get());
    if (translator_->load(":/i18n/fika_" + code + ".qm")) QCoreApplication::installTranslator(translator_.get());
    QLocale::setDefault(QLocale(code == "sv" ? "sv_SE" : code == "da" ? "da_DK" : "en_GB"));
}

void AppContext::setDarkTheme(bool dark) {
    set_meta("ui_dark", dark ? "1" : "0");
    emit settingsChanged();
}

void AppContext::setStyle(const QString& st) {
    if (!store_) return;
    std::string id = meta("user_id");
    if (!id.empty() && store_->get("users", id).ok()) {
        auto r = store_->update("users", id, {{"style", sync::text(s(st))}});
        if (!r.ok()) fail(r.error());
    } else {
        set_meta("user_style", st);
    }
    sync_->localChange();
    bump({"users"});
}

void AppContext::setWeeklyTarget(int target) {
    if (!store_) return;
    std::string id = meta("user_id");
    if (!id.empty() && store_->get("users", id).ok()) {
        auto r = store_->update("users", id, {{"weekly_target", std::int64_t{target}}});
        if (!r.ok()) fail(r.error());
    } else {
        set_meta("user_weekly_target", QString::number(target));
    }
    sync_->localChange();
    bump({"users"});
}

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

QString AppContext::userLabel(const QString& v) const {
    if (!store_ || v.isEmpty()) return v;
    if (!sync::is_uuid(s(v))) return v;
    auto u = store_->get("users", s(v));
    if (!u.ok() || sync::is_null((*u)["name"])) return v == userId() ? userName() : v;
    return q(sync::to_display((*u)["name"]));
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

namespace {
// The Documents folder (or `dir`), created when missing; "" when there is none.
QString export_dir(const QString& dir) {
    QString d = dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : dir;
    if (d.isEmpty() || !QDir().mkpath(d)) return {};
    return d;
}

// A person's name as a file name, without characters file systems refuse.
QString file_name_for(QString name, const QString& fallback) {
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("_"));
    return name.trimmed().isEmpty() ? fallback : name.trimmed();
}

bool write_text(const QString& path, const std::string& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size()) && f.flush();
}
}  // namespace

QString AppContext::saveExport(const QString& dir, const QString& file, const sync::Result<std::string>& text) {
    if (!text.ok()) return fail(text.error()), QString();
    QString d = export_dir(dir);
    if (d.isEmpty()) return fail(tr("There is no folder to export to")), QString();
    QString path = QDir(d).filePath(file);
    if (auto own = store_->check_not_own_file(s(path)); !own.ok()) return fail(own.error()), QString();
    if (!write_text(path, *text)) return fail(tr("Could not write %1").arg(path)), QString();
    return path;
}

QString AppContext::exportFollowUps(const QString& dir) {
    if (!store_) return {};
    auto now = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
    return saveExport(dir, QStringLiteral("fika-follow-ups.ics"), client::follow_ups_ical(*store_, now));
}

QString AppContext::exportContactCard(const QString& contactId, const QString& dir) {
    if (!store_) return {};
    QString name = file_name_for(record("contacts", contactId).value("name").toString(), QStringLiteral("contact"));
    return saveExport(dir, name + QStringLiteral(".vcf"), client::contact_vcard(*store_, s(contactId)));
}

QString AppContext::exportPersonData(const QString& contactId, const QString& dir) {
    if (!store_) return {};
    QString name = file_name_for(record("contacts", contactId).value("name").toString(), QStringLiteral("person"));
    return saveExport(dir, name + QStringLiteral(" - data.json"), sync::person_export(*store_, s(contactId)));
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

QString AppContext::exportCsv(const QString& dir) {
    if (!store_) return {};
    QString d = export_dir(dir);
    if (d.isEmpty()) return fail(tr("There is no folder to export to")), QString();
    QString folder = QDir(d).filePath(QStringLiteral("fika-csv-") +
                                      QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm")));
    if (!QDir().mkpath(folder)) return fail(tr("Could not create %1").arg(folder)), QString();
    auto files = client::export_csv(*store_, s(folder));
    if (!files.ok()) return fail(files.error()), QString();
    return folder;
}

QVariantMap AppContext::importCsv(const QString& pathOrUrl, const QString& kind) {
    QVariantMap out{{QStringLiteral("ok"), false}};
    if (!store_) return out;
    QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.trimmed().isEmpty()) return fail(tr("Choose a CSV file")), out;
    std::string table;
    if (!kind.isEmpty()) {
        const sync::TableDef* t = client::table_for(s(kind));
        if (!t) return fail(tr("Unknown kind %1").arg(kind)), out;
        table = t->name;
    }
    sync::Fields defaults;
    if (std::string me = meta("user_id"); !me.empty()) {
        defaults.emplace_back("found_by", sync::text(me));
        defaults.emplace_back("by_user", sync::text(me));
    }
    auto rep = client::import_csv(*store_, s(path), table, defaults);
    if (!rep.ok()) return fail(rep.error()), out;
    QStringList errors;
    for (const auto& e : rep->errors) errors << tr("line %1: %2").arg(e.line).arg(q(e.message));
    out[QStringLiteral("ok")] = true;
    out[QStringLiteral("table")] = q(rep->table);
    out[QStringLiteral("created")] = static_cast<int>(rep->created);
    out[QStringLiteral("updated")] = static_cast<int>(rep->updated);
    out[QStringLiteral("unchanged")] = static_cast<int>(rep->unchanged);
    out[QStringLiteral("errors")] = errors;
    QString summary = tr("%1: %2 added, %3 updated, %4 unchanged")
                          .arg(q(rep->table))
                          .arg(rep->created)
                          .arg(rep->updated)
                          .arg(rep->unchanged);
    if (!errors.isEmpty()) summary += QLatin1Char('\n') + tr("%Ln row(s) skipped:", "", static_cast<int>(errors.size())) +
                                      QLatin1Char('\n') + errors.mid(0, 20).join(QLatin1Char('\n'));
    out[QStringLiteral("summary")] = summary;
    if (rep->created || rep->updated) {
        sync_->localChange();
        bump();
    }
    return out;
}

QVariantMap AppContext::draft(const QString& key) const {
    std::string text = meta(("draft:" + s(key)).c_str());
    if (text.empty()) return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object().toVariantMap();
}

void AppContext::saveDraft(const QString& key, const QVariantMap& fields) {
    if (!store_) return;
    bool any = false;
    for (const QVariant& v : fields) any = any || !v.toString().trimmed().isEmpty();
    if (!any) return clearDraft(key);
    QByteArray json = QJsonDocument(QJsonObject::fromVariantMap(fields)).toJson(QJsonDocument::Compact);
    auto st = store_->set_meta("draft:" + s(key), json.toStdString());
    if (!st.ok()) fail(st.error());
}

void AppContext::clearDraft(const QString& key) {
    if (!store_) return;
    if (auto st = store_->remove_meta("draft:" + s(key)); !st.ok()) fail(st.error());
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
    if (sync::is_uuid(s(acct)) && store_->get("accounts", s(acct)).ok()) {
        account_id = s(acct);
    } else {
        account_id = find_by_name("accounts", acct);
        if (account_id.empty()) {
            auto id = store_->create("accounts", {{"name", sync::text(s(acct))}});
            if (!id.ok()) return fail(id.error()), QString();
            account_id = *id;
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
        }
        cf.emplace_back("contact_id", sync::text(contact_id));
    }
    auto id = store_->create("cases", cf);
    if (!id.ok()) return fail(id.error()), QString();
    auto st = batch.commit();
    if (!st.ok()) return fail(st.error()), QString();
    sync_->localChange();
    bump({"accounts", "contacts", "cases"});
    return q(*id);
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
    auto moved = rules::move_stage(*store_, s(caseId), s(stage), s(lostReason.trimmed()),
                                   rules::Actor{meta("user_id"), now_ms()});
    if (!moved.ok()) return fail(moved.error());
    if (!*moved) return true;  // already in that stage
    sync_->localChange();
    bump({"cases", "stage_changes", "activities"});
    return true;
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

QStringList AppContext::accountWarnings(const QString& accountId) const {
    QStringList out;
    if (!store_) return out;
    auto a = store_->get("accounts", s(accountId));
    if (!a.ok()) return out;
    std::string policy = sync::to_display((*a)["policy"]);
    if (policy == "inbound-only")
        out << tr("Inbound only: we have promised not to sell actively here. Log what they ask for; do not pitch.");
    else if (policy == "blocked")
        out << tr("Blocked: we do not work for this customer because of a competitor promise. Talk to a seller first.");
    return out;
}

QStringList AppContext::newAccountWarnings(const QString& competitorGroup) const {
    QStringList out;
    if (!store_ || competitorGroup.trimmed().isEmpty()) return out;
    sync::Stmt st = store_->read(
        "SELECT name FROM accounts WHERE competitor_group=? AND policy='active' AND coalesce(deleted,0)=0 LIMIT 3");
    st.bind(1, s(competitorGroup.trimmed()));
    while (st.step())
        out << tr("%1 is an active customer in the competitor group \"%2\": a seller will be told.")
                   .arg(q(std::string(st.text(0))), competitorGroup.trimmed());
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

QString AppContext::needsAnalysisTemplate() const {
    // The rules' template in the user's language (its English text is the key; the marker
    // keeps it in the translation files).
    static_cast<void>(QT_TR_NOOP("Need:\n\nPain:\n\nTiming:\n\nWho decides:\n\nBudget:\n"));
    return tr(rules::needs_analysis_template());
}

QString AppContext::formatMoney(const QVariant& value, const QString& currency) const {
    if (!value.isValid() || value.isNull() || value.toString().isEmpty()) return {};
    QLocale l;
    return l.toString(value.toLongLong()) + " " + (currency.isEmpty() ? q(rules::default_currency()) : currency);
}

QStringList AppContext::stages() const {
    QStringList out;
    for (const std::string& st : rules::stages()) out << q(st);
    return out;
}

QString AppContext::stageLabel(const QString& st) const {
    if (st == "spotted") return tr("Spotted");
    if (st == "qualified") return tr("Qualified");
    if (st == "meeting") return tr("Meeting");
    if (st == "offer") return tr("Offer");
    if (st == "negotiation") return tr("Negotiation");
    if (st == "won") return tr("Won");
    if (st == "lost") return tr("Lost");
    return st;
}

int AppContext::defaultProbability(const QString& st) const { return sync::default_probability(s(st)).value_or(0); }

QString AppContext::roleLabel(const QString& r) const {
    if (r == "decision-maker") return tr("Decision maker");
    if (r == "project-owner") return tr("Project owner");
    if (r == "influencer") return tr("Influencer");
    if (r == "user") return tr("User");
    return tr("Other");
}

QString AppContext::activityLabel(const QString& t) const {
    if (t == "conversation") return tr("Conversation");
    if (t == "meeting") return tr("Meeting");
    if (t == "phone-meeting") return tr("Phone meeting");
    if (t == "offer") return tr("Offer");
    if (t == "won") return tr("Won");
    if (t == "lost") return tr("Lost");
    return tr("Other");
}

QString AppContext::statusLabel(const QString& status) const {
    if (status == "open") return tr("open");
    if (status == "planned") return tr("planned");
    if (status == "done") return tr("done");
    if (status == "cancelled") return tr("cancelled");
    return status;
}

QString AppContext::styleLabel(const QString& style) const {
    if (style == "passive") return tr("Passive");
    if (style == "neutral") return tr("Neutral");
    if (style == "direct") return tr("Direct");
    return style;
}

QString AppContext::userRoleLabel(const QString& role) const {
    if (role == "consultant") return tr("Consultant");
    if (role == "seller") return tr("Seller");
    if (role == "admin") return tr("Administrator");
    return role;
}

QString AppContext::fieldLabel(const QString& table, const QString& field) const {
    if (field == "title") return table == "contacts" ? tr("Title (role)") : tr("Title");
    if (field == "name") return tr("Name");
    if (field == "value") return tr("Value");
    if (field == "currency") return tr("Currency");
    if (field == "probability") return tr("Probability %");
    if (field == "follow_up") return tr("Follow up");
    if (field == "next_step") return tr("Next step");
    if (field == "need") return tr("Need");
    if (field == "lost_reason") return tr("Why it was lost");
    if (field == "email") return tr("E-mail");
    if (field == "phone") return tr("Phone");
    if (field == "date") return tr("Date");
    if (field == "due") return tr("Due");
    if (field == "summary") return tr("Summary");
    if (field == "body") return tr("Note");
    if (field == "outcome") return tr("Outcome");
    if (field == "cost") return tr("Cost");
    if (field == "period_start") return tr("Start");
    if (field == "period_end") return tr("End");
    if (field == "weekly_target") return tr("Weekly target");
    if (field == "yearly_revenue") return tr("Yearly revenue");
    if (field == "competitor_group") return tr("Competitor group");
    if (field == "stage") return tr("Stage");
    if (field == "owner") return tr("Owner");
    if (field == "found_by") return tr("Found by");
    if (field == "policy") return tr("Policy");
    if (field == "role") return tr("Role");
    if (field == "type") return tr("Type");
    if (field == "industry") return tr("Industry");
    QString plain = field;
    plain.replace('_', ' ');
    return plain.isEmpty() ? plain : plain.left(1).toUpper() + plain.mid(1);
}

QString AppContext::errorText(const sync::Error& e) const {
    using sync::Code;
    const QStringList at = q(e.field).split('.');
    const QString field = at.size() == 2 ? fieldLabel(at[0], at[1]) : QString();
    if (!field.isEmpty() || e.rule == "erased") {
        if (e.rule == "required") return tr("%1 is required").arg(field);
        if (e.rule == "range") {
            if (e.min == 0 && e.max == INT64_MAX) return tr("%1 must be a positive amount").arg(field);
            return tr("%1 must be between %2 and %3").arg(field, QLocale().toString(static_cast<qlonglong>(e.min)),
                                                         QLocale().toString(static_cast<qlonglong>(e.max)));
        }
        if (e.rule == "too_long") return tr("%1 is too long (at most %2 characters)").arg(field).arg(e.max);
        if (e.rule == "choice") return tr("%1: choose one of the offered values").arg(field);
        if (e.rule == "fixed") return tr("%1 cannot be changed once the record is created").arg(field);
        if (e.rule == "erased") return tr("This record was erased at a person's request: it cannot be changed");
        if (e.rule == "type") return tr("%1 is not valid here").arg(field);
    }
    switch (e.code) {
        case Code::Storage:
            return tr("The local database could not be read or written (%1). Nothing was lost; try again, or free "
                      "some disk space").arg(q(e.message));
        case Code::Busy: return tr("The local database is busy; try again in a moment");
        case Code::Corrupt: return tr("The local database is damaged (%1)").arg(q(e.message));
        case Code::SchemaTooNew: return tr("This database was written by a newer Fika: update the app");
        case Code::NotFound: return tr("It is not there any more (deleted, or never synced to this device)");
        case Code::TooLarge: return tr("That is too large to save");
        default: return q(e.message);
    }
}

QString AppContext::policyLabel(const QString& policy) const {
    if (policy == "active") return tr("active");
    if (policy == "inbound-only") return tr("inbound only");
    if (policy == "blocked") return tr("blocked");
    return policy;
}

QString AppContext::flagLabel(const QString& flag) const {
    QStringList parts = flag.split(':');
    if (parts.value(0) == "policy" && parts.value(1) == "inbound-only") return tr("inbound-only customer: no active selling");
    if (parts.value(0) == "policy" && parts.value(1) == "blocked") return tr("blocked customer");
    if (parts.value(0) == "competitor") return tr("competitor of %1 (group %2)").arg(parts.mid(2).join(':'), parts.value(1));
    return flag;
}

}  // namespace fika::app
