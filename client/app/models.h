// The list models QML shows. They read the local replica (C++ holds the SQL) and read it
// again whenever App.revision changes (a local write or a sync).
#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

#include "schema.h"

namespace fika::app {

class AppContext;

// Records of one table, filtered and searched, loaded lazily in pages so that 100,000
// rows scroll smoothly: the view asks for more as it scrolls (canFetchMore/fetchMore).
// Roles: recordId, title, subtitle, detail, deleted, and one per field of the table.
class RecordListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString table READ table WRITE setTable NOTIFY queryChanged)
    Q_PROPERTY(QString account READ account WRITE setAccount NOTIFY queryChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY queryChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY queryChanged)
    Q_PROPERTY(QString stage READ stage WRITE setStage NOTIFY queryChanged)
    Q_PROPERTY(bool trash READ trash WRITE setTrash NOTIFY queryChanged)
    Q_PROPERTY(bool triage READ triage WRITE setTriage NOTIFY queryChanged)  // cases with no owner yet
    // Pages come only from loadMore(), never from a view's fetchMore: for a Repeater,
    // whose delegate model asks for the next page after every insert until all are in.
    Q_PROPERTY(bool pagedByHand READ pagedByHand WRITE setPagedByHand NOTIFY queryChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged)

public:
    enum Roles { IdRole = Qt::UserRole + 1, TitleRole, SubtitleRole, DetailRole, DeletedRole, TableRole, FirstField };

    explicit RecordListModel(QObject* parent = nullptr);

    QString table() const { return table_; }
    void setTable(const QString& t);
    QString account() const { return account_; }
    void setAccount(const QString& a);
    QString caseId() const { return case_; }
    void setCaseId(const QString& c);
    QString search() const { return search_; }
    void setSearch(const QString& s);
    QString stage() const { return stage_; }
    void setStage(const QString& s);
    bool trash() const { return trash_; }
    void setTrash(bool t);
    bool triage() const { return triage_; }
    void setTriage(bool t);
    bool pagedByHand() const { return by_hand_; }
    void setPagedByHand(bool b);
    int count() const { return static_cast<int>(rows_.size()); }
    int total() const { return total_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    Q_INVOKABLE QVariantMap get(int row) const;
    // Reads the list again from the start (the query changed): views start at the top.
    Q_INVOKABLE void reload();
    // Reads the loaded part again after a write or a sync and applies the difference row
    // by row (inserted, removed, changed): views keep their place.
    void refresh();
    // The next page, for views that are not lists (a Repeater in a page).
    Q_INVOKABLE void loadMore();

    static constexpr int kPage = 100;

signals:
    void queryChanged();
    void countChanged();

private:
    struct Row {
        QString id, title, subtitle, detail;
        bool deleted = false;
        QVariantList values;
        bool operator==(const Row&) const = default;
    };
    void apply_rows(std::vector<Row> fresh);
    std::string where_sql() const;
    void bind_where(class StmtBinder& b) const;
    std::vector<Row> load(int offset, int limit) const;
    void count_total();
    void queue_page();
    void fetch_page();
    bool fetch_queued_ = false;

    const sync::TableDef* def_ = nullptr;
    QString table_, account_, case_, search_, stage_;
    bool trash_ = false, triage_ = false, complete_ = false, by_hand_ = false;
    int total_ = 0;
    std::vector<Row> rows_;
};

// The pipeline: one row per stage with the number of cases, their value and their
// probability-weighted value (per currency, as text), for the seller's board.
class PipelineModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString weightedText READ weightedText NOTIFY changed)
    Q_PROPERTY(QString firstBusyStage READ firstBusyStage NOTIFY changed)
public:
    enum Roles { StageRole = Qt::UserRole + 1, LabelRole, CountRole, ValueTextRole, WeightedTextRole, ValueRole };
    explicit PipelineModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QString totalText() const { return total_; }
    QString weightedText() const { return weighted_; }
    // The earliest stage that holds a case ("" when there are none): what the page opens on.
    QString firstBusyStage() const;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    struct Row {
        QString stage, label, value_text, weighted_text;
        int count = 0;
        qlonglong value = 0;
    };
    std::vector<Row> rows_;
    QString total_, weighted_;
};

// Conflicts (kind "conflicts") or refused changes (kind "refused") of this device.
class IssuesModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY changed)
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles { NumberRole = Qt::UserRole + 1, TitleRole, MineRole, TheirsRole, ReasonRole, TableRole, RecordRole };
    explicit IssuesModel(QObject* parent = nullptr);
    QString kind() const { return kind_; }
    void setKind(const QString& k);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Conflicts: keepMine re-applies the local value; refused: retry or dismiss.
    Q_INVOKABLE bool resolve(int row, bool keepMine);
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    struct Row {
        qlonglong n = 0;
        QString title, mine, theirs, reason, table, record;
    };
    QString kind_ = "conflicts";
    std::vector<Row> rows_;
};

