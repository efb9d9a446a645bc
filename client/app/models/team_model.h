#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <algorithm>
#include <vector>

#include "app_bound.h"
#include "schema.h"

namespace fika::app {

class AppContext;

// The team's numbers, one row per person (the seller's view of everyone's efforts and
// results): conversations this week against the person's target, and the funnel as
// credited by client::funnel_by_user (what they logged and the results on what they found).
class TeamModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
    // The most conversations anyone has: the scale of the per-person bars.
    Q_PROPERTY(int largest READ largest NOTIFY changed)
public:
    enum Roles {
        UserRole = Qt::UserRole + 1, NameRole, RoleLabelRole, ConversationsRole, WeekRole, TargetRole, MeetingsRole,
        OffersRole, WonRole, WonValueRole, SummaryRole
    };
    explicit TeamModel(AppContext* context = nullptr, QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int largest() const { return rows_.empty() ? 0 : std::max(rows_.front().conversations, 1); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    void bound() override;
    struct Row {
        QString user, name, role, won_value, summary;
        int conversations = 0, week = 0, target = 0, meetings = 0, offers = 0, won = 0;
    };
    std::vector<Row> rows_;
};

}  // namespace fika::app
