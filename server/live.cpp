#include "live.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "admin_json.h"

namespace fika::server {

using json = nlohmann::json;

namespace {

constexpr std::size_t kMaxTold = 10000;         // per stream, before its memory is cleared
constexpr std::size_t kMaxResumed = 1000;       // notifications a resumed stream is sent at most

bool parse_u64(const std::string& s, std::uint64_t& out) {
    if (s.empty() || s.size() > 20 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::strtoull(s.c_str(), nullptr, 10);
    return true;
}

}  // namespace

LiveHub::LiveHub(ServerStore& store, std::size_t cap, std::chrono::milliseconds poll,
                 std::function<void(const std::string&)> log)
    : store_(store), cap_(cap), poll_(poll), log_(std::move(log)), incarnation_(store.incarnation()) {}

LiveHub::~LiveHub() {
    shutdown();
    if (reader_.joinable()) reader_.join();
    if (listener_.joinable()) listener_.join();
}

void LiveHub::start() {
    hints_ = store_.hints();
    reader_ = std::thread([this] { reader_loop(); });
    if (hints_) listener_ = std::thread([this] { listener_loop(); });
}

std::string LiveHub::render_id(const LivePosition& p) const {
    return sync::site_to_string(incarnation_) + "-" + std::to_string(p.changes) + "-" + std::to_string(p.notifications);
}

bool LiveHub::parse_id(const std::string& id, LivePosition& p) const {
    auto a = id.find('-');
    auto b = a == std::string::npos ? a : id.find('-', a + 1);
    if (b == std::string::npos) return false;
    sync::Site inc = 0;
    if (!sync::parse_site(id.substr(0, a), inc) || inc != incarnation_) return false;
    return parse_u64(id.substr(a + 1, b - a - 1), p.changes) && parse_u64(id.substr(b + 1), p.notifications);
}

Result<std::shared_ptr<LiveConn>> LiveHub::open(const User& u, const std::string& token,
                                                const std::string& last_event_id) {
    auto c = std::make_shared<LiveConn>();
    c->user = u;
    c->token = token;
    {
        std::lock_guard lock(mu_);
        if (stopping_ || conns_.size() >= cap_)
            return Error{Code::Busy, "too many live connections; sync by polling and retry later"};
        conns_.push_back(c);
    }
    auto fail = [&](const Error& e) -> Result<std::shared_ptr<LiveConn>> {
        close(c);
        return e;
    };
    LivePosition from;
    bool catch_up = false;
    if (!last_event_id.empty()) {
        catch_up = true;
        if (!parse_id(last_event_id, from)) {
            // An id of another database, or of this one before a restore: every bucket may
            // have changed since, as far as the client can tell.
            auto now = store_.live_position();
            if (!now.ok()) return fail(now.error());
            from = LivePosition{0, now->notifications};
        }
    } else {
        auto now = store_.live_position();
        if (!now.ok()) return fail(now.error());
        from = *now;
    }
    c->opened = from;
    // Catch up until this stream is where the reader is (or past it), then follow the
    // reader: from then on the reader hands it everything after the reader's position.
    for (;;) {
        if (catch_up) {
            auto batch = store_.live_changes(from, u.id);
            if (!batch.ok()) return fail(batch.error());
            auto& ns = batch->notifications;
            if (ns.size() > kMaxResumed) ns.erase(ns.begin(), ns.end() - kMaxResumed);  // the inbox has the rest
            std::vector<std::string> blocks;
            deliver(*c, *batch, blocks);
            from = batch->next;
            std::lock_guard lock(mu_);
            for (auto& b : blocks) c->events.push_back(std::move(b));
        }
        std::lock_guard lock(mu_);
        if (stopping_) break;
        if (!position_valid_) {
            position_ = from;
            position_valid_ = true;
        }
        if (from.covers(position_)) {
            c->position = from;
            c->joined = true;
            break;
        }
        catch_up = true;  // the reader moved on meanwhile
    }
    return c;
}

void LiveHub::close(const std::shared_ptr<LiveConn>& c) {
    std::lock_guard lock(mu_);
    std::erase(conns_, c);
}

std::size_t LiveHub::size() {
    std::lock_guard lock(mu_);
    return conns_.size();
}

void LiveHub::wake() {
    std::lock_guard lock(mu_);
    woken_ = true;
    cv_.notify_all();
}

bool LiveHub::wait(LiveConn& c, std::chrono::milliseconds timeout, std::vector<std::string>& out) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [&] { return stopping_ || !c.events.empty(); });
    out.assign(std::make_move_iterator(c.events.begin()), std::make_move_iterator(c.events.end()));
    c.events.clear();
    return !stopping_;
}

