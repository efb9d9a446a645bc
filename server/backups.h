// Backups that take care of themselves: `serve --backup-every 24h --keep 14` takes an
// online backup on a schedule (the same copy as `fika-server backup`), checks each one
// after writing it (SQLite: opened and PRAGMA quick_check; PostgreSQL: pg_restore --list
// reads the dump), keeps the newest `keep` and deletes older ones, and remembers how the
// last one went for /healthz and /metrics. A restart does not postpone a backup that is
// due: the schedule starts from the newest backup already in the directory.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fika::server {

class ServerStore;

struct BackupPlan {
    std::chrono::seconds every{0};  // 0: no scheduled backups
    int keep = 14;
    std::string dir;                // where they go (default DATA/backups)
    bool pg = false;                // a pg_dump archive (.dump), else an SQLite file (.db)
};

struct BackupState {
    std::int64_t last_at_ms = 0;     // when the last attempt ended (0: none yet)
    bool last_ok = false;
    std::int64_t last_ok_at_ms = 0;  // the last good one (also one found at start)
    std::string last_path, last_error;
    double last_seconds = 0;
    std::uint64_t last_bytes = 0;
    std::uint64_t failures = 0;      // since the server started
    int kept = 0;                    // good backups in the directory
};

// The backups in `dir`, oldest first (their names sort by time): the schedule's
// (fika-TIME.db, or .dump when `pg`), and with `copies` also the copies taken before a
// migration (before-migration-TIME-schemaV.db|.dump).
std::vector<std::string> backups_in(const std::string& dir, bool pg, bool copies = false);

class BackupSchedule {
public:
    BackupSchedule(ServerStore& store, BackupPlan plan, bool quiet);
    ~BackupSchedule();
    BackupSchedule(const BackupSchedule&) = delete;
    BackupSchedule& operator=(const BackupSchedule&) = delete;

    void start();
    void stop();
    BackupState state() const;

private:
    void loop();
    void take_one();
    // The backups in the directory, oldest first (their names sort by time).
    std::vector<std::string> existing() const;

    ServerStore& store_;
    BackupPlan plan_;
    bool quiet_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    BackupState state_;
    std::thread thread_;
};

}  // namespace fika::server
