#include "duplicates.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace fika::client {

namespace {

std::string text_of(const sync::Record& r, const char* field) {
    const sync::Value& v = r[field];
    return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : "";
}

bool live(const sync::Record& r) { return !r.deleted() && !r.table->erased(r.values); }

// When a record was made: its oldest cell clock (the cells a create writes share one).
std::uint64_t made_at(const sync::Record& r) {
    std::uint64_t oldest = UINT64_MAX;
    for (const sync::Cell& c : r.clocks.cells)
        if (c.written()) oldest = std::min(oldest, c.clock.hlc);
    return oldest;
}

// Groups records by a key (records with an empty key are left out); a group is two or
// more records, oldest first.
template <typename Key>
void group_by(const std::vector<const sync::Record*>& records, const char* table, const char* reason, Key key,
              std::vector<DuplicateGroup>& out, std::set<std::pair<std::string, std::string>>& paired) {
    std::map<std::string, std::vector<const sync::Record*>> by;
    for (const sync::Record* r : records) {
        std::string k = key(*r);
        if (!k.empty()) by[k].push_back(r);
    }
    for (auto& [k, group] : by) {
        if (group.size() < 2) continue;
        std::sort(group.begin(), group.end(), [](const sync::Record* a, const sync::Record* b) {
            return std::make_pair(made_at(*a), a->id) < std::make_pair(made_at(*b), b->id);
        });
        std::vector<std::string> ids;
        for (const sync::Record* r : group) ids.push_back(r->id);
        // A pair already reported for a stronger reason is not repeated.
        bool fresh = false;
        for (std::size_t i = 1; i < ids.size(); ++i) fresh |= paired.emplace(ids[0], ids[i]).second;
        if (fresh) out.push_back({table, reason, ids});
    }
}

std::string digits(const std::string& s) {
    std::string d;
    for (char c : s)
        if (std::isdigit(static_cast<unsigned char>(c))) d += c;
    return d.size() >= 6 ? d : "";  // too short to mean anything
}

std::string lower_trim(const std::string& s) {
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (std::isspace(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

}  // namespace

std::string comparable_name(const std::string& name) {
    static const std::set<std::string> forms = {"ab", "as", "aps", "a s", "inc", "ltd", "gmbh", "oy", "aktiebolag",
                                                "oyj", "llc", "plc", "co", "corp", "publ"};
    // Words of letters and digits (UTF-8 bytes >= 0x80 count as letters: "Ørestad").
    std::vector<std::string> words;
    std::string w;
    for (unsigned char c : name) {
        if (std::isalnum(c) || c >= 0x80) {
            w += static_cast<char>(std::tolower(c));
        } else if (c == '/' && !w.empty()) {
            continue;  // "A/S" reads as "as"
        } else if (!w.empty()) {
            words.push_back(w);
            w.clear();
        }
    }
    if (!w.empty()) words.push_back(w);
    std::string out;
    for (const std::string& x : words)
        if (!forms.count(x)) out += x;
    return out;
}

sync::Result<std::vector<DuplicateGroup>> find_duplicate_accounts(sync::Store& store) {
    auto all = store.all("accounts");
    if (!all.ok()) return all.error();
    std::vector<const sync::Record*> accounts;
    for (const sync::Record& r : *all)
        if (live(r)) accounts.push_back(&r);
    std::vector<DuplicateGroup> out;
    std::set<std::pair<std::string, std::string>> paired;
    group_by(accounts, "accounts", "same organisation number", [](const sync::Record& r) {
        std::string d = text_of(r, "org_number");
        d.erase(std::remove_if(d.begin(), d.end(), [](unsigned char c) { return !std::isalnum(c); }), d.end());
        return d;
    }, out, paired);
    group_by(accounts, "accounts", "similar name", [](const sync::Record& r) { return comparable_name(text_of(r, "name")); },
             out, paired);
    return out;
}

sync::Result<std::vector<DuplicateGroup>> find_duplicate_contacts(sync::Store& store, const std::string& account_id) {
    auto all = store.all("contacts");
    if (!all.ok()) return all.error();
    std::vector<const sync::Record*> people;
    for (const sync::Record& r : *all)
        if (live(r) && (account_id.empty() || text_of(r, "account_id") == account_id)) people.push_back(&r);
    std::vector<DuplicateGroup> out;
    std::set<std::pair<std::string, std::string>> paired;
    auto at = [](const sync::Record& r, const std::string& k) { return k.empty() ? k : text_of(r, "account_id") + "|" + k; };
    group_by(people, "contacts", "same e-mail", [&](const sync::Record& r) { return at(r, lower_trim(text_of(r, "email"))); },
             out, paired);
    group_by(people, "contacts", "same phone", [&](const sync::Record& r) { return at(r, digits(text_of(r, "phone"))); },
             out, paired);
    group_by(people, "contacts", "same name", [&](const sync::Record& r) { return at(r, lower_trim(text_of(r, "name"))); },
             out, paired);
    return out;
}

sync::Result<std::size_t> merge_contacts(sync::Store& store, const std::string& keep, const std::string& drop) {
    if (keep == drop) return sync::Error{sync::Code::Invalid, "a person cannot be merged with themselves"};
    auto a = store.get("contacts", keep);
    if (!a.ok()) return a.error();
    auto b = store.get("contacts", drop);
    if (!b.ok()) return b.error();
    if (a->table->erased(a->values) || b->table->erased(b->values))
        return sync::Error{sync::Code::Forbidden, "an erased person cannot be merged"};
    if (text_of(*a, "account_id") != text_of(*b, "account_id"))
        return sync::Error{sync::Code::Invalid, "these people are at different customers"};
    auto about = store.records_about(drop);
    if (!about.ok()) return about.error();
    sync::Store::Batch batch(store);
    // The kept person gets what only the other one had.
    sync::Fields fill;
    for (const char* f : {"title", "email", "phone"})
        if (text_of(*a, f).empty() && !text_of(*b, f).empty()) fill.emplace_back(f, (*b)[f]);
    if ((*a)["role"] == sync::Value{std::string("other")} && (*b)["role"] != (*a)["role"]) fill.emplace_back("role", (*b)["role"]);
    if ((*b)["met"] == sync::Value{std::int64_t{1}}) fill.emplace_back("met", std::int64_t{1});
    if (!fill.empty())
        if (auto st = store.update("contacts", keep, fill); !st.ok()) return st.error();
    std::size_t moved = 0;
    for (auto& [t, id] : *about) {
        const char* field = t->name == "follow_ups" ? "related_id" : "contact_id";
        if (auto st = store.update(t->name, id, {{field, sync::text(keep)}}); !st.ok()) return st.error();
        ++moved;
    }
    if (auto st = store.remove("contacts", drop); !st.ok()) return st.error();
    if (auto st = batch.commit(); !st.ok()) return st.error();
    return moved;
}

}  // namespace fika::client
