#include "pipeline_model.h"

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

PipelineModel::PipelineModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void PipelineModel::bound() {
    follow_changes(this, {"cases"}, &PipelineModel::reload);
    reload();
}

void PipelineModel::reload() {
    beginResetModel();
    rows_.clear();
    if (app() && app()->ok()) {
        auto p = rules::pipeline(app()->store(), case_filter(whose_));
        if (!p.ok()) app()->reportError(p.error());
        for (const rules::StageSums& sums : p.ok() ? p->stages : std::vector<rules::StageSums>{}) {
            Row r;
            r.stage = q(sums.stage);
            r.label = app()->stageLabel(r.stage);
            r.count = static_cast<int>(sums.count);
            for (auto& [cur, v] : sums.value) r.value += v;
            r.value_text = money_by_currency(*app(), sums.value);
            r.weighted_text = money_by_currency(*app(), sums.weighted);
            rows_.push_back(std::move(r));
        }
        total_ = money_by_currency(*app(), p.ok() ? p->open_value : std::map<std::string, std::int64_t>{});
        weighted_ = money_by_currency(*app(), p.ok() ? p->open_weighted : std::map<std::string, std::int64_t>{});
    }
    endResetModel();
    emit changed();
}

void PipelineModel::setWhose(const QString& w) {
    if (w == whose_) return;
    whose_ = w;
    emit whoseChanged();
    reload();
}

QVariantMap PipelineModel::byStage() const {
    QVariantMap out;
    for (const Row& r : rows_)
        out[r.stage] = QVariantMap{{"count", r.count}, {"valueText", r.value_text}, {"weightedText", r.weighted_text}};
    return out;
}

QString PipelineModel::firstBusyStage() const {
    for (const Row& r : rows_)
        if (r.count > 0) return r.stage;
    return {};
}

int PipelineModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant PipelineModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    const Row& r = *row;
    switch (role) {
        case StageRole: return r.stage;
        case Qt::DisplayRole:
        case LabelRole: return r.label;
        case CountRole: return r.count;
        case ValueTextRole: return r.value_text;
        case WeightedTextRole: return r.weighted_text;
        case ValueRole: return r.value;
        default: return {};
    }
}

QHash<int, QByteArray> PipelineModel::roleNames() const {
    return {{StageRole, "stage"}, {LabelRole, "label"}, {CountRole, "count"},
            {ValueTextRole, "valueText"}, {WeightedTextRole, "weightedText"}, {ValueRole, "value"}};
}

}  // namespace fika::app
