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

// What happened on one case, newest first: its capture, its stage changes (from, to,
// when, by whom), the activities logged on it and the notes written about it; and how
// long it has been in its stage, computed from the stage changes (product.md: never
// typed in).
class CaseHistoryModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(QString inStage READ inStage NOTIFY changed)  // "In Offer for 5 days"
public:
    enum Roles { IdRole = Qt::UserRole + 1, KindRole, TitleRole, WhenRole, ByRole, DetailRole };
    explicit CaseHistoryModel(AppContext* context = nullptr, QObject* parent = nullptr);
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
    void bound() override;
    struct Row {
        QString id, kind, title, when, by, detail;  // kind: captured, stage, activity, note, file
        qint64 at = 0;                              // for the order: ms since the epoch
    };
    QString case_, in_stage_;
    QDateTime now_;
    std::vector<Row> rows_;
};

}  // namespace fika::app
