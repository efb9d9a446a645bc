// The app's one C++ object that QML talks to (as the singleton `App`): the local replica,
// who the user is, the rules of product.md for every write (quick capture, logging a
// conversation, moving a case, competitor warnings), settings (server, language, theme),
// and the sync controller. QML never holds SQL or business rules: it calls these.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <map>
#include <memory>

#include "rules.h"
#include "store.h"

class QQmlEngine;
class QJSEngine;
class QTranslator;

namespace fika::client {
class TokenKeeper;
}  // namespace fika::client

namespace fika::app {

class SyncController;
class Reminders;
class Attachments;

class AppContext : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON

    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
    Q_PROPERTY(bool firstRun READ firstRun NOTIFY settingsChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY settingsChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY settingsChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY settingsChanged)
    Q_PROPERTY(QString userRole READ userRole NOTIFY settingsChanged)
    Q_PROPERTY(bool isSeller READ isSeller NOTIFY settingsChanged)
    Q_PROPERTY(QString style READ style NOTIFY revisionChanged)
    Q_PROPERTY(int weeklyTarget READ weeklyTarget NOTIFY revisionChanged)
    Q_PROPERTY(QString language READ language NOTIFY settingsChanged)
    Q_PROPERTY(bool darkTheme READ darkTheme NOTIFY settingsChanged)
    Q_PROPERTY(QString databasePath READ databasePath CONSTANT)
    Q_PROPERTY(QString startPage READ startPage CONSTANT)
    Q_PROPERTY(QObject* sync READ syncObject CONSTANT)
    // The follow-ups due for this person (Reminders): a list model, raised at their time.
    Q_PROPERTY(QObject* reminders READ remindersObject CONSTANT)
    // Photos and files on records (Attachments): attaching, opening, their settings.
    Q_PROPERTY(QObject* files READ filesObject CONSTANT)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    // Why this device's data is gone (an admin wiped it, the user signed out); empty while
    // it is here. The window then offers nothing but to quit.
    Q_PROPERTY(QString goneReason READ goneReason NOTIFY goneChanged)
    Q_PROPERTY(bool encrypted READ encrypted CONSTANT)
    // The app lock: after lockMinutes idle (0: never), and at every start while one is
    // set, the window asks for the PIN or passphrase set with it.
    Q_PROPERTY(int lockMinutes READ lockMinutes NOTIFY settingsChanged)
    Q_PROPERTY(bool locked READ locked NOTIFY lockedChanged)
    // The firm's policy (the server's --require-app-lock): a lock after at most this many
    // idle minutes (0: none required); lockRequired while this device has no such lock.
    Q_PROPERTY(int lockPolicy READ lockPolicy NOTIFY settingsChanged)
    Q_PROPERTY(bool lockRequired READ lockRequired NOTIFY settingsChanged)
    // A fika://enrol link the app was started with (a click in a mail, a phone's camera):
    // {server, code}, or empty (also once signed in). The welcome page and Settings' sign-in
    // fill themselves in.
    Q_PROPERTY(QVariantMap startLink READ startLink NOTIFY settingsChanged)

public:
    struct Options {
        QString database;            // empty: the platform's app-data location
        bool demo = false;           // fill a fresh database with the demo data set
        QString start_page;          // the page to open first (screenshots, self-test)
        std::function<std::uint64_t()> wall;  // injected time for tests
        // Where the server token is kept: the vault of an encrypted database (DeviceLock
        // opened it); null or without a vault, the database's _meta.
        std::shared_ptr<client::TokenKeeper> tokens;
        QString enrol_link;          // a fika://enrol link given on the command line
    };
    explicit AppContext(Options opts, QObject* parent = nullptr);
    // The database file when Options::database is empty: in the platform's app-data folder.
    static QString default_database();
    ~AppContext() override;

    // The one instance, made by main() (or a test) before QML loads.
    // The app of a QML engine (attach), for what QML makes: the App singleton, the models.
    static AppContext* of(QQmlEngine* engine);
    // Makes this the app of `engine`, before it loads anything.
    void attach(QQmlEngine* engine);
    static AppContext* create(QQmlEngine*, QJSEngine*);

    bool ok() const { return store_ != nullptr; }
    QString openError() const { return open_error_; }
    sync::Store& store() { return *store_; }

