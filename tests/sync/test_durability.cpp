// When each kind of write waits for the disk (sync::Durability), and that checkpoints run
// off the writer's path (sync::WalCheckpointer). A VFS that wraps SQLite's own counts the
// fsyncs of each file and which thread asked for them.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "encrypted_vfs.h"
#include "sqlite.h"
#include "store.h"
#include "synctest.h"
#include "testutil.h"

using namespace fika::sync;
using fika::test::FakeWall;
using fika::test::TempDir;

namespace {

// ---- a VFS that counts syncs ------------------------------------------------------------

struct Counts {
    std::mutex mu;
    std::map<std::string, int> wal, db;  // syncs per file path
    std::set<std::thread::id> db_syncers;   // threads that synced a database file
    int wal_syncs(const std::string& db_path) {
        std::lock_guard lock(mu);
        return wal[db_path + "-wal"];
    }
};
Counts g_counts;
sqlite3_vfs* g_real = nullptr;

struct File {
    sqlite3_file base;  // first: SQLite sees a File* as an sqlite3_file*
    sqlite3_file* real;
    std::string path;
    bool is_wal;
    bool is_db;
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

int x_close(sqlite3_file* f) {
    File* me = reinterpret_cast<File*>(f);
    int rc = me->real->pMethods ? me->real->pMethods->xClose(me->real) : SQLITE_OK;
    sqlite3_free(me->real);
    me->path.~basic_string();
    return rc;
}
int x_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return real(f)->pMethods->xRead(real(f), b, n, o); }
int x_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
    return real(f)->pMethods->xWrite(real(f), b, n, o);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 n) { return real(f)->pMethods->xTruncate(real(f), n); }
int x_sync(sqlite3_file* f, int flags) {
    File* me = reinterpret_cast<File*>(f);
    {
        std::lock_guard lock(g_counts.mu);
        if (me->is_wal) ++g_counts.wal[me->path];
        if (me->is_db) {
            ++g_counts.db[me->path];
            g_counts.db_syncers.insert(std::this_thread::get_id());
        }
    }
    return me->real->pMethods->xSync(me->real, flags);
}
int x_size(sqlite3_file* f, sqlite3_int64* n) { return real(f)->pMethods->xFileSize(real(f), n); }
int x_lock(sqlite3_file* f, int l) { return real(f)->pMethods->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return real(f)->pMethods->xUnlock(real(f), l); }
int x_check(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_fcntl(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_chars(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
    return real(f)->pMethods->xShmMap(real(f), pg, sz, extend, p);
}
int x_shm_lock(sqlite3_file* f, int off, int n, int flags) { return real(f)->pMethods->xShmLock(real(f), off, n, flags); }
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }

const sqlite3_io_methods kMethods = {2,          x_close, x_read,   x_write,       x_truncate,  x_sync,
                                     x_size,     x_lock,  x_unlock, x_check,       x_fcntl,     x_sector,
                                     x_chars,    x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, nullptr,
                                     nullptr};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
    File* me = reinterpret_cast<File*>(f);
    me->base.pMethods = nullptr;
    me->real = static_cast<sqlite3_file*>(sqlite3_malloc(g_real->szOsFile));
    if (!me->real) return SQLITE_NOMEM;
    std::memset(me->real, 0, static_cast<size_t>(g_real->szOsFile));
    int rc = g_real->xOpen(g_real, name, me->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        sqlite3_free(me->real);
        return rc;
    }
    new (&me->path) std::string(name ? name : "");
    me->is_wal = flags & SQLITE_OPEN_WAL;
    me->is_db = flags & SQLITE_OPEN_MAIN_DB;
    me->base.pMethods = &kMethods;
    return SQLITE_OK;
}

// Installs the counting VFS as the default for its lifetime.
struct CountingVfs {
    sqlite3_vfs vfs{};
    CountingVfs() {
        sqlite3_initialize();
        g_real = sqlite3_vfs_find(nullptr);
        vfs = *g_real;
        vfs.zName = "fika-counting";
        vfs.szOsFile = static_cast<int>(sizeof(File));
        vfs.xOpen = x_open;
        vfs.pNext = nullptr;
        REQUIRE(sqlite3_vfs_register(&vfs, 1) == SQLITE_OK);
    }
    ~CountingVfs() {
        sqlite3_vfs_unregister(&vfs);
        sqlite3_vfs_register(g_real, 1);
    }
};

