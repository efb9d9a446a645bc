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

// "My numbers" and the funnel view.
class Numbers : public QObject, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
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
    // The funnel as chart bars, widest first: [{label, value, note}] (note: the step's
    // conversion from the one before).
    Q_PROPERTY(QVariantList funnelBars READ funnelBars NOTIFY changed)
    // The last six months, oldest first: [{month (short name), captured, meeting, offer,
    // won, lost}] - cases captured, and moved into each stage, in the month. Read only
    // where `withMonths` is set (the numbers page): home's tile shows none of it and
    // need not read six months' tallies and stage changes at every save (S7).
    Q_PROPERTY(QVariantList months READ months NOTIFY changed)
    Q_PROPERTY(bool withMonths READ withMonths WRITE setWithMonths NOTIFY changed)
public:
    explicit Numbers(AppContext* context = nullptr, QObject* parent = nullptr);
    bool mine() const { return mine_; }
    void setMine(bool m);
    bool withMonths() const { return with_months_; }
    void setWithMonths(bool w);
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
    QVariantList funnelBars() const;
    QVariantList months() const { return months_; }
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    void bound() override;
    bool mine_ = false;
    bool with_months_ = false;
    int week_ = 0;
    long long f_conversations_ = 0, f_meetings_ = 0, f_phone_ = 0, f_offers_ = 0, f_won_ = 0, f_lost_ = 0;
    QString won_value_, meeting_rate_, offer_rate_, win_rate_;
    QVariantList months_;
};

}  // namespace fika::app
