// CSV export and import of accounts, contacts, cases and activities (RFC 4180: quoted
// fields may hold commas, quotes and line breaks; UTF-8; a header row names the columns).
//
// Columns: `id`, then the table's fields by name (`deleted` left out: only live records
// are exported). Tables that belong to an account also get `account_name` beside
// `account_id`, for people; on import a row may give `account_name` instead of
// `account_id` (matched case-insensitively). Unknown columns are an error for the file,
// not silently dropped.
//
// Import: a row whose id exists updates that record (an empty cell clears the field); a
// row with a new id or none creates a record. Every row is checked on its own: bad rows
// are reported by line number and skipped, good rows are kept, all in one transaction.
#pragma once

#include <string>
#include <vector>

#include "rules.h"
#include "store.h"

namespace fika::client {

// Tables CSV knows, in the order an import of a whole export must run.
const std::vector<std::string>& csv_tables();

struct CsvRowError {
    std::size_t line = 0;  // 1-based line where the row starts
    std::string message;
};

struct ImportReport {
    std::string table;
    std::size_t created = 0, updated = 0, unchanged = 0;
    std::vector<CsvRowError> errors;
};

// Writes DIR/<table>.csv for every CSV table; returns the files written.
sync::Result<std::vector<std::string>> export_csv(sync::Store& store, const std::string& dir);
std::string export_table_csv(sync::Store& store, const std::string& table);

// `table` empty: taken from the file name (accounts.csv -> accounts). `actor` is who
// imports: a created record is found by / written by them when the file has no such
// column, and a case whose stage a row changes moves by the rule (rules::update_case:
// its stage change and funnel activity, by them).
sync::Result<ImportReport> import_csv(sync::Store& store, const std::string& path, std::string table = {},
                                      const rules::Actor& actor = {});
sync::Result<ImportReport> import_csv_text(sync::Store& store, const std::string& text, const std::string& table,
                                           const rules::Actor& actor = {});

// RFC 4180 parsing; each row with the line it starts on. Errors: Invalid (an unclosed
// quote, with its line).
sync::Result<std::vector<std::pair<std::size_t, std::vector<std::string>>>> parse_csv(const std::string& text);
std::string csv_escape(const std::string& cell);

}  // namespace fika::client
