#include "store.h"

#include <charconv>

#include "merge.h"
#include "store_detail.h"

namespace fika::sync {

Result<std::unique_ptr<Store>> Store::open(const std::string& path, OpenOptions opts) {
    return guard([&] {
        std::unique_ptr<Store> s(new Store());
        s->open_impl(path, opts);
        return s;
    });
}

Store::~Store() = default;

std::optional<detail::OutboxIds> detail::parse_outbox_ids(std::string_view text) {
    OutboxIds c;
    std::uint64_t* parts[] = {&c.n, &c.last, &c.floor};
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (std::uint64_t* part : parts) {
        while (p < end && *p == ' ') ++p;
        auto [next, ec] = std::from_chars(p, end, *part);
        if (ec != std::errc()) return std::nullopt;
        p = next;
    }
    return c;
}

void Store::opened(const std::map<std::string, std::string>& meta) {
    // The count is trusted when the outbox still ends where it did and was acknowledged up
    // to the same floor: both are read down an index. A file from before the count, or one
    // a binary from before wrote since (appending or acknowledging), is counted once here.
    auto it = meta.find("outbox_ids");
    std::optional<detail::OutboxIds> kept;
    if (it != meta.end()) kept = detail::parse_outbox_ids(it->second);
    auto fl = meta.find("outbox_floor");
    const std::uint64_t floor = fl == meta.end() ? 0 : std::strtoull(fl->second.c_str(), nullptr, 10);
    const std::uint64_t last =
        std::max(floor, static_cast<std::uint64_t>(pragma_int("SELECT ifnull(max(seq),0) FROM _outbox")));
    if (kept && kept->last == last && kept->floor == floor) {
        outbox_ids_ = kept->n;
        return;
    }
    outbox_ids_ = static_cast<std::uint64_t>(
        pragma_int((std::string("SELECT ") + detail::kOutboxIdsSum + " FROM _outbox").c_str()));
    Stmt put = db().prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('outbox_ids',?)");
    put.bind(1, std::to_string(outbox_ids_) + " " + std::to_string(last) + " " + std::to_string(floor)).run();
}

void Store::prepare_role() {
    outbox_insert_ = db().prepare("INSERT INTO _outbox(seq,tbl,id,mask,hlc) VALUES(?5,?1,?2,?3,?4)");
    outbox_top_ = db().prepare("SELECT ifnull(max(seq),0) FROM _outbox");
    outbox_ids_get_ = db().prepare("SELECT value FROM _meta WHERE key='outbox_ids'");
}

void Store::began() {
    struct Reset {
        Stmt& q;
        ~Reset() { q.reset(); }
    } reset{outbox_top_}, reset_ids{outbox_ids_get_};
    outbox_top_.step();
    outbox_next_ = std::max(outbox_floor_, static_cast<std::uint64_t>(outbox_top_.integer(0))) + 1;
    // Another connection may have written or acknowledged since.
    if (outbox_ids_get_.step())
        if (auto kept = detail::parse_outbox_ids(outbox_ids_get_.text(0))) outbox_ids_ = kept->n;
    outbox_ids_moved_ = false;
    writing_ = true;
}

void Store::committing() {
    flush_outbox();
    writing_ = false;
    if (!outbox_ids_moved_) return;
    put_meta("outbox_ids", std::to_string(outbox_ids_) + " " +
                               std::to_string(std::max(outbox_next_ - 1, outbox_floor_)) + " " +
                               std::to_string(outbox_floor_));
    outbox_ids_moved_ = false;
}

void Store::rolled_back() {
    outbox_run_ = OutboxRun{};
    outbox_ids_moved_ = false;
    writing_ = false;
}

// ---- reads for the app's views ---------------------------------------------------------------

Result<Stmt> Store::query(std::string_view sql) {
    return guard([&] { return read(sql); });
}

Stmt Store::read(std::string_view sql) {
    // A side table's name anywhere in the text (a column or a string could only collide
    // by naming one, which no view does).
    for (const char* side : {"_meta", "_outbox", "_conflicts", "_refused", "_buckets", "sqlite_"})
        if (sql.find(side) != std::string_view::npos)
            fail(Code::Invalid, "a view reads the user tables only (" + std::string(side) + ")");
    Stmt st = db().prepare(sql);
    if (!st.read_only()) fail(Code::Invalid, "a view's statement may only read");
    return st;
}

Status Store::add_index(const std::string& name, std::string_view table, const std::string& columns,
                        const std::string& where) {
    return guard_status([&] {
        const TableDef& t = table_or_fail(table);
        const std::string create = "CREATE INDEX " + quote_ident(name) + " ON " + quote_ident(t.name) + "(" + columns +
                                   ")" + (where.empty() ? "" : " WHERE " + where);
        // SQLite keeps the text an index was created with: one made by another version
        // (other columns) is made again.
        Stmt sql = db().prepare("SELECT sql FROM sqlite_schema WHERE type='index' AND name=?");
        sql.bind(1, name);
        bool there = sql.step(), current = there && sql.text(0) == create;
        sql.reset();
        if (current) return;
        in_write([&] {
            if (there) db().exec("DROP INDEX " + quote_ident(name));
            db().exec(create);
        });
    });
}

Status Store::add_tally(const Tally& tally) {
    return guard_status([&] {
        const TableDef& t = table_or_fail(tally.table);
        if (tally.name.empty() || tally.name[0] == '_' || schema().table(tally.name) || tally.keys.empty())
            fail(Code::Invalid, "a tally needs a name of its own and at least one key");
        for (const std::string& f : tally.fields)
            if (f != "id" && !t.field(f)) fail(Code::Invalid, "a tally of " + t.name + " reads no field " + f);
        const std::string name = quote_ident(tally.name), table = quote_ident(t.name);
        std::string key_cols, cols, fill_cols, add_to;
        auto list = [](std::string& to, const std::string& item) { to += (to.empty() ? "" : ",") + item; };
        for (const auto& [col, expr] : tally.keys) {
            list(key_cols, quote_ident(col));
            list(fill_cols, "ifnull(" + expr + ",'')");
        }
        cols = key_cols + ",n";
        std::string fill_sums = ",count(*)";
        for (const auto& [col, expr] : tally.sums) {
            cols += "," + quote_ident(col);
            fill_sums += ",sum(ifnull(" + expr + ",0))";
            list(add_to, quote_ident(col) + "=" + quote_ident(col) + "+excluded." + quote_ident(col));
        }
        // One row's part: its keys, +1 or -1, and its sums with the same sign, over a
        // derived table that names NEW's or OLD's fields as the expressions expect.
        auto part = [&](const char* row, const char* sign) {
            std::string fields, select;
            for (const std::string& f : tally.fields) list(fields, std::string(row) + "." + quote_ident(f) + " AS " + quote_ident(f));
            for (const auto& [col, expr] : tally.keys) list(select, "ifnull(" + expr + ",'')");
            select += std::string(",") + sign + "1";
            for (const auto& [col, expr] : tally.sums) select += std::string(",") + sign + "ifnull(" + expr + ",0)";
            return "INSERT INTO " + name + "(" + cols + ") SELECT " + select + " FROM (SELECT " +
                   (fields.empty() ? std::string("1") : fields) + ") WHERE true ON CONFLICT(" + key_cols +
                   ") DO UPDATE SET n=n+excluded.n" + (add_to.empty() ? "" : "," + add_to) + ";";
        };
        const std::string drop_empty = "DELETE FROM " + name + " WHERE n=0;";
        std::string changed;
        for (const std::string& f : tally.fields)
            changed += (changed.empty() ? "" : " OR ") + std::string("OLD.") + quote_ident(f) + " IS NOT NEW." + quote_ident(f);
        std::string create = "CREATE TABLE " + name + "(" + key_cols + ",n INTEGER NOT NULL";
        for (const auto& [col, expr] : tally.sums) create += "," + quote_ident(col) + " NOT NULL";
        create += ",PRIMARY KEY(" + key_cols + ")) WITHOUT ROWID";
        const std::vector<std::pair<std::string, std::string>> objects = {
            {tally.name, create},
            {tally.name + "_ins", "CREATE TRIGGER " + quote_ident(tally.name + "_ins") + " AFTER INSERT ON " + table +
                                      " BEGIN " + part("NEW", "") + " END"},
            {tally.name + "_del", "CREATE TRIGGER " + quote_ident(tally.name + "_del") + " AFTER DELETE ON " + table +
                                      " BEGIN " + part("OLD", "-") + " " + drop_empty + " END"},
            {tally.name + "_upd", "CREATE TRIGGER " + quote_ident(tally.name + "_upd") + " AFTER UPDATE ON " + table +
                                      (changed.empty() ? "" : " WHEN " + changed) + " BEGIN " + part("OLD", "-") + " " +
                                      part("NEW", "") + " " + drop_empty + " END"},
        };
        // Current when every object is there as this definition writes it (SQLite keeps
        // each one's text as it was created).
        bool current = true;
        Stmt sql = db().prepare("SELECT sql FROM sqlite_schema WHERE name=?");
        for (const auto& [object, text] : objects) {
            sql.bind(1, object);
            current = current && sql.step() && sql.text(0) == text;
            sql.reset();
        }
        if (!current) {
            in_write([&] {
                for (const char* suffix : {"_ins", "_del", "_upd"})
                    db().exec("DROP TRIGGER IF EXISTS " + quote_ident(tally.name + suffix));
                db().exec("DROP TABLE IF EXISTS " + name);
                db().exec(objects[0].second);
                std::string group;
                for (std::size_t i = 1; i <= tally.keys.size(); ++i) list(group, std::to_string(i));
                db().exec("INSERT INTO " + name + "(" + cols + ") SELECT " + fill_cols + fill_sums + " FROM " + table +
                          " GROUP BY " + group);
                for (std::size_t i = 1; i < objects.size(); ++i) db().exec(objects[i].second);
            });
        }
        tallies_.insert(tally.name);
    });
}

Status Store::set_cache_kib(int kib) {
    return guard_status([&] { db().exec("PRAGMA cache_size=-" + std::to_string(kib)); });
}

// ---- local writes: the outbox ----------------------------------------------------------------

void Store::wrote_locally(const TableDef& t, Record& r, std::string_view bucket, std::uint64_t mask,
                          const std::vector<std::pair<int, Value>>& sets, const Clock& clock) {
    (void)bucket;
    OutboxRun& run = outbox_run_;
    std::size_t bytes = 0;
    for (const auto& [i, v] : sets)
        if (auto* text = std::get_if<std::string>(&v)) bytes += text->size();
    if (run.n && (run.tbl != t.id || run.mask != mask || run.n >= kOutboxRun || run.bytes + bytes > kOutboxRunBytes))
        flush_outbox();
    run.bytes += bytes;
    detail::pack_id(run.ids, r.id);
    run.tbl = t.id;
    run.mask = mask;
    run.hlc = clock.hlc;
    ++run.n;
}

void Store::flush_outbox() {
    OutboxRun& run = outbox_run_;
    if (!run.n) return;
    outbox_insert_.bind(1, run.tbl).bind_blob_ref(2, run.ids).bind(3, static_cast<std::int64_t>(run.mask));
    outbox_insert_.bind(4, run.hlc).bind(5, outbox_next_++);
    outbox_insert_.run_and_reset();
    outbox_ids_ += run.n;
    outbox_ids_moved_ = true;
    run.n = 0;
    run.bytes = 0;
    run.ids.clear();
}

void Store::forget_local_copies(const TableDef& t, const std::string& id) {
    for (const char* side : {"_conflicts", "_refused"}) {
        Stmt d = db().prepare(std::string("DELETE FROM ") + side + " WHERE tbl=? AND id=?");
        d.bind(1, t.name).bind(2, id).run();
    }
}

// ---- merging the hub's changes ---------------------------------------------------------------

void Store::merge_all(const std::vector<RecordChange>& changes) {
    std::vector<Known> known = read_ahead(changes);
    for (std::size_t i = 0; i < changes.size(); ++i) merge_remote(changes[i], known[i]);
}

void Store::merge_remote(const RecordChange& rc, Known& known) {
    const TableDef& t = *rc.table;
    auto [r, creates, bucket] = load_for_merge(rc, known);
    for (const CellChange& c : rc.cells) hlc_.observe(c.clock.hlc);
    merge::Outcome out = merge::apply(t, {r.values, r.clocks}, rc, site_);
    if (out.taken.empty()) return;
    if (!out.lost.empty()) {
        Stmt ins = db().prepare(
            "INSERT INTO _conflicts(tbl,id,field,local_value,local_hlc,local_site,"
            "remote_value,remote_hlc,remote_site,at) VALUES(?,?,?,?,?,?,?,?,?,?)");
        for (const merge::Lost& l : out.lost) {
            ins.bind(1, t.name).bind(2, rc.id).bind(3, t.fields[static_cast<size_t>(l.field)].name);
            ins.bind_value(4, l.local).bind(5, l.local_clock.hlc).bind(6, site_to_string(l.local_clock.site));
            ins.bind_value(7, l.remote).bind(8, l.remote_clock.hlc).bind(9, site_to_string(l.remote_clock.site));
            ins.bind(10, hlc_.wall_ms());
            ins.run_and_reset();
        }
    }
    note_checksums(bucket, t, rc.id, out.taken);
    if (out.erased) forget_local_copies(t, rc.id);
    // A device can learn a record's cells before the one naming its account (a late or
    // foreign delivery); its earlier cells were counted in bucket "" and move now.
    if (!creates) rehome(bucket, r);
    store_row(r, creates);
}

Status Store::apply(const std::vector<RecordChange>& changes) {
    return guard_status([&] {
        in_write([&] {
            merge_all(changes);
        });
    });
}

}  // namespace fika::sync
