#include "synccontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QThread>

#include <algorithm>
#include <atomic>

#include "app_attachments.h"
#include "appcontext.h"
#include "enrolment.h"
#include "rules.h"
#include "store.h"
#include "content_transfer.h"
#include "sync_client.h"
#include "vault.h"

namespace fika::app {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
std::string meta_of(sync::Store& st, const char* key) {
    auto v = st.meta(key);
    return v.ok() && *v ? **v : std::string();
}
QVariantList parse_inbox(const std::string& json) {
    QVariantList out;
    auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    QJsonArray arr = doc.isObject() ? doc.object()["notifications"].toArray() : doc.array();
    for (const auto& v : arr) out.append(v.toObject().toVariantMap());
    return out;
}
}  // namespace

// ---- the worker: its own connection to the database, on its own thread ------------------------

class SyncWorker : public QObject {
    Q_OBJECT
public:
    SyncWorker(QString path, std::function<std::uint64_t()> wall, std::shared_ptr<client::TokenKeeper> tokens)
        : path_(std::move(path)), wall_(std::move(wall)), tokens_(std::move(tokens)) {}
    ~SyncWorker() override {
        if (!checker_) return;
        stop_check_ = true;
        checker_->wait();
    }

    sync::Store* store() { return store_.get(); }

    client::ServerConfig config() {
        client::ServerConfig cfg;
        cfg.url = meta_of(*store_, "server_url");
        cfg.token = in_vault() ? tokens_->token() : meta_of(*store_, "server_token");
        cfg.user_agent = client::user_agent("fika-app");
        cfg.connect_timeout_s = 5;
        cfg.read_timeout_s = 30;
        return cfg;
    }

    // What Settings shows of the user's mail, from what the device keeps.
    static QVariantMap mail_state(sync::Store& st) {
        std::string wanted = meta_of(st, "mail_wanted"), cache = meta_of(st, "mail_cache");
        QJsonObject now = QJsonDocument::fromJson(QByteArray::fromStdString(wanted.empty() ? cache : wanted)).object();
        QJsonObject server = QJsonDocument::fromJson(QByteArray::fromStdString(cache)).object();
        return {{"address", now["address"].toString()},
                {"mode", now["mode"].toString("none")},
                {"hour", now["hour"].toInt(8)},
                {"serverSendsMail", server["server_sends_mail"].toBool(false)},
                {"known", !cache.empty()},
                {"waiting", !wanted.empty()},
                {"error", q(meta_of(st, "mail_error"))}};
    }

public slots:
    void open() {
        sync::OpenOptions o;
        o.integrity_check = false;  // startCheck(), next
        if (wall_) o.wall = wall_;
        auto st = sync::Store::open(path_.toStdString(), o);
        if (st.ok()) store_ = std::move(st).value();
    }

