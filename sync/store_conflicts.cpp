#include "store.h"

#include <nlohmann/json.hpp>

#include "store_detail.h"

namespace fika::sync {

Result<std::vector<Conflict>> Store::conflicts(bool include_resolved) {
    return guard([&] {
        std::vector<Conflict> out;
        Stmt q = db().prepare(
            std::string("SELECT n,tbl,id,field,local_value,local_hlc,local_site,remote_value,"
                        "remote_hlc,remote_site,at,resolution FROM _conflicts") +
            (include_resolved ? "" : " WHERE resolution=''") + " ORDER BY n");
        while (q.step()) {
            Conflict c;
            c.n = q.integer(0);
            c.table = q.text(1);
            c.id = q.text(2);
            c.field = q.text(3);
            c.local_value = q.value(4);
            c.local_clock.hlc = static_cast<std::uint64_t>(q.integer(5));
            parse_site(q.text(6), c.local_clock.site);
            c.remote_value = q.value(7);
            c.remote_clock.hlc = static_cast<std::uint64_t>(q.integer(8));
            parse_site(q.text(9), c.remote_clock.site);
            c.at_ms = static_cast<std::uint64_t>(q.integer(10));
            c.resolution = q.text(11);
            out.push_back(std::move(c));
        }
        return out;
    });
}

Status Store::resolve_conflict(std::int64_t n, bool keep_mine) {
    return guard_status([&] {
        in_write([&] {
            Stmt q = db().prepare(
                "SELECT tbl,id,field,local_value,resolution FROM _conflicts WHERE n=?");
            q.bind(1, n);
            if (!q.step()) fail(Code::NotFound, "conflict " + std::to_string(n) + " not found");
            std::string table(q.text(0)), id(q.text(1)), field(q.text(2));
            Value mine = q.value(3);
            if (!q.text(4).empty()) fail(Code::Invalid, "conflict " + std::to_string(n) + " is resolved already");
            q.reset();
            if (keep_mine) {
                const TableDef& t = table_or_fail(table);
                auto r = load(t, id);
                if (!r) fail(Code::NotFound, table + " " + id + " not found");
                int i = t.field_index(field);
                if (i < 0) fail(Code::Invalid, "unknown field " + field);
                local_write(t, *r, false, std::uint64_t{1} << i, {{i, mine}});
            }
            Stmt u = db().prepare("UPDATE _conflicts SET resolution=? WHERE n=?");
            u.bind(1, keep_mine ? "mine" : "theirs").bind(2, n).run();
        });
    });
}

// Dismissing a refusal: this device's refused cells of the record give way to the hub's
// version. They are forgotten (a record the hub never took goes altogether) and the
// bucket is downloaded again, which brings the hub's cells back; without this the
// device would keep values the hub does not have, and every later sync would find the
// bucket's checksum off and download it again. Newer writes not yet pushed are kept.
void Store::give_way(const TableDef& t, const std::string& id) {
    auto r = load(t, id);
    if (!r) return;
    std::string bucket(bucket_of(t, id, r->values));
    std::uint64_t rh = record_hash(t.id, id);
    auto theirs_or_new = [&](const Cell& c) { return c.clock.site != site_ || unpushed(c); };
    bool keep_row = false;
    for (const Cell& c : r->clocks.cells) keep_row = keep_row || (c.written() && theirs_or_new(c));
    if (!keep_row) {
        // Only this device's pushed cells: the record goes (the download brings it back if
        // the hub has it).
        for (size_t i = 0; i < r->clocks.cells.size(); ++i)
            if (r->clocks.cells[i].written())
                checksum_delta(bucket) ^= cell_hash(rh, static_cast<int>(i), r->clocks.cells[i].clock);
        Stmt del = db().prepare("DELETE FROM " + quote_ident(t.name) + " WHERE id=?");
        del.bind(1, id).run();
    } else {
        // Others' cells stay, and so do the fields fixed at creation (the bucket among
        // them); this device's pushed values of the others give way.
        bool changed = false;
        for (size_t i = 0; i < r->clocks.cells.size() && i < t.fields.size(); ++i) {
            Cell& c = r->clocks.cells[i];
            if (!c.written() || theirs_or_new(c) || t.fields[i].immutable) continue;
            checksum_delta(bucket) ^= cell_hash(rh, static_cast<int>(i), c.clock);
            c = Cell{};
            r->values[i] = Value{};
            changed = true;
        }
        if (!changed) return;
        store_row(*r, false);
    }
    Stmt again = db().prepare("UPDATE _buckets SET cursor=0, since=0 WHERE bucket=?");
    again.bind(1, bucket).run();
}

Result<std::vector<RefusedChange>> Store::refused() {
    return guard([&] {
        std::vector<RefusedChange> out;
        Stmt q = db().prepare("SELECT n,tbl,id,fields,code,message,at FROM _refused ORDER BY n");
        while (q.step()) {
            RefusedChange r;
            r.n = q.integer(0);
            r.table = q.text(1);
            r.id = q.text(2);
            r.fields_json = q.text(3);
            r.error.code = code_from_name(q.text(4), Code::Forbidden);
            r.error.message = q.text(5);
            r.at_ms = static_cast<std::uint64_t>(q.integer(6));
            out.push_back(std::move(r));
        }
        return out;
    });
}

Status Store::resolve_refused(std::int64_t n, bool retry) {
    return guard_status([&] {
        in_write([&] {
            Stmt q = db().prepare("SELECT tbl,id,fields FROM _refused WHERE n=?");
            q.bind(1, n);
            if (!q.step()) fail(Code::NotFound, "refused change " + std::to_string(n) + " not found");
            std::string table(q.text(0)), id(q.text(1)), fields(q.text(2));
            q.reset();
            if (retry) {
                const TableDef& t = table_or_fail(table);
                auto j = nlohmann::json::parse(fields, nullptr, false);
                std::vector<std::pair<int, Value>> sets;
                std::uint64_t mask = 0;
                if (j.is_object())
                    for (auto& [k, v] : j.items()) {
                        int i = t.field_index(k);
                        if (i < 0) continue;
                        sets.emplace_back(i, detail::json_value(v));
                        mask |= std::uint64_t{1} << i;
                    }
                auto r = load(t, id);
                bool insert = !r;
                if (!r) {
                    r.emplace();
                    r->table = &t;
                    r->id = id;
                    r->values.resize(t.fields.size());
                    r->clocks.cells.resize(t.fields.size());
                }
                if (insert)
                    for (auto& [i, v] : sets) r->values[static_cast<size_t>(i)] = v;
                if (!sets.empty()) local_write(t, *r, insert, mask, sets);
            } else if (const TableDef* t = schema_->table(table)) {
                give_way(*t, id);
            }
            Stmt d = db().prepare("DELETE FROM _refused WHERE n=?");
            d.bind(1, n).run();
        });
    });
}

}  // namespace fika::sync
