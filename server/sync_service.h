// One round trip of the sync protocol (docs/protocol.md) for a signed-in user: merge the
// push (refusing what the user may not write), tell sellers of new records, note the
// device - all in one unit of work of the hub - then answer with the pages of every
// readable bucket after the device's cursors and the buckets to purge.
//
// Group commit: syncs that arrive together are merged in one unit of work with one
// commit; the commit's fsync is what a sync waits for on a busy server, and one fsync for
// many syncs keeps that wait short. Each sync's answer is built after the commit, from
// what is stored. Push order: a push that follows another one of the same device (a long
// upload) waits until that one is merged, then runs on its own.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "access_log.h"
#include "authorization.h"
#include "hub_store.h"
#include "notifications.h"
#include "protocol.h"
#include "storage/server_data.h"

namespace fika::server {

// What one sync round trip did, for the live channel and metrics.
struct SyncOutcome {
    sync::SyncResponse response;
    std::size_t accepted = 0, refused = 0;
    std::vector<std::string> buckets_changed;
    std::vector<Notification> notifications;  // created by this push
    std::vector<sync::BucketRun> runs;        // what the push wrote, per bucket (the hub's report)
    Authorization::Grants grants;             // read for the push, used again by the pull
};

struct DeviceInfo {
    std::string user_agent;
};

struct SyncOptions {
    // How long a push that follows another still unanswered one waits for it.
    std::chrono::milliseconds push_order_wait{10000};
    // How many such pushes may wait at once. Each holds a worker thread while it waits;
    // past this many the next is answered "busy" at once, so that the pushes they wait
    // for always find a free thread (fika-server: half its --workers).
    std::size_t max_waiting_pushes = 8;
};

class SyncService {
public:
    // `mu` serialises every use of the hub and the server's data (one connection);
    // ServerData::sync_checks reads through a connection of its own, outside it.
    SyncService(sync::HubStore& hub, ServerData& data, Authorization& auth, Notifier& notifier, AccessLog& log,
                std::mutex& mu, SyncOptions opts)
        : hub_(hub), data_(data), auth_(auth), notifier_(notifier), log_(log), mu_(mu), opts_(opts) {}

    // `checks`: the user's grants as the caller read them (ServerData::sync_checks); when
    // not given they are read here, before the sync waits for its group.
    Result<SyncOutcome> sync(const User& u, const sync::SyncRequest& req, const DeviceInfo& device,
                             const SyncChecks* checks = nullptr);
    // Another instance on the same database committed (its hint, LiveHub): a push waiting
    // for the one before it, merged there, looks again now rather than at its next 20 ms.
    void committed_elsewhere() { pushed_cv_.notify_all(); }

private:
    struct Job {
        const User* user;
        const sync::SyncRequest* req;
        const DeviceInfo* device;
        // The user's grants, read before the sync waited for its group (null: the user
        // reads every account). Never changed: a push works on a copy (SyncOutcome::grants).
        Authorization::Grants granted;
        std::optional<Result<SyncOutcome>> result;  // set when answered
    };
    static constexpr std::size_t kMaxGroup = 64;
    // What a group's unit of work reads once and writes once for all its syncs (on
    // PostgreSQL each is a statement).
    struct GroupWork {
        // The hub's last number, read at the first need: every cursor a device sends was
        // told before the group began.
        std::optional<std::uint64_t> end;
        std::optional<std::vector<User>> sellers;  // who is told of new records (Notifier::merged)
        std::vector<DeviceSync> devices;           // each sync's device, noted before the commit
    };

    std::vector<Result<SyncOutcome>> run_group(const std::vector<Job*>& group);
    void merge_push(const Job& j, GroupWork& gw, SyncOutcome& out);
    // Where the buckets the group's pulls may read end: one read for the whole group.
    std::map<std::string, sync::BucketEnd> group_ends(const std::vector<Job*>& group,
                                                      const std::vector<std::size_t>& live,
                                                      const std::vector<SyncOutcome>& outs);
    void answer(const Job& j, const std::map<std::string, sync::BucketEnd>& ends, SyncOutcome& out);
    void pull(const User& u, const sync::SyncRequest& req, const Authorization::Grants& grants,
              const std::map<std::string, sync::BucketEnd>& group_ends, sync::SyncResponse& resp);
    // Whether `req` asks for a pull this server answers.
    bool pulls(const sync::SyncRequest& req) const { return req.has_pull && !stranger(req); }
    // A device that synced with another incarnation of the hub: its cursors mean nothing here.
    bool stranger(const sync::SyncRequest& req) const;
    static void drop_echo(const sync::SyncRequest& req, sync::SyncResponse& resp);
    void wait_for_push(sync::Site site, std::uint64_t follows, std::unique_lock<std::mutex>& lock);
    void pushed(sync::Site site, std::uint64_t upto);
    // After a commit: extends the device's own stretches by what its push wrote.
    void note_runs(sync::Site site, const std::vector<sync::BucketRun>& runs);
    // Where a pull of `bucket` from `cursor` by this device may start reading.
    std::uint64_t read_from(sync::Site site, const std::string& bucket, const sync::Cursor& cursor) const;

    sync::HubStore& hub_;
    ServerData& data_;
    Authorization& auth_;
    Notifier& notifier_;
    AccessLog& log_;
    std::mutex& mu_;
    SyncOptions opts_;
    std::condition_variable pushed_cv_;
    std::mutex queue_mu_;  // guards queue_ and leading_ (never held with mu_ waited for)
    std::condition_variable group_done_;
    std::deque<Job*> queue_;  // syncs waiting for the next group
    bool leading_ = false;    // a sync is running a group now
    std::unordered_map<sync::Site, std::uint64_t> merged_upto_;  // per device: its last merged push
    std::size_t waiting_pushes_ = 0;                             // in wait_for_push now
    // Per device and bucket, a stretch (from, to] of the bucket's sequence holding only
    // cells that device pushed, as it pushed them, each push following on the one before
    // with nobody else's write between. Its incremental pull from inside the stretch
    // starts at its end: what lies between is on the device already (a long upload would
    // otherwise read every row it wrote back, to send none of them).
    struct OwnKey {
        sync::Site site;
        std::string bucket;
        bool operator==(const OwnKey&) const = default;
    };
    struct OwnKeyHash {
        std::size_t operator()(const OwnKey& k) const {
            return std::hash<sync::Site>()(k.site) ^ std::hash<std::string>()(k.bucket) * 31;
        }
    };
    std::unordered_map<OwnKey, std::pair<std::uint64_t, std::uint64_t>, OwnKeyHash> own_;
};

}  // namespace fika::server