    // SQLite's check of every page (0.5-1.6 s at 1,000,000 cases), once the first screen
    // is up (SyncController::firstScreenShown): begun beside it, it took one of the two
    // cores the screen was being built on (fika-bench S6). On a connection and a thread of
    // its own, so that this worker answers meanwhile; its verdict comes as soon as it is
    // in (damaged()), and a sync waits for it: a damaged file is never synced.
    void startCheck() {
        if (checker_ || checked_ || !store_) return;
        checker_.reset(QThread::create([this] { verdict_ = sync::Store::check_integrity(path_.toStdString(), &stop_check_); }));
        connect(checker_.get(), &QThread::finished, this, [this] { (void)intact(); });
        checker_->start();
    }

private:
    // False once the check found damage; starts it if need be and waits for its verdict.
    bool intact() {
        startCheck();
        if (checker_) {
            checker_->wait();
            checker_.reset();
            checked_ = true;
            if (!verdict_.ok()) {
                damaged_ = true;
                emit damaged(q(verdict_.error().message));
            }
        }
        return !damaged_;
    }

public slots:
    void doSync() {
        if (!store_) return emit syncDone(false, false, 0, tr("The local database could not be opened"), 0, 0);
        if (!intact()) return emit syncDone(false, false, 0, tr("The local database is damaged"), 0, 0);
        client::ServerConfig cfg = config();
        if (cfg.url.empty()) return emit syncDone(false, false, 0, QString(), 0, 0);
        client::SyncClient sc(*store_, cfg);
        client::ProgressPace pace;
        sc.on_progress([this, &pace](const client::SyncProgress& p) {
            if (!pace.due(p)) return;
            emit progress(p.phase == client::SyncProgress::Phase::Upload, static_cast<qlonglong>(p.done),
                          static_cast<qlonglong>(p.total), p.seconds_left);
        });
        auto r = sc.sync(2);
        if (!r.ok()) {
            bool transient = r.failure->kind == client::Failure::Kind::Transient;
            return emit syncDone(false, transient, r.failure->status, q(r.failure->message), 0, 0);
        }
        (void)store_->set_meta("last_sync_ms", std::to_string(store_->now_ms()));
        // An admin asked this device to sign out: everything is sent, so its data goes
        // (the server is told first; the token goes with the vault anyway).
        if (r.value->sign_out && r.value->complete && store_->pending_count() == 0) {
            (void)sc.confirm_signed_out();
            return emit signedOutByAdmin();
        }
        // The firm's policy (GET /v1/me), again every 10 minutes at most.
        std::uint64_t checked = std::strtoull(meta_of(*store_, "policy_checked_ms").c_str(), nullptr, 10);
        if (store_->now_ms() - checked >= 10 * 60 * 1000) {
            auto me = sc.get("/v1/me");
            if (me.ok()) {
                keep_policy(QJsonDocument::fromJson(QByteArray::fromStdString(*me.value)).object());
                (void)store_->set_meta("policy_checked_ms", std::to_string(store_->now_ms()));
            }
        }
        // Attachments' content, once their records are on the server (a failure leaves
        // the queue for the next sync; the records are in step either way).
        // Then the contents the user wants here before opening them (Settings: small ones,
        // all, or none until opened).
        client::ContentTransfer files(*store_, cfg);
        auto sent = files.upload_all();
        std::size_t fetched = 0;
        if (std::uint64_t most = Attachments::prefetchBytes(q(meta_of(*store_, "files_prefetch"))); most > 0 && sent.ok()) {
            auto got = files.prefetch(most);
            if (got.ok()) fetched = *got.value;
        }
        if ((sent.ok() && (sent.value->uploaded > 0 || !sent.value->refused.empty())) || fetched > 0) emit filesChanged();
        std::string role = meta_of(*store_, "user_role");
        sendMail(sc, store_->now_ms() - checked >= 10 * 60 * 1000 || meta_of(*store_, "mail_cache").empty());
        if (role == "seller" || role == "admin") {
            auto in = sc.get("/v1/notifications?limit=200");
            if (in.ok()) {
                (void)store_->set_meta("inbox_cache", *in.value);
                emit inbox(parse_inbox(*in.value));
            }
        }
        emit syncDone(true, false, 200, QString(), static_cast<int>(r.value->pushed), static_cast<int>(r.value->pulled));
    }

    // Downloads an attachment's content (opening it on this device): from where a cut
    // download stopped, checked against its SHA-256.
    void doFetch(const QString& attachmentId) {
        if (!store_) return emit fetched(attachmentId, false, tr("The local database could not be opened"));
        client::ServerConfig cfg = config();
        if (cfg.url.empty())
            return emit fetched(attachmentId, false, tr("This file is not on this device, and the device is not connected to a server"));
        client::ContentTransfer files(*store_, cfg);
        auto r = files.fetch(attachmentId.toStdString());
        if (r.ok()) return emit fetched(attachmentId, true, QString());
        const client::Failure& f = *r.failure;
        QString why = f.status == 409   ? tr("The device it was attached on has not sent this file yet")
                      : f.status == 404 ? tr("The server does not have this file for you")
                      : f.code == "network" ? tr("Cannot reach the server: %1").arg(q(f.message))
                                        : q(f.message);
        emit fetched(attachmentId, false, why);
    }

