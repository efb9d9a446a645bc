// What the files of AppContext share (not part of its interface).
#pragma once

#include <QString>
#include <QVariant>

#include <optional>
#include <string>

#include "schema.h"
#include "value.h"

namespace fika::app::detail {

inline QString q(const std::string& s) { return QString::fromStdString(s); }
inline std::string s(const QString& q) { return q.toStdString(); }

inline QVariant to_variant(const sync::FieldDef& f, const sync::Value& v) {
    switch (v.index()) {
        case 1:
            if (f.type == sync::FieldType::Bool) return std::get<1>(v) != 0;
            return QVariant::fromValue(static_cast<qlonglong>(std::get<1>(v)));
        case 2: return std::get<2>(v);
        case 3: return q(std::get<3>(v));
        default: return QVariant();
    }
}

// "135 000", "135000", "135k", "1.2m" -> 135000, 1200000; empty -> nullopt.
inline std::optional<std::int64_t> parse_amount(QString t, bool* bad) {
    *bad = false;
    t = t.trimmed().toLower().remove(' ').remove('_').remove(QChar(0x00a0));
    if (t.isEmpty()) return std::nullopt;
    double mult = 1;
    if (t.endsWith('k')) mult = 1e3, t.chop(1);
    else if (t.endsWith('m')) mult = 1e6, t.chop(1);
    t.replace(',', '.');
    bool ok = false;
    double v = t.toDouble(&ok);
    if (!ok || v < 0) {
        *bad = true;
        return std::nullopt;
    }
    return static_cast<std::int64_t>(v * mult + 0.5);
}


}  // namespace fika::app::detail
