#include "programmes_model.h"

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

ProgrammesModel::ProgrammesModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void ProgrammesModel::bound() {
    follow_changes(this, {"programmes", "cases", "activities"}, &ProgrammesModel::reload);
    reload();
}

void ProgrammesModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->ok()) {
        auto rs = client::programme_returns(app()->store());
        if (rs.ok()) {
            for (const client::ProgrammeReturn& p : *rs) {
                Row r;
                r.id = q(p.id);
                r.name = p.name.empty() ? AppContext::tr("(unnamed)") : q(p.name);
                auto day = [](const std::string& d) {
                    return QLocale().toString(QDate::fromString(q(d), Qt::ISODate), QLocale::ShortFormat);
                };
                if (!p.period_start.empty() && !p.period_end.empty())
                    r.period = AppContext::tr("%1 – %2").arg(day(p.period_start), day(p.period_end));
                else if (!p.period_start.empty())
                    r.period = AppContext::tr("from %1").arg(day(p.period_start));
                else if (!p.period_end.empty())
                    r.period = AppContext::tr("until %1").arg(day(p.period_end));
                r.cost = app()->formatMoney(QVariant::fromValue(static_cast<long long>(p.cost)), q(p.currency));
                r.pipeline = money_by_currency(*app(), std::map<std::string, long long>(p.pipeline.begin(), p.pipeline.end()));
                r.earnings = money_by_currency(*app(), std::map<std::string, long long>(p.earnings.begin(), p.earnings.end()));
                if (p.return_ratio)
                    r.ret = AppContext::tr("%1 × the cost").arg(QLocale().toString(*p.return_ratio, 'f', 1));
                r.cases = AppContext::tr("%Ln case(s) identified", nullptr, static_cast<int>(p.cases)) + " · " +
                          AppContext::tr("%1 won · %2 lost").arg(p.won_cases).arg(p.lost_cases);
                const client::Funnel& f = p.funnel;
                r.funnel = AppContext::tr("%1 conversations → %2 meetings → %3 offers → %4 won")
                               .arg(f.conversations)
                               .arg(f.meetings + f.phone_meetings)
                               .arg(f.offers)
                               .arg(f.won);
                rows_.push_back(std::move(r));
            }
        }
    }
    endResetModel();
    emit changed();
}

int ProgrammesModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant ProgrammesModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    switch (role) {
        case IdRole: return row->id;
        case Qt::DisplayRole:
        case NameRole: return row->name;
        case PeriodRole: return row->period;
        case CostRole: return row->cost;
        case PipelineRole: return row->pipeline;
        case EarningsRole: return row->earnings;
        case ReturnRole: return row->ret;
        case CasesRole: return row->cases;
        case FunnelRole: return row->funnel;
        default: return {};
    }
}

QHash<int, QByteArray> ProgrammesModel::roleNames() const {
    return {{IdRole, "programmeId"}, {NameRole, "name"}, {PeriodRole, "period"}, {CostRole, "cost"},
            {PipelineRole, "pipeline"}, {EarningsRole, "earnings"}, {ReturnRole, "returnText"},
            {CasesRole, "casesText"}, {FunnelRole, "funnelText"}};
}

}  // namespace fika::app