    void doConnect(const QString& url, const QString& token) {
        if (!store_) return emit connectDone(false, tr("The local database could not be opened"), {}, {}, {});
        client::ServerConfig cfg;
        cfg.url = url.toStdString();
        cfg.token = token.toStdString();
        cfg.user_agent = client::user_agent("fika-app");
        client::SyncClient sc(*store_, cfg);
        auto me = sc.get("/v1/me");
        if (!me.ok()) {
            QString why = me.failure->status == 401 ? tr("The server does not accept this token")
                                                    : tr("Cannot reach the server: %1").arg(q(me.failure->message));
            return emit connectDone(false, why, {}, {}, {});
        }
        auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(*me.value)).object();
        // Signing in again (a revoked or rotated token) must be as the same person while
        // their changes wait here: they would otherwise go out under someone else's name.
        std::string before = meta_of(*store_, "user_id");
        std::string after = doc["id"].toString().toStdString();
        if (!before.empty() && before != after && store_->pending_count() > 0)
            return emit connectDone(false,
                                    tr("This token is %1's, but changes by %2 are waiting on this device. Ask your admin for "
                                       "a new token for %2.")
                                        .arg(doc["name"].toString(), q(meta_of(*store_, "user_name"))),
                                    {}, {}, {});
        if (in_vault() && !tokens_->set_token(cfg.token))
            return emit connectDone(false, tr("The token could not be saved in this device's vault"), {}, {}, {});
        (void)store_->set_meta("server_url", cfg.url);
        if (!in_vault()) (void)store_->set_meta("server_token", cfg.token);
        (void)store_->set_meta("user_id", doc["id"].toString().toStdString());
        (void)store_->set_meta("user_name", doc["name"].toString().toStdString());
        (void)store_->set_meta("user_role", doc["role"].toString().toStdString());
        keep_policy(doc);
        (void)store_->set_meta("policy_checked_ms", std::to_string(store_->now_ms()));
        emit connectDone(true, QString(), doc["id"].toString(), doc["name"].toString(), doc["role"].toString());
    }

    // An enrolment code exchanged for this device's own token, then signed in with it as
    // doConnect does.
    void doEnrol(const QString& url, const QString& code) {
        if (!store_) return emit connectDone(false, tr("The local database could not be opened"), {}, {}, {});
        client::ServerConfig cfg;
        cfg.url = url.toStdString();
        cfg.user_agent = client::user_agent("fika-app");
        auto got = client::enrol(cfg, code.toStdString(), store_->site(), client::this_device());
        if (!got.ok()) {
            const client::Failure& f = *got.failure;
            QString why = f.status == 401   ? tr("The server does not know this code, or it was used or has expired. Ask for a new one.")
                          : f.status == 403 ? tr("The server refuses to sign this device in: %1").arg(q(f.message))
                          : f.status == 429 ? tr("Too many tries: wait a minute and try again")
                          : f.status == 0   ? tr("Cannot reach the server: %1").arg(q(f.message))
                                            : tr("The server could not sign this device in: %1").arg(q(f.message));
            return emit connectDone(false, why, {}, {}, {});
        }
        doConnect(url, QString::fromStdString(got.value->token));
    }

    // A code for another device of this user, shown by Settings' "Add a device".
    void doNewCode() {
        if (!store_) return emit deviceCode({{"error", tr("The local database could not be opened")}});
        client::ServerConfig cfg = config();
        if (cfg.url.empty()) return emit deviceCode({{"error", tr("This device is not connected to a server")}});
        client::SyncClient sc(*store_, cfg);
        auto r = sc.post("/v1/enrol/codes", "{}");
        if (!r.ok())
            return emit deviceCode({{"error", r.failure->status == 0 ? tr("Cannot reach the server: %1").arg(q(r.failure->message))
                                                                     : q(r.failure->message)}});
        auto j = QJsonDocument::fromJson(QByteArray::fromStdString(*r.value)).object();
        QString code = j["code"].toString();
        emit deviceCode({{"code", code},
                         {"link", q(sync::enrol_link(cfg.url, code.toStdString()))},
                         {"expiresMs", j["expires_ms"].toDouble()}});
    }

    // A change of how the user hears by mail: kept (meta mail_wanted) until the server has
    // it, then sent at once when there is a server.
    void doSetMail(const QString& wanted) {
        if (!store_) return;
        (void)store_->set_meta("mail_wanted", wanted.toStdString());
        (void)store_->set_meta("mail_error", "");
        client::ServerConfig cfg = config();
        if (!cfg.url.empty()) {
            client::SyncClient sc(*store_, cfg);
            sendMail(sc, false);
        }
        emit mail(mail_state(*store_));
    }

    // The user's devices as the server knows them, for Settings' "Your devices".
    void doDevices() {
        if (!store_) return emit devices({}, tr("The local database could not be opened"));
        client::ServerConfig cfg = config();
        if (cfg.url.empty()) return emit devices({}, tr("This device is not connected to a server"));
        client::SyncClient sc(*store_, cfg);
        auto r = sc.get("/v1/devices");
        if (!r.ok())
            return emit devices({}, r.failure->status == 0 ? tr("Cannot reach the server: %1").arg(q(r.failure->message))
                                                           : q(r.failure->message));
        QVariantList out;
        const QJsonArray list = QJsonDocument::fromJson(QByteArray::fromStdString(*r.value)).object()["devices"].toArray();
        for (const auto& v : list) {
            QJsonObject d = v.toObject();
            QString state = d["wiped_ms"].toDouble() > 0                                     ? tr("wiped")
                            : d["signout_ms"].toDouble() > 0 && d["revoked_ms"].toDouble() > 0 ? tr("signed out")
                            : d["signout_ms"].toDouble() > 0                                   ? tr("signing out")
                            : d["revoked_ms"].toDouble() > 0                                   ? tr("signed out by an admin")
                                                                                               : QString();
            QString name = d["name"].toString();
            out.append(QVariantMap{{"site", d["site"].toString()},
                                   {"name", name.isEmpty() ? tr("A device signed in with your token") : name},
                                   {"platform", d["platform"].toString()},
                                   {"version", d["app_version"].toString()},
                                   {"lastSyncMs", d["last_sync_ms"].toDouble()},
                                   {"state", state},
                                   {"thisDevice", d["this_device"].toBool()}});
        }
        emit devices(out, QString());
    }

    // n < 0: all of them.
    void markRead(qlonglong n) {
        if (!store_) return;
        client::SyncClient sc(*store_, config());
        (void)sc.post("/v1/notifications/read", n < 0 ? "{\"all\":true}" : "{\"ids\":[" + std::to_string(n) + "]}");
    }