    int revision() const { return revision_; }
    bool firstRun() const;
    QString serverUrl() const;
    QString userName() const;
    QString userId() const;
    QString userRole() const;
    bool isSeller() const;
    QString style() const;
    int weeklyTarget() const;
    QString language() const;
    bool darkTheme() const;
    QString databasePath() const { return db_path_; }
    QString startPage() const { return opts_.start_page; }
    QVariantMap startLink() const { return readEnrolLink(opts_.enrol_link); }
    // Signed in: the start link's code is used up.
    void forgetStartLink() { opts_.enrol_link.clear(); }
    const std::shared_ptr<client::TokenKeeper>& tokens() const { return opts_.tokens; }
    // Whether the local database is encrypted at rest (its key in a vault).
    bool encrypted() const;
    QString goneReason() const { return gone_reason_; }
    int lockMinutes() const;
    bool locked() const { return locked_; }
    int lockPolicy() const;
    bool lockRequired() const;
    // minutes 0 removes the lock (the current PIN is not needed: whoever is here already
    // unlocked). Else the PIN (at least 4 characters) twice. False with lastError.
    Q_INVOKABLE bool setAppLock(int minutes, const QString& pin, const QString& repeat);
    // False for a wrong PIN (the lock window says so itself). After 5 wrong ones in a row
    // each further try waits 30 s, doubling (to 1 h): a 4-digit PIN cannot be guessed.
    Q_INVOKABLE bool unlockApp(const QString& pin);
    // Seconds before the next try is heard (0: now).
    Q_INVOKABLE int unlockWaitSeconds() const;
    // Locks when nothing was typed, clicked or touched for lockMinutes (a timer calls it).
    Q_INVOKABLE void checkIdle();
    // Deletes this device's copy at once: the database with its WAL and journal, its vault
    // and its keyring entry (the token with them). Nothing is sent. The open connections
    // go on with files that have no name any more, until the app quits.
    void deleteDeviceData(const QString& reason);
    QObject* syncObject() const;
    SyncController* syncController() const { return sync_.get(); }
    QObject* remindersObject() const;
    QObject* filesObject() const;
    Attachments* files() const { return files_.get(); }
    Reminders* reminders() const { return reminders_.get(); }
    QString lastError() const { return last_error_; }

    // Settings and connection.
    Q_INVOKABLE void workOffline(const QString& name);
    Q_INVOKABLE void connectServer(const QString& url, const QString& token);
    // Signs this device in at `url` with what the user was given: an enrolment code
    // (exchanged for the device's own token), a fika://enrol link (in either field), or
    // - from before devices had codes - their user's token. False (lastError) when what was
    // typed cannot be right; else App.sync's connectFinished tells how it went.
    Q_INVOKABLE bool signIn(const QString& url, const QString& codeOrLinkOrToken);
    // {server, code} of a fika://enrol link; empty for anything else.
    Q_INVOKABLE QVariantMap readEnrolLink(const QString& text) const;
    // The image source of a QR code of `text` (the "qr" image provider).
    Q_INVOKABLE QString qrSource(const QString& text) const;
    Q_INVOKABLE void disconnectServer();
    Q_INVOKABLE void setLanguage(const QString& code);  // "" follows the system
    Q_INVOKABLE void setDarkTheme(bool dark);
    Q_INVOKABLE void setStyle(const QString& style);
    Q_INVOKABLE void setWeeklyTarget(int target);

