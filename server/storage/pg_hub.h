// The hub on PostgreSQL (issue 21): sync::HubStore over one libpq connection, with the
// engine's merge rules (sync/merge.h) and per-cell clocks, so a device cannot tell it
// from the SQLite hub. The feed's order is safe with several writers: a unit of work
// locks the row of each bucket it writes, in bucket order, before it takes sequence
// numbers (docs/ARCHITECTURE.md, "The feed on PostgreSQL"); a feed page is read in one
// snapshot.
//
// Tables (created at open, in the connection's schema)
//   hub_meta(key, value)                    site, incarnation, schema version
//   hub_buckets(bucket, seq, checksum, xid) per bucket: the newest seq, the XOR checksum,
//                                           the transaction that last changed it (xid8);
//                                           its row is the bucket's writers' lock
//   hub_seq                                 the sequence numbers (global; a bucket's feed
//                                           has gaps)
//   one table per user table: id, the fields (bigint, double precision or text),
//   _clocks (bytea: cellclocks.h with sequence numbers), _seq, _only_site (the site
//   that wrote every written cell, else NULL: a device's pull leaves its own rows out)
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "hub_store.h"
#include "pg.h"

namespace fika::server {

struct PgHubOptions {
    sync::WallClock wall = sync::system_wall_clock();
    std::uint64_t max_drift_ms = 10 * 60 * 1000;
    // Where PgStorage::open puts a pg_dump of a database an older fika-server wrote before
    // it migrates it ("": no copy).
    std::string before_migration_dir;
};

// The layout of the hub's own PostgreSQL tables (hub_meta's pg_schema): bumped with every
// change of PgHub::migrate_tables's DDL.
inline constexpr int kPgHubSchema = 2;

class PgHub : public sync::HubStore {
public:
    // Connects and creates or migrates the tables. Errors: Storage (unreachable),
    // SchemaTooNew (written by a newer Fika).
    static sync::Result<std::unique_ptr<PgHub>> open(const std::string& conninfo, const PgHubOptions& opts = {});

    sync::Result<std::unique_ptr<Work>> begin(sync::Durability d = sync::Durability::Full) override;
    sync::Result<std::unique_ptr<Work>> begin_read() override;
    const sync::Schema& schema() const override { return *schema_; }
    sync::Site site() const override { return site_; }
    std::uint64_t hlc_last() const override { return hlc_.last(); }
    std::uint64_t now_ms() const override { return hlc_.wall_ms(); }
    std::uint64_t hub_seq() const override;
    std::uint64_t incarnation() const override { return incarnation_; }
    sync::Result<std::uint64_t> new_incarnation() override;

    sync::Result<sync::ApplyResult> apply(const std::vector<sync::RecordChange>& changes,
                                          const sync::Authorize& authorize) override;
    sync::Result<std::uint64_t> count_after(const std::string& bucket, std::uint64_t seq) override;
    sync::Result<sync::FeedPage> feed(const std::string& bucket, sync::Cursor cursor, std::size_t limit,
                                      sync::Site skip_site = 0) override;
    sync::Result<std::map<std::string, sync::BucketEnd>> bucket_ends() override;
    sync::Result<std::map<std::string, sync::BucketEnd>> bucket_ends_of(const std::vector<std::string>& buckets) override;
    sync::Result<std::uint64_t> bucket_checksum(const std::string& bucket) override;
    sync::Result<sync::Record> get(std::string_view table, const std::string& id) override;
    sync::Result<std::vector<sync::Record>> find(std::string_view table, std::string_view field,
                                                 const sync::Value& value, std::size_t limit) override;
    sync::Result<std::vector<sync::Record>> search(std::string_view table, std::string_view field,
                                                   const std::string& text, std::size_t limit) override;
    sync::Result<std::string> create(std::string_view table, sync::Fields fields) override;
    sync::Status update(std::string_view table, const std::string& id, sync::Fields fields) override;
    sync::Result<std::vector<std::pair<const sync::TableDef*, std::string>>> records_about(
        const std::string& contact_id) override;
    sync::Result<sync::Erasure> erase_person(const std::string& contact_id) override;
    sync::Result<sync::HubCounts> counts() override;

    // Every record with its clocks, as SqliteReplica::dump writes it (tests compare them).
    sync::Result<std::string> dump(bool with_clocks = false);

protected:
    PgHub() = default;
    // For a derived storage's open(): connects and migrates the hub's tables (throws Failure).
    void open_hub(const std::string& conninfo, const PgHubOptions& opts);
    // Runs fn in the open unit of work, or in a transaction of its own (throws Failure).
    template <typename Fn>
    void in_work(Fn&& fn, sync::Durability d = sync::Durability::Full);
    pg::Connection& connection() { return db_; }
    const std::string& conninfo() const { return conninfo_; }