signals:
    void syncDone(bool ok, bool transient, int status, const QString& message, int pushed, int pulled);
    void progress(bool upload, qlonglong done, qlonglong total, double seconds_left);
    void connectDone(bool ok, const QString& message, const QString& id, const QString& name, const QString& role);
    void inbox(const QVariantList& items);
    void deviceCode(const QVariantMap& code);
    void signedOutByAdmin();
    void devices(const QVariantList& list, const QString& error);
    void mail(const QVariantMap& state);
    void damaged(const QString& finding);
    void fetched(const QString& attachmentId, bool ok, const QString& message);
    // Attachments' contents went up or came down: their states changed.
    void filesChanged();

private:
    bool in_vault() const { return tokens_ && tokens_->in_vault(); }
    // Sends a kept change of the user's mail preferences; `refresh`: asks for them anyway
    // (another device of the user may have changed them). A refusal is kept to be shown,
    // and the change dropped; a network failure keeps it for the next sync.
    void sendMail(client::SyncClient& sc, bool refresh) {
        std::string wanted = meta_of(*store_, "mail_wanted");
        if (wanted.empty() && !refresh) return;
        auto r = wanted.empty() ? sc.get("/v1/me/mail") : sc.put("/v1/me/mail", wanted);
        if (r.ok()) {
            (void)store_->set_meta("mail_cache", *r.value);
            (void)store_->set_meta("mail_wanted", "");
        } else if (r.failure->status >= 400 && r.failure->status < 500 && r.failure->status != 401 && r.failure->status != 429) {
            (void)store_->set_meta("mail_error", r.failure->message);
            (void)store_->set_meta("mail_wanted", "");
        } else {
            return;
        }
        emit mail(mail_state(*store_));
    }
    // What the server's /v1/me says the firm requires of devices (AppContext::lockPolicy).
    void keep_policy(const QJsonObject& me) {
        int minutes = me["policy"].toObject()["app_lock_minutes"].toInt(0);
        (void)store_->set_meta("policy_app_lock", std::to_string(std::clamp(minutes, 0, 24 * 60)));
    }
    QString path_;
    std::function<std::uint64_t()> wall_;
    std::shared_ptr<client::TokenKeeper> tokens_;
    std::unique_ptr<sync::Store> store_;
    bool damaged_ = false;
    // The integrity check: done (its verdict taken by intact()), and its thread until then.
    bool checked_ = false;
    std::unique_ptr<QThread> checker_;
    std::atomic<bool> stop_check_{false};
    sync::Status verdict_ = sync::ok_status();
};

