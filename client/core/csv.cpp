#include "csv.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "records.h"
#include "sqlite.h"

namespace fika::client {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    std::size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos) return "";
    std::size_t b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

}  // namespace

const std::vector<std::string>& csv_tables() {
    static const std::vector<std::string> t = {"accounts", "contacts", "cases", "activities"};
    return t;
}

std::string csv_escape(const std::string& cell) {
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

sync::Result<std::vector<std::pair<std::size_t, std::vector<std::string>>>> parse_csv(const std::string& in) {
    std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    std::size_t line = 1, row_line = 1, quote_line = 0;
    std::size_t i = 0;
    // A UTF-8 byte order mark (spreadsheets write one) is not part of the first cell.
    if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    auto end_row = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        bool blank = row.size() == 1 && row[0].empty();
        if (!blank) rows.emplace_back(row_line, std::move(row));
        row.clear();
        any = false;
    };
    for (; i < in.size(); ++i) {
        char c = in[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < in.size() && in[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (!any) {
            row_line = line;
            any = true;
        }
        if (c == '"' && cell.empty()) {
            quoted = true;
            quote_line = line;
        } else if (c == ',') {
            row.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\r') {
            // part of a CRLF line end
        } else if (c == '\n') {
            end_row();
            ++line;
        } else {
            cell += c;
        }
    }
    if (quoted)
        return sync::Error{sync::Code::Invalid, "line " + std::to_string(quote_line) + ": a quoted cell is never closed"};
    if (any || !cell.empty() || !row.empty()) end_row();
    return rows;
}

std::string export_table_csv(sync::Store& store, const std::string& table) {
    const sync::TableDef& t = *store.schema().table(table);
    bool has_account = t.bucket == sync::BucketRule::Field;
    std::map<std::string, std::string> account_names;
    if (has_account)
        for (const sync::Record& a : *store.all("accounts")) account_names[a.id] = std::get<std::string>(a["name"]);
    std::ostringstream out;
    out << "id";
    for (const sync::FieldDef& f : t.fields) {
        if (f.name == "deleted") continue;
        out << "," << f.name;
        if (f.name == "account_id") out << ",account_name";
    }
    out << "\r\n";
    for (const sync::Record& r : *store.all(table)) {
        if (r.deleted()) continue;
        out << r.id;
        for (std::size_t i = 0; i < t.fields.size(); ++i) {
            const sync::FieldDef& f = t.fields[i];
            if (f.name == "deleted") continue;
            out << "," << csv_escape(format_value(f, r.values[i]));
            if (f.name == "account_id") {
                auto it = account_names.find(sync::to_display(r.values[i]));
                out << "," << csv_escape(it == account_names.end() ? "" : it->second);
            }
        }
        out << "\r\n";
    }
    return out.str();
}

sync::Result<std::vector<std::string>> export_csv(sync::Store& store, const std::string& dir) {
    return sync::guard([&] {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) sync::fail(sync::Code::Storage, "cannot create " + dir + ": " + ec.message());
        std::vector<std::string> files;
        for (const std::string& table : csv_tables()) {
            std::string path = (std::filesystem::path(dir) / (table + ".csv")).string();
            std::string tmp = path + ".tmp";
            for (const std::string& p : {path, tmp})
                if (auto own = store.check_not_own_file(p); !own.ok()) throw sync::Failure{own.error()};
            {
                std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
                f << export_table_csv(store, table);
                if (!f) sync::fail(sync::Code::Storage, "cannot write " + tmp);
            }
            std::filesystem::rename(tmp, path);
            files.push_back(path);
        }
        return files;
    });
}

sync::Result<ImportReport> import_csv_text(sync::Store& store, const std::string& text, const std::string& table,
                                           const rules::Actor& actor) {
    sync::Fields defaults;
    if (!actor.user_id.empty()) {
        defaults.emplace_back("found_by", sync::text(actor.user_id));
        defaults.emplace_back("by_user", sync::text(actor.user_id));
    }
    return sync::guard([&] {
        const sync::TableDef* t = store.schema().table(table);
        if (!t || std::find(csv_tables().begin(), csv_tables().end(), table) == csv_tables().end())
            sync::fail(sync::Code::Invalid, "CSV import takes accounts, contacts, cases or activities, not '" + table + "'");
        auto parsed = parse_csv(text);
        if (!parsed.ok()) throw sync::Failure{parsed.error()};
        auto& rows = *parsed;
        if (rows.empty()) sync::fail(sync::Code::Invalid, "the file is empty (it needs a header row)");
        // Header: column -> field index (-1 id, -2 account_name).
        std::vector<int> cols;
        for (const std::string& raw : rows[0].second) {
            std::string h = lower(trim(raw));
            if (h == "id") cols.push_back(-1);
            else if (h == "account_name") cols.push_back(-2);
            else {
                std::string f = field_for(*t, h);
                if (f.empty() || f == "deleted")
                    sync::fail(sync::Code::Invalid, "line 1: unknown column '" + raw + "' for " + table);
                cols.push_back(t->field_index(f));
            }
        }
        std::map<std::string, std::string> account_by_name;
        if (t->bucket == sync::BucketRule::Field)
            for (const sync::Record& a : *store.all("accounts"))
                account_by_name[lower(std::get<std::string>(a["name"]))] = a.id;

        ImportReport rep;
        rep.table = table;
        sync::Store::Batch batch(store);
        for (std::size_t r = 1; r < rows.size(); ++r) {
            auto& [line, cells] = rows[r];
            auto row_error = [&](const std::string& m) { rep.errors.push_back({line, m}); };
            if (cells.size() != cols.size()) {
                row_error("has " + std::to_string(cells.size()) + " cells, the header has " + std::to_string(cols.size()));
                continue;
            }
            std::string id, account_name;
            sync::Fields fields;
            bool ok = true;
            for (std::size_t c = 0; c < cols.size() && ok; ++c) {
                std::string cell = trim(cells[c]);
                if (cols[c] == -1) {
                    id = cell;
                } else if (cols[c] == -2) {
                    account_name = cell;
                } else {
                    const sync::FieldDef& f = t->fields[static_cast<size_t>(cols[c])];
                    auto v = parse_value(*t, f, cell);
                    if (!v.ok()) {
                        row_error(v.error().message);
                        ok = false;
                    } else {
                        fields.emplace_back(f.name, *v);
                    }
                }
            }
            if (!ok) continue;
            if (!period_ok(fields)) {
                row_error("the period ends before it starts");
                continue;
            }
            if (!id.empty() && !sync::is_uuid(id)) {
                row_error("id '" + id + "' is not a record id");
                continue;
            }
            if (t->bucket == sync::BucketRule::Field) {
                auto acct = std::find_if(fields.begin(), fields.end(), [](auto& kv) { return kv.first == "account_id"; });
                bool missing = acct == fields.end() || sync::is_null(acct->second);
                if (missing && !account_name.empty()) {
                    auto it = account_by_name.find(lower(account_name));
                    if (it == account_by_name.end()) {
                        row_error("no account named '" + account_name + "' (import accounts first)");
                        continue;
                    }
                    if (acct == fields.end()) fields.emplace_back("account_id", sync::text(it->second));
                    else acct->second = sync::text(it->second);
                }
            }
            auto existing = id.empty() ? sync::Result<sync::Record>(sync::Error{sync::Code::NotFound, ""})
                                       : store.get(table, id);
            if (existing.ok()) {
                // Only what differs, so that re-importing an export changes nothing.
                sync::Fields changed;
                for (auto& [name, v] : fields)
                    if ((*existing)[name] != v) changed.emplace_back(name, v);
                if (changed.empty()) {
                    ++rep.unchanged;
                    continue;
                }
                sync::Status st = table == "cases" ? rules::update_case(store, id, std::move(changed), actor)
                                                   : store.update(table, id, std::move(changed));
                if (!st.ok()) row_error(st.error().message);
                else ++rep.updated;
            } else {
                sync::Fields create;
                for (auto& kv : fields)
                    if (!sync::is_null(kv.second)) create.push_back(kv);
                for (auto& d : defaults)
                    if (t->field(d.first) && std::none_of(create.begin(), create.end(), [&](auto& kv) { return kv.first == d.first; }))
                        create.push_back(d);
                if (!id.empty()) create.emplace_back("id", sync::text(id));
                auto made = store.create(table, create);
                if (!made.ok()) row_error(made.error().message);
                else ++rep.created;
            }
        }
        sync::Status st = batch.commit();
        if (!st.ok()) throw sync::Failure{st.error()};
        return rep;
    });
}

sync::Result<ImportReport> import_csv(sync::Store& store, const std::string& path, std::string table,
                                      const rules::Actor& actor) {
    if (auto own = store.check_not_own_file(path); !own.ok()) return own.error();
    std::ifstream in(path, std::ios::binary);
    if (!in) return sync::Error{sync::Code::NotFound, "cannot read " + path};
    std::stringstream ss;
    ss << in.rdbuf();
    if (table.empty()) {
        std::string stem = lower(std::filesystem::path(path).stem().string());
        const sync::TableDef* t = table_for(stem);
        if (!t) return sync::Error{sync::Code::Invalid, "cannot tell what " + path + " holds from its name; give --kind"};
        table = t->name;
    }
    return import_csv_text(store, ss.str(), table, actor);
}

}  // namespace fika::client