    // Connects again when the connection broke and no unit of work is open.
    void ensure_connected() const;
    // The open unit of work wrote something the live channel tells of (a notification):
    // other instances get a hint at its commit, as for changed buckets.
    void hint_at_commit() { hinted_ = true; }

private:
    class PgWork;
    class PgRead;
    void connect();
    void migrate();
    // The DDL of migrate(), under an advisory lock; `meta` reads hub_meta.
    void migrate_tables(const std::function<std::optional<std::string>(const char*)>& meta);
    void begin_tx(sync::Durability d);
    void commit_tx();
    void rollback_tx();

    std::optional<sync::Record> load(const sync::TableDef& t, const std::string& id);
    std::vector<sync::Record> load_rows(const sync::TableDef& t, const std::string& where,
                                        const std::vector<pg::Param>& params);
    // The statement load_rows runs (fields, _clocks, _seq, id), and the records of its answer.
    static std::string select_rows(const sync::TableDef& t, const std::string& where);
    static std::vector<sync::Record> rows_of(const sync::TableDef& t, const pg::Result& r);
    void store(const sync::Record& r);
    // Locks the buckets' rows (creating missing ones), in bucket order.
    void lock_buckets(std::vector<std::string> buckets);
    // The statements that do so, for a pipeline of the caller's (those not locked yet);
    // with the pipeline's answers, locked() notes each bucket's newest number then.
    struct Lock {
        std::string bucket;
        std::size_t answer;  // its SELECT ... FOR UPDATE in the caller's statements
    };
    std::vector<Lock> lock_statements(std::vector<std::string> buckets, std::vector<pg::Connection::Statement>& out);
    void locked(const std::vector<Lock>& locks, const std::vector<pg::Result>& answers);
    // A push's stretch in `bucket` (sync::BucketRun): it starts at the bucket's newest
    // number, from this unit of work or from when it was locked.
    sync::BucketRun& run_of(sync::ApplyResult& result, const std::string& bucket);
    // Merges one change into `r` (loaded, or blank when new); nullopt or a refusal.
    // `stored`: false leaves the row to the caller (a push stores its rows a chunk at a time).
    std::optional<sync::Error> merge_one(const sync::RecordChange& rc, sync::Record& r, bool creates,
                                         const sync::Authorize* authorize, bool local, sync::ApplyResult& result,
                                         bool* stored = nullptr);
    // The statement that stores `rows` of `t` (each id once). `fresh`: none of them was
    // there when this unit of work read them, so a plain INSERT (no ON CONFLICT: its
    // speculative insertion costs PostgreSQL about half as much again per row); should
    // another instance store one meanwhile, it fails (unique_violation).
    pg::Connection::Statement store_statement(const sync::TableDef& t, const std::vector<const sync::Record*>& rows,
                                              bool fresh);
    static constexpr std::size_t kStoreChunk = 1000;  // rows per statement
    std::uint64_t next_seq();
    // The clock sees every written cell of `r` (before a local write replaces them).
    void observe_cells(const sync::Record& r);
    // A local write of the hub's own: new cells with a new clock of this site.
    void write_local(const sync::TableDef& t, const std::string& id, std::vector<std::pair<int, sync::Value>> sets,
                     bool creates);

    mutable pg::Connection db_;
    std::string conninfo_;
    const sync::Schema* schema_ = &sync::Schema::current();
    sync::Hlc hlc_;
    sync::Rng rng_;
    sync::Site site_ = 0;
    std::uint64_t incarnation_ = 0;
    std::uint64_t max_drift_ms_ = 0;
    int depth_ = 0;            // units of work open (nested ones join the outer)
    bool poisoned_ = false;    // a storage failure inside: the outer unit rolls back
    std::unordered_map<std::string, std::uint64_t> checksum_delta_;  // per bucket, this transaction
    std::unordered_map<std::string, std::uint64_t> seq_delta_;
    std::unordered_map<std::string, std::uint64_t> seq_at_lock_;  // per bucket locked, its newest number then
    std::vector<std::uint64_t> seq_block_;  // numbers taken, not used yet
    bool hinted_ = false;                   // see hint_at_commit
};

template <typename Fn>
void PgHub::in_work(Fn&& fn, sync::Durability d) {
    begin_tx(d);
    try {
        fn();
    } catch (...) {
        rollback_tx();
        throw;
    }
    commit_tx();
}

}  // namespace fika::server
