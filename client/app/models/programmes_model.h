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

// The return on each programme (client::programme_returns): what it cost against the
// pipeline identified in its period and the earnings expected from it. Newest first.
class ProgrammesModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1, NameRole, PeriodRole, CostRole, PipelineRole, EarningsRole, ReturnRole,
        CasesRole, FunnelRole
    };
    explicit ProgrammesModel(AppContext* context = nullptr, QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    void bound() override;
    struct Row {
        QString id, name, period, cost, pipeline, earnings, ret, cases, funnel;
    };
    std::vector<Row> rows_;
};

}  // namespace fika::app