// ---- the controller, on the UI thread -------------------------------------------------------------

SyncController::SyncController(AppContext* app) : app_(app) {
    worker_ = new SyncWorker(app->databasePath(), nullptr, app->tokens());
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &SyncWorker::syncDone, this, &SyncController::onSyncDone);
    connect(worker_, &SyncWorker::progress, this, &SyncController::onProgress);
    connect(worker_, &SyncWorker::connectDone, this, &SyncController::onConnectDone);
    connect(worker_, &SyncWorker::inbox, this, &SyncController::onInbox);
    connect(worker_, &SyncWorker::deviceCode, this, &SyncController::deviceCode);
    connect(worker_, &SyncWorker::devices, this, &SyncController::devicesLoaded);
    connect(worker_, &SyncWorker::mail, this, &SyncController::onMail);
    connect(worker_, &SyncWorker::filesChanged, this, [this] { app_->bump({"attachments"}); });
    connect(worker_, &SyncWorker::fetched, this, [this](const QString& id, bool ok, const QString& message) {
        if (ok) app_->bump({"attachments"});
        emit attachmentFetched(id, ok, message);
    });
    connect(worker_, &SyncWorker::signedOutByAdmin, this, [this] {
        syncing_ = false;
        if (gone_) return;
        stop_all();
        app_->deleteDeviceData(tr("An admin signed this device out; everything on it was sent first"));
    });
    // A damaged file: nothing more is synced (a merge into broken pages could lose what
    // is still readable), and the indicator and a message say so.
    connect(worker_, &SyncWorker::damaged, this, [this](const QString& finding) {
        stop_all();
        syncing_ = false;
        damaged_ = true;
        problem_ = tr("The local database is damaged: export what you can (Settings), then ask your admin");
        app_->reportError(sync::Error{sync::Code::Corrupt, finding.toStdString()});
        emit changed();
    });
    thread_.start();
    QMetaObject::invokeMethod(worker_, "open", Qt::BlockingQueuedConnection);

    debounce_.setSingleShot(true);
    debounce_.setInterval(800);
    connect(&debounce_, &QTimer::timeout, this, &SyncController::syncNow);
    periodic_.setInterval(5 * 60 * 1000);
    connect(&periodic_, &QTimer::timeout, this, &SyncController::syncNow);
    retry_.setSingleShot(true);
    connect(&retry_, &QTimer::timeout, this, &SyncController::syncNow);

    std::string last = app_->ok() ? [&] {
        auto v = app_->store().meta("last_sync_ms");
        return v.ok() && *v ? **v : std::string();
    }() : std::string();
    if (!last.empty()) {
        last_sync_ = QDateTime::fromMSecsSinceEpoch(std::atoll(last.c_str()));
        ever_synced_ = true;
    }
    load_cached_inbox();
    refreshCounts();
    if (configured()) {
        periodic_.start();
        start_listener();
    }
    // Without a window to say so (a test's context), the first screen is taken as up
    // after a second.
    QTimer::singleShot(1000, this, &SyncController::firstScreenShown);
}

