// AppContext: words the user reads - labels of stages, roles and fields, and engine errors
// in the user's language (errorText).
#include "appcontext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

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

QString AppContext::needsAnalysisTemplate() const {
    // The rules' template in the user's language (its English text is the key; the marker
    // keeps it in the translation files).
    static_cast<void>(QT_TR_NOOP("Need:\n\nPain:\n\nTiming:\n\nWho decides:\n\nBudget:\n"));
    return tr(rules::needs_analysis_template());
}

QString AppContext::formatMoney(const QVariant& value, const QString& currency) const {
    if (!value.isValid() || value.isNull() || value.toString().isEmpty()) return {};
    QLocale l;
    return l.toString(value.toLongLong()) + " " + (currency.isEmpty() ? q(rules::default_currency()) : currency);
}

QStringList AppContext::stages() const {
    QStringList out;
    for (const std::string& st : rules::stages()) out << q(st);
    return out;
}

QString AppContext::stageLabel(const QString& st) const {
    if (st == "spotted") return tr("Spotted");
    if (st == "qualified") return tr("Qualified");
    if (st == "meeting") return tr("Meeting");
    if (st == "offer") return tr("Offer");
    if (st == "negotiation") return tr("Negotiation");
    if (st == "won") return tr("Won");
    if (st == "lost") return tr("Lost");
    return st;
}

int AppContext::defaultProbability(const QString& st) const { return sync::default_probability(s(st)).value_or(0); }

QString AppContext::roleLabel(const QString& r) const {
    if (r == "decision-maker") return tr("Decision maker");
    if (r == "project-owner") return tr("Project owner");
    if (r == "influencer") return tr("Influencer");
    if (r == "user") return tr("User");
    return tr("Other");
}

QString AppContext::activityLabel(const QString& t) const {
    if (t == "conversation") return tr("Conversation");
    if (t == "meeting") return tr("Meeting");
    if (t == "phone-meeting") return tr("Phone meeting");
    if (t == "offer") return tr("Offer");
    if (t == "won") return tr("Won");
    if (t == "lost") return tr("Lost");
    return tr("Other");
}

QString AppContext::statusLabel(const QString& status) const {
    if (status == "open") return tr("open");
    if (status == "planned") return tr("planned");
    if (status == "done") return tr("done");
    if (status == "cancelled") return tr("cancelled");
    return status;
}

QString AppContext::styleLabel(const QString& style) const {
    if (style == "passive") return tr("Passive");
    if (style == "neutral") return tr("Neutral");
    if (style == "direct") return tr("Direct");
    return style;
}

QString AppContext::userRoleLabel(const QString& role) const {
    if (role == "consultant") return tr("Consultant");
    if (role == "seller") return tr("Seller");
    if (role == "admin") return tr("Administrator");
    return role;
}

QString AppContext::fieldLabel(const QString& table, const QString& field) const {
    if (field == "title") return table == "contacts" ? tr("Title (role)") : tr("Title");
    if (field == "name") return tr("Name");
    if (field == "value") return tr("Value");
    if (field == "currency") return tr("Currency");
    if (field == "probability") return tr("Probability %");
    if (field == "follow_up") return tr("Follow up");
    if (field == "next_step") return tr("Next step");
    if (field == "need") return tr("Need");
    if (field == "lost_reason") return tr("Why it was lost");
    if (field == "email") return tr("E-mail");
    if (field == "phone") return tr("Phone");
    if (field == "date") return tr("Date");
    if (field == "due") return tr("Due");
    if (field == "summary") return tr("Summary");
    if (field == "body") return tr("Note");
    if (field == "outcome") return tr("Outcome");
    if (field == "cost") return tr("Cost");
    if (field == "period_start") return tr("Start");
    if (field == "period_end") return tr("End");
    if (field == "weekly_target") return tr("Weekly target");
    if (field == "yearly_revenue") return tr("Yearly revenue");
    if (field == "competitor_group") return tr("Competitor group");
    if (field == "stage") return tr("Stage");
    if (field == "owner") return tr("Owner");
    if (field == "found_by") return tr("Found by");
    if (field == "policy") return tr("Policy");
    if (field == "role") return tr("Role");
    if (field == "type") return tr("Type");
    if (field == "industry") return tr("Industry");
    QString plain = field;
    plain.replace('_', ' ');
    return plain.isEmpty() ? plain : plain.left(1).toUpper() + plain.mid(1);
}

QString AppContext::errorText(const sync::Error& e) const {
    using sync::Code;
    const QStringList at = q(e.field).split('.');
    const QString field = at.size() == 2 ? fieldLabel(at[0], at[1]) : QString();
    if (!field.isEmpty() || e.rule == "erased") {
        if (e.rule == "required") return tr("%1 is required").arg(field);
        if (e.rule == "range") {
            if (e.min == 0 && e.max == INT64_MAX) return tr("%1 must be a positive amount").arg(field);
            return tr("%1 must be between %2 and %3").arg(field, QLocale().toString(static_cast<qlonglong>(e.min)),
                                                         QLocale().toString(static_cast<qlonglong>(e.max)));
        }
        if (e.rule == "too_long") return tr("%1 is too long (at most %2 characters)").arg(field).arg(e.max);
        if (e.rule == "choice") return tr("%1: choose one of the offered values").arg(field);
        if (e.rule == "fixed") return tr("%1 cannot be changed once the record is created").arg(field);
        if (e.rule == "erased") return tr("This record was erased at a person's request: it cannot be changed");
        if (e.rule == "type") return tr("%1 is not valid here").arg(field);
    }
    switch (e.code) {
        case Code::Storage:
            return tr("The local database could not be read or written (%1). Nothing was lost; try again, or free "
                      "some disk space").arg(q(e.message));
        case Code::Busy: return tr("The local database is busy; try again in a moment");
        case Code::Corrupt: return tr("The local database is damaged (%1)").arg(q(e.message));
        case Code::SchemaTooNew: return tr("This database was written by a newer Fika: update the app");
        case Code::NotFound: return tr("It is not there any more (deleted, or never synced to this device)");
        case Code::TooLarge: return tr("That is too large to save");
        default: return q(e.message);
    }
}

QString AppContext::policyLabel(const QString& policy) const {
    if (policy == "active") return tr("active");
    if (policy == "inbound-only") return tr("inbound only");
    if (policy == "blocked") return tr("blocked");
    return policy;
}

QString AppContext::flagLabel(const QString& flag) const {
    QStringList parts = flag.split(':');
    if (parts.value(0) == "policy" && parts.value(1) == "inbound-only") return tr("inbound-only customer: no active selling");
    if (parts.value(0) == "policy" && parts.value(1) == "blocked") return tr("blocked customer");
    if (parts.value(0) == "competitor") return tr("competitor of %1 (group %2)").arg(parts.mid(2).join(':'), parts.value(1));
    return flag;
}

}  // namespace fika::app