    // Writes. Each returns the new id (or true), or "" / false with lastError set.
    Q_INVOKABLE QString createAccount(const QVariantMap& fields);
    Q_INVOKABLE QString createRecord(const QString& table, const QVariantMap& fields);
    Q_INVOKABLE bool updateRecord(const QString& table, const QString& id, const QVariantMap& fields);
    // A case's edits from its page. The probability is kept only when it differs from
    // what the stage implies or was set by hand before: a case left at its stage's
    // probability follows the stage as it moves.
    Q_INVOKABLE bool saveCase(const QString& id, const QVariantMap& fields, int probability);
    Q_INVOKABLE bool deleteRecord(const QString& table, const QString& id);
    Q_INVOKABLE bool restoreRecord(const QString& table, const QString& id);
    // Writes the follow-ups as an iCalendar file, or a person as a vCard, into the user's
    // Documents folder (dir overrides it); returns the file's path, or "" (lastError says why).
    Q_INVOKABLE QString exportFollowUps(const QString& dir = QString());
    Q_INVOKABLE QString exportContactCard(const QString& contactId, const QString& dir = QString());
    // Likely duplicate people at a customer: [{reason, people: [{id, name, detail}]}],
    // oldest first (see client/core/duplicates.h). mergePeople keeps `keep`, moves everything
    // naming `drop` to it and deletes `drop`.
    Q_INVOKABLE QVariantList duplicatePeople(const QString& accountId) const;
    Q_INVOKABLE bool mergePeople(const QString& keep, const QString& drop);
    // GDPR: everything held about a person as JSON in DIR (default: Documents); the file,
    // or "" with lastError. erasePerson clears them on this device now and everywhere at
    // the next sync (see Store::erase_person); it cannot be undone.
    Q_INVOKABLE QString exportPersonData(const QString& contactId, const QString& dir = QString());
    Q_INVOKABLE bool erasePerson(const QString& contactId);
    // Every CSV table into a new folder DIR/fika-csv-YYYY-MM-DD-HHMM (default DIR: the
    // Documents folder); the folder, or "" with lastError.
    Q_INVOKABLE QString exportCsv(const QString& dir = QString());
    // One CSV file (a path or a file:// URL; the kind from `kind` or the file name).
    // Good rows are kept, bad ones reported: {ok, table, created, updated, unchanged,
    // errors: ["line N: why", ...], summary}. Records made get found_by/by_user = me.
    Q_INVOKABLE QVariantMap importCsv(const QString& pathOrUrl, const QString& kind = QString());
    // Quick capture: an account (by id, or a new one by name), one sentence, optionally who
    // said it (a person's id, or the name of a new person; an existing person of that
    // customer with exactly that name is that person) and a rough value. Creates what is
    // missing; the case waits "to triage".
    Q_INVOKABLE QString quickCapture(const QString& accountIdOrName, const QString& sentence,
                                     const QString& contactIdOrName, const QString& value, const QString& currency);
    // Takes the last capture back (the "Saved" notice's Undo): its case, and the customer
    // and person it created (not ones that were there before), go to the trash, restorable.
    // False for any case but the last captured one.
    Q_INVOKABLE bool undoCapture(const QString& caseId);
    // The customers this user captured or logged on last, newest first, at most `n`:
    // [{id, name}] (one-tap choices on the capture page).
    Q_INVOKABLE QVariantList recentAccounts(int n) const;
    // Drafts: what a form holds but has not saved, kept in the local database (it survives
    // leaving the page, closing the app, a crash) under a key naming the form and its
    // record ("capture:ACCOUNT", "log:CASE", "case:ID"). An empty map (or one whose values
    // are all empty) removes it.
    Q_INVOKABLE QVariantMap draft(const QString& key) const;
    Q_INVOKABLE void saveDraft(const QString& key, const QVariantMap& fields);
    Q_INVOKABLE void clearDraft(const QString& key);
    // One-tap logging: a conversation (or meeting, phone meeting) with optional note and
    // "there may be a case here", which also captures a case from the note; or logged on
    // an existing case, `caseId`, which must be that customer's.
    Q_INVOKABLE QString logActivity(const QString& type, const QString& accountId, const QString& contactId,
                                    const QString& note, bool possibleCase, bool inbound,
                                    const QString& caseId = QString());
    Q_INVOKABLE bool takeOwnership(const QString& caseId);
    // Moves a case through the pipeline: the stage, its default probability unless set by
    // hand, a stage-change record, and the activity the funnel counts (offer, won, lost).
    Q_INVOKABLE bool moveStage(const QString& caseId, const QString& stage, const QString& lostReason);
    // Takes this session's last move of the case back (rules::undo_move): its stage,
    // probability and lost reason as they were, its stage change and activity deleted.
    // False with lastError when there is none, or the case has moved on since.
    Q_INVOKABLE bool undoMove(const QString& caseId);