void SyncController::firstScreenShown() {
    if (started_) return;
    started_ = true;
    QMetaObject::invokeMethod(worker_, "startCheck", Qt::QueuedConnection);
    syncNow();
}

SyncController::~SyncController() {
    stop_listener();
    thread_.quit();
    thread_.wait();
}

bool SyncController::configured() const { return app_->ok() && !app_->serverUrl().isEmpty(); }

void SyncController::load_cached_inbox() {
    if (!app_->ok()) return;
    auto v = app_->store().meta("inbox_cache");
    if (v.ok() && *v) inbox_ = parse_inbox(**v);
    mail_ = SyncWorker::mail_state(app_->store());
}

void SyncController::onMail(const QVariantMap& mail) {
    mail_ = mail;
    emit mailChanged();
}

QString SyncController::setMail(const QString& address, const QString& mode, int hour) {
    const std::string a = address.trimmed().toStdString();
    if (!a.empty() && !rules::valid_mail_address(a)) return tr("Enter one e-mail address, like name@example.com");
    if (mode != "none" && a.empty()) return tr("Enter the address the mail should go to");
    // The digest's hour is in this device's time zone as it is now; the mail in the app's
    // language.
    QString lang = app_->language();
    if (lang.isEmpty()) lang = QLocale::system().name().left(2);
    if (lang != "sv" && lang != "da") lang = "en";
    const int offset = QDateTime::currentDateTime().offsetFromUtc() / 60;
    if (std::string wrong = rules::mail_prefs_problem(a, mode.toStdString(), hour, offset, lang.toStdString()); !wrong.empty())
        return q(wrong);
    QJsonObject wanted{{"address", q(a)}, {"mode", mode}, {"hour", hour}, {"utc_offset_min", offset}, {"lang", lang}};
    const QString json = QString::fromUtf8(QJsonDocument(wanted).toJson(QJsonDocument::Compact));
    // Shown at once as kept; the worker sends it (now, or at the next sync).
    mail_["address"] = q(a);
    mail_["mode"] = mode;
    mail_["hour"] = hour;
    mail_["waiting"] = true;
    mail_["error"] = QString();
    emit mailChanged();
    QMetaObject::invokeMethod(worker_, "doSetMail", Qt::QueuedConnection, Q_ARG(QString, json));
    return QString();
}

QString SyncController::state() const {
    if (damaged_) return "attention";  // signed in or not: nothing more is synced, and it says why
    if (!configured()) return "offline";
    if (auth_failed_) return "attention";
    if (syncing_) return "syncing";
    if (failed_) return "attention";
    if (conflicts_ > 0 || refused_ > 0) return "attention";
    if (!reachable_) return "offline";
    if (pending_ > 0) return "waiting";
    return ever_synced_ ? "synced" : "waiting";
}

QString SyncController::text() const {
    QString st = state();
    if (damaged_) return tr("Local database damaged");
    if (!configured()) return pending_ ? tr("Offline · %Ln change(s) kept on this device", "", pending_) : tr("Offline");
    if (st == "attention") {
        if (auth_failed_) return tr("Sign in again");
        if (failed_) return tr("Sync failed");
        if (conflicts_) return tr("%Ln conflict(s) to review", "", conflicts_);
        return tr("%Ln change(s) refused", "", refused_);
    }
    if (st == "syncing") return tr("Syncing…");
    if (st == "offline") return tr("Offline · %Ln change(s) waiting", "", pending_);
    if (st == "waiting") return tr("%Ln change(s) waiting", "", pending_);
    return tr("Synced at %1").arg(QLocale().toString(last_sync_.time(), QLocale::ShortFormat));
}

int SyncController::unread() const {
    int n = 0;
    for (const QVariant& v : inbox_)
        if (!v.toMap().value("read").toBool()) ++n;
    return n;
}

void SyncController::refreshCounts() {
    if (!app_->ok()) return;
    pending_ = static_cast<int>(app_->store().pending_count());
    auto c = app_->store().conflicts();
    conflicts_ = c.ok() ? static_cast<int>(c->size()) : 0;
    auto r = app_->store().refused();
    refused_ = r.ok() ? static_cast<int>(r->size()) : 0;
    emit changed();
}

