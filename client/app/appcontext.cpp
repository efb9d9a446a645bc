#include "appcontext.h"

#include <QQmlEngine>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QJSEngine>
#include <QRegularExpression>
#include <QLocale>
#include <QStandardPaths>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTranslator>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <map>

#include "appcontext_detail.h"
#include "calendar.h"
#include "csv.h"
#include "duplicates.h"
#include "demo.h"
#include "enrolment.h"
#include "export.h"
#include "records.h"
#include "rules.h"
#include "sqlite.h"
#include "devicelock.h"
#include "qrimage.h"
#include "app_attachments.h"
#include "reminders.h"
#include "synccontroller.h"
#include "vault.h"

namespace fika::app {

using namespace detail;


QString AppContext::default_database() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/fika.db";
}

AppContext::AppContext(Options opts, QObject* parent) : QObject(parent), opts_(std::move(opts)) {
    db_path_ = opts_.database.isEmpty() ? default_database() : opts_.database;
    QDir().mkpath(QFileInfo(db_path_).absolutePath());
    sync::OpenOptions o;
    if (opts_.wall) o.wall = opts_.wall;
    // SQLite's integrity check reads every page: the sync worker has it run on a
    // connection and a thread of its own, beside the first screen (SyncController).
    o.integrity_check = false;
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
    // The board's columns filtered by owner or finder read these too (no table lookups).
    (void)store_->add_index("app_cases_by_stage", "cases", "stage, id, currency, value, probability, deleted, owner, found_by",
                            "coalesce(deleted,0)=0");
    // The follow-ups due for one person (Reminders), by owner and by finder.
    for (const char* who : {"owner", "found_by"})
        (void)store_->add_index(std::string("app_cases_follow_up_") + who, "cases", std::string(who) + ", follow_up",
                                "follow_up IS NOT NULL AND coalesce(deleted,0)=0");
    // When each case entered its stage (the board's days in stage) and a case's history.
    (void)store_->add_index("app_stage_changes_by_case", "stage_changes", "case_id, to_stage, at", "coalesce(deleted,0)=0");
    // The counts and sums every save refreshes (the board's columns, a list's total) come
    // from tallies the database keeps up to date, not from reading every case: at
    // 1,000,000 cases the board's sums alone took 250 ms (fika-bench S7).
    (void)rules::keep_tallies(*store_);
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
    reminders_ = std::make_unique<Reminders>(this);
    files_ = std::make_unique<Attachments>(this);
    // The app lock: locked at start while one is set; idle time from every key, click
    // and touch of the application.
    locked_ = lockMinutes() > 0;
    last_input_ms_ = now_ms();
    if (auto fails = QString::fromStdString(meta("app_lock_fails")).split(' '); fails.size() == 2) {
        failed_unlocks_ = fails[0].toInt();
        unlock_not_before_ms_ = fails[1].toULongLong();
    }
    if (QCoreApplication::instance()) QCoreApplication::instance()->installEventFilter(this);
    idle_timer_.setInterval(15000);
    connect(&idle_timer_, &QTimer::timeout, this, &AppContext::checkIdle);
    idle_timer_.start();
}

AppContext::~AppContext() {
    files_.reset();
    reminders_.reset();
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
    if (!engine->imageProvider("qr")) engine->addImageProvider("qr", new QrImageProvider);
    if (files_ && !engine->imageProvider("attachments"))
        engine->addImageProvider("attachments", new ThumbnailProvider(files_->thumbnails()));
    // Owned by whoever made it (main(), a test); QML must not delete it.
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
}

AppContext* AppContext::create(QQmlEngine* engine, QJSEngine*) { return of(engine); }

QObject* AppContext::syncObject() const { return sync_.get(); }
QObject* AppContext::remindersObject() const { return reminders_.get(); }
QObject* AppContext::filesObject() const { return files_.get(); }

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

bool AppContext::encrypted() const { return opts_.tokens && opts_.tokens->in_vault(); }

// ---- the app lock ------------------------------------------------------------------------
// _meta "app_lock": "MINUTES SEALED_PIN" (client::seal_pin), in the (encrypted) database.

namespace {
std::pair<int, std::string> parse_lock(const std::string& v) {
    auto sp = v.find(' ');
    if (sp == std::string::npos) return {0, {}};
    return {std::atoi(v.substr(0, sp).c_str()), v.substr(sp + 1)};
}
}  // namespace

int AppContext::lockMinutes() const { return parse_lock(meta("app_lock")).first; }

int AppContext::lockPolicy() const { return std::atoi(meta("policy_app_lock").c_str()); }

bool AppContext::lockRequired() const {
    int policy = lockPolicy(), mine = lockMinutes();
    return policy > 0 && (mine <= 0 || mine > policy);
}

