#include "store.h"

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

void Store::prepare_role() {
    outbox_insert_ = db().prepare("INSERT INTO _outbox(seq,tbl,id,mask,hlc) VALUES(?5,?1,?2,?3,?4)");
    outbox_top_ = db().prepare("SELECT ifnull(max(seq),0) FROM _outbox");
}

void Store::began() {
    struct Reset {
        Stmt& q;
        ~Reset() { q.reset(); }
    } reset{outbox_top_};
    outbox_top_.step();
    outbox_next_ = std::max(outbox_floor_, static_cast<std::uint64_t>(outbox_top_.integer(0))) + 1;
}

void Store::committing() { flush_outbox(); }

void Store::rolled_back() { outbox_run_ = OutboxRun{}; }

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
        db().exec("CREATE INDEX IF NOT EXISTS " + quote_ident(name) + " ON " + quote_ident(t.name) + "(" + columns +
                  ")" + (where.empty() ? "" : " WHERE " + where));
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

void Store::merge_remote(const RecordChange& rc) {
    const TableDef& t = *rc.table;
    auto [r, creates, bucket] = load_for_merge(rc);
    remote_seen_ = true;
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
    for (const merge::Taken& k : out.taken)
        note_checksum(bucket, t, rc.id, k.field, k.before, k.after);
    if (out.erased) forget_local_copies(t, rc.id);
    // A device can learn a record's cells before the one naming its account (a late or
    // foreign delivery); its earlier cells were counted in bucket "" and move now.
    if (!creates) rehome(bucket, r);
    store_row(r, creates);
}

Status Store::apply(const std::vector<RecordChange>& changes) {
    return guard_status([&] {
        in_write([&] {
            for (const RecordChange& rc : changes) merge_remote(rc);
        });
    });
}

}  // namespace fika::sync
