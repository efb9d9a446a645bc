#include "backups.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "export.h"
#include "server_store.h"

namespace fika::server {

namespace fs = std::filesystem;

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr const char* kPrefix = "fika-";

// fika-20261205-131900Z.db: names sort by time, and say it to whoever lists the directory.
std::string name_at(std::int64_t ms, bool pg) {
    return kPrefix + sync::utc_text(ms / 1000, "%Y%m%d-%H%M%SZ") + (pg ? ".dump" : ".db");
}

}  // namespace

BackupSchedule::BackupSchedule(ServerStore& store, BackupPlan plan, bool quiet)
    : store_(store), plan_(std::move(plan)), quiet_(quiet) {}

BackupSchedule::~BackupSchedule() { stop(); }

void BackupSchedule::start() {
    if (plan_.every.count() <= 0 || thread_.joinable()) return;
    std::error_code ec;
    fs::create_directories(plan_.dir, ec);
    // The newest good backup already there starts the schedule (a restart does not
    // postpone one that is due); without one, the first is taken now.
    auto there = existing();
    {
        std::lock_guard lock(mu_);
        state_.kept = static_cast<int>(there.size());
        if (!there.empty()) {
            auto t = fs::last_write_time(there.back(), ec);
            if (!ec)
                state_.last_ok_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::file_clock::to_sys(t).time_since_epoch())
                                           .count();
            state_.last_path = there.back();
            state_.last_ok = true;
        }
    }
    thread_ = std::thread([this] { loop(); });
}

void BackupSchedule::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

BackupState BackupSchedule::state() const {
    std::lock_guard lock(mu_);
    return state_;
}

std::vector<std::string> backups_in(const std::string& dir, bool pg, bool copies) {
    std::vector<std::string> out;
    std::error_code ec;
    const std::string ext = pg ? ".dump" : ".db";
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string name = e.path().filename().string();
        bool ours = name.rfind(kPrefix, 0) == 0 || (copies && name.rfind("before-migration-", 0) == 0);
        if (e.is_regular_file(ec) && ours && name.size() > ext.size() &&
            name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
            out.push_back(e.path().string());
    }
    // Scheduled ones by name (= time); copies before migrating sort apart by their prefix,
    // so order all by the time the name carries.
    auto stamp = [](const std::string& p) {
        std::string n = fs::path(p).filename().string();
        std::size_t at = n.find_first_of("0123456789");
        return at == std::string::npos ? n : n.substr(at);
    };
    std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return stamp(a) < stamp(b); });
    return out;
}

std::vector<std::string> BackupSchedule::existing() const { return backups_in(plan_.dir, plan_.pg); }

void BackupSchedule::loop() {
    // After a failure the next try comes sooner than a whole period (a full disk that is
    // cleared, a directory that is mounted again), but never in a tight loop.
    const auto retry = std::min<std::chrono::seconds>(plan_.every, std::chrono::minutes(15));
    for (;;) {
        {
            std::unique_lock lock(mu_);
            bool failed_last = state_.last_at_ms > 0 && !state_.last_ok;
            std::int64_t due_ms = failed_last ? state_.last_at_ms + retry.count() * 1000
                                              : state_.last_ok_at_ms + static_cast<std::int64_t>(plan_.every.count()) * 1000;
            auto wait = std::chrono::milliseconds(std::max<std::int64_t>(0, due_ms - now_ms()));
            if (cv_.wait_for(lock, wait, [this] { return stopping_; })) return;
        }
        take_one();
    }
}

void BackupSchedule::take_one() {
    const std::int64_t start = now_ms();
    std::string path = (fs::path(plan_.dir) / name_at(start, plan_.pg)).string();
    std::string error;
    std::error_code ec;
    fs::create_directories(plan_.dir, ec);
    // Written beside its name, read back (the storage engine checks it), then named.
    sync::Status st = store_.backup(path);
    if (!st.ok()) error = st.error().message;
    const std::int64_t end = now_ms();
    std::uint64_t bytes = error.empty() ? static_cast<std::uint64_t>(fs::file_size(path, ec)) : 0;
    int kept = 0;
    if (error.empty()) {
        // The newest `keep` stay; the oldest go (only after a good one was added).
        auto there = existing();
        while (there.size() > static_cast<std::size_t>(std::max(1, plan_.keep))) {
            fs::remove(there.front(), ec);
            there.erase(there.begin());
        }
        kept = static_cast<int>(there.size());
        // Content no kept backup can name leaves the pool (each backup file bears its start).
        if (const ContentStore* content = store_.content(); content && !there.empty()) {
            auto oldest = fs::last_write_time(there.front(), ec);
            if (!ec) {
                auto dropped = content->prune(backup_content_pool(path), oldest);
                if (!dropped.ok()) error = dropped.error().message;
            }
        }
    }
    {
        std::lock_guard lock(mu_);
        state_.last_at_ms = end;
        state_.last_ok = error.empty();
        state_.last_seconds = static_cast<double>(end - start) / 1000.0;
        state_.last_error = error;
        if (error.empty()) {
            state_.last_ok_at_ms = end;
            state_.last_path = path;
            state_.last_bytes = bytes;
            state_.kept = kept;
        } else {
            ++state_.failures;
        }
    }
    if (!error.empty())
        std::fprintf(stderr, "fika-server: scheduled backup FAILED: %s\n", error.c_str());  // always said
    else if (!quiet_)
        std::fprintf(stderr, "fika-server: backup %s (%llu bytes, checked; %d kept)\n", path.c_str(),
                     static_cast<unsigned long long>(bytes), kept);
}

}  // namespace fika::server
