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
    emit changed();
}

}  // namespace fika::app
