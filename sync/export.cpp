#include "export.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace fika::sync {

namespace {

nlohmann::ordered_json record_object(const Record& r) {
    nlohmann::ordered_json j;
    j["id"] = r.id;
    for (std::size_t i = 0; i < r.table->fields.size(); ++i) {
        const FieldDef& f = r.table->fields[i];
        const Value& v = r.values[i];
        switch (v.index()) {
            case 0: j[f.name] = nullptr; break;
            case 1:
                if (f.type == FieldType::Bool) j[f.name] = std::get<1>(v) != 0;
                else j[f.name] = std::get<1>(v);
                break;
            case 2: j[f.name] = std::get<2>(v); break;
            default: j[f.name] = std::get<3>(v);
        }
    }
    return j;
}

}  // namespace

std::string utc_text(std::int64_t seconds, const char* format) {
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    return std::strftime(buf, sizeof buf, format, &tm) ? buf : "";
}

std::string dump_line(const Record& r, bool with_clocks) {
    std::string out = r.table->name + " " + r.id;
    for (size_t i = 0; i < r.values.size(); ++i) {
        const Value& v = r.values[i];
        out += " | ";
        out += "nids"[v.index()];
        out += ":" + to_display(v);
        if (with_clocks) {
            const Cell& c = r.clocks.cells[i];
            out += " @" + std::to_string(c.clock.hlc) + "." + site_to_string(c.clock.site);
        }
    }
    return out + "\n";
}

std::string record_json(const Record& r) { return record_object(r).dump(); }

namespace {
template <typename Replica>
Result<std::string> export_of(Replica& store, const std::string& contact_id) {
    auto person = store.get("contacts", contact_id);
    if (!person.ok()) return person.error();
    nlohmann::ordered_json out;
    out["export"] = "fika person";
    out["exported_at"] = utc_text(std::time(nullptr), "%Y-%m-%dT%H:%M:%SZ");
    out["person"] = record_object(*person);
    const Value& acct = (*person)["account_id"];
    if (auto* id = std::get_if<std::string>(&acct)) {
        auto account = store.get("accounts", *id);
        out["account"] = {{"id", *id}, {"name", account.ok() ? record_object(*account)["name"] : nullptr}};
    }
    for (const char* t : {"cases", "activities", "notes", "follow_ups", "contact_plans"}) out[t] = nlohmann::ordered_json::array();
    auto about = store.records_about(contact_id);
    if (!about.ok()) return about.error();
    for (auto& [t, id] : *about) {
        auto r = store.get(t->name, id);
        if (r.ok()) out[t->name].push_back(record_object(*r));
    }
    return out.dump(2);
}
}  // namespace

Result<std::string> person_export(SqliteReplica& store, const std::string& contact_id) {
    return export_of(store, contact_id);
}

Result<std::string> person_export(HubStore& hub, const std::string& contact_id) { return export_of(hub, contact_id); }

}  // namespace fika::sync
