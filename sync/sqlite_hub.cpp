#include "sqlite_hub.h"

#include <algorithm>
#include <filesystem>

#include "merge.h"

namespace fika::sync {

Result<std::unique_ptr<SqliteHub>> SqliteHub::open(const std::string& path, OpenOptions opts) {
    return guard([&] {
        std::unique_ptr<SqliteHub> s(new SqliteHub());
        s->open_impl(path, opts);
        return s;
    });
}

SqliteHub::~SqliteHub() = default;

void SqliteHub::opened(const std::map<std::string, std::string>& meta) {
    auto it = meta.find("incarnation");
    if (it == meta.end() || !parse_site(it->second, incarnation_) || incarnation_ == 0) {
        do incarnation_ = random_site(rng_);
        while (incarnation_ == 0);
        Stmt put = db().prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('incarnation',?)");
        put.bind(1, site_to_string(incarnation_)).run();
    }
    saved_seq_ = seq_;
}

void SqliteHub::committing() {
    if (seq_ != saved_seq_) put_meta("seq", static_cast<std::int64_t>(seq_));
}

namespace {
class SqliteWork final : public HubStore::Work {
public:
    SqliteWork(SqliteReplica& s, Durability d) : batch_(s, d) {}
    Status commit() override { return batch_.commit(); }

private:
    SqliteReplica::Batch batch_;
};

class SqliteRead final : public HubStore::Work {
public:
    explicit SqliteRead(SqliteReplica& s) : read_(s) {}
    Status commit() override { return ok_status(); }  // nothing to keep: it ends when destroyed

private:
    SqliteReplica::Reading read_;
};
}  // namespace

Result<std::unique_ptr<HubStore::Work>> SqliteHub::begin(Durability d) {
    // A Batch that could not begin reports why at commit (and writes nothing meanwhile:
    // every write outside a transaction would fail the same way).
    return std::unique_ptr<HubStore::Work>(std::make_unique<SqliteWork>(*this, d));
}

Result<std::unique_ptr<HubStore::Work>> SqliteHub::begin_read() {
    return guard([&] { return std::unique_ptr<HubStore::Work>(std::make_unique<SqliteRead>(*this)); });
}

Result<std::uint64_t> SqliteHub::new_incarnation() {
    return guard([&] {
        std::uint64_t next = 0;
        do next = random_site(rng_);
        while (next == 0 || next == incarnation_);
        in_write([&] {
            Stmt put = db().prepare("INSERT OR REPLACE INTO _meta(key,value) VALUES('incarnation',?)");
            put.bind(1, site_to_string(next)).run();
        });
        incarnation_ = next;
        return next;
    });
}

// ---- local writes and merges: the sequence ---------------------------------------------------

void SqliteHub::stamp(Record& r, const std::string& bucket, const std::vector<int>& fields) {
    ++seq_;
    for (int f : fields) r.clocks.cells[static_cast<size_t>(f)].seq = seq_;
    r.seq = seq_;
    bucket_seq_delta_[bucket] = seq_;
}

BucketRun& SqliteHub::run_of(ApplyResult& result, const std::string& bucket) {
    for (BucketRun& run : result.runs)
        if (run.bucket == bucket) return run;
    // The bucket's newest seq now: written earlier in this transaction, else stored.
    std::uint64_t now = 0;
    if (auto d = bucket_seq_delta_.find(bucket); d != bucket_seq_delta_.end()) {
        now = d->second;
    } else {
        Stmt q = db().prepare("SELECT seq FROM _buckets WHERE bucket=?");
        q.bind(1, bucket);
        if (q.step()) now = static_cast<std::uint64_t>(q.integer(0));
    }
    return result.runs.emplace_back(BucketRun{bucket, now, now, true});
}

void SqliteHub::wrote_locally(const TableDef& t, Record& r, std::string_view bucket, std::uint64_t mask,
                              const std::vector<std::pair<int, Value>>& sets, const Clock& clock) {
    (void)t, (void)mask, (void)clock;
    std::vector<int> fields;
    fields.reserve(sets.size());
    for (const auto& [i, v] : sets) fields.push_back(i);
    stamp(r, std::string(bucket), fields);
}

std::optional<Error> SqliteHub::merge_push(const RecordChange& rc, Known& known, const Authorize& authorize,
                                           ApplyResult& result) {
    const TableDef& t = *rc.table;
    auto [r, creates, bucket] = load_for_merge(rc, known);
    merge::Check check = merge::check_at_hub(t, creates ? nullptr : &r.values, creates ? nullptr : &r.clocks, rc,
                                             bucket, hlc_.wall_ms(), max_drift_ms_);
    if (check.verdict == merge::Verdict::Replay) return std::nullopt;
    if (check.verdict == merge::Verdict::Refuse) return check.error;
    if (authorize) {
        if (auto refusal = authorize(bucket, rc, creates)) return refusal;
    }
    for (const CellChange& c : rc.cells) hlc_.observe(c.clock.hlc);
    merge::Outcome out = merge::apply(t, {r.values, r.clocks}, rc, std::nullopt);
    if (out.taken.empty()) return std::nullopt;
    note_checksums(bucket, t, rc.id, out.taken);
    std::vector<int> fields;
    fields.reserve(out.taken.size());
    for (const merge::Taken& k : out.taken) fields.push_back(k.field);
    if (out.erased_now) result.erased.emplace_back(&t, rc.id);
    // Verbatim: every cell taken is the incoming one, value and clock, and the record
    // stays in the bucket it was in (one rehomed from "" brings cells of others along).
    bool verbatim = !out.erased_now;
    for (const merge::Taken& k : out.taken) {
        auto in = std::find_if(rc.cells.begin(), rc.cells.end(), [&](const CellChange& c) { return c.field == k.field; });
        const auto f = static_cast<size_t>(k.field);
        verbatim = verbatim && in != rc.cells.end() && in->clock == r.clocks.cells[f].clock && in->value == r.values[f];
    }
    if (!creates) {
        std::string before = bucket;
        bucket = rehome(bucket, r);
        verbatim = verbatim && bucket == before;
    }
    BucketRun& run = run_of(result, bucket);
    run.verbatim = run.verbatim && verbatim;
    stamp(r, bucket, fields);
    run.to = seq_;
    store_row(r, creates);
    result.records_changed++;
    result.cells_won += out.taken.size();
    if (creates) result.created.emplace_back(&t, rc.id);
    return std::nullopt;
}

Result<ApplyResult> SqliteHub::apply(const std::vector<RecordChange>& changes, const Authorize& authorize) {
    return guard([&] {
        ApplyResult result;
        in_write([&] {
            std::vector<Known> known = read_ahead(changes);
            for (std::size_t i = 0; i < changes.size(); ++i)
                if (auto refusal = merge_push(changes[i], known[i], authorize, result))
                    result.refused.push_back({changes[i].table->name, changes[i].id, *refusal});
        });
        // Every bucket written has its run: the list comes from them (sorted, each once).
        for (const BucketRun& run : result.runs) result.buckets_changed.push_back(run.bucket);
        std::sort(result.buckets_changed.begin(), result.buckets_changed.end());
        return result;
    });
}

Result<std::vector<Record>> SqliteHub::find(std::string_view table, std::string_view field, const Value& value,
                                            std::size_t limit) {
    return guard([&] {
        const TableDef& t = table_or_fail(table);
        if (t.field_index(field) < 0) fail(Code::Invalid, t.name + ": unknown field '" + std::string(field) + "'");
        Stmt q = db().prepare("SELECT id FROM " + quote_ident(t.name) + " WHERE " + quote_ident(std::string(field)) +
                              "=? AND coalesce(deleted,0)=0 ORDER BY id LIMIT ?");
        q.bind_value(1, value).bind(2, static_cast<std::int64_t>(limit));
        std::vector<Record> out;
        while (q.step())
            if (auto r = load(t, std::string(q.text(0)))) out.push_back(std::move(*r));
        return out;
    });
}

Result<std::vector<Record>> SqliteHub::search(std::string_view table, std::string_view field, const std::string& text,
                                              std::size_t limit) {
    return guard([&] {
        const TableDef& t = table_or_fail(table);
        int fi = t.field_index(field);
        if (fi < 0 || t.fields[static_cast<std::size_t>(fi)].type != FieldType::Text)
            fail(Code::Invalid, t.name + ": '" + std::string(field) + "' is not a text field");
        const std::string f = quote_ident(std::string(field));
        Stmt q = db().prepare("SELECT id FROM " + quote_ident(t.name) + " WHERE " + f +
                              " LIKE ? ESCAPE '\\' AND coalesce(deleted,0)=0 ORDER BY " + f + " COLLATE NOCASE, id LIMIT ?");
        q.bind(1, "%" + like_pattern(text) + "%").bind(2, static_cast<std::int64_t>(limit));
        std::vector<Record> out;
        while (q.step())
            if (auto r = load(t, std::string(q.text(0)))) out.push_back(std::move(*r));
        return out;
    });
}

Result<HubCounts> SqliteHub::counts() {
    return guard([&] {
        HubCounts c;
        for (const TableDef& t : schema().tables())
            c.records += static_cast<std::size_t>(pragma_int(("SELECT count(*) FROM " + quote_ident(t.name)).c_str()));
        c.buckets = static_cast<std::size_t>(pragma_int("SELECT count(*) FROM _buckets"));
        c.bytes = static_cast<std::uint64_t>(
            pragma_int("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"));
        std::error_code ec;
        auto wal = std::filesystem::file_size(path() + "-wal", ec);
        if (!ec) c.bytes += wal;
        return c;
    });
}

// ---- the feed --------------------------------------------------------------------------------

Result<std::map<std::string, BucketEnd>> SqliteHub::bucket_ends() {
    return guard([&] {
        std::map<std::string, BucketEnd> out;
        Stmt q = db().prepare("SELECT bucket, seq, checksum FROM _buckets WHERE bucket<>''");
        while (q.step())
            out[std::string(q.text(0))] = {static_cast<std::uint64_t>(q.integer(1)), static_cast<std::uint64_t>(q.integer(2))};
        return out;
    });
}

// A consultant's pull asks for a few buckets of thousands: looked up one by one (reading
// every bucket's row was half of the server's time per sync with 1,000 devices).
Result<std::map<std::string, BucketEnd>> SqliteHub::bucket_ends_of(const std::vector<std::string>& buckets) {
    return guard([&] {
        std::map<std::string, BucketEnd> out;
        Stmt q = db().prepare("SELECT seq, checksum FROM _buckets WHERE bucket=?");
        for (const std::string& b : buckets) {
            if (b.empty()) continue;
            q.bind(1, b);
            if (q.step()) out[b] = {static_cast<std::uint64_t>(q.integer(0)), static_cast<std::uint64_t>(q.integer(1))};
            q.reset();
        }
        return out;
    });
}

std::vector<std::pair<std::string, std::uint64_t>> SqliteHub::buckets_after(Db& db, std::uint64_t seq) {
    std::vector<std::pair<std::string, std::uint64_t>> out;
    Stmt q = db.prepare("SELECT bucket, seq FROM _buckets WHERE seq>? AND bucket<>''");
    q.bind(1, seq);
    while (q.step()) out.emplace_back(std::string(q.text(0)), static_cast<std::uint64_t>(q.integer(1)));
    return out;
}

std::uint64_t SqliteHub::last_seq(Db& db) {
    Stmt q = db.prepare("SELECT coalesce(max(seq),0) FROM _buckets");
    return q.step() ? static_cast<std::uint64_t>(q.integer(0)) : 0;
}

Result<FeedPage> SqliteHub::feed(const std::string& bucket, Cursor cursor, std::size_t limit, Site skip_site) {
    return guard([&] {
        if (limit == 0) limit = 1;
        FeedPage page;
        struct Item {
            std::uint64_t seq;
            RecordChange rc;
        };
        std::vector<Item> items;
        bool global = bucket == kGlobalBucket;
        for (size_t ti = 0; ti < schema_->tables().size(); ++ti) {
            const TableDef& t = schema_->tables()[ti];
            if ((t.bucket == BucketRule::Global) != global) continue;
            Stmt& s = feed_stmt(t);
            s.bind(1, bucket).bind(2, cursor.at).bind(3, static_cast<std::int64_t>(limit) + 1);
            int n = static_cast<int>(t.fields.size());
            while (s.step()) {
                Item it;
                it.seq = static_cast<std::uint64_t>(s.integer(n + 1));
                it.rc.table = &t;
                it.rc.id = std::string(s.text(n + 2));
                CellClocks cc = CellClocks::decode(s.blob(n), static_cast<size_t>(n));
                for (int i = 0; i < n; ++i) {
                    const Cell& c = cc.cells[static_cast<size_t>(i)];
                    if (!c.written() || c.seq <= cursor.since) continue;
                    if (skip_site != 0 && c.clock.site == skip_site) continue;
                    it.rc.cells.push_back({i, s.value(i), c.clock, c.base, c.seq});
                }
                items.push_back(std::move(it));
            }
            s.reset();
        }
        std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.seq < b.seq; });
        page.more = items.size() > limit;
        if (page.more) items.resize(limit);
        for (Item& it : items)
            if (!it.rc.cells.empty()) page.changes.push_back(std::move(it.rc));
        Stmt q = db().prepare("SELECT seq, checksum FROM _buckets WHERE bucket=?");
        q.bind(1, bucket);
        std::uint64_t max_seq = cursor.at;
        if (q.step()) {
            max_seq = std::max(cursor.at, static_cast<std::uint64_t>(q.integer(0)));
            page.checksum = static_cast<std::uint64_t>(q.integer(1));
        }
        page.to = page.more ? items.back().seq : max_seq;
        return page;
    });
}

Result<std::uint64_t> SqliteHub::count_after(const std::string& bucket, std::uint64_t seq) {
    return guard([&] {
        std::uint64_t n = 0;
        const bool global = bucket == kGlobalBucket;
        for (const TableDef& t : schema_->tables()) {
            if ((t.bucket == BucketRule::Global) != global) continue;
            Stmt& s = count_after_stmt(t);
            s.bind(1, bucket).bind(2, seq);
            if (s.step()) n += static_cast<std::uint64_t>(s.integer(0));
            s.reset();
        }
        return n;
    });
}

}  // namespace fika::sync
