#include "pg_hub.h"

#include <algorithm>
#include <random>
#include <set>

#include "export.h"
#include "merge.h"
#include "sqlite_replica.h"  // record_hash, cell_hash: the bucket checksum is the engine's

namespace fika::server {

using sync::Code;
using sync::fail;
using sync::must;
using pg::Param;

namespace {

std::string sql_type(sync::FieldType t) {
    switch (t) {
        case sync::FieldType::Integer:
        case sync::FieldType::Bool: return "bigint";
        case sync::FieldType::Real: return "double precision";
        default: return "text";
    }
}

Param value_param(const sync::Value& v) {
    switch (v.index()) {
        case 1: return Param(std::get<1>(v));
        case 2: return Param(std::get<2>(v));
        case 3: return Param(std::get<3>(v));
        default: return Param();
    }
}

// The columns of a user table as a SELECT list: the fields, _clocks, _seq, id.
std::string columns(const sync::TableDef& t) {
    std::string cols;
    for (const sync::FieldDef& f : t.fields) cols += pg::quote_ident(f.name) + ",";
    return cols + "_clocks,_seq,id";
}

// A bucket's condition on a user table ($1: the bucket).
std::string bucket_where(const sync::TableDef& t) {
    switch (t.bucket) {
        case sync::BucketRule::Self: return "id=$1";
        case sync::BucketRule::Field: return pg::quote_ident(t.fields[static_cast<size_t>(t.bucket_field)].name) + "=$1";
        case sync::BucketRule::Global: return "$1='global'";
    }
    return "false";
}

}  // namespace

class PgHub::PgWork final : public sync::HubStore::Work {
public:
    explicit PgWork(PgHub& h) : h_(h) {}
    ~PgWork() override {
        if (!done_) h_.rollback_tx();
    }
    sync::Status commit() override {
        if (done_) return sync::Error{Code::Invalid, "unit of work already finished"};
        done_ = true;
        return sync::guard_status([&] { h_.commit_tx(); });
    }

private:
    PgHub& h_;
    bool done_ = false;
};

// A unit of reads: one REPEATABLE READ READ ONLY transaction, so every read sees the
// snapshot its first statement took (the feed's pipelined statements join it rather than
// open their own: PgHub::feed). Inside a unit of work it joins that one.
class PgHub::PgRead final : public sync::HubStore::Work {
public:
    explicit PgRead(PgHub& h) : h_(h) {
        if (h_.depth_ == 0) {
            h_.ensure_connected();
            h_.db_.run_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
            opened_ = true;
        }
        ++h_.depth_;
    }
    ~PgRead() override {
        if (--h_.depth_ > 0 || !opened_) return;
        try {
            h_.db_.run_script("COMMIT");
        } catch (const sync::Failure&) {  // a lost connection ended it by itself
        }
    }
    sync::Status commit() override { return sync::ok_status(); }  // nothing to keep: it ends when destroyed

private:
    PgHub& h_;
    bool opened_ = false;
};

sync::Result<std::unique_ptr<PgHub>> PgHub::open(const std::string& conninfo, const PgHubOptions& opts) {
    return sync::guard([&] {
        std::unique_ptr<PgHub> h(new PgHub());
        h->open_hub(conninfo, opts);
        return h;
    });
}

void PgHub::connect() {
    db_ = pg::Connection(conninfo_);
    // A unit of work is short; one left open (a stuck instance) would hold its buckets'
    // locks and every other writer of them: PostgreSQL ends such a session.
    db_.run_script("SET idle_in_transaction_session_timeout='60s'");
}

void PgHub::ensure_connected() const {
    // After the database restarted (or the connection broke), the next call connects again;
    // the call that found it broken failed with Storage, and its sync is retried.
    if (depth_ == 0 && !db_.healthy()) const_cast<PgHub*>(this)->connect();
}

void PgHub::open_hub(const std::string& conninfo, const PgHubOptions& opts) {
    conninfo_ = conninfo;
    connect();
    hlc_ = sync::Hlc(opts.wall);
    max_drift_ms_ = opts.max_drift_ms;
    std::random_device rd;
    rng_.seed((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    migrate();
}

void PgHub::migrate() {
    pg::Transaction t(db_);
    auto meta = [&](const char* key) -> std::optional<std::string> {
        pg::Result r = db_.exec("SELECT value FROM hub_meta WHERE key=$1", {key});
        if (!r.rows()) return std::nullopt;
        return std::string(r.text(0, 0));
    };
    // Up to date: no DDL at all. (ALTER TABLE ... IF NOT EXISTS still takes an exclusive
    // lock on its table: run by an admin command or a new instance while others merge,
    // it waits behind them and can deadlock with them.)
    bool current = false;
    if (!db_.exec("SELECT to_regclass('hub_meta')").null(0, 0))
        current = std::atoi(meta("schema").value_or("0").c_str()) == schema_->version() &&
                  std::atoi(meta("pg_schema").value_or("0").c_str()) == kPgHubSchema;
    if (!current) migrate_tables(meta);
    auto put = [&](const char* key, const std::string& v) {
        db_.exec("INSERT INTO hub_meta(key,value) VALUES($1,$2) ON CONFLICT(key) DO UPDATE SET value=$2", {key, v});
    };
    auto site = meta("site");
    if (!site || !sync::parse_site(*site, site_)) {
        site_ = sync::random_site(rng_);
        put("site", sync::site_to_string(site_));
    }
    auto inc = meta("incarnation");
    if (!inc || !sync::parse_site(*inc, incarnation_) || incarnation_ == 0) {
        do incarnation_ = sync::random_site(rng_);
        while (incarnation_ == 0);
        put("incarnation", sync::site_to_string(incarnation_));
    }
    if (auto hlc = meta("hlc")) hlc_.observe(std::strtoull(hlc->c_str(), nullptr, 10));
    t.commit();
}

void PgHub::migrate_tables(const std::function<std::optional<std::string>(const char*)>& meta) {
    // One migrating instance at a time (others wait here, then find it done).
    db_.exec("SELECT pg_advisory_xact_lock(4607834)");
    db_.run_script(
        "CREATE TABLE IF NOT EXISTS hub_meta(key text PRIMARY KEY, value text NOT NULL);"
        "CREATE TABLE IF NOT EXISTS hub_buckets(bucket text PRIMARY KEY, seq bigint NOT NULL DEFAULT 0,"
        " checksum bigint NOT NULL DEFAULT 0);"
        "CREATE SEQUENCE IF NOT EXISTS hub_seq;"
        // The transaction that last changed the bucket: the live channel's position.
        "ALTER TABLE hub_buckets ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT '0';"
        "CREATE INDEX IF NOT EXISTS hub_buckets_by_xid ON hub_buckets(xid);"
        // hub_seq(): the newest number of all, without reading every bucket.
        "CREATE INDEX IF NOT EXISTS hub_buckets_by_seq ON hub_buckets(seq)");
    auto put = [&](const char* key, const std::string& v) {
        db_.exec("INSERT INTO hub_meta(key,value) VALUES($1,$2) ON CONFLICT(key) DO UPDATE SET value=$2", {key, v});
    };
    int have = std::atoi(meta("schema").value_or("0").c_str());
    if (have > schema_->version() || std::atoi(meta("pg_schema").value_or("0").c_str()) > kPgHubSchema)
        fail(Code::SchemaTooNew, "the PostgreSQL hub was written by a newer fika-server");
    for (const sync::TableDef& tb : schema_->tables()) {
        std::string name = pg::quote_ident(tb.name);
        db_.run_script("CREATE TABLE IF NOT EXISTS " + name + "(id text PRIMARY KEY, _clocks bytea, _seq bigint)");
        db_.run_script("ALTER TABLE " + name + " ADD COLUMN IF NOT EXISTS _only_site bigint");
        for (const sync::FieldDef& f : tb.fields)
            db_.run_script("ALTER TABLE " + name + " ADD COLUMN IF NOT EXISTS " + pg::quote_ident(f.name) + " " +
                           sql_type(f.type));
        std::string by = tb.bucket == sync::BucketRule::Field
                             ? pg::quote_ident(tb.fields[static_cast<size_t>(tb.bucket_field)].name) + ",_seq"
                             : "_seq";
        db_.run_script("CREATE INDEX IF NOT EXISTS " + pg::quote_ident(tb.name + "_feed") + " ON " + name + "(" + by + ")");
    }
    if (have && have < schema_->version()) {
        // Devices that knew fewer fields download everything again (as on SQLite): the
        // hub has nothing to redo for them; its own rows simply have the new columns.
    }
    put("schema", std::to_string(schema_->version()));
    put("pg_schema", std::to_string(kPgHubSchema));
}

// ---- units of work -----------------------------------------------------------------------------

void PgHub::begin_tx(sync::Durability d) {
    if (depth_ == 0) ensure_connected();
    if (depth_++ > 0) return;
    poisoned_ = false;
    checksum_delta_.clear();
    seq_delta_.clear();
    seq_at_lock_.clear();
    seq_block_.clear();
    hinted_ = false;
    try {
        db_.run_script(d == sync::Durability::Full ? "BEGIN; SET LOCAL synchronous_commit=on"
                                                   : "BEGIN; SET LOCAL synchronous_commit=off");
    } catch (...) {
        depth_ = 0;
        throw;
    }
}

void PgHub::commit_tx() {
    if (depth_ == 0) fail(Code::Invalid, "no unit of work is open");
    if (--depth_ > 0) return;
    try {
        if (poisoned_) fail(Code::Storage, "the unit of work was rolled back by an earlier storage failure");
        // One round trip: the buckets' checksums and newest numbers (their rows are locked
        // already), and for those that changed this transaction's id
        // (ServerData::live_changes); the hub's clock; other instances' live channels (a
        // hint, delivered at commit - never the change); the commit.
        std::vector<pg::Connection::Statement> statements;
        bool changed = hinted_;
        for (auto& [bucket, delta] : checksum_delta_) {
            auto s = seq_delta_.count(bucket) ? seq_delta_[bucket] : 0;
            changed |= s > 0;
            if (s > 0)
                statements.push_back({"UPDATE hub_buckets SET checksum=checksum # $2, seq=greatest(seq,$3),"
                                      " xid=pg_current_xact_id() WHERE bucket=$1",
                                      {bucket, static_cast<std::int64_t>(delta), static_cast<std::int64_t>(s)},
                                      false});
            else
                statements.push_back({"UPDATE hub_buckets SET checksum=checksum # $2 WHERE bucket=$1",
                                      {bucket, static_cast<std::int64_t>(delta)},
                                      false});
        }
        statements.push_back({"INSERT INTO hub_meta(key,value) VALUES('hlc',$1::text) ON CONFLICT(key) DO UPDATE"
                              " SET value=greatest(hub_meta.value::numeric, $1::text::numeric)::text",
                              {std::to_string(hlc_.last())},
                              false});
        if (changed) statements.push_back({"SELECT pg_notify('fika_changes', '')", {}, false});
        statements.push_back({"COMMIT", {}, false});
        db_.exec_many(statements);
    } catch (...) {
        rollback_tx();
        throw;
    }
}

void PgHub::rollback_tx() {
    if (depth_ == 0) return;
    if (--depth_ > 0) {
        poisoned_ = true;  // an inner unit gave up: the outer one may not commit half of it
        return;
    }
    try {
        db_.run_script("ROLLBACK");
    } catch (const sync::Failure&) {  // a lost connection rolled back by itself
    }
    checksum_delta_.clear();
    seq_delta_.clear();
    seq_at_lock_.clear();
}

sync::Result<std::unique_ptr<sync::HubStore::Work>> PgHub::begin(sync::Durability d) {
    return sync::guard([&]() -> std::unique_ptr<sync::HubStore::Work> {
        begin_tx(d);
        return std::make_unique<PgWork>(*this);
    });
}

sync::Result<std::unique_ptr<sync::HubStore::Work>> PgHub::begin_read() {
    return sync::guard([&]() -> std::unique_ptr<sync::HubStore::Work> { return std::make_unique<PgRead>(*this); });
}

// ---- rows --------------------------------------------------------------------------------------

std::vector<sync::Record> PgHub::load_rows(const sync::TableDef& t, const std::string& where,
                                           const std::vector<Param>& params) {
    pg::Result r = db_.exec(select_rows(t, where), params, true);
    return rows_of(t, r);
}

std::string PgHub::select_rows(const sync::TableDef& t, const std::string& where) {
    return "SELECT " + columns(t) + " FROM " + pg::quote_ident(t.name) + " WHERE " + where;
}

std::vector<sync::Record> PgHub::rows_of(const sync::TableDef& t, const pg::Result& r) {
    std::vector<sync::Record> out;
    const int n = static_cast<int>(t.fields.size());
    for (int row = 0; row < r.rows(); ++row) {
        sync::Record rec;
        rec.table = &t;
        rec.id = std::string(r.text(row, n + 2));
        rec.values.reserve(t.fields.size());
        for (int i = 0; i < n; ++i) {
            if (r.null(row, i)) {
                rec.values.emplace_back(std::monostate{});
                continue;
            }
            switch (t.fields[static_cast<size_t>(i)].type) {
                case sync::FieldType::Integer:
                case sync::FieldType::Bool: rec.values.emplace_back(r.integer(row, i)); break;
                case sync::FieldType::Real: rec.values.emplace_back(r.real(row, i)); break;
                default: rec.values.emplace_back(std::string(r.text(row, i))); break;
            }
        }
        rec.clocks = r.null(row, n) ? sync::CellClocks{} : sync::CellClocks::decode(r.bytes(row, n), t.fields.size());
        rec.clocks.cells.resize(t.fields.size());
        if (!r.null(row, n + 1)) rec.seq = static_cast<std::uint64_t>(r.integer(row, n + 1));
        out.push_back(std::move(rec));
    }
    return out;
}

std::optional<sync::Record> PgHub::load(const sync::TableDef& t, const std::string& id) {
    auto rows = load_rows(t, "id=$1", {id});
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

void PgHub::store(const sync::Record& r) {
    pg::Connection::Statement st = store_statement(*r.table, {&r}, false);
    db_.exec(st.sql, st.params);
}

namespace {
// An array of ids for `= ANY($1::text[])`.
Param text_array(const std::vector<std::string>& ids) {
    pg::ArrayBuilder a(pg::ArrayBuilder::Of::Text);
    for (const std::string& id : ids) a.add(id);
    return a.take();
}

pg::ArrayBuilder::Of array_of(sync::FieldType t) {
    switch (t) {
        case sync::FieldType::Integer:
        case sync::FieldType::Bool: return pg::ArrayBuilder::Of::Bigint;
        case sync::FieldType::Real: return pg::ArrayBuilder::Of::Real;
        default: return pg::ArrayBuilder::Of::Text;
    }
}

// The site that wrote every written cell of a row, or 0 (several, or none): a device's
// incremental pull leaves such rows of its own out in the query (PgHub::feed).
sync::Site only_site(const sync::CellClocks& clocks) {
    sync::Site site = 0;
    for (const sync::Cell& c : clocks.cells) {
        if (!c.written()) continue;
        if (site != 0 && c.clock.site != site) return 0;
        site = c.clock.site;
    }
    return site;
}
}  // namespace

pg::Connection::Statement PgHub::store_statement(const sync::TableDef& t, const std::vector<const sync::Record*>& rows,
                                                 bool fresh) {
    // One array per column, unnested into rows: a statement of a few parameters whatever
    // the number of rows (a VALUES list of thousands of parameters costs PostgreSQL more
    // to parse and plan than to store).
    // The arrays are unnested side by side in the select list (a ProjectSet, streaming),
    // not as unnest(a, b, ...) in FROM: that form copies every array into a tuplestore of
    // its own first, about 0.25 ms for one row of a case and 2-3x the time for thousands.
    std::string cols, sets, arrays;
    auto unnest = [&](std::size_t param, const std::string& type) {
        arrays += "unnest($" + std::to_string(param) + "::" + type + "[]),";
    };
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        std::string c = pg::quote_ident(t.fields[i].name);
        cols += c + ",";
        sets += c + "=EXCLUDED." + c + ",";
        unnest(i + 1, sql_type(t.fields[i].type));
    }
    const std::size_t n = t.fields.size();
    unnest(n + 1, "bytea");
    unnest(n + 2, "bigint");
    unnest(n + 3, "text");
    unnest(n + 4, "bigint");
    arrays.pop_back();
    std::string sql = "INSERT INTO " + pg::quote_ident(t.name) + "(" + cols + "_clocks,_seq,id,_only_site) SELECT " + arrays;
    if (!fresh)
        sql += " ON CONFLICT(id) DO UPDATE SET " + sets +
               "_clocks=EXCLUDED._clocks,_seq=EXCLUDED._seq,_only_site=EXCLUDED._only_site";
    std::vector<pg::ArrayBuilder> col;
    col.reserve(n + 4);
    for (std::size_t i = 0; i < n; ++i) col.emplace_back(array_of(t.fields[i].type));
    col.emplace_back(pg::ArrayBuilder::Of::Bytes);
    col.emplace_back(pg::ArrayBuilder::Of::Bigint);
    col.emplace_back(pg::ArrayBuilder::Of::Text);
    col.emplace_back(pg::ArrayBuilder::Of::Bigint);
    std::string blob;
    for (const sync::Record* row : rows) {
        const sync::Record& r = *row;
        for (std::size_t i = 0; i < n; ++i) {
            // Merged values passed sync::validate_value, so each is of its column's
            // kind; one that is not is refused by the builder (Invalid), never converted.
            const sync::Value& v = r.values[i];
            if (sync::is_null(v)) col[i].null();
            else if (auto* str = std::get_if<std::string>(&v)) col[i].add(std::string_view(*str));
            else if (auto* x = std::get_if<std::int64_t>(&v))  // 5 in a real column is 5.0, as create() says
                t.fields[i].type == sync::FieldType::Real ? col[i].add(static_cast<double>(*x)) : col[i].add(*x);
            else col[i].add(std::get<double>(v));
        }
        blob.clear();
        r.clocks.encode_to(blob, true);
        col[n].add(std::string_view(blob));
        if (r.seq) col[n + 1].add(static_cast<std::int64_t>(*r.seq));
        else col[n + 1].null();
        col[n + 2].add(std::string_view(r.id));
        if (sync::Site site = only_site(r.clocks)) col[n + 3].add(static_cast<std::int64_t>(site));
        else col[n + 3].null();
    }
    pg::Connection::Statement st{std::move(sql), {}, false};
    st.params.reserve(n + 4);
    for (auto& c : col) st.params.emplace_back(c.take());
    return st;
}

void PgHub::lock_buckets(std::vector<std::string> buckets) {
    std::vector<pg::Connection::Statement> statements;
    std::vector<Lock> locks = lock_statements(std::move(buckets), statements);
    if (!statements.empty()) locked(locks, db_.exec_many(statements));
}

std::vector<PgHub::Lock> PgHub::lock_statements(std::vector<std::string> buckets,
                                                std::vector<pg::Connection::Statement>& out) {
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    std::vector<Lock> locks;
    for (const std::string& b : buckets) {
        if (checksum_delta_.count(b)) continue;  // locked earlier in this unit of work
        // Numbers taken before this lock may lie below a number another instance used in
        // this bucket meanwhile: a reader past that one would skip them. They become gaps.
        seq_block_.clear();
        // The newest committed number comes with the lock (what the row holds once the
        // lock is ours): a push's stretch starts there. A bucket without its row yet (its
        // first record) has it made by locked(), which then locks it.
        out.push_back({"SELECT seq FROM hub_buckets WHERE bucket=$1 FOR UPDATE", {b}, false});
        locks.push_back({b, out.size() - 1});
        // From now on this unit of work holds it: if the statements fail, the unit of
        // work is rolled back, and that forgets it (rollback_tx).
        checksum_delta_[b];
    }
    return locks;
}

void PgHub::locked(const std::vector<Lock>& locks, const std::vector<pg::Result>& answers) {
    std::vector<pg::Connection::Statement> missing;
    std::vector<std::string> made;
    for (const Lock& l : locks) {
        const pg::Result& r = answers.at(l.answer);
        if (r.rows()) {
            seq_at_lock_[l.bucket] = static_cast<std::uint64_t>(r.integer(0, 0));
            continue;
        }
        // Not there: made here, or by another instance meanwhile (then its lock is waited
        // for), and locked. Every bucket but a new one's first write skips this insert
        // (it was one statement per push and bucket, all but a few doing nothing).
        made.push_back(l.bucket);
        missing.push_back({"INSERT INTO hub_buckets(bucket) VALUES($1) ON CONFLICT DO NOTHING", {l.bucket}, false});
        missing.push_back({"SELECT seq FROM hub_buckets WHERE bucket=$1 FOR UPDATE", {l.bucket}, false});
    }
    if (made.empty()) return;
    // Numbers taken before these locks may lie below one another instance used in these
    // buckets meanwhile: dropped (gaps), as lock_statements drops them.
    seq_block_.clear();
    std::vector<pg::Result> got = db_.exec_many(missing);
    for (std::size_t i = 0; i < made.size(); ++i) {
        const pg::Result& r = got.at(2 * i + 1);
        seq_at_lock_[made[i]] = r.rows() ? static_cast<std::uint64_t>(r.integer(0, 0)) : 0;
    }
}

sync::BucketRun& PgHub::run_of(sync::ApplyResult& result, const std::string& bucket) {
    for (sync::BucketRun& run : result.runs)
        if (run.bucket == bucket) return run;
    std::uint64_t now = 0;
    if (auto d = seq_delta_.find(bucket); d != seq_delta_.end()) now = d->second;
    else if (auto l = seq_at_lock_.find(bucket); l != seq_at_lock_.end()) now = l->second;
    else fail(Code::Storage, "bucket " + bucket + " is written without its lock");
    return result.runs.emplace_back(sync::BucketRun{bucket, now, now, true});
}

std::uint64_t PgHub::next_seq() {
    // Numbers are taken only while the bucket's lock is held (lock_buckets before, which
    // drops the numbers taken before it).
    if (seq_block_.empty()) {
        pg::Result r = db_.exec("SELECT nextval('hub_seq') FROM generate_series(1,64)");
        for (int i = r.rows() - 1; i >= 0; --i) seq_block_.push_back(static_cast<std::uint64_t>(r.integer(i, 0)));
    }
    std::uint64_t s = seq_block_.back();
    seq_block_.pop_back();
    return s;
}

std::optional<sync::Error> PgHub::merge_one(const sync::RecordChange& rc, sync::Record& r, bool creates,
                                            const sync::Authorize* authorize, bool local, sync::ApplyResult& result,
                                            bool* stored) {
    const sync::TableDef& t = *rc.table;
    std::string bucket;
    if (creates) {
        std::vector<sync::Value> probe(t.fields.size());
        for (const sync::CellChange& c : rc.cells) probe[static_cast<size_t>(c.field)] = c.value;
        bucket = std::string(sync::bucket_of(t, rc.id, probe));
    } else {
        bucket = std::string(sync::bucket_of(t, rc.id, r.values));
    }
    if (!local) {
        sync::merge::Check check = sync::merge::check_at_hub(t, creates ? nullptr : &r.values,
                                                             creates ? nullptr : &r.clocks, rc, bucket,
                                                             hlc_.wall_ms(), max_drift_ms_);
        if (check.verdict == sync::merge::Verdict::Replay) return std::nullopt;
        if (check.verdict == sync::merge::Verdict::Refuse) return check.error;
        if (authorize && *authorize)
            if (auto refusal = (*authorize)(bucket, rc, creates)) return refusal;
    }
    for (const sync::CellChange& c : rc.cells) hlc_.observe(c.clock.hlc);
    sync::merge::Outcome out = sync::merge::apply(t, {r.values, r.clocks}, rc, std::nullopt);
    if (out.taken.empty()) return std::nullopt;
    lock_buckets({bucket});
    std::uint64_t rh = sync::record_hash(t.id, rc.id);
    std::uint64_t& delta = checksum_delta_[bucket];
    const std::uint64_t seq = next_seq();
    for (const sync::merge::Taken& k : out.taken) {
        delta ^= sync::cell_hash(rh, k.field, k.after);
        if (!k.before.is_zero()) delta ^= sync::cell_hash(rh, k.field, k.before);
        r.clocks.cells[static_cast<size_t>(k.field)].seq = seq;
    }
    r.seq = seq;
    if (!local) {
        // Verbatim as on SQLite (SqliteHub::merge_push): every cell taken is the incoming
        // one, value and clock. A record's bucket is fixed at creation here (account_id
        // is required and fixed; no record moves in from ""), so no rehoming to check.
        bool verbatim = !out.erased_now;
        for (const sync::merge::Taken& k : out.taken) {
            auto in = std::find_if(rc.cells.begin(), rc.cells.end(),
                                   [&](const sync::CellChange& c) { return c.field == k.field; });
            const auto f = static_cast<size_t>(k.field);
            verbatim = verbatim && in != rc.cells.end() && in->clock == r.clocks.cells[f].clock && in->value == r.values[f];
        }
        sync::BucketRun& run = run_of(result, bucket);
        run.verbatim = run.verbatim && verbatim;
        run.to = seq;
    }
    seq_delta_[bucket] = std::max(seq_delta_[bucket], seq);
    if (stored) *stored = true;  // the caller stores it with the rest of its push
    else store(r);
    if (out.erased_now) result.erased.emplace_back(&t, rc.id);
    result.records_changed++;
    result.cells_won += out.taken.size();
    if (creates) result.created.emplace_back(&t, rc.id);
    result.buckets_changed.push_back(bucket);
    return std::nullopt;
}

// ---- sync ----------------------------------------------------------------------------------------

sync::Result<sync::ApplyResult> PgHub::apply(const std::vector<sync::RecordChange>& changes,
                                             const sync::Authorize& authorize) {
    return sync::guard([&] {
        sync::ApplyResult result;
        in_work([&] {
            // The buckets this push writes, locked in order before anything is numbered
            // (a record's bucket is fixed at creation, so a first read tells it).
            std::map<const sync::TableDef*, std::vector<std::string>> ask, ids;
            std::vector<std::string> buckets;
            for (const sync::RecordChange& rc : changes) {
                const sync::TableDef& t = *rc.table;
                ids[&t].push_back(rc.id);
                if (t.bucket == sync::BucketRule::Global) {
                    buckets.emplace_back(sync::kGlobalBucket);
                } else if (t.bucket == sync::BucketRule::Self) {
                    buckets.push_back(rc.id);
                } else {
                    std::string b;
                    for (const sync::CellChange& c : rc.cells)
                        if (c.field == t.bucket_field)
                            if (auto* s = std::get_if<std::string>(&c.value)) b = *s;
                    if (b.empty()) ask[&t].push_back(rc.id);
                    else buckets.push_back(b);
                }
            }
            for (auto& [t, want] : ask) {
                const std::string& bf = t->fields[static_cast<size_t>(t->bucket_field)].name;
                pg::Result r = db_.exec("SELECT " + pg::quote_ident(bf) + " FROM " + pg::quote_ident(t->name) +
                                            " WHERE id = ANY($1::text[])",
                                        {text_array(want)});
                for (int i = 0; i < r.rows(); ++i)
                    if (!r.null(i, 0)) buckets.emplace_back(r.text(i, 0));
            }
            // One round trip, in this order: the buckets' locks; the numbers this push may
            // need (under the locks; unused ones are gaps, which feeds do not mind); the
            // rows it changes, a statement per table, read after the locks so that what
            // another instance merged before is seen.
            std::vector<pg::Connection::Statement> statements;
            const std::vector<Lock> locks = lock_statements(buckets, statements);
            const std::size_t numbers_at = statements.size();
            const bool numbers = seq_block_.size() < changes.size();
            if (numbers)
                statements.push_back({"SELECT nextval('hub_seq') FROM generate_series(1,$1)",
                                      {static_cast<std::int64_t>(changes.size() - seq_block_.size())},
                                      false});
            const std::size_t rows_at = statements.size();
            for (auto& [t, want] : ids)
                statements.push_back({select_rows(*t, "id = ANY($1::text[])"), {text_array(want)}, true});
            std::vector<pg::Result> answers = db_.exec_many(statements);
            if (numbers) {
                const pg::Result& r = answers[numbers_at];
                std::vector<std::uint64_t> more;
                for (int i = r.rows() - 1; i >= 0; --i) more.push_back(static_cast<std::uint64_t>(r.integer(i, 0)));
                // next_seq takes from the back: the older block's numbers first, then these.
                more.insert(more.end(), seq_block_.begin(), seq_block_.end());
                seq_block_ = std::move(more);
            }
            // After the numbers: a bucket made now is locked after they were taken, and
            // locked() drops them.
            locked(locks, answers);
            // Merged in the push's order in memory, and stored a chunk at a time: each chunk's
            // statements are sent without waiting (pipeline mode), so PostgreSQL stores one
            // chunk while the next is merged. A row is written once per chunk it changes in:
            // a plain INSERT while it is new (an upload's rows nearly all are), else an upsert.
            struct Row {
                sync::Record r;
                bool found = false;   // there before this push
                bool queued = false;  // in the chunk being gathered
                bool sent = false;    // written by an earlier chunk
            };
            using Key = std::pair<const sync::TableDef*, std::string>;
            struct KeyHash {
                std::size_t operator()(const Key& k) const noexcept {
                    return std::hash<std::string>{}(k.second) ^ std::hash<const void*>{}(k.first);
                }
            };
            std::unordered_map<Key, Row, KeyHash> rows;
            rows.reserve(changes.size());
            std::size_t k = rows_at;
            for (auto& [t, want] : ids)
                for (sync::Record& r : rows_of(*t, answers[k++])) {
                    Key key{t, r.id};
                    rows.emplace(std::move(key), Row{std::move(r), true});
                }
            std::map<const sync::TableDef*, std::vector<const sync::Record*>> fresh, known;
            std::vector<Row*> queued;
            auto send_chunk = [&] {
                for (auto& [t, recs] : fresh) db_.send(store_statement(*t, recs, true));
                for (auto& [t, recs] : known) db_.send(store_statement(*t, recs, false));
                for (Row* w : queued) {
                    w->queued = false;
                    w->sent = true;
                }
                fresh.clear();
                known.clear();
                queued.clear();
            };
            // Another statement on the connection (a bucket lock not taken above, more
            // numbers) reads the chunks' answers first: a failure among them shows there.
            try {
                for (const sync::RecordChange& rc : changes) {
                    auto it = rows.find(Key{rc.table, rc.id});
                    const bool creates = it == rows.end();
                    if (creates) {
                        Row blank;
                        blank.r.table = rc.table;
                        blank.r.id = rc.id;
                        blank.r.values.resize(rc.table->fields.size());
                        blank.r.clocks.cells.resize(rc.table->fields.size());
                        it = rows.emplace(Key{rc.table, rc.id}, std::move(blank)).first;
                    }
                    Row& row = it->second;
                    bool stored = false;
                    if (auto refusal = merge_one(rc, row.r, creates && !row.r.seq, &authorize, false, result, &stored))
                        result.refused.push_back({rc.table->name, rc.id, *refusal});
                    if (stored && !row.queued) {
                        row.queued = true;
                        queued.push_back(&row);
                        (row.found || row.sent ? known : fresh)[rc.table].push_back(&row.r);
                        if (queued.size() >= kStoreChunk) send_chunk();
                    } else if (!stored && creates && !row.r.seq) {
                        rows.erase(it);  // refused or nothing taken: not there
                    }
                }
                send_chunk();
                db_.drain();  // a failure among them is this push's
            } catch (const sync::Failure& f) {
                // Only when two devices create a record of the same id at the same moment, in
                // different buckets (each push locks its own): this push is sent again and
                // then merges with the row the other stored.
                if (!pg::unique_violation(f.error)) throw;
                fail(Code::Busy, "a record was stored by another sync at the same moment; sync again");
            }
        });
        std::set<std::string> b(result.buckets_changed.begin(), result.buckets_changed.end());
        result.buckets_changed.assign(b.begin(), b.end());
        return result;
    });
}

sync::Result<sync::FeedPage> PgHub::feed(const std::string& bucket, sync::Cursor cursor, std::size_t limit,
                                         sync::Site skip_site) {
    return sync::guard([&] {
        ensure_connected();
        if (limit == 0) limit = 1;
        // One snapshot for the rows and the bucket's end (outside a unit of work), and one
        // round trip for all the statements: sent together (pipeline mode), the page of
        // each table and the bucket's row read in order. A statement per table, waited for
        // one by one, left the instance's connection idle half the time under load.
        std::vector<pg::Connection::Statement> statements;
        const bool own_snapshot = depth_ == 0;
        if (own_snapshot) statements.push_back({"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", {}, false});
        const bool global = bucket == sync::kGlobalBucket;
        std::vector<const sync::TableDef*> tables;
        for (const sync::TableDef& t : schema_->tables()) {
            if ((t.bucket == sync::BucketRule::Global) != global) continue;
            tables.push_back(&t);
            // A device's own rows (every cell its own) are left out here rather than read
            // and dropped below: an upload's pulls would read back all it sent.
            if (skip_site != 0)
                statements.push_back({select_rows(t, bucket_where(t) + " AND _seq>$2 AND _only_site IS DISTINCT FROM $4 ORDER BY _seq LIMIT $3"),
                                      {bucket, static_cast<std::int64_t>(cursor.at), static_cast<std::int64_t>(limit + 1),
                                       static_cast<std::int64_t>(skip_site)},
                                      true});
            else
                statements.push_back({select_rows(t, bucket_where(t) + " AND _seq>$2 ORDER BY _seq LIMIT $3"),
                                      {bucket, static_cast<std::int64_t>(cursor.at), static_cast<std::int64_t>(limit + 1)},
                                      true});
        }
        statements.push_back({"SELECT seq, checksum FROM hub_buckets WHERE bucket=$1", {bucket}, false});
        if (own_snapshot) statements.push_back({"COMMIT", {}, false});
        std::vector<pg::Result> answers;
        try {
            answers = db_.exec_many(statements);
        } catch (const sync::Failure&) {
            if (own_snapshot) {
                try {
                    db_.run_script("ROLLBACK");  // a failed snapshot stays open until then
                } catch (const sync::Failure&) {  // a lost connection rolls back by itself
                }
            }
            throw;
        }
        struct Item {
            std::uint64_t seq;
            sync::RecordChange rc;
        };
        std::vector<Item> items;
        const std::size_t first = own_snapshot ? 1 : 0;
        for (std::size_t k = 0; k < tables.size(); ++k) {
            const sync::TableDef& t = *tables[k];
            for (sync::Record& r : rows_of(t, answers[first + k])) {
                Item it{r.seq.value_or(0), {&t, r.id, {}}};
                for (std::size_t i = 0; i < t.fields.size(); ++i) {
                    const sync::Cell& c = r.clocks.cells[i];
                    if (!c.written() || c.seq <= cursor.since) continue;
                    if (skip_site != 0 && c.clock.site == skip_site) continue;
                    it.rc.cells.push_back({static_cast<int>(i), std::move(r.values[i]), c.clock, c.base, c.seq});
                }
                items.push_back(std::move(it));
            }
        }
        std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.seq < b.seq; });
        sync::FeedPage page;
        page.more = items.size() > limit;
        if (page.more) items.resize(limit);
        for (Item& it : items)
            if (!it.rc.cells.empty()) page.changes.push_back(std::move(it.rc));
        const pg::Result& b = answers[first + tables.size()];
        std::uint64_t max_seq = cursor.at;
        if (b.rows()) {
            max_seq = std::max(cursor.at, static_cast<std::uint64_t>(b.integer(0, 0)));
            page.checksum = static_cast<std::uint64_t>(b.integer(0, 1));
        }
        page.to = page.more ? items.back().seq : max_seq;
        return page;
    });
}

sync::Result<std::uint64_t> PgHub::count_after(const std::string& bucket, std::uint64_t seq) {
    return sync::guard([&] {
        ensure_connected();
        std::uint64_t n = 0;
        const bool global = bucket == sync::kGlobalBucket;
        for (const sync::TableDef& t : schema_->tables()) {
            if ((t.bucket == sync::BucketRule::Global) != global) continue;
            pg::Result r = db_.exec("SELECT count(*) FROM " + pg::quote_ident(t.name) + " WHERE " + bucket_where(t) + " AND _seq>$2",
                                    {bucket, static_cast<std::int64_t>(seq)});
            if (r.rows()) n += static_cast<std::uint64_t>(r.integer(0, 0));
        }
        return n;
    });
}

namespace {
std::map<std::string, sync::BucketEnd> ends_of(const pg::Result& r) {  // bucket, seq, checksum
    std::map<std::string, sync::BucketEnd> out;
    for (int i = 0; i < r.rows(); ++i)
        out[std::string(r.text(i, 0))] = {static_cast<std::uint64_t>(r.integer(i, 1)),
                                          static_cast<std::uint64_t>(r.integer(i, 2))};
    return out;
}
}  // namespace

sync::Result<std::map<std::string, sync::BucketEnd>> PgHub::bucket_ends() {
    return sync::guard([&] {
        ensure_connected();
        return ends_of(db_.exec("SELECT bucket, seq, checksum FROM hub_buckets WHERE bucket<>'' AND seq>0"));
    });
}

sync::Result<std::map<std::string, sync::BucketEnd>> PgHub::bucket_ends_of(const std::vector<std::string>& buckets) {
    return sync::guard([&] {
        ensure_connected();
        return ends_of(db_.exec("SELECT bucket, seq, checksum FROM hub_buckets WHERE bucket = ANY($1::text[]) AND seq>0",
                                {text_array(buckets)}));
    });
}

sync::Result<std::uint64_t> PgHub::bucket_checksum(const std::string& bucket) {
    return sync::guard([&] {
        ensure_connected();
        pg::Result r = db_.exec("SELECT checksum FROM hub_buckets WHERE bucket=$1", {bucket});
        return r.rows() ? static_cast<std::uint64_t>(r.integer(0, 0)) : std::uint64_t{0};
    });
}

std::uint64_t PgHub::hub_seq() const {
    ensure_connected();
    // Every instance's numbers, not only this one's. A failure throws: a 0 here would
    // look like a database put back from a backup (SyncService::merge_push).
    pg::Result r = db_.exec("SELECT coalesce(max(seq),0) FROM hub_buckets");
    return static_cast<std::uint64_t>(r.integer(0, 0));
}

sync::Result<std::uint64_t> PgHub::new_incarnation() {
    return sync::guard([&] {
        std::uint64_t next = 0;
        do next = sync::random_site(rng_);
        while (next == 0 || next == incarnation_);
        in_work([&] {
            db_.exec("INSERT INTO hub_meta(key,value) VALUES('incarnation',$1) ON CONFLICT(key) DO UPDATE SET value=$1",
                     {sync::site_to_string(next)});
        });
        incarnation_ = next;
        return next;
    });
}

// ---- records ---------------------------------------------------------------------------------------

sync::Result<sync::Record> PgHub::get(std::string_view table, const std::string& id) {
    return sync::guard([&] {
        ensure_connected();
        const sync::TableDef* t = schema_->table(table);
        if (!t) fail(Code::Invalid, "unknown table '" + std::string(table) + "'");
        auto r = load(*t, id);
        if (!r) fail(Code::NotFound, t->name + " " + id + " not found");
        return std::move(*r);
    });
}

sync::Result<std::vector<sync::Record>> PgHub::find(std::string_view table, std::string_view field,
                                                    const sync::Value& value, std::size_t limit) {
    return sync::guard([&] {
        const sync::TableDef* t = schema_->table(table);
        if (!t) fail(Code::Invalid, "unknown table '" + std::string(table) + "'");
        if (t->field_index(field) < 0) fail(Code::Invalid, t->name + ": unknown field '" + std::string(field) + "'");
        return load_rows(*t, pg::quote_ident(field) + "=$1 AND coalesce(deleted,0)=0 ORDER BY id LIMIT $2",
                         {value_param(value), static_cast<std::int64_t>(limit)});
    });
}

sync::Result<std::vector<sync::Record>> PgHub::search(std::string_view table, std::string_view field,
                                                      const std::string& text, std::size_t limit) {
    return sync::guard([&] {
        const sync::TableDef* t = schema_->table(table);
        if (!t) fail(Code::Invalid, "unknown table '" + std::string(table) + "'");
        int fi = t->field_index(field);
        if (fi < 0 || t->fields[static_cast<std::size_t>(fi)].type != sync::FieldType::Text)
            fail(Code::Invalid, t->name + ": '" + std::string(field) + "' is not a text field");
        const std::string f = pg::quote_ident(field);
        return load_rows(*t, f + " ILIKE $1 ESCAPE '\\' AND coalesce(deleted,0)=0 ORDER BY lower(" + f + "), id LIMIT $2",
                         {"%" + sync::like_pattern(text) + "%", static_cast<std::int64_t>(limit)});
    });
}

void PgHub::observe_cells(const sync::Record& r) {
    // Another instance may have merged these cells with clocks this one's clock has not
    // seen yet (in the same millisecond, say): a local write that replaces them must come
    // after them, or the merge would keep the older value.
    for (const sync::Cell& c : r.clocks.cells)
        if (c.written()) hlc_.observe(c.clock.hlc);
}

void PgHub::write_local(const sync::TableDef& t, const std::string& id, std::vector<std::pair<int, sync::Value>> sets,
                        bool creates) {
    auto existing = load(t, id);
    if (creates && existing) fail(Code::Invalid, t.name + " " + id + " exists already");
    if (!creates && !existing) fail(Code::NotFound, t.name + " " + id + " not found");
    sync::Record r;
    if (existing) {
        r = std::move(*existing);
        if (t.erased(r.values)) fail(Code::Forbidden, sync::merge::erased_message(t, id));
    } else {
        r.table = &t;
        r.id = id;
        r.values.resize(t.fields.size());
        r.clocks.cells.resize(t.fields.size());
    }
    sync::RecordChange rc{&t, id, {}};
    observe_cells(r);
    const sync::Clock clock{hlc_.tick(), site_};
    for (auto& [i, v] : sets) {
        const sync::FieldDef& f = t.fields[static_cast<size_t>(i)];
        if (!creates && r.values[static_cast<size_t>(i)] == v) continue;
        if (!creates && f.immutable) fail(Code::Forbidden, t.name + "." + f.name + " is fixed at creation");
        rc.cells.push_back({i, std::move(v), clock, r.clocks.cells[static_cast<size_t>(i)].clock, 0});
    }
    if (rc.cells.empty()) return;
    std::vector<sync::Value> probe = r.values;
    for (const sync::CellChange& c : rc.cells) probe[static_cast<size_t>(c.field)] = c.value;
    lock_buckets({std::string(sync::bucket_of(t, id, probe))});
    sync::ApplyResult ignored;
    merge_one(rc, r, creates, nullptr, true, ignored);
}

sync::Result<std::string> PgHub::create(std::string_view table, sync::Fields fields) {
    return sync::guard([&] {
        const sync::TableDef* t = schema_->table(table);
        if (!t) fail(Code::Invalid, "unknown table '" + std::string(table) + "'");
        std::string id;
        std::vector<std::pair<int, sync::Value>> sets;
        std::uint64_t given = 0;
        for (auto& [name, value] : fields) {
            if (name == "id") {
                auto* s = std::get_if<std::string>(&value);
                if (!s || !sync::is_uuid(*s)) fail(Code::Invalid, t->name + ".id: expected a record id");
                id = *s;
                continue;
            }
            int i = t->field_index(name);
            if (i < 0) fail(Code::Invalid, t->name + ": unknown field '" + name + "'");
            if (t->fields[static_cast<size_t>(i)].type == sync::FieldType::Real && std::holds_alternative<std::int64_t>(value))
                value = static_cast<double>(std::get<std::int64_t>(value));
            must(sync::validate_value(*t, t->fields[static_cast<size_t>(i)], value));
            given |= std::uint64_t{1} << i;
            sets.emplace_back(i, std::move(value));
        }
        for (std::size_t i = 0; i < t->fields.size(); ++i) {
            const sync::FieldDef& f = t->fields[i];
            if (given & (std::uint64_t{1} << i)) continue;
            if (!sync::is_null(f.fallback)) sets.emplace_back(static_cast<int>(i), f.fallback);
            else if (f.required) fail(Code::Invalid, t->name + "." + f.name + ": is required");
        }
        std::erase_if(sets, [](const auto& s) { return sync::is_null(s.second); });
        if (id.empty()) id = sync::new_uuid_v7(hlc_.wall_ms(), rng_);
        in_work([&] { write_local(*t, id, std::move(sets), true); });
        return id;
    });
}

sync::Status PgHub::update(std::string_view table, const std::string& id, sync::Fields fields) {
    return sync::guard_status([&] {
        const sync::TableDef* t = schema_->table(table);
        if (!t) fail(Code::Invalid, "unknown table '" + std::string(table) + "'");
        std::vector<std::pair<int, sync::Value>> sets;
        for (auto& [name, value] : fields) {
            int i = t->field_index(name);
            if (i < 0) fail(Code::Invalid, t->name + ": unknown field '" + name + "'");
            if (i == t->erased_field) fail(Code::Forbidden, t->name + ".erased is set only by erasing a person");
            must(sync::validate_value(*t, t->fields[static_cast<size_t>(i)], value));
            sets.emplace_back(i, std::move(value));
        }
        in_work([&] { write_local(*t, id, std::move(sets), false); });
    });
}

sync::Result<std::vector<std::pair<const sync::TableDef*, std::string>>> PgHub::records_about(
    const std::string& contact_id) {
    return sync::guard([&] {
        std::vector<std::pair<const sync::TableDef*, std::string>> out;
        auto each = [&](const char* table, const char* where) {
            const sync::TableDef* t = schema_->table(table);
            pg::Result r = db_.exec("SELECT id FROM " + pg::quote_ident(t->name) + " WHERE " + where + " ORDER BY id",
                                    {contact_id});
            for (int i = 0; i < r.rows(); ++i) out.emplace_back(t, std::string(r.text(i, 0)));
        };
        each("cases", "contact_id=$1");
        each("activities", "contact_id=$1");
        each("notes", "contact_id=$1");
        each("follow_ups", "related_kind='contact' AND related_id=$1");
        each("contact_plans", "contact_id=$1");
        each("attachments", "contact_id=$1");
        return out;
    });
}

sync::Result<sync::Erasure> PgHub::erase_person(const std::string& contact_id) {
    return sync::guard([&] {
        const sync::TableDef& contacts = *schema_->table("contacts");
        sync::Erasure out;
        in_work([&] {
            if (!load(contacts, contact_id)) fail(Code::NotFound, "contacts " + contact_id + " not found");
            auto wipe = [&](const sync::TableDef& t, const std::string& id, bool erase) {
                auto r = load(t, id);
                if (!r) return;
                std::vector<std::pair<int, sync::Value>> sets;
                if (erase) {
                    for (std::size_t i = 0; i < t.fields.size(); ++i)
                        if (t.fields[i].personal) sets.emplace_back(static_cast<int>(i), sync::erased_value(t.fields[i]));
                    sets.emplace_back(t.erased_field, std::int64_t{1});
                }
                sets.emplace_back(t.deleted_field, std::int64_t{1});
                if (!t.erased(r->values)) {
                    // The erased flag is written here only (update() refuses it).
                    sync::RecordChange rc{&t, id, {}};
                    observe_cells(*r);
                    const sync::Clock clock{hlc_.tick(), site_};
                    for (auto& [i, v] : sets) {
                        if (r->values[static_cast<size_t>(i)] == v) continue;
                        rc.cells.push_back({i, v, clock, r->clocks.cells[static_cast<size_t>(i)].clock, 0});
                    }
                    if (!rc.cells.empty()) {
                        lock_buckets({std::string(sync::bucket_of(t, id, r->values))});
                        sync::ApplyResult ignored;
                        merge_one(rc, *r, false, nullptr, true, ignored);
                    }
                }
                out.records.emplace_back(t.name, id);
            };
            for (auto& [t, id] : must(records_about(contact_id)))
                if (t->name != "cases") wipe(*t, id, t->erased_field >= 0);  // a case is the firm's
            wipe(contacts, contact_id, true);
        });
        return out;
    });
}

sync::Result<sync::HubCounts> PgHub::counts() {
    return sync::guard([&] {
        ensure_connected();
        sync::HubCounts c;
        for (const sync::TableDef& t : schema_->tables())
            c.records += static_cast<std::size_t>(db_.exec("SELECT count(*) FROM " + pg::quote_ident(t.name)).integer(0, 0));
        c.buckets = static_cast<std::size_t>(db_.exec("SELECT count(*) FROM hub_buckets").integer(0, 0));
        c.bytes = static_cast<std::uint64_t>(db_.exec("SELECT pg_database_size(current_database())").integer(0, 0));
        return c;
    });
}

sync::Result<std::string> PgHub::dump(bool with_clocks) {
    return sync::guard([&] {
        std::string out;
        for (const sync::TableDef& t : schema_->tables())
            for (const sync::Record& r : load_rows(t, "true ORDER BY id", {})) out += sync::dump_line(r, with_clocks);
        return out;
    });
}

}  // namespace fika::server
