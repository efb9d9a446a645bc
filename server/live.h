// The live channel's hub (GET /v1/events): which open event streams hear of which
// committed changes and notifications.
//
// Streams are told what the database says, never what this instance alone did: one
// reader thread per instance reads what committed after the instance's position
// (ServerData::live_changes) whenever it is woken - by a sync committed here, by a hint
// that another instance committed (ServerStore::hints(): PostgreSQL's LISTEN/NOTIFY), and
// every --live-poll seconds (2) in case a hint was lost - and hands each stream the buckets it may
// read and its user's notifications. Every event batch ends with an SSE `id:` naming the
// position after it; a client that reconnects (to any instance of the same database)
// sends it as Last-Event-ID and is first told what committed since, so nothing is missed.
// A stream may hear of a bucket twice; it never misses one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server_store.h"

namespace fika::server {

struct LiveConn {
    User user;
    std::string token;
    std::deque<std::string> events;  // SSE blocks, ready to write
    LivePosition position;           // what this stream has been told up to
    LivePosition opened;             // where it started: its first event (hello) names it
    bool joined = false;             // follows the instance's reader (caught up)
    // What it was told, so that a repeat is not sent again (cleared when large).
    std::map<std::string, std::uint64_t> told_buckets;
    std::set<std::int64_t> told_notifications;
};

class LiveHub {
public:
    // `poll`: how often the reader reads without being woken (a hint may be lost).
    LiveHub(ServerStore& store, std::size_t cap, std::chrono::milliseconds poll,
            std::function<void(const std::string&)> log = {});
    ~LiveHub();
    LiveHub(const LiveHub&) = delete;
    LiveHub& operator=(const LiveHub&) = delete;

    // Starts the reader (and the hint listener, when the storage gives hints).
    void start();
    // A new stream for `u`, first told what committed after `last_event_id` (the SSE id a
    // reconnecting client sends; empty: from now). Errors: Busy (the cap is reached, or the
    // server is stopping), Storage (the database cannot be read).
    Result<std::shared_ptr<LiveConn>> open(const User& u, const std::string& token, const std::string& last_event_id);
    void close(const std::shared_ptr<LiveConn>& c);
    std::size_t size();
    // Something committed on this instance: read now.
    void wake();
    // Waits up to `timeout` for events of `c`; false when the server is stopping.
    bool wait(LiveConn& c, std::chrono::milliseconds timeout, std::vector<std::string>& out);
    // The SSE id of the position `c` has been told up to.
    std::string id_of(const LiveConn& c);
    // The SSE id of where `c` opened. The stream's first event carries it: a client cut off
    // before any other event resumes from there, not from whenever it reconnects.
    std::string opened_id(const LiveConn& c) const;
    void shutdown();

private:
    void reader_loop();
    void listener_loop();
    // Queues for `c` what of `batch` it may see and was not told (caller holds no lock).
    void deliver(LiveConn& c, const LiveBatch& batch, std::vector<std::string>& out);
    std::string render_id(const LivePosition& p) const;
    bool parse_id(const std::string& id, LivePosition& p) const;

    ServerStore& store_;
    std::size_t cap_;
    std::chrono::milliseconds poll_;
    std::function<void(const std::string&)> log_;
    std::unique_ptr<ChangeHints> hints_;
    std::uint64_t incarnation_ = 0;
    std::mutex mu_;
    std::condition_variable cv_;         // streams: events queued; the reader: woken
    std::vector<std::shared_ptr<LiveConn>> conns_;
    LivePosition position_;              // the reader's: everything before it handed out
    bool position_valid_ = false;        // false while no stream follows the reader
    bool woken_ = false;
    bool stopping_ = false;
    std::thread reader_, listener_;
};

}  // namespace fika::server