void SyncController::localChange() {
    refreshCounts();
    if (configured()) debounce_.start();
}

void SyncController::syncNow() {
    if (gone_) return;
    if (!configured()) return;
    if (syncing_) {
        again_ = true;  // one more when this one is done: it may have started before the news
        return;
    }
    syncing_ = true;
    emit changed();
    QMetaObject::invokeMethod(worker_, "doSync", Qt::QueuedConnection);
}

void SyncController::markRead(qlonglong n) {
    for (QVariant& v : inbox_) {
        QVariantMap m = v.toMap();
        if (m.value("n").toLongLong() == n) {
            m["read"] = true;
            v = m;
        }
    }
    emit inboxChanged();
    if (!configured()) return;
    QMetaObject::invokeMethod(worker_, "markRead", Qt::QueuedConnection, Q_ARG(qlonglong, n));
    syncNow();  // runs after the mark on the worker, and brings the inbox up to date
}

void SyncController::markAllRead() {
    for (QVariant& v : inbox_) {
        QVariantMap m = v.toMap();
        m["read"] = true;
        v = m;
    }
    emit inboxChanged();
    if (!configured()) return;
    QMetaObject::invokeMethod(worker_, "markRead", Qt::QueuedConnection, Q_ARG(qlonglong, -1));
    syncNow();
}

void SyncController::stop_all() {
    gone_ = true;
    debounce_.stop();
    periodic_.stop();
    retry_.stop();
    stop_listener();
}

void SyncController::signOut(bool discard) {
    if (gone_) return;
    discard_unsent_ = discard;
    refreshCounts();
    if (!configured()) {
        if (pending_ > 0 && !discard)
            return emit signOutFailed(pending_, tr("There is no server to send them to"));
        stop_all();
        app_->deleteDeviceData(tr("You signed out"));
        return;
    }
    signing_out_ = true;
    syncNow();
}

void SyncController::onProgress(bool upload, qlonglong done, qlonglong total, double seconds_left) {
    if (total < kProgressFrom) return;
    progress_ = std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
    QLocale l;
    QString what = upload ? tr("Sending %1 of %2 records").arg(l.toString(done), l.toString(total))
                          : tr("Receiving %1 of %2 records").arg(l.toString(done), l.toString(total));
    // The time left once it is worth saying (an estimate from the pace so far).
    if (seconds_left >= 3 && done < total) {
        int s = static_cast<int>(seconds_left + 0.5);
        what += " \u00b7 " + (s < 60 ? tr("about %n s left", "", s) : tr("about %n min left", "", (s + 30) / 60));
    }
    progress_text_ = what;
    emit progressChanged();
}

void SyncController::onSyncDone(bool ok, bool transient, int status, const QString& message, int pushed, int pulled) {
    syncing_ = false;
    if (progress_ >= 0) {
        progress_ = -1;
        progress_text_.clear();
        emit progressChanged();
    }
    if (gone_) return;
    if (status == 410) {
        // An admin wiped this device (or disabled its user): its data goes now, unsent.
        stop_all();
        app_->deleteDeviceData(message.isEmpty() ? tr("An admin wiped this device") : message);
        return;
    }
    if (signing_out_) {
        signing_out_ = false;
        refreshCounts();
        if (pending_ == 0 || discard_unsent_) {
            stop_all();
            app_->deleteDeviceData(tr("You signed out"));
            return;
        }
        emit signOutFailed(pending_, ok ? tr("The server did not take them all") : message);
    }
    if (ok) {
        reachable_ = true;
        auth_failed_ = false;
        failed_ = false;
        problem_.clear();
        ever_synced_ = true;
        last_sync_ = QDateTime::currentDateTime();
        retry_attempt_ = 0;
        if (pulled > 0 || pushed > 0) app_->bump();
        // The firm's lock policy may have come with it.
        if (int policy = app_->lockPolicy(); policy != last_policy_) {
            last_policy_ = policy;
            emit app_->settingsChanged();
        }
    } else if (!message.isEmpty()) {
        problem_ = message;
        if (transient) {
            // No network, a timeout, a busy server: not an error to act on; try again later.
            reachable_ = false;
            auto wait = client::SyncClient::backoff(retry_attempt_++, retry_base_, retry_cap_);
            retry_.start(static_cast<int>(wait.count()));
        } else {
            // The token is refused (revoked, rotated, the user disabled): sign in again.
            // Anything else (a bad request, a server error that will not pass) shows its reason.
            auth_failed_ = status == 401 || status == 403;
            failed_ = !auth_failed_;
        }
    }
    refreshCounts();
    // Asked again while this one ran, or written meanwhile: go again (a failed attempt
    // is retried by the back-off timer instead).
    bool again = again_;
    again_ = false;
    if (ok && (again || pending_ > 0)) syncNow();
}

