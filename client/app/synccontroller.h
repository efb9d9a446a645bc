// Sync in the background, invisible until it matters.
//
// A worker thread owns its own connection to the device database and the HTTP sync
// client; the UI never waits for the network. Syncs run when something was written
// (after a short pause, so a burst of edits goes in one round trip), when the server's
// event stream says there is news, every few minutes, and on request; transient failures
// retry with back-off. The state the UI shows: offline, syncing, synced at HH:MM, N
// changes waiting, or attention (conflicts, refused changes, a revoked token).
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

namespace fika::app {

class AppContext;
class SyncWorker;

class SyncController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("use App.sync")
    Q_PROPERTY(QString state READ state NOTIFY changed)      // offline syncing synced waiting attention
    Q_PROPERTY(QString text READ text NOTIFY changed)        // what the indicator says
    Q_PROPERTY(QString problem READ problem NOTIFY changed)  // why attention, if so
    Q_PROPERTY(int pending READ pending NOTIFY changed)
    Q_PROPERTY(int conflicts READ conflicts NOTIFY changed)
    Q_PROPERTY(int refused READ refused NOTIFY changed)
    Q_PROPERTY(bool live READ live NOTIFY changed)           // the event stream is connected
    // The server refuses this device's token (revoked or rotated): a new one is needed.
    Q_PROPERTY(bool signInNeeded READ signInNeeded NOTIFY changed)
    Q_PROPERTY(QVariantList inbox READ inbox NOTIFY inboxChanged)
    Q_PROPERTY(int unread READ unread NOTIFY inboxChanged)
    // How this user hears of notifications by e-mail (GET/PUT /v1/me/mail): {address,
    // mode (instant, daily, none), hour, serverSendsMail, known (the server told us at
    // least once), waiting (a change not sent yet), error (the server refused the last)}.
    Q_PROPERTY(QVariantMap mail READ mail NOTIFY mailChanged)
    // A long sync under way (a first download, a large upload): the share done (0-1, -1
    // when none is shown) and its words ("Receiving 1,200 of 5,000 records - about 40 s left").
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)

public:
    explicit SyncController(AppContext* app);
    ~SyncController() override;

    QString state() const;
    QString text() const;
    QString problem() const { return problem_; }
    int pending() const { return pending_; }
    int conflicts() const { return conflicts_; }
    int refused() const { return refused_; }
    bool live() const { return live_; }
    bool signInNeeded() const { return auth_failed_; }
    QVariantList inbox() const { return inbox_; }
    int unread() const;
    QVariantMap mail() const { return mail_; }
    double progress() const { return progress_; }
    QString progressText() const { return progress_text_; }
    // Below this many records a sync shows no progress (it is over in a moment).
    static constexpr qlonglong kProgressFrom = 200;

    Q_INVOKABLE void syncNow();
    // The window's first frame is drawn: what a start puts off until then begins (SQLite's
    // integrity check of the file, then the first sync). Once; a second after this
    // controller was made at the latest.
    void firstScreenShown();
    // Sends everything not sent yet, then has the app delete this device's data and token
    // (AppContext::deleteDeviceData). Unless `discard`, refused while changes cannot be
    // sent: signOutFailed says why.
    Q_INVOKABLE void signOut(bool discard);
    Q_INVOKABLE void markRead(qlonglong n);
    Q_INVOKABLE void markAllRead();
    // Changes how this user hears by e-mail: kept on this device and sent to the server
    // now or at the next sync (offline too). Returns what is wrong, in the user's
    // language ("" when it is kept).
    Q_INVOKABLE QString setMail(const QString& address, const QString& mode, int hour);
    // The data changed locally: sync soon.
    void localChange();
    void connectTo(const QString& url, const QString& token);
    // Exchanges an enrolment code at `url` for this device's own token and signs in with
    // it (connectFinished).
    void enrolAt(const QString& url, const QString& code);
    // Asks the server for a code for another device of this user: deviceCode tells it
    // ({code, link, expiresMs}) or why not ({error}).
    Q_INVOKABLE void newDeviceCode();
    // Downloads an attachment's content to this device (it is opened): attachmentFetched
    // tells when it is here, or why not.
    Q_INVOKABLE void fetchAttachment(const QString& attachmentId);
    // Asks the server for this user's devices: devicesLoaded tells them (each {site, name,
    // platform, version, lastSyncMs, state, thisDevice}) or why not.
    Q_INVOKABLE void loadDevices();
    void disconnectFromServer();
    void refreshCounts();
    // After a failed attempt the next waits base × 2^attempt (±50 %), at most cap.
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap) {
        retry_base_ = base;
        retry_cap_ = cap;
    }
    int failedAttempts() const { return retry_attempt_; }
    // The wait before the next attempt, while one is scheduled; else -1.
    int nextRetryMs() const { return retry_.isActive() ? retry_.interval() : -1; }

signals:
    void changed();
    void inboxChanged();
    void mailChanged();
    void progressChanged();
    void connectFinished(bool ok, const QString& message);
    // A seller's new case arrived live (for a desktop notification).
    void newCase(const QString& title, const QString& body);
    void signOutFailed(int unsent, const QString& why);
    void deviceCode(const QVariantMap& code);
    void devicesLoaded(const QVariantList& devices, const QString& error);
    void attachmentFetched(const QString& attachmentId, bool ok, const QString& message);

private slots:
    void onSyncDone(bool ok, bool transient, int status, const QString& message, int pushed, int pulled);
    void onProgress(bool upload, qlonglong done, qlonglong total, double seconds_left);
    void onConnectDone(bool ok, const QString& message, const QString& id, const QString& name, const QString& role);
    void onInbox(const QVariantList& items);
    void onLive(bool live);
    void onMail(const QVariantMap& mail);
    void onEvent(const QString& name, const QString& data);

private:
    void start_listener();
    void stop_listener();
    void load_cached_inbox();
    bool configured() const;

    // No more syncing, listening or retrying (the device's data is going).
    void stop_all();

    AppContext* app_;
    bool signing_out_ = false, discard_unsent_ = false, gone_ = false;
    int last_policy_ = -1;
    QThread thread_;
    SyncWorker* worker_ = nullptr;  // lives in thread_
    QTimer debounce_, periodic_, retry_;
    int retry_attempt_ = 0;
    std::chrono::milliseconds retry_base_{2000}, retry_cap_{5 * 60 * 1000};
    bool syncing_ = false, again_ = false, ever_synced_ = false, reachable_ = true, auth_failed_ = false;
    bool failed_ = false;  // a permanent failure other than the token: problem_ says why
    bool damaged_ = false;  // SQLite's integrity check failed: no more syncs
    bool started_ = false;  // firstScreenShown() was
    QDateTime last_sync_;
    QString problem_;
    int pending_ = 0, conflicts_ = 0, refused_ = 0;
    bool live_ = false;
    QVariantList inbox_;
    QVariantMap mail_;
    double progress_ = -1;
    QString progress_text_;
    std::thread listener_;
    std::atomic<bool> stop_listener_{false};
};

}  // namespace fika::app
