#include "numbers.h"

#include <QDate>
#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <map>

#include "appcontext.h"
#include "hlc.h"
#include "model_support.h"
#include "records.h"
#include "reports.h"
#include "rules.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

using namespace support;

Numbers::Numbers(AppContext* context, QObject* parent) : QObject(parent), AppBound(context) {
    if (context) bound();
}

void Numbers::bound() {
    follow_changes(this, {"users", "activities", "cases"}, &Numbers::reload);
    reload();
}

void Numbers::setMine(bool m) {
    if (m == mine_) return;
    mine_ = m;
    reload();
}

void Numbers::setWithMonths(bool w) {
    if (w == with_months_) return;
    with_months_ = w;
    reload();
}

int Numbers::weeklyTarget() const { return app() ? app()->weeklyTarget() : 0; }

void Numbers::reload() {
    if (!app() || !app()->ok()) return;
    sync::Store& st = app()->store();
    client::FunnelQuery all;
    QString me = app()->userId();
    if (mine_ && !me.isEmpty()) all.user = s(me);
    auto f = client::funnel(st, all);
    if (f.ok()) {
        f_conversations_ = f->conversations;
        f_meetings_ = f->meetings;
        f_phone_ = f->phone_meetings;
        f_offers_ = f->offers;
        f_won_ = f->won;
        f_lost_ = f->lost;
        std::map<std::string, long long> wv(f->won_value.begin(), f->won_value.end());
        won_value_ = money_by_currency(*app(), wv);
        meeting_rate_ = percent(f->meeting_rate);
        offer_rate_ = percent(f->offer_rate);
        win_rate_ = percent(f->win_rate);
    }
    // This week for the user.
    client::FunnelQuery week = this_week();
    if (!me.isEmpty()) week.user = s(me);
    auto w = client::funnel(st, week);
    week_ = w.ok() ? static_cast<int>(w->conversations) : 0;
    // Six months of the pipeline's flow, where it is shown.
    months_.clear();
    if (with_months_) {
        std::optional<std::string> who;
        if (mine_ && !me.isEmpty()) who = s(me);
        auto flow = client::pipeline_by_month(st, s(QDate::currentDate().toString(Qt::ISODate)), 6, who);
        if (!flow.ok()) app()->reportError(flow.error());
        for (const client::MonthFlow& f : flow.ok() ? *flow : std::vector<client::MonthFlow>{}) {
            QDate first = QDate::fromString(q(f.month) + "-01", Qt::ISODate);
            QVariantMap m{{"month", QLocale().monthName(first.month(), QLocale::ShortFormat)},
                          {"captured", static_cast<qlonglong>(f.captured)}};
            for (const char* stage : {"meeting", "offer", "won", "lost"}) {
                auto it = f.reached.find(stage);
                m[stage] = static_cast<qlonglong>(it == f.reached.end() ? 0 : it->second);
            }
            months_.append(m);
        }
    }
    emit changed();
}

QVariantList Numbers::funnelBars() const {
    auto bar = [](const QString& label, long long value, const QString& note) {
        return QVariantMap{{"label", label}, {"value", value}, {"note", note}};
    };
    return {bar(AppContext::tr("Conversations"), f_conversations_, QString()),
            bar(AppContext::tr("Meetings"), f_meetings_ + f_phone_, AppContext::tr("%1 of conversations").arg(meeting_rate_)),
            bar(AppContext::tr("Offers"), f_offers_, AppContext::tr("%1 of meetings").arg(offer_rate_)),
            bar(AppContext::tr("Won"), f_won_, AppContext::tr("%1 of offers").arg(win_rate_))};
}

}  // namespace fika::app
