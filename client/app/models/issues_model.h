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

// Conflicts (kind "conflicts") or refused changes (kind "refused") of this device.
class IssuesModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY changed)
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles { NumberRole = Qt::UserRole + 1, TitleRole, MineRole, TheirsRole, ReasonRole, TableRole, RecordRole };
    explicit IssuesModel(AppContext* context = nullptr, QObject* parent = nullptr);
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
    void bound() override;
    struct Row {
        qlonglong n = 0;
        QString title, mine, theirs, reason, table, record;
    };
    QString kind_ = "conflicts";
    std::vector<Row> rows_;
};

}  // namespace fika::app