using fika::test::open_store;

std::string filler(std::size_t n, char c) { return std::string(n, c); }

}  // namespace

// The devices' files plain, then encrypted at rest (the keyed VFS passes every sync through).
struct DeviceKeys {
    std::vector<std::string> paths;
    DeviceKeys(bool encrypted, std::vector<std::string> p) : paths(std::move(p)) {
        if (encrypted)
            for (const auto& path : paths) crypt::use_key(path, crypt::random_key());
    }
    ~DeviceKeys() {
        for (const auto& path : paths) crypt::forget_key(path);
    }
};

TEST_CASE("local writes wait for the disk - pulled pages, acks and purges do not") {
    const bool encrypted = GENERATE(false, true);
    CountingVfs counting;
    TempDir dir;
    FakeWall wall;
    std::string hub_path = dir.file("hub.db"), a_path = dir.file("a.db"), b_path = dir.file("b.db");
    DeviceKeys keys(encrypted, {a_path, b_path});
    INFO((encrypted ? "encrypted" : "plain"));
    auto hub = open_hub(hub_path, wall, 1);
    auto a = open_store(a_path, Role::Device, wall, 2);
    auto b = open_store(b_path, Role::Device, wall, 3);

    // A local write is on disk when create() returns.
    int before = g_counts.wal_syncs(a_path);
    auto acct = a->create("accounts", {{"name", fika::sync::text("Acme")}});
    REQUIRE(acct.ok());
    for (int i = 0; i < 20; ++i)
        REQUIRE(a->create("cases", {{"account_id", fika::sync::text(*acct)}, {"title", fika::sync::text("case " + std::to_string(i))}}).ok());
    CHECK(g_counts.wal_syncs(a_path) >= before + 21);

    // The hub's merge of a push is on disk before the device hears of it; the device's
    // acknowledgement waits for nothing (lost, it only sends the push again).
    auto batch = a->pending(1000);
    REQUIRE(batch.ok());
    int hub_before = g_counts.wal_syncs(hub_path);
    auto res = hub->apply(batch->changes, {});
    REQUIRE(res.ok());
    CHECK(g_counts.wal_syncs(hub_path) > hub_before);
    before = g_counts.wal_syncs(a_path);
    REQUIRE(a->ack(batch->upto, res->refused).ok());
    CHECK(g_counts.wal_syncs(a_path) == before);
    CHECK(a->pending_count() == 0);

    // Pulled pages (with their cursors) wait for nothing either: the hub keeps them.
    before = g_counts.wal_syncs(b_path);
    fika::test::pull_all(*b, *hub, 5);
    CHECK(g_counts.wal_syncs(b_path) == before);
    REQUIRE(b->all("cases")->size() == 20);
    // ... nor does losing the bucket.
    REQUIRE(b->purge_bucket(*acct).ok());
    CHECK(g_counts.wal_syncs(b_path) == before);

    // A local write inside a Redoable batch makes the batch wait for the disk.
    {
        Store::Batch redo(*b, Durability::Redoable);
        REQUIRE(b->create("accounts", {{"name", fika::sync::text("Beta")}}).ok());
        REQUIRE(redo.commit().ok());
    }
    CHECK(g_counts.wal_syncs(b_path) > before);
    before = g_counts.wal_syncs(b_path);
    // And after it the connection is back to waiting for every write.
    REQUIRE(b->create("accounts", {{"name", fika::sync::text("Gamma")}}).ok());
    CHECK(g_counts.wal_syncs(b_path) > before);

    // Everything is in the file (a process that dies here loses none of it).
    b.reset();
    b = open_store(b_path, Role::Device, wall, 3);
    CHECK(b->all("accounts")->size() == 2);
    CHECK(b->all("cases")->empty());
}

