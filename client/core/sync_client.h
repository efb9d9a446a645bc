// The HTTP sync client shared by fika-cli and the Qt app (no Qt here).
//
// sync_once() runs the round trip of sync-model.md until the device is in step with the
// server: it pushes the outbox in pages that fit the server's body limit, marks changes
// sent only after the server answered (the server commits before it answers), applies
// each pulled page with its cursor in one transaction, purges buckets the user lost, and
// downloads a bucket again when its checksum says it drifted. Any failure part-way just
// repeats work next time (every step is idempotent). A large outbox is sent with two
// pushes on the wire at once (helper threads touch only the connections), the second
// naming the first so that the server merges them in order; acknowledgements stay in
// order.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "protocol.h"
#include "store.h"

namespace fika::client {

struct ServerConfig {
    std::string url;    // http(s)://host:port
    std::string token;  // bearer token
    int connect_timeout_s = 5;
    int read_timeout_s = 30;
    std::size_t max_body = 8u << 20;  // keep pushes well under the server's 16 MiB
    std::size_t push_records = 5000;  // records per push (fewer when a push would pass max_body)
    std::size_t pull_records = sync::Limits{}.max_limit;  // records per pull: as many as the protocol allows
    std::string user_agent = "fika";
    bool gzip = true;  // compress requests and accept compressed answers
};

// Why a round trip failed, and whether trying again can help.
struct Failure {
    enum class Kind { Transient, Permanent } kind = Kind::Transient;
    int status = 0;     // HTTP status, 0 when there was no answer
    std::string code;   // the server's error code, or "network"
    std::string message;
    // An admin wiped this device (or disabled its user): delete its data, send nothing.
    bool wiped() const { return status == 410 && code == "wiped"; }
};

struct SyncReport {
    std::size_t round_trips = 0;
    std::size_t pushed = 0;        // record changes the server took
    std::size_t pulled = 0;        // record changes received
    std::vector<sync::Refusal> refused;
    std::vector<std::string> purged;
    std::vector<std::string> redownloaded;  // buckets whose checksum drifted
    std::size_t restamped = 0;     // records re-sent with current clocks after a clock ran ahead
    // The server was restored from a backup (a new incarnation): this device queued
    // `resent` records to send again and downloads everything again.
    bool hub_restored = false;
    std::size_t resent = 0;
    bool complete = false;         // nothing left to push or pull
    // An admin asked this device to sign out (the answers said so): once `complete`, it
    // deletes its data and token (after confirm_signed_out).
    bool sign_out = false;
};

template <typename T>
struct Outcome {
    std::optional<T> value;
    std::optional<Failure> failure;
    bool ok() const { return value.has_value(); }
};

// What a device tells the server of itself when enrolled (the admin's device list).
struct DeviceDescription {
    std::string name;         // the machine's name
    std::string platform;     // "linux", ...
    std::string app_version;  // FIKA_VERSION
};
// This machine, as fika-cli and the app describe it.
DeviceDescription this_device();
// The user agent fika-cli and the app send: "fika-app/0.1.0 (linux)".
std::string user_agent(const std::string& program);

// A device's own sign-in, got for an enrolment code.
struct Enrolled {
    std::string token;  // the device's own token: keep it in the vault
    std::string user_id, user_name, role;
};

// Exchanges an enrolment code (as typed, or a fika://enrol link's) at `url` for this
// device's (`site`) own token: POST /v1/enrol (docs/protocol.md, "Enrolment"). Failures:
// 401 bad_code (unknown, used or expired), 403 (a wiped device, a disabled user), 429,
// network.
Outcome<Enrolled> enrol(const ServerConfig& server, const std::string& code, sync::Site site,
                        const DeviceDescription& device);

// How far a sync has come, for a progress bar: the records sent of those that were
// waiting, or the records received of those the server said were still to come (it says
// so when a download takes more than one answer). `seconds_left` once a part is done.
struct SyncProgress {
    enum class Phase { Upload, Download } phase = Phase::Upload;
    std::size_t done = 0, total = 0;
    double seconds_left = -1;  // unknown
};

// For whatever shows progress to a person (the app's bar, fika-cli's line): a step is
// worth showing at most 10 times a second, the first and the last always.
class ProgressPace {
public:
    bool due(const SyncProgress& p) {
        auto now = std::chrono::steady_clock::now();
        if (shown_ && p.done < p.total && now - last_ < std::chrono::milliseconds(100)) return false;
        shown_ = true;
        last_ = now;
        return true;
    }

private:
    bool shown_ = false;
    std::chrono::steady_clock::time_point last_{};
};

class SyncClient {
public:
    SyncClient(sync::Store& store, ServerConfig cfg);
    ~SyncClient();