bool AppContext::setAppLock(int minutes, const QString& pin, const QString& repeat) {
    int policy = lockPolicy();
    if (policy > 0 && (minutes <= 0 || minutes > policy))
        return fail(tr("Your firm requires the app to lock itself after at most %1 idle minutes").arg(policy));
    if (minutes <= 0) {
        set_meta("app_lock", "");
        emit settingsChanged();
        return true;
    }
    if (pin.size() < 4) return fail(tr("The PIN or passphrase needs at least 4 characters"));
    if (pin != repeat) return fail(tr("The two differ"));
    set_meta("app_lock", QString::number(minutes) + " " + q(client::seal_pin(s(pin))));
    last_input_ms_ = now_ms();
    emit settingsChanged();
    return true;
}

int AppContext::unlockWaitSeconds() const {
    std::uint64_t now = now_ms();
    return now >= unlock_not_before_ms_ ? 0 : static_cast<int>((unlock_not_before_ms_ - now + 999) / 1000);
}

bool AppContext::unlockApp(const QString& pin) {
    if (unlockWaitSeconds() > 0) return false;
    auto [minutes, sealed] = parse_lock(meta("app_lock"));
    if (minutes <= 0 || client::pin_matches(s(pin), sealed)) {
        locked_ = false;
        if (failed_unlocks_) set_meta("app_lock_fails", "");
        failed_unlocks_ = 0;
        last_input_ms_ = now_ms();
        emit lockedChanged();
        return true;
    }
    if (++failed_unlocks_ >= 5) {
        std::uint64_t wait_s = std::min<std::uint64_t>(3600, 30ull << std::min(failed_unlocks_ - 5, 7));
        unlock_not_before_ms_ = now_ms() + wait_s * 1000;
    }
    // Kept: quitting and starting again does not reset the count.
    set_meta("app_lock_fails", QString("%1 %2").arg(failed_unlocks_).arg(unlock_not_before_ms_));
    return false;  // the lock's own window says so (not the app's error bar, behind it)
}

void AppContext::checkIdle() {
    int minutes = lockMinutes();
    if (locked_ || minutes <= 0 || !gone_reason_.isEmpty()) return;
    if (now_ms() - last_input_ms_ >= static_cast<std::uint64_t>(minutes) * 60000) {
        locked_ = true;
        emit lockedChanged();
    }
}

bool AppContext::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::TouchBegin:
        case QEvent::Wheel:
            if (!locked_) last_input_ms_ = now_ms();
            break;
        default: break;
    }
    return QObject::eventFilter(watched, event);
}

void AppContext::deleteDeviceData(const QString& reason) {
    client::delete_device_files(s(db_path_));
    if (files_) files_->removeOpenedCopies();
    // (The vault's token stays in memory only until the app quits; nothing syncs now.)
    if (encrypted()) DeviceLock::keyring_delete(DeviceLock::keyring_key(db_path_));
    gone_reason_ = reason.isEmpty() ? tr("This device's data was deleted") : reason;
    emit goneChanged();
}

bool AppContext::signIn(const QString& url, const QString& given) {
    QString u = url.trimmed(), what = given.trimmed();
    // A link pasted into either field carries both.
    for (const QString& text : {what, u}) {
        QVariantMap link = readEnrolLink(text);
        if (!link.isEmpty()) {
            u = link["server"].toString();
            what = link["code"].toString();
            break;
        }
    }
    while (u.endsWith('/')) u.chop(1);
    if (!u.startsWith("http://") && !u.startsWith("https://")) {
        return fail(tr("The server address starts with http:// or https://"));
    }
    if (what.isEmpty()) {
        return fail(tr("Enter the code your admin gave you"));
    }
    if (sync::normal_enrol_code(what.toStdString())) {
        sync_->enrolAt(u, what);
        return true;
    }
    if (what.size() <= 20) {  // neither a code nor a token: a mistyped code
        return fail(tr("A code has 12 letters and digits, like K7QH-2MWP-9XRT"));
    }
    sync_->connectTo(u, what);
    return true;
}

QVariantMap AppContext::readEnrolLink(const QString& text) const {
    auto link = sync::parse_enrol_link(text.toStdString());
    if (!link) return {};
    return {{"server", QString::fromStdString(link->server)}, {"code", QString::fromStdString(link->code)}};
}

QString AppContext::qrSource(const QString& text) const {
    return "image://qr/" + QString::fromLatin1(text.toUtf8().toHex());
}

void AppContext::disconnectServer() {
    sync_->disconnectFromServer();
    set_meta("server_url", "");
    set_meta("server_token", "");
    if (encrypted()) (void)opts_.tokens->set_token("");
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
    // Any other system language (or none: "C") is English, whose plural forms ("1 day",
    // "2 days") come from its own translation too.
    if (code != "sv" && code != "da") code = "en";
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

}  // namespace fika::app
