// Records as people type and read them: text to a field's value and back, and the short
// names people use for tables and fields. Shared by fika-cli, CSV import/export and the app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema.h"
#include "store.h"

namespace fika::client {

// "case" -> "cases", "follow-up" -> "follow_ups", "accounts" -> "accounts"; nullptr if unknown.
const sync::TableDef* table_for(const std::string& kind);

// "--account" / "account" -> "account_id", "org-number" -> "org_number"; the field's own
// name when it exists in the table; "" when the table has no such field.
std::string field_for(const sync::TableDef& t, const std::string& name);

// Text as typed (CLI argument, CSV cell) to the field's value. Empty text is NULL.
// Integers accept spaces and underscores as digit groups; booleans true/false, yes/no,
// 1/0; an `email` must look like an address. Errors name the field and what was expected.
sync::Result<sync::Value> parse_value(const sync::TableDef& t, const sync::FieldDef& f, const std::string& text);

// False when the fields set a period (period_start, period_end: a programme's) that ends
// before it starts.
bool period_ok(const sync::Fields& fields);

// A value as a person reads it (booleans as true/false, NULL as "").
std::string format_value(const sync::FieldDef& f, const sync::Value& v);

// Today's date (UTC) as YYYY-MM-DD.
std::string today();

}  // namespace fika::client
