#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

#include "app_bound.h"
#include "schema.h"

namespace fika::app {

class AppContext;

// Records of one table, filtered and searched, loaded lazily in pages so that 100,000
// rows scroll smoothly: the view asks for more as it scrolls (canFetchMore/fetchMore).
// Roles: recordId, title, subtitle, detail, deleted, and one per field of the table.
class RecordListModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString table READ table WRITE setTable NOTIFY queryChanged)
    Q_PROPERTY(QString account READ account WRITE setAccount NOTIFY queryChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY queryChanged)
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY queryChanged)
    Q_PROPERTY(QString stage READ stage WRITE setStage NOTIFY queryChanged)
    Q_PROPERTY(bool trash READ trash WRITE setTrash NOTIFY queryChanged)
    Q_PROPERTY(bool triage READ triage WRITE setTriage NOTIFY queryChanged)  // cases with no owner yet
    // Whose cases: "" everyone's, "owner:ID" ("owner:" nobody's), "finder:ID".
    Q_PROPERTY(QString whose READ whose WRITE setWhose NOTIFY queryChanged)
    // Pages come only from loadMore(), never from a view's fetchMore: for a Repeater,
    // whose delegate model asks for the next page after every insert until all are in.
    Q_PROPERTY(bool pagedByHand READ pagedByHand WRITE setPagedByHand NOTIFY queryChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int total READ total NOTIFY countChanged)

public:
    // stageDays: for a case, the whole days since it entered its stage.
    // accountName: the customer's name of a record on one.
    enum Roles { IdRole = Qt::UserRole + 1, TitleRole, SubtitleRole, DetailRole, DeletedRole, TableRole, StageDaysRole,
                 AccountNameRole, FirstField };

    explicit RecordListModel(AppContext* context = nullptr, QObject* parent = nullptr);

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
    QString whose() const { return whose_; }
    void setWhose(const QString& w);
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
    // The row of the record with this id among those loaded, or -1.
    Q_INVOKABLE int indexOf(const QString& id) const;
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
    void bound() override;
    struct Row {
        QString id, title, subtitle, detail, account_name;
        bool deleted = false;
        int stage_days = -1;
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
    QString table_, account_, case_, search_, stage_, whose_;
    bool trash_ = false, triage_ = false, complete_ = false, by_hand_ = false;
    int total_ = 0;
    std::vector<Row> rows_;
};

}  // namespace fika::app
