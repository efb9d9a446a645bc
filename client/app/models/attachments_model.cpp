#include "attachments_model.h"

#include <QDateTime>
#include <QLocale>

#include <map>

#include "appcontext.h"
#include "attach.h"
#include "app_attachments.h"
#include "hlc.h"
#include "model_support.h"
#include "sqlite.h"

namespace fika::app {

using namespace support;

AttachmentsModel::AttachmentsModel(AppContext* context, QObject* parent) : QAbstractListModel(parent), AppBound(context) {
    if (context) bound();
}

void AttachmentsModel::bound() {
    // A record's label (a case's title) may change; users name who attached.
    // Labels of where a file is (a case's title, a person's name) on a customer's or a
    // person's list only: a case page does not re-read its files at every save of the case.
    follow_changes(
        this,
        [this] {
            return kind_ == "account" || kind_ == "contact" || trash_ ? QStringList{"attachments", "cases", "contacts", "users"}
                                                                     : QStringList{"attachments", "users"};
        },
        &AttachmentsModel::reload);
    if (app() && app()->files()) connect(app()->files(), &Attachments::thumbnailReady, this, &AttachmentsModel::thumbnail_ready);
    reload();
}

void AttachmentsModel::setKind(const QString& k) {
    if (k == kind_) return;
    kind_ = k;
    emit queryChanged();
    reload();
}

void AttachmentsModel::setRecordId(const QString& id) {
    if (id == record_) return;
    record_ = id;
    emit queryChanged();
    reload();
}

void AttachmentsModel::setTrash(bool t) {
    if (t == trash_) return;
    trash_ = t;
    emit queryChanged();
    reload();
}

namespace {
// Where a file is, said on its customer's page ("Case: New data platform").
QString where_label(AppContext& app, const QString& kind, const QString& id) {
    std::string table = rules::attachable_table(s(kind));
    if (table.empty() || kind == "account") return {};
    QVariantMap r = app.record(q(table), id);
    QString label = r.value(kind == "case" ? "title" : kind == "contact" ? "name" : kind == "note" ? "body" : "note").toString();
    label = label.section('\n', 0, 0).left(60);
    if (kind == "case") return AppContext::tr("Case: %1").arg(label);
    if (kind == "contact") return AppContext::tr("Person: %1").arg(label);
    if (kind == "activity") {
        QString what = app.activityLabel(r.value("type").toString());
        return label.isEmpty() ? what : AppContext::tr("%1: %2").arg(what, label);
    }
    return AppContext::tr("Note: %1").arg(label);
}
}  // namespace

void AttachmentsModel::reload() {
    beginResetModel();
    rows_.clear();
    const bool scoped = !kind_.isEmpty() && !record_.isEmpty();
    if (app() && app()->ok() && (scoped || trash_)) {
        std::string where = trash_ ? "coalesce(a.deleted,0)=1" : "coalesce(a.deleted,0)=0";
        where += " AND coalesce(a.erased,0)=0";
        if (scoped) {
            // Through the customer's index (a seller's device may hold every photo of the firm).
            if (kind_ == "account") where += " AND a.account_id=?1";
            else if (kind_ == "contact") where += " AND a.account_id=?3 AND ((a.record_kind='contact' AND a.record_id=?1) OR a.contact_id=?1)";
            else where += " AND a.account_id=?3 AND a.record_id=?1 AND a.record_kind=?2";
        }
        try {
            // What still goes up from here, by attachment (a few at most).
            std::map<std::string, sync::Store::Upload> queued;
            if (auto ups = app()->store().uploads(); ups.ok())
                for (auto& u : *ups) queued[u.attachment_id] = u;
            sync::Stmt st = app()->store().read(
                "SELECT a.id, coalesce(a.name,''), coalesce(a.type,''), coalesce(a.size,0), coalesce(a.sha256,''), "
                "a.record_kind, a.record_id, coalesce(a.by_user,'') FROM attachments a WHERE " +
                where + " ORDER BY a.id DESC LIMIT 500");
            if (scoped) {
                st.bind(1, s(record_));
                if (kind_ != "account" && kind_ != "contact") st.bind(2, s(kind_));
                if (kind_ != "account") {
                    const std::string table = rules::attachable_table(s(kind_));
                    st.bind(3, table.empty() ? std::string() : s(app()->record(q(table), record_).value("account_id").toString()));
                }
            }
            QLocale locale;
            while (st.step()) {
                Row r;
                r.id = q(st.text(0));
                r.name = q(st.text(1));
                r.type = q(st.text(2));
                const auto size = static_cast<std::uint64_t>(st.integer(3));
                r.hash = q(st.text(4));
                r.size = locale.formattedDataSize(static_cast<qint64>(size), 1, QLocale::DataSizeTraditionalFormat);
                r.image = r.type.startsWith("image/") && r.type != "image/svg+xml";
                const QString kind = q(st.text(5)), on = q(st.text(6));
                if (kind_ == "account" || trash_ || (kind_ == "contact" && kind != "contact")) r.where = where_label(*app(), kind, on);
                QString who = app()->userLabel(q(st.text(7)));
                auto made = sync::uuid_v7_ms(s(r.id));
                QString when = made ? locale.toString(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(*made)).toLocalTime(),
                                                      QLocale::ShortFormat)
                                    : QString();
                r.by = joined({who, when});
                auto held = app()->store().content_have(s(r.hash));
                const std::uint64_t have = held.ok() && *held ? (*held)->have : 0;
                const bool whole = held.ok() && *held && (*held)->complete();
                auto up = queued.find(s(r.id));
                auto pct = [&](std::uint64_t done) { return QString::number(size ? done * 100 / size : 100); };
                if (up != queued.end() && !up->second.failed.empty()) {
                    r.state = "refused";
                    r.state_text = AppContext::tr("Not sent: %1").arg(q(up->second.failed));
                } else if (up != queued.end()) {
                    r.state = "uploading";
                    r.state_text = up->second.sent == 0 ? AppContext::tr("Waiting to be sent")
                                                        : AppContext::tr("Sending: %1 %").arg(pct(up->second.sent));
                } else if (whole) {
                    r.state = "here";
                } else if (have > 0) {
                    r.state = "partial";
                    r.state_text = AppContext::tr("Partly downloaded (%1 %)").arg(pct(have));
                } else {
                    r.state = "missing";
                    r.state_text = AppContext::tr("Not downloaded yet");
                }
                rows_.push_back(std::move(r));
            }
        } catch (const sync::Failure& f) {
            app()->reportError(f.error);
        }
    }
    endResetModel();
    emit changed();
}