void SyncController::enrolAt(const QString& url, const QString& code) {
    QMetaObject::invokeMethod(worker_, "doEnrol", Qt::QueuedConnection, Q_ARG(QString, url), Q_ARG(QString, code));
}

void SyncController::fetchAttachment(const QString& attachmentId) {
    QMetaObject::invokeMethod(worker_, "doFetch", Qt::QueuedConnection, Q_ARG(QString, attachmentId));
}

void SyncController::newDeviceCode() { QMetaObject::invokeMethod(worker_, "doNewCode", Qt::QueuedConnection); }

void SyncController::loadDevices() { QMetaObject::invokeMethod(worker_, "doDevices", Qt::QueuedConnection); }

void SyncController::connectTo(const QString& url, const QString& token) {
    QMetaObject::invokeMethod(worker_, "doConnect", Qt::QueuedConnection, Q_ARG(QString, url), Q_ARG(QString, token));
}

void SyncController::onConnectDone(bool ok, const QString& message, const QString&, const QString&, const QString&) {
    emit connectFinished(ok, message);
    if (!ok) return;
    app_->forgetStartLink();
    auth_failed_ = false;
    failed_ = false;
    emit app_->settingsChanged();
    periodic_.start();
    stop_listener();
    start_listener();
    app_->bump();
    syncNow();
}

void SyncController::disconnectFromServer() {
    stop_listener();
    periodic_.stop();
    retry_.stop();
    live_ = false;
    auth_failed_ = false;
    failed_ = false;
    problem_.clear();
    emit changed();
}

void SyncController::onInbox(const QVariantList& items) {
    inbox_ = items;
    emit inboxChanged();
}

void SyncController::onLive(bool live) {
    live_ = live;
    emit changed();
}

void SyncController::onEvent(const QString& name, const QString& data) {
    if (name == "notification") {
        auto n = QJsonDocument::fromJson(data.toUtf8()).object();
        auto p = n["payload"].toObject();
        if (p["kind"].toString() == "new_case") {
            QString title = p["case"].toObject()["title"].toString();
            QString body = tr("%1 at %2, found by %3")
                               .arg(title, p["account"].toObject()["name"].toString(),
                                    p["found_by"].toObject()["name"].toString());
            emit newCase(tr("New case"), body);
        }
    }
    syncNow();
}

void SyncController::start_listener() {
    if (!worker_->store()) return;
    stop_listener_ = false;
    client::ServerConfig cfg = worker_->config();
    if (cfg.url.empty()) return;
    sync::Store* store = worker_->store();
    listener_ = std::thread([this, cfg, store] {
        // listen() only talks HTTP; the store reference is never used by it.
        client::SyncClient sc(*store, cfg);
        sc.listen(
            [this](const std::string& name, const std::string& data) {
                QMetaObject::invokeMethod(this, [this] { onLive(true); }, Qt::QueuedConnection);
                QString n = q(name), d = q(data);
                QMetaObject::invokeMethod(this, [this, n, d] { onEvent(n, d); }, Qt::QueuedConnection);
            },
            stop_listener_);
        QMetaObject::invokeMethod(this, [this] { onLive(false); }, Qt::QueuedConnection);
    });
}

void SyncController::stop_listener() {
    stop_listener_ = true;
    if (listener_.joinable()) listener_.join();
}

}  // namespace fika::app

#include "synccontroller.moc"