    // Reads for the views.
    Q_INVOKABLE QVariantMap record(const QString& table, const QString& id) const;
    // A user's name for a field that names a user (found_by, owner, consultant...): the
    // value holds a user id, or (typed in by hand) a name, shown as it is.
    Q_INVOKABLE QString userLabel(const QString& idOrName) const;
    // The oldest live record of a table, or of those whose name (or title) starts with
    // `namePrefix` (--page case:Grid); "" when there is none. To open a page on.
    Q_INVOKABLE QString firstId(const QString& table, const QString& namePrefix = QString()) const;
    Q_INVOKABLE QString accountName(const QString& id) const;
    Q_INVOKABLE QVariantList accountChoices(const QString& search) const;
    Q_INVOKABLE QVariantList contactChoices(const QString& accountId) const;
    // The users who can own a customer or a case (sellers and admins): [{value: id, text: name}].
    Q_INVOKABLE QVariantList sellerChoices() const;
    // Everyone who can find a case (every live user): [{value: id, text: name}].
    Q_INVOKABLE QVariantList peopleChoices() const;
    // Competitor rule: warnings for an account, or for a new account in a group.
    Q_INVOKABLE QStringList accountWarnings(const QString& accountId) const;
    Q_INVOKABLE QStringList newAccountWarnings(const QString& competitorGroup) const;
    Q_INVOKABLE QStringList talkingPoints(const QString& style) const;
    Q_INVOKABLE QString needsAnalysisTemplate() const;
    Q_INVOKABLE QString formatMoney(const QVariant& value, const QString& currency) const;
    Q_INVOKABLE QStringList stages() const;
    Q_INVOKABLE QString stageLabel(const QString& stage) const;
    Q_INVOKABLE int defaultProbability(const QString& stage) const;
    Q_INVOKABLE QString roleLabel(const QString& role) const;
    Q_INVOKABLE QString activityLabel(const QString& type) const;
    // A follow-up's or contact plan's status: open, planned, done, cancelled.
    Q_INVOKABLE QString statusLabel(const QString& status) const;
    Q_INVOKABLE QString styleLabel(const QString& style) const;        // passive, neutral, direct
    Q_INVOKABLE QString userRoleLabel(const QString& role) const;      // consultant, seller, admin
    Q_INVOKABLE QString policyLabel(const QString& policy) const;      // active, inbound-only, blocked
    // A field's name as the forms show it ("Value", "Follow up"), for messages about it.
    Q_INVOKABLE QString fieldLabel(const QString& table, const QString& field) const;
    // An engine error in the user's language and in plain words: by its code and, when
    // one field is at fault, that field and the rule it broke (sync::Error).
    QString errorText(const sync::Error& e) const;
    // A read that failed (a list, a count): shown to the user, never an empty list that
    // looks like no data.
    void reportError(const sync::Error& e) { fail(e); }
    // A message for the user (lastError); false, for `return app->failWith(...)`.
    bool failWith(const QString& message) { return fail(message); }
    // A notification flag ("policy:inbound-only", "competitor:banks:Nordbank") in words.
    Q_INVOKABLE QString flagLabel(const QString& flag) const;

    // Something changed the data: records of `tables` (a local write), or anything (no
    // tables: a sync, a change of user or language). The models that show them re-read.
    void bump(const QStringList& tables = {});
    std::uint64_t now_ms() const;

signals:
    void revisionChanged();
    // Records of these tables were written here; empty: anything may have changed (a
    // sync, another language or user). Emitted just before revisionChanged; models re-read
    // only when a table they show is named.
    void recordsChanged(const QStringList& tables);
    void settingsChanged();
    void lastErrorChanged();
    void recordDeleted(const QString& table, const QString& id, const QString& label);
    void goneChanged();
    void lockedChanged();

private:
    bool fail(const QString& message);
    bool fail(const sync::Error& e) { return fail(errorText(e)); }
    std::string meta(const char* key) const;
    // The id of a live record whose name is `name` (case folded as Qt folds it, so
    // "ørsted" finds "Ørsted"), among one account's records when `account_id` is given;
    // empty when there is none. Reads the name column only, never whole records.
    std::string find_by_name(const char* table, const QString& name, const std::string& account_id = {}) const;
    void set_meta(const char* key, const QString& value);
    void apply_language();
    sync::Fields to_fields(const sync::TableDef& t, const QVariantMap& m, bool* ok);

    Options opts_;
    QString db_path_;
    QString open_error_;
    QString gone_reason_;
    bool locked_ = false;
    std::uint64_t last_input_ms_ = 0;
    int failed_unlocks_ = 0;
    std::uint64_t unlock_not_before_ms_ = 0;
    QTimer idle_timer_;
    bool eventFilter(QObject* watched, QEvent* event) override;
    std::unique_ptr<sync::Store> store_;
    // What the last quick capture created (undoCapture).
    struct Capture {
        std::string case_id, new_account, new_contact;
    } last_capture_;
    // The last stage move of each case moved in this session (undoMove).
    std::map<std::string, rules::StageMove> last_moves_;
    void remember_account(const std::string& account_id);
    std::unique_ptr<SyncController> sync_;
    std::unique_ptr<Reminders> reminders_;
    std::unique_ptr<Attachments> files_;
    std::unique_ptr<QTranslator> translator_;
    // Writes an export's text to DIR/file (DIR default: Documents); the path, or "" with lastError.
    QString saveExport(const QString& dir, const QString& file, const sync::Result<std::string>& text);
    int revision_ = 0;
    QString last_error_;
};

}  // namespace fika::app
