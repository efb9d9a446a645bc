// What the benchmarks share: case-shaped rows, the plain-SQLite baseline table, timing
// and JSON-line output.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sqlite.h"
#include "sqlite_hub.h"
#include "store.h"

namespace fika::bench {

using SteadyClock = std::chrono::steady_clock;

inline double seconds_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

inline void line(const std::string& json) {
    std::printf("%s\n", json.c_str());
    std::fflush(stdout);
}

inline std::string fmt(double v) {
    char b[64];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

template <typename T>
T must(sync::Result<T> r, const char* what) {
    if (!r.ok()) {
        std::fprintf(stderr, "%s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}

// Case-shaped rows: an account, a title, a ~200-character need, a value, a stage.
inline std::vector<sync::Fields> make_rows(std::size_t n, const std::string& account, sync::Rng& rng) {
    static const char* words[] = {"data", "platform", "migration", "cloud", "integration", "support",
                                  "training", "analysis", "security", "upgrade", "pilot", "roadmap"};
    std::vector<sync::Fields> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string need;
        while (need.size() < 200) need += std::string(words[rng() % 12]) + " ";
        need.resize(200);
        rows.push_back({{"account_id", sync::text(account)},
                        {"title", sync::text("Case " + std::to_string(i) + ": " + words[rng() % 12] + " " + words[rng() % 12])},
                        {"need", sync::text(need)},
                        {"value", std::int64_t(10000 + static_cast<std::int64_t>(rng() % 1000000))},
                        {"currency", sync::text("DKK")},
                        {"stage", sync::text("spotted")},
                        {"found_by", sync::text("consultant-1")},
                        {"deleted", std::int64_t{0}}});
    }
    return rows;
}

// The plain baseline: the same table as the engine's `cases`, without _clocks/_seq, with
// the same index, WAL, synchronous=FULL and page cache.
struct Plain {
    sync::Db db;
    sync::Stmt insert;

    explicit Plain(const std::string& path) : db(path, true) {
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        db.exec("PRAGMA cache_size=-32768");
        const sync::TableDef* t = sync::Schema::current().table("cases");
        std::string ddl = "CREATE TABLE cases(id TEXT PRIMARY KEY NOT NULL";
        for (const sync::FieldDef& f : t->fields) {
            std::string type = f.type == sync::FieldType::Integer || f.type == sync::FieldType::Bool ? "INTEGER" : "TEXT";
            ddl += ", " + f.name + " " + type;
        }
        db.exec(ddl + ")");
        db.exec("CREATE INDEX cases_by_account ON cases(account_id)");
        std::string names = "id", qs = "?";
        for (const char* c : {"account_id", "title", "need", "value", "currency", "stage", "found_by", "deleted"}) {
            names += std::string(",") + c;
            qs += ",?";
        }
        insert = db.prepare("INSERT INTO cases(" + names + ") VALUES(" + qs + ")");
    }
    void add(const std::string& id, const sync::Fields& r) {
        insert.bind(1, id);
        int i = 2;
        for (auto& [k, v] : r) insert.bind_value_ref(i++, v);
        insert.run();
        insert.reset();
    }
};

inline std::uint64_t file_bytes(sync::Db& db) {
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    sync::Stmt pc = db.prepare("PRAGMA page_count");
    pc.step();
    sync::Stmt ps = db.prepare("PRAGMA page_size");
    ps.step();
    return static_cast<std::uint64_t>(pc.integer(0) * ps.integer(0));
}

inline std::unique_ptr<sync::Store> open_store(const std::string& path, sync::Role role) {
    if (role != sync::Role::Device) std::abort();  // a hub: sync::SqliteHub::open
    return must(sync::Store::open(path, {}), path.c_str());
}

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace fika::bench
