#include "case_history_model.h"

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

CaseHistoryModel::CaseHistoryModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void CaseHistoryModel::bound() {
    follow_changes(this, {"cases", "stage_changes", "activities", "notes", "users", "attachments"}, &CaseHistoryModel::reload);
}

void CaseHistoryModel::setCaseId(const QString& id) {
    if (id == case_) return;
    case_ = id;
    emit caseIdChanged();
    reload();
}

void CaseHistoryModel::reload() {
    beginResetModel();
    rows_.clear();
    in_stage_.clear();
    QDateTime now = now_.isValid() ? now_ : QDateTime::currentDateTime();
    if (app() && app()->ok() && !case_.isEmpty()) {
        QVariantMap kase = app()->record("cases", case_);
        std::string account = s(kase.value("account_id").toString()), id = s(case_);
        // A record's own time: its UUIDv7 id says when it was made.
        auto made = [](std::string_view rid) -> qint64 {
            auto ms = sync::uuid_v7_ms(rid);
            return ms ? static_cast<qint64>(*ms) : 0;
        };
        auto when = [](qint64 ms) {
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QLocale::ShortFormat);
        };
        // Read through the account's index: a case's records are all in its account.
        auto query = [&](const char* sql, auto&& row) {
            try {
                sync::Stmt st = app()->store().read(sql);
                st.bind(1, account).bind(2, id);
                while (st.step()) row(st);
            } catch (const sync::Failure& f) {
                app()->reportError(f.error);
            }
        };
        qint64 stage_since = 0;
        QString stage = kase.value("stage").toString();
        query("SELECT id, coalesce(from_stage,''), to_stage, at, coalesce(by_user,'') FROM stage_changes "
              "WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "stage";
                  QString from = q(st.text(1)), to = q(st.text(2));
                  r.title = from.isEmpty() ? AppContext::tr("Captured as %1").arg(app()->stageLabel(to))
                                           : AppContext::tr("%1 \u2192 %2").arg(app()->stageLabel(from), app()->stageLabel(to));
                  // `at` may count whole seconds; the id says the millisecond.
                  QDateTime at = QDateTime::fromString(q(st.text(3)), Qt::ISODateWithMs);
                  qint64 id_ms = made(st.text(0));
                  r.at = !at.isValid() || (id_ms >= at.toMSecsSinceEpoch() && id_ms < at.toMSecsSinceEpoch() + 1000)
                             ? id_ms
                             : at.toMSecsSinceEpoch();
                  r.when = when(r.at);
                  r.by = app()->userLabel(q(st.text(4)));
                  if (to == stage) stage_since = std::max(stage_since, r.at);
                  rows_.push_back(std::move(r));
              });
        query("SELECT id, type, coalesce(direction,'outbound'), date, coalesce(outcome,''), coalesce(note,''), "
              "coalesce(by_user,'') FROM activities WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "activity";
                  r.title = app()->activityLabel(q(st.text(1))) +
                            (st.text(2) == "inbound" ? AppContext::tr(" (inbound)") : QString());
                  // Its day, placed in that day at the time it was logged when it was logged
                  // that day (an activity logged later for an earlier day sorts at its noon).
                  QDate day = QDate::fromString(q(st.text(3)), Qt::ISODate);
                  qint64 logged = made(st.text(0));
                  QDateTime logged_at = QDateTime::fromMSecsSinceEpoch(logged).toLocalTime();
                  r.at = logged && logged_at.date() == day ? logged : QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch();
                  r.when = QLocale().toString(day, QLocale::ShortFormat);
                  r.by = app()->userLabel(q(st.text(6)));
                  r.detail = joined({q(st.text(4)), q(st.text(5))});
                  rows_.push_back(std::move(r));
              });
        query("SELECT id, coalesce(kind,'free'), body, coalesce(by_user,'') FROM notes "
              "WHERE account_id=?1 AND case_id=?2 AND coalesce(deleted,0)=0",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "note";
                  r.title = st.text(1) == "needs-analysis" ? AppContext::tr("Needs analysis") : AppContext::tr("Note");
                  r.at = made(st.text(0));
                  r.when = when(r.at);
                  r.by = app()->userLabel(q(st.text(3)));
                  r.detail = q(st.text(2));
                  rows_.push_back(std::move(r));
              });
        // Files attached to the case (and to its activities and notes), when attached.
        query("SELECT id, coalesce(name,''), coalesce(type,''), coalesce(by_user,''), record_kind FROM attachments "
              "WHERE account_id=?1 AND coalesce(deleted,0)=0 AND coalesce(erased,0)=0 AND (record_id=?2 OR record_id IN "
              "(SELECT id FROM activities WHERE account_id=?1 AND case_id=?2) OR record_id IN "
              "(SELECT id FROM notes WHERE account_id=?1 AND case_id=?2))",
              [&](sync::Stmt& st) {
                  Row r;
                  r.id = q(st.text(0));
                  r.kind = "file";
                  r.title = st.text(2).substr(0, 6) == "image/" ? AppContext::tr("Photo attached") : AppContext::tr("File attached");
                  r.at = made(st.text(0));
                  r.when = when(r.at);
                  r.by = app()->userLabel(q(st.text(3)));
                  r.detail = q(st.text(1));
                  rows_.push_back(std::move(r));
              });
        // Its capture, from the case's own id and finder (a capture writes no stage change).
        if (kase.contains("id")) {
            Row r;
            r.id = case_;
            r.kind = "captured";
            r.title = AppContext::tr("Captured");
            r.at = made(id);
            r.when = r.at ? when(r.at) : QString();
            r.by = kase.value("foundByName").toString();
            if (stage_since == 0) stage_since = r.at;
            rows_.push_back(std::move(r));
        }
        std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
            return a.at != b.at ? a.at > b.at : a.id > b.id;
        });
        if (stage_since > 0 && !stage.isEmpty()) {
            qint64 days = QDateTime::fromMSecsSinceEpoch(stage_since).toLocalTime().date().daysTo(now.date());
            in_stage_ = days <= 0 ? AppContext::tr("In %1 since today").arg(app()->stageLabel(stage))
                                  : AppContext::tr("In %1 for %Ln day(s)", "", static_cast<int>(days)).arg(app()->stageLabel(stage));
        }
    }
    endResetModel();
    emit changed();
}

int CaseHistoryModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant CaseHistoryModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    switch (role) {
        case IdRole: return row->id;
        case KindRole: return row->kind;
        case Qt::DisplayRole:
        case TitleRole: return row->title;
        case WhenRole: return row->when;
        case ByRole: return row->by;
        case DetailRole: return row->detail;
        default: return {};
    }
}

QHash<int, QByteArray> CaseHistoryModel::roleNames() const {
    return {{Qt::DisplayRole, "display"}, {IdRole, "recordId"}, {KindRole, "kind"}, {TitleRole, "title"},
            {WhenRole, "when"}, {ByRole, "by"}, {DetailRole, "detail"}};
}

}  // namespace fika::app