void AttachmentsModel::thumbnail_ready(const QString& hash) {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].hash == hash) {
            QModelIndex at = index(static_cast<int>(i));
            emit dataChanged(at, at, {ThumbnailRole});
        }
}

int AttachmentsModel::rowCount(const QModelIndex& parent) const { return rows_under(rows_, parent); }

QVariant AttachmentsModel::data(const QModelIndex& index, int role) const {
    const Row* row = row_at(rows_, index);
    if (!row) return {};
    switch (role) {
        case IdRole: return row->id;
        case Qt::DisplayRole:
        case NameRole: return row->name;
        case TypeRole: return row->type;
        case SizeRole: return row->size;
        case IsImageRole: return row->image;
        case ThumbnailRole:
            // Asked for only when shown; decoded on the file worker the first time.
            if (row->image && row->state != "missing" && row->state != "partial" && row->thumbnail.isEmpty() && app()->files())
                row->thumbnail = app()->files()->thumbnail(row->hash);
            return row->thumbnail;
        case StateRole: return row->state;
        case StateTextRole: return row->state_text;
        case WhereRole: return row->where;
        case ByRole: return row->by;
        case HashRole: return row->hash;
        default: return {};
    }
}

QHash<int, QByteArray> AttachmentsModel::roleNames() const {
    return {{IdRole, "attachmentId"}, {NameRole, "name"},           {TypeRole, "type"},
            {SizeRole, "sizeText"},   {IsImageRole, "isImage"},      {ThumbnailRole, "thumbnail"},
            {StateRole, "fileState"},     {StateTextRole, "stateText"},  {WhereRole, "where"},
            {ByRole, "by"},           {HashRole, "hash"}};
}

}  // namespace fika::app
