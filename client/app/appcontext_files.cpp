// AppContext: exports and imports (CSV, iCalendar, vCard, a person's data).
#include "appcontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>
#include <map>

#include "appcontext_detail.h"
#include "calendar.h"
#include "csv.h"
#include "duplicates.h"
#include "export.h"
#include "records.h"
#include "rules.h"
#include "sqlite.h"
#include "synccontroller.h"

namespace fika::app {

using namespace detail;

namespace {
// The Documents folder (or `dir`), created when missing; "" when there is none.
QString export_dir(const QString& dir) {
    QString d = dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : dir;
    if (d.isEmpty() || !QDir().mkpath(d)) return {};
    return d;
}

// A person's name as a file name, without characters file systems refuse.
QString file_name_for(QString name, const QString& fallback) {
    name.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("_"));
    return name.trimmed().isEmpty() ? fallback : name.trimmed();
}

bool write_text(const QString& path, const std::string& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size()) && f.flush();
}
}  // namespace

QString AppContext::saveExport(const QString& dir, const QString& file, const sync::Result<std::string>& text) {
    if (!text.ok()) return fail(text.error()), QString();
    QString d = export_dir(dir);
    if (d.isEmpty()) return fail(tr("There is no folder to export to")), QString();
    QString path = QDir(d).filePath(file);
    if (auto own = store_->check_not_own_file(s(path)); !own.ok()) return fail(own.error()), QString();
    if (!write_text(path, *text)) return fail(tr("Could not write %1").arg(path)), QString();
    return path;
}

QString AppContext::exportFollowUps(const QString& dir) {
    if (!store_) return {};
    auto now = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
    return saveExport(dir, QStringLiteral("fika-follow-ups.ics"), client::follow_ups_ical(*store_, now));
}

QString AppContext::exportContactCard(const QString& contactId, const QString& dir) {
    if (!store_) return {};
    QString name = file_name_for(record("contacts", contactId).value("name").toString(), QStringLiteral("contact"));
    return saveExport(dir, name + QStringLiteral(".vcf"), client::contact_vcard(*store_, s(contactId)));
}

QString AppContext::exportPersonData(const QString& contactId, const QString& dir) {
    if (!store_) return {};
    QString name = file_name_for(record("contacts", contactId).value("name").toString(), QStringLiteral("person"));
    return saveExport(dir, name + QStringLiteral(" - data.json"), sync::person_export(*store_, s(contactId)));
}

QString AppContext::exportCsv(const QString& dir) {
    if (!store_) return {};
    QString d = export_dir(dir);
    if (d.isEmpty()) return fail(tr("There is no folder to export to")), QString();
    QString folder = QDir(d).filePath(QStringLiteral("fika-csv-") +
                                      QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm")));
    if (!QDir().mkpath(folder)) return fail(tr("Could not create %1").arg(folder)), QString();
    auto files = client::export_csv(*store_, s(folder));
    if (!files.ok()) return fail(files.error()), QString();
    return folder;
}

QVariantMap AppContext::importCsv(const QString& pathOrUrl, const QString& kind) {
    QVariantMap out{{QStringLiteral("ok"), false}};
    if (!store_) return out;
    QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.trimmed().isEmpty()) return fail(tr("Choose a CSV file")), out;
    std::string table;
    if (!kind.isEmpty()) {
        const sync::TableDef* t = client::table_for(s(kind));
        if (!t) return fail(tr("Unknown kind %1").arg(kind)), out;
        table = t->name;
    }
    auto rep = client::import_csv(*store_, s(path), table, rules::Actor{meta("user_id"), now_ms()});
    if (!rep.ok()) return fail(rep.error()), out;
    QStringList errors;
    for (const auto& e : rep->errors) errors << tr("line %1: %2").arg(e.line).arg(q(e.message));
    out[QStringLiteral("ok")] = true;
    out[QStringLiteral("table")] = q(rep->table);
    out[QStringLiteral("created")] = static_cast<int>(rep->created);
    out[QStringLiteral("updated")] = static_cast<int>(rep->updated);
    out[QStringLiteral("unchanged")] = static_cast<int>(rep->unchanged);
    out[QStringLiteral("errors")] = errors;
    QString summary = tr("%1: %2 added, %3 updated, %4 unchanged")
                          .arg(q(rep->table))
                          .arg(rep->created)
                          .arg(rep->updated)
                          .arg(rep->unchanged);
    if (!errors.isEmpty()) summary += QLatin1Char('\n') + tr("%Ln row(s) skipped:", "", static_cast<int>(errors.size())) +
                                      QLatin1Char('\n') + errors.mid(0, 20).join(QLatin1Char('\n'));
    out[QStringLiteral("summary")] = summary;
    if (rep->created || rep->updated) {
        sync_->localChange();
        bump();
    }
    return out;
}

}  // namespace fika::app
