// An event stream (GET /v1/events) read as a browser's EventSource would: every event
// with its type, data and the last `id:` seen, collected on a thread of its own, until
// close() or the server ends it. Optionally opened with a Last-Event-ID.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fika::test {

struct SseEvent {
    std::string type, data, id;  // id: the stream's last id once this event was read
};

class EventStream {
public:
    EventStream(const std::string& url, const std::string& token, const std::string& last_event_id = "")
        : cli_(url) {
        cli_.set_read_timeout(60, 0);
        httplib::Headers h{{"Authorization", "Bearer " + token}, {"Accept", "text/event-stream"}};
        if (!last_event_id.empty()) h.emplace("Last-Event-ID", last_event_id);
        thread_ = std::thread([this, h] {
            auto res = cli_.Get(
                "/v1/events", h,
                [this](const httplib::Response& r) {
                    status_ = r.status;
                    return r.status == 200;
                },
                [this](const char* data, size_t len) {
                    buffer_.append(data, len);
                    std::size_t end;
                    while ((end = buffer_.find("\n\n")) != std::string::npos) {
                        parse(buffer_.substr(0, end));
                        buffer_.erase(0, end + 2);
                    }
                    return !closing_.load();
                });
            (void)res;
            std::lock_guard lock(mu_);
            ended_ = true;
            cv_.notify_all();
        });
    }
    ~EventStream() { close(); }
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;

    void close() {
        closing_ = true;
        cli_.stop();
        if (thread_.joinable()) thread_.join();
    }

    // Waits up to `timeout` for an event that `pred` accepts; returns its index or -1.
    int wait_for(const std::function<bool(const SseEvent&)>& pred, std::chrono::milliseconds timeout,
                 std::size_t from = 0) {
        std::unique_lock lock(mu_);
        int found = -1;
        cv_.wait_for(lock, timeout, [&] {
            for (std::size_t i = from; i < events_.size(); ++i)
                if (pred(events_[i])) {
                    found = static_cast<int>(i);
                    return true;
                }
            return ended_;
        });
        if (found < 0)
            for (std::size_t i = from; i < events_.size(); ++i)
                if (pred(events_[i])) return static_cast<int>(i);
        return found;
    }
    int wait_for(const std::string& type, std::chrono::milliseconds timeout, std::size_t from = 0) {
        return wait_for([&](const SseEvent& e) { return e.type == type; }, timeout, from);
    }

    std::vector<SseEvent> events() {
        std::lock_guard lock(mu_);
        return events_;
    }
    std::string last_id() {
        std::lock_guard lock(mu_);
        return last_id_;
    }
    int status() const { return status_; }
    bool ended() {
        std::lock_guard lock(mu_);
        return ended_;
    }

private:
    void parse(const std::string& block) {
        SseEvent e;
        e.type = "message";
        bool data = false;
        std::size_t pos = 0;
        std::lock_guard lock(mu_);
        while (pos <= block.size()) {
            std::size_t nl = block.find('\n', pos);
            std::string line = block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
            pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
            if (line.rfind("event: ", 0) == 0) e.type = line.substr(7);
            else if (line.rfind("data: ", 0) == 0) e.data += line.substr(6), data = true;
            else if (line.rfind("id: ", 0) == 0) last_id_ = line.substr(4);
        }
        if (!data) return;
        e.id = last_id_;
        events_.push_back(std::move(e));
        cv_.notify_all();
    }

    httplib::Client cli_;
    std::thread thread_;
    std::atomic<bool> closing_{false};
    std::atomic<int> status_{0};
    std::string buffer_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<SseEvent> events_;
    std::string last_id_;
    bool ended_ = false;
};

}  // namespace fika::test