    // One full sync, no retries.
    Outcome<SyncReport> sync_once();
    // Called (on the syncing thread) as records go out and come in.
    void on_progress(std::function<void(const SyncProgress&)> fn) { progress_ = std::move(fn); }

    // Retries transient failures (no network, refused connection, timeout, 5xx, 429, a
    // cut-short answer) with exponential back-off and jitter, up to `attempts` times or
    // until `stop` becomes true; a permanent failure (401, 403, 4xx) returns at once.
    Outcome<SyncReport> sync(int attempts, const std::atomic<bool>* stop = nullptr);

    // Follows GET /v1/events; calls on_event(name, data) for each event until `stop`,
    // a permanent failure, or the server revoking the token. Reconnects with back-off.
    // Returns the failure that ended it (or nullopt when stopped).
    std::optional<Failure> listen(const std::function<void(const std::string&, const std::string&)>& on_event,
                                  const std::atomic<bool>& stop);

    // Tells the server that this device signed out as an admin asked (its token then
    // stops working): POST /v1/devices/signed-out.
    Outcome<std::string> confirm_signed_out();

    // Plain authenticated requests for the other endpoints (notifications, me).
    Outcome<std::string> get(const std::string& path);
    Outcome<std::string> post(const std::string& path, const std::string& json_body);
    Outcome<std::string> put(const std::string& path, const std::string& json_body);

    // Back-off for attempt n (0-based): min(cap, base * 2^n) with ±50 % jitter.
    static std::chrono::milliseconds backoff(int attempt, std::chrono::milliseconds base = std::chrono::milliseconds(500),
                                             std::chrono::milliseconds cap = std::chrono::seconds(30));

private:
    std::function<void(const SyncProgress&)> progress_;
    // This sync's progress: when each part started, what it had to do, what it had done
    // before (rep.pushed / rep.pulled at its start).
    struct Meter {
        std::chrono::steady_clock::time_point start{};
        std::size_t total = 0, base = 0;
        bool known = false;
    } up_, down_;
    bool count_refused_ = false;  // an older server: it does not count a download
    void tell(SyncProgress::Phase phase, Meter& m, std::size_t now_done);
    void tell_download(const sync::SyncResponse& r, const SyncReport& rep);
    struct Http;
    struct Line;
    // The HTTP half of a round trip on `line`. It touches only the connection, never the
    // Store, so it may run on another thread while the caller works with the Store.
    Outcome<sync::SyncResponse> exchange(std::string body, Line& line);
    sync::SyncRequest request_header() const;
    bool wall_agrees(std::uint64_t hub_hlc) const;
    bool clock_ahead_kept();
    sync::Status add_pull(sync::SyncRequest& req);  // the device's cursors
    // The encoded pull that follows `r` once its pages are applied.
    sync::Result<std::string> pull_after(const sync::SyncResponse& r);
    // Applies an answer's pages and purges in one transaction.
    // After an answer: remembers the hub's incarnation, or, when it is another than the
    // one this device last synced with (a restore), starts sending everything again
    // (Store::begin_resend); `restarted` is then set and the answer's pages are not used.
    std::optional<Failure> follow_hub(const sync::SyncResponse& r, SyncReport& rep, bool& restarted);
    std::optional<Failure> take_pages(sync::SyncResponse& r, SyncReport& rep, bool& again,
                                      std::vector<std::pair<std::string, std::uint64_t>>& finished);
    // A large outbox goes first, as push-only requests with two on the wire (on two
    // connections), acknowledged in order. Sets too_large when a push was over the body
    // limit (the round trips that follow send smaller ones).
    std::optional<Failure> upload(SyncReport& rep, bool& too_large);
    sync::Store& store_;
    ServerConfig cfg_;
    std::array<std::unique_ptr<Line>, 2> lines_;
    std::atomic<bool> sign_out_{false};  // an answer carried Fika-Sign-Out
};

}  // namespace fika::client
