#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

#include "app_bound.h"
#include "schema.h"

namespace fika::app {

class AppContext;

// The pipeline: one row per stage with the number of cases, their value and their
// probability-weighted value (per currency, as text), for the seller's board.
class PipelineModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString totalText READ totalText NOTIFY changed)
    Q_PROPERTY(QString weightedText READ weightedText NOTIFY changed)
    Q_PROPERTY(QString firstBusyStage READ firstBusyStage NOTIFY changed)
    // Whose cases: "" everyone's, "owner:ID" ("owner:" nobody's), "finder:ID".
    Q_PROPERTY(QString whose READ whose WRITE setWhose NOTIFY whoseChanged)
    // The rows by stage, for views that lay stages out themselves (the board's columns):
    // {stage: {count, valueText, weightedText}}.
    Q_PROPERTY(QVariantMap byStage READ byStage NOTIFY changed)
public:
    enum Roles { StageRole = Qt::UserRole + 1, LabelRole, CountRole, ValueTextRole, WeightedTextRole, ValueRole };
    explicit PipelineModel(AppContext* context = nullptr, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    QString totalText() const { return total_; }
    QString weightedText() const { return weighted_; }
    // The earliest stage that holds a case ("" when there are none): what the page opens on.
    QString firstBusyStage() const;
    QString whose() const { return whose_; }
    QVariantMap byStage() const;
    void setWhose(const QString& w);
    Q_INVOKABLE void reload();
signals:
    void changed();
    void whoseChanged();

private:
    void bound() override;
    struct Row {
        QString stage, label, value_text, weighted_text;
        int count = 0;
        qlonglong value = 0;
    };
    std::vector<Row> rows_;
    QString total_, weighted_, whose_;
};

}  // namespace fika::app