TEST_CASE("the WAL is checkpointed by its own thread - not inside commits - and stays bounded") {
    const bool encrypted = GENERATE(false, true);
    CountingVfs counting;
    TempDir dir;
    FakeWall wall;
    std::string path = dir.file("a.db");
    DeviceKeys keys(encrypted, {path});
    INFO((encrypted ? "encrypted" : "plain"));
    auto a = open_store(path, Role::Device, wall, 2);
    REQUIRE(a->checkpointer() != nullptr);
    auto acct = a->create("accounts", {{"name", fika::sync::text("Acme")}});
    REQUIRE(acct.ok());
    {
        std::lock_guard lock(g_counts.mu);  // opening a new file may sync it; count from here
        g_counts.db_syncers.clear();
    }
    int notes = 0;
    // 40 * 40 notes of 5,000 characters: ~200 KiB a commit.
    auto commit_notes = [&](int round) {
        Store::Batch batch(*a);
        for (int i = 0; i < 40; ++i, ++notes)
            REQUIRE(a->create("notes", {{"account_id", fika::sync::text(*acct)},
                                        {"body", fika::sync::text(filler(5000, static_cast<char>('a' + round % 26)))}})
                        .ok());
        REQUIRE(batch.commit().ok());
    };
    auto wal_size = [&] {
        std::error_code ec;
        auto n = std::filesystem::file_size(path + "-wal", ec);
        return ec ? std::uintmax_t{0} : n;
    };

    SECTION("writes with pauses between them, as in the app: no commit checkpoints") {
        std::uintmax_t biggest = 0;
        for (int round = 0; round < 60; ++round) {  // ~12 MiB
            commit_notes(round);
            biggest = std::max(biggest, wal_size());
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        CHECK(a->checkpointer()->background_runs() >= 1);
        CHECK(a->checkpointer()->inline_runs() == 0);
        {
            // The database file was synced only by checkpoints, never by this thread.
            std::lock_guard lock(g_counts.mu);
            CHECK(g_counts.db[path] >= 1);
            CHECK(g_counts.db_syncers.count(std::this_thread::get_id()) == 0);
        }
        // The WAL starts over once checkpointed: it never held all 12 MiB.
        INFO("largest WAL: " << biggest << " bytes");
        CHECK(biggest < 8u * 1024 * 1024);
    }
    SECTION("commits back to back, as in an upload: the WAL still stays bounded") {
        std::uintmax_t biggest = 0;
        for (int round = 0; round < 200; ++round) {  // ~40 MiB
            commit_notes(round);
            biggest = std::max(biggest, wal_size());
        }
        INFO("largest WAL: " << biggest << " bytes, checkpoints: " << a->checkpointer()->background_runs()
                             << " by the thread, " << a->checkpointer()->inline_runs() << " by commits");
        CHECK(biggest < 16u * 1024 * 1024);
        CHECK(a->checkpointer()->background_runs() >= 1);
    }
    SECTION("one small write per transaction, back to back: one checkpoint by the thread, the rest inline") {
        // A checkpoint beside every one of a stream of small commits, each waiting for the
        // disk, slowed them all (fika-bench-engine's local_write_per_txn); so did a WAL
        // that only started over at 3,000 pages.
        std::uintmax_t biggest = 0;
        for (int i = 0; i < 600; ++i) {
            REQUIRE(a->create("notes", {{"account_id", fika::sync::text(*acct)}, {"body", fika::sync::text("short")}})
                        .ok());
            biggest = std::max(biggest, wal_size());
        }
        INFO("largest WAL: " << biggest << " bytes; " << a->checkpointer()->background_runs() << " checkpoints by the thread, "
                             << a->checkpointer()->inline_runs() << " by commits");
        CHECK(a->checkpointer()->background_runs() >= 1);
        CHECK(a->checkpointer()->background_runs() <= a->checkpointer()->inline_runs() + 1);
        CHECK(a->checkpointer()->inline_runs() >= 1);
        CHECK(biggest < 8u * 1024 * 1024);
        notes += 600;
    }
    CHECK(a->all("notes")->size() == static_cast<size_t>(notes));
    a.reset();
    a = open_store(path, Role::Device, wall, 2);
    CHECK(a->all("notes")->size() == static_cast<size_t>(notes));
}