std::string LiveHub::id_of(const LiveConn& c) {
    std::lock_guard lock(mu_);
    return render_id(c.position);
}

std::string LiveHub::opened_id(const LiveConn& c) const { return render_id(c.opened); }

void LiveHub::shutdown() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        cv_.notify_all();
    }
    if (hints_) hints_->interrupt();
}

void LiveHub::deliver(LiveConn& c, const LiveBatch& batch, std::vector<std::string>& out) {
    std::size_t first = out.size();
    json visible = json::array();
    for (const auto& [bucket, seq] : batch.buckets) {
        auto told = c.told_buckets.find(bucket);
        if (told != c.told_buckets.end() && told->second >= seq) continue;
        if (!store_.can_read(c.user, bucket)) continue;
        visible.push_back(bucket);
        c.told_buckets[bucket] = seq;
    }
    if (c.told_buckets.size() > kMaxTold) c.told_buckets.clear();  // at worst a repeat
    if (!visible.empty()) out.push_back("event: changes\ndata: " + json{{"buckets", visible}}.dump() + "\n");
    for (const Notification& n : batch.notifications) {
        if (n.user_id != c.user.id || !c.told_notifications.insert(n.n).second) continue;
        out.push_back("event: notification\ndata: " + admin_json::notification(n).dump() + "\n");
    }
    if (c.told_notifications.size() > kMaxTold) c.told_notifications.clear();
    if (out.size() == first) return;
    // Only the batch's last event names the position after it: a client cut off in the
    // middle of a batch resumes from before it.
    out.back() += "id: " + render_id(batch.next) + "\n";
    for (std::size_t i = first; i < out.size(); ++i) out[i] += "\n";
}

void LiveHub::reader_loop() {
    std::unique_lock lock(mu_);
    auto last_error = std::chrono::steady_clock::time_point{};
    while (!stopping_) {
        cv_.wait_for(lock, poll_, [&] { return stopping_ || woken_; });
        if (stopping_) break;
        woken_ = false;
        if (std::none_of(conns_.begin(), conns_.end(), [](const auto& c) { return c->joined; })) {
            position_valid_ = false;  // nobody follows: the next stream sets where to start
            continue;
        }
        LivePosition since = position_;
        lock.unlock();
        auto batch = store_.live_changes(since, "");
        lock.lock();
        if (!batch.ok()) {
            auto now = std::chrono::steady_clock::now();
            if (log_ && now - last_error > std::chrono::minutes(1)) {
                log_("live channel: cannot read what changed: " + batch.error().message);
                last_error = now;
            }
            cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
            woken_ = true;  // try again
            continue;
        }
        // Under one hold of the lock: a stream joins either before (and is handed this
        // batch) or after (and catches up to the new position itself).
        position_ = batch->next;
        std::vector<std::shared_ptr<LiveConn>> targets;
        for (auto& c : conns_)
            if (c->joined) targets.push_back(c);
        lock.unlock();
        // Who may hear of which bucket is decided outside the lock (it asks the store).
        std::vector<std::pair<std::shared_ptr<LiveConn>, std::vector<std::string>>> out;
        for (auto& c : targets) {
            std::vector<std::string> blocks;
            deliver(*c, *batch, blocks);
            out.emplace_back(c, std::move(blocks));
        }
        lock.lock();
        for (auto& [c, blocks] : out) {
            for (auto& b : blocks) c->events.push_back(std::move(b));
            c->position = batch->next;
        }
        cv_.notify_all();
    }
}

void LiveHub::listener_loop() {
    for (;;) {
        {
            std::lock_guard lock(mu_);
            if (stopping_) return;
        }
        if (hints_->wait(std::chrono::seconds(1))) {
            store_.committed_elsewhere();
            wake();
        }
    }
}

}  // namespace fika::server