// A seller's inbox (the server's notifications, newest first): what each is about, in the
// user's language, and what it links to (the case, its customer, its contact).
class InboxModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        NumberRole = Qt::UserRole + 1, TitleRole, SubtitleRole, WarningRole, UnreadRole, CaseRole, AccountRole,
        AccountNameRole, ContactRole, ContactNameRole
    };
    explicit InboxModel(QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    struct Row {
        qlonglong n = 0;
        bool unread = false;
        QString title, subtitle, warning, caseId, accountId, accountName, contactId, contactName;
    };
    std::vector<Row> rows_;
};

// The team's numbers, one row per person (the seller's view of everyone's efforts and
// results): conversations this week against the person's target, and the funnel as
// credited by client::funnel_by_user (what they logged and the results on what they found).
class TeamModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        UserRole = Qt::UserRole + 1, NameRole, RoleLabelRole, ConversationsRole, WeekRole, TargetRole, MeetingsRole,
        OffersRole, WonRole, WonValueRole, SummaryRole
    };
    explicit TeamModel(QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    struct Row {
        QString user, name, role, won_value, summary;
        int conversations = 0, week = 0, target = 0, meetings = 0, offers = 0, won = 0;
    };
    std::vector<Row> rows_;
};

// The return on each programme (client::programme_returns): what it cost against the
// pipeline identified in its period and the earnings expected from it. Newest first.
class ProgrammesModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1, NameRole, PeriodRole, CostRole, PipelineRole, EarningsRole, ReturnRole,
        CasesRole, FunnelRole
    };
    explicit ProgrammesModel(QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    struct Row {
        QString id, name, period, cost, pipeline, earnings, ret, cases, funnel;
    };
    std::vector<Row> rows_;
};

// What happened on one case, newest first: its capture, its stage changes (from, to,
// when, by whom), the activities logged on it and the notes written about it; and how
// long it has been in its stage, computed from the stage changes (product.md: never
// typed in).
class CaseHistoryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(QString inStage READ inStage NOTIFY changed)  // "In Offer for 5 days"
public:
    enum Roles { IdRole = Qt::UserRole + 1, KindRole, TitleRole, WhenRole, ByRole, DetailRole };
    explicit CaseHistoryModel(QObject* parent = nullptr);
    QString caseId() const { return case_; }
    void setCaseId(const QString& id);
    int count() const { return static_cast<int>(rows_.size()); }
    QString inStage() const { return in_stage_; }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
    // The clock the stage's age is counted against (tests set it).
    void setNow(const QDateTime& now) { now_ = now; }
signals:
    void caseIdChanged();
    void changed();

private:
    struct Row {
        QString id, kind, title, when, by, detail;  // kind: captured, stage, activity, note
        qint64 at = 0;                              // for the order: ms since the epoch
    };
    QString case_, in_stage_;
    QDateTime now_;
    std::vector<Row> rows_;
};

// "My numbers" and the funnel view.
class Numbers : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool mine READ mine WRITE setMine NOTIFY changed)  // only the user's own activities
    Q_PROPERTY(int conversationsThisWeek READ conversationsThisWeek NOTIFY changed)
    Q_PROPERTY(int weeklyTarget READ weeklyTarget NOTIFY changed)
    Q_PROPERTY(int conversations READ conversations NOTIFY changed)
    Q_PROPERTY(int meetings READ meetings NOTIFY changed)
    Q_PROPERTY(int phoneMeetings READ phoneMeetings NOTIFY changed)
    Q_PROPERTY(int offers READ offers NOTIFY changed)
    Q_PROPERTY(int won READ won NOTIFY changed)
    Q_PROPERTY(int lost READ lost NOTIFY changed)
    Q_PROPERTY(QString wonValue READ wonValue NOTIFY changed)
    Q_PROPERTY(QString meetingRate READ meetingRate NOTIFY changed)
    Q_PROPERTY(QString offerRate READ offerRate NOTIFY changed)
    Q_PROPERTY(QString winRate READ winRate NOTIFY changed)
public:
    explicit Numbers(QObject* parent = nullptr);
    bool mine() const { return mine_; }
    void setMine(bool m);
    int conversationsThisWeek() const { return week_; }
    int weeklyTarget() const;
    int conversations() const { return static_cast<int>(f_conversations_); }
    int meetings() const { return static_cast<int>(f_meetings_); }
    int phoneMeetings() const { return static_cast<int>(f_phone_); }
    int offers() const { return static_cast<int>(f_offers_); }
    int won() const { return static_cast<int>(f_won_); }
    int lost() const { return static_cast<int>(f_lost_); }
    QString wonValue() const { return won_value_; }
    QString meetingRate() const { return meeting_rate_; }
    QString offerRate() const { return offer_rate_; }
    QString winRate() const { return win_rate_; }
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    bool mine_ = false;
    int week_ = 0;
    long long f_conversations_ = 0, f_meetings_ = 0, f_phone_ = 0, f_offers_ = 0, f_won_ = 0, f_lost_ = 0;
    QString won_value_, meeting_rate_, offer_rate_, win_rate_;
};

}  // namespace fika::app
