#include "sync_client.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include <sys/utsname.h>

#include "gzip.h"
#include "http_detail.h"

namespace fika::client {

namespace detail {

Failure network_failure(const std::string& what) {
    return Failure{Failure::Kind::Transient, 0, "network", what};
}

// Classifies an HTTP answer that is not a success.
Failure http_failure(int status, const std::string& body) {
    Failure f;
    f.status = status;
    f.kind = (status == 408 || status == 429 || status >= 500) ? Failure::Kind::Transient : Failure::Kind::Permanent;
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) {
        f.code = j["error"].value("code", "");
        f.message = j["error"].value("message", "");
    }
    if (f.code.empty()) f.code = "http_" + std::to_string(status);
    if (f.message.empty()) f.message = "the server answered " + std::to_string(status);
    return f;
}

static bool clock_ahead_refused(const std::vector<sync::Refusal>& refused) {
    return std::any_of(refused.begin(), refused.end(),
                       [](const sync::Refusal& f) { return f.error.code == sync::Code::ClockAhead; });
}

Failure local_failure(const sync::Error& e) {
    return Failure{Failure::Kind::Permanent, 0, std::string(sync::code_name(e.code)), e.message};
}

void configure(httplib::Client& cli, const ServerConfig& cfg) {
    cli.set_connection_timeout(cfg.connect_timeout_s, 0);
    cli.set_read_timeout(cfg.read_timeout_s, 0);
    cli.set_write_timeout(cfg.read_timeout_s, 0);
    // Request bodies are gzip'd by exchange() at a fast level; httplib would use
    // zlib's default level. Answers are inflated by unzip(), not by httplib (zlib, in
    // pieces): sync::gzip_decompress inflates a whole body 2.5x as fast.
    cli.set_compress(false);
    cli.set_decompress(false);
    cli.set_keep_alive(true);
    cli.set_tcp_nodelay(true);  // headers and body go in separate writes
    httplib::Headers h = {{"Authorization", "Bearer " + cfg.token}, {"User-Agent", cfg.user_agent}};
    // cpp-httplib 0.11 decompresses answers but does not ask for compressed ones.
    if (cfg.gzip) h.emplace("Accept-Encoding", "gzip");
    cli.set_default_headers(h);
}

bool unzip(httplib::Response& res) {
    if (!res.has_header("Content-Encoding")) return true;
    const std::string enc = res.get_header_value("Content-Encoding");
    if (enc == "identity") return true;
    if (enc != "gzip") return false;  // only gzip is asked for (Accept-Encoding)
    std::string plain;
    if (sync::gzip_decompress(res.body, kMaxAnswerBytes, plain) != sync::GunzipResult::Ok) return false;
    res.body = std::move(plain);
    res.headers.erase("Content-Encoding");
    return true;
}

}  // namespace detail

using detail::http_failure;
using detail::local_failure;
using detail::network_failure;
using detail::clock_ahead_refused;
using detail::unzip;

struct SyncClient::Http {
    httplib::Client cli;
    explicit Http(const ServerConfig& cfg) : cli(cfg.url) { detail::configure(cli, cfg); }
};

// One connection and its cancel switch. The thread running exchange() on it owns the
// Http object for the exchange; another thread may only stop() it, under `mu`.
struct SyncClient::Line {
    std::mutex mu;
    std::unique_ptr<Http> http;
    bool cancelled = false;

    Http& get(const ServerConfig& cfg) {
        std::lock_guard lock(mu);
        if (!http) http = std::make_unique<Http>(cfg);
        return *http;
    }
    void fresh() {
        std::lock_guard lock(mu);
        http.reset();
    }
    // Ends the request on this line at once (its exchange fails) and refuses new ones.
    void cancel() {
        std::lock_guard lock(mu);
        cancelled = true;
        if (http) http->cli.stop();
    }
};

SyncClient::SyncClient(sync::Store& store, ServerConfig cfg)
    : store_(store), cfg_(std::move(cfg)), lines_{std::make_unique<Line>(), std::make_unique<Line>()} {
    // A server may close a kept-alive connection whenever it likes (idle, or to make room
    // at a connection cap); cpp-httplib 0.11 writes without MSG_NOSIGNAL, so the write
    // that finds it closed would raise SIGPIPE and end the app or fika-cli. The write's
    // error is handled (the request is retried on a new connection) - the signal is not
    // wanted anywhere in a process that syncs.
    static const bool ignored = [] {
        std::signal(SIGPIPE, SIG_IGN);
        return true;
    }();
    (void)ignored;
}

SyncClient::~SyncClient() = default;

std::chrono::milliseconds SyncClient::backoff(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
    thread_local std::mt19937_64 rng(std::random_device{}());
    double ms = static_cast<double>(base.count()) * static_cast<double>(1ull << std::min(attempt, 20));
    ms = std::min(ms, static_cast<double>(cap.count()));
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    return std::chrono::milliseconds(static_cast<long long>(ms * jitter(rng)));
}

Outcome<sync::SyncResponse> SyncClient::exchange(std::string body, Line& line) {
    Outcome<sync::SyncResponse> out;
    httplib::Headers headers;
    if (cfg_.gzip && body.size() >= sync::kGzipMinBytes) {
        body = sync::gzip_compress(body);
        headers.emplace("Content-Encoding", "gzip");
    }
    auto post = [&]() -> httplib::Result {
        Http* h = nullptr;
        {
            std::lock_guard lock(line.mu);
            if (line.cancelled) return httplib::Result(nullptr, httplib::Error::Canceled);
            if (!line.http) line.http = std::make_unique<Http>(cfg_);
            h = line.http.get();
        }
        return h->cli.Post("/v1/sync", headers, body, "application/json");
    };
    auto res = post();
    if (!res) {
        // A kept-alive connection the server closed while idle fails the next request;
        // the round trip is idempotent, so try once more on a fresh connection.
        line.fresh();
        res = post();
    }
    if (!res) {
        out.failure = network_failure(httplib::to_string(res.error()));
        return out;
    }
    if (!unzip(*res)) {
        // Cut short or garbled on the way: nothing was applied, so trying again is safe.
        out.failure = Failure{Failure::Kind::Transient, res->status, "bad_response",
                              "the answer's gzip body is malformed, cut short or too large"};
        return out;
    }
    if (res->status != 200) {
        out.failure = http_failure(res->status, res->body);
        return out;
    }
    if (res->has_header("Fika-Sign-Out")) sign_out_ = true;
    auto decoded = sync::decode_response(res->body, store_.schema());
    if (!decoded.ok()) {
        // A cut-short or garbled answer: nothing was applied, so trying again is safe.
        out.failure = Failure{Failure::Kind::Transient, 200, "bad_response", decoded.error().message};
        return out;
    }
    out.value = std::move(decoded).value();
    return out;
}

std::optional<Failure> SyncClient::take_pages(sync::SyncResponse& r, SyncReport& rep, bool& again,
                                              std::vector<std::pair<std::string, std::uint64_t>>& finished) {
    // All pages of one answer in one transaction: one commit however many buckets
    // changed; each page still moves its cursor with its changes. Redoable: the server
    // keeps every page, so a page lost to a power cut is simply pulled again.
    sync::Store::Batch pages(store_, sync::Durability::Redoable);
    for (sync::BucketPage& page : r.pages) {
        auto next = store_.apply_page(page.bucket, page.changes, page.to, page.more);
        if (!next.ok()) return local_failure(next.error());
        rep.pulled += page.changes.size();
        if (page.more) again = true;
        else finished.emplace_back(page.bucket, page.checksum);
    }
    for (const std::string& b : r.purge) {
        auto st = store_.purge_bucket(b);
        if (!st.ok()) return local_failure(st.error());
        rep.purged.push_back(b);
    }
    if (auto st = pages.commit(); !st.ok()) return local_failure(st.error());
    return std::nullopt;
}

// A clock_ahead refusal from an earlier sync is still waiting on this device.
bool SyncClient::clock_ahead_kept() {
    auto kept = store_.refused();
    return kept.ok() && std::any_of(kept->begin(), kept->end(),
                                    [](const sync::RefusedChange& f) { return f.error.code == sync::Code::ClockAhead; });
}

// This device's wall clock is within five minutes of the hub's clock `hub_hlc`.
bool SyncClient::wall_agrees(std::uint64_t hub_hlc) const {
    auto mine = static_cast<std::int64_t>(store_.now_ms());
    auto theirs = static_cast<std::int64_t>(sync::hlc_ms(hub_hlc));
    return std::llabs(mine - theirs) < 5 * 60 * 1000;
}

sync::SyncRequest SyncClient::request_header() const {
    sync::SyncRequest req;
    req.site = store_.site();
    req.hlc = store_.hlc_last();
    req.schema = store_.schema().version();
    req.has_hub = true;
    req.hub = store_.synced_hub();
    return req;
}

std::optional<Failure> SyncClient::follow_hub(const sync::SyncResponse& r, SyncReport& rep, bool& restarted) {
    restarted = false;
    if (!r.hub) return std::nullopt;  // a server that does not know incarnations
    std::uint64_t known = store_.synced_hub();
    if (known == r.hub) return std::nullopt;
    if (known == 0) {
        if (auto st = store_.set_synced_hub(r.hub); !st.ok()) return local_failure(st.error());
        return std::nullopt;
    }
    auto queued = store_.begin_resend(r.hub);
    if (!queued.ok()) return local_failure(queued.error());
    rep.hub_restored = true;
    rep.resent += *queued;
    restarted = true;
    return std::nullopt;
}

sync::Result<std::string> SyncClient::pull_after(const sync::SyncResponse& r) {
    sync::SyncRequest req = request_header();
    if (auto st = add_pull(req); !st.ok()) return st.error();
    for (const sync::BucketPage& p : r.pages) req.cursors[p.bucket] = req.cursors[p.bucket].after_page(p.to, p.more);
    if (r.left) req.count = false;  // the answer it follows has counted
    return sync::encode_request(req);
}

sync::Status SyncClient::add_pull(sync::SyncRequest& req) {
    auto cursors = store_.cursors();
    if (!cursors.ok()) return cursors.error();
    req.has_pull = true;
    req.cursors = std::move(cursors).value();
    // Pages as large as the protocol allows (by default): a first download takes fewer
    // round trips (and commits), and a pull keeps up with the largest push.
    req.limit = std::clamp<std::size_t>(cfg_.pull_records, 1, sync::Limits{}.max_limit);
    // Someone shows progress and no total is known yet: ask the server to count.
    req.count = progress_ && !down_.known && !count_refused_;
    return sync::ok_status();
}

void SyncClient::tell(SyncProgress::Phase phase, Meter& m, std::size_t now_done) {
    if (!progress_ || !m.known) return;
    SyncProgress p;
    p.phase = phase;
    p.done = now_done - std::min(now_done, m.base);
    m.total = std::max(m.total, p.done);  // the server's count is an estimate
    p.total = m.total;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - m.start).count();
    if (p.done > 0 && secs > 0) p.seconds_left = secs / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
    progress_(p);
}

void SyncClient::tell_download(const sync::SyncResponse& r, const SyncReport& rep) {
    if (!progress_) return;
    if (!down_.known && r.left) {
        // rep.pulled holds this answer's records already: the total is those since the
        // download began plus what is still to come.
        down_.known = true;
        down_.total = rep.pulled - std::min(rep.pulled, down_.base) + static_cast<std::size_t>(*r.left);
    }
    tell(SyncProgress::Phase::Download, down_, rep.pulled);
}

std::optional<Failure> SyncClient::upload(SyncReport& rep, bool& too_large) {
    const std::size_t batch_size = std::max<std::size_t>(1, cfg_.push_records);
    if (store_.pending_count() <= batch_size) return std::nullopt;  // one round trip does it
    struct InFlight {
        std::uint64_t upto = 0;
        std::size_t changes = 0;
        Line* line = nullptr;
        std::future<Outcome<sync::SyncResponse>> answer;
    };
    bool drained = false, halted = false;
    // However upload() ends (an exception included), the connections are usable again;
    // declared before `flight`, so it runs after every request still on the wire has ended.
    struct ResetLines {
        std::array<std::unique_ptr<Line>, 2>& lines;
        const bool& halted;
        ~ResetLines() {
            for (auto& l : lines) {
                std::lock_guard lock(l->mu);
                l->cancelled = false;
                if (halted) l->http.reset();  // a stopped connection is not used again
            }
        }
    } reset_lines{lines_, halted};
    std::deque<InFlight> flight;
    std::uint64_t after = 0;
    std::size_t sent = 0;
    std::optional<Failure> failed;
    auto halt = [&] {
        halted = true;
        // The push after a failed one waits on the server for it: end it now.
        for (InFlight& g : flight) g.line->cancel();
    };
    for (;;) {
        tell(SyncProgress::Phase::Upload, up_, rep.pushed);
        // Keep two pushes on the wire: while the server merges one, the next is encoded,
        // compressed, sent and decoded.
        while (!halted && !drained && flight.size() < 2) {
            auto batch = store_.pending(batch_size, after);
            if (!batch.ok()) {
                failed = local_failure(batch.error());
                halt();
                break;
            }
            if (!batch->upto) {
                drained = true;
                break;
            }
            sync::SyncRequest req = request_header();
            req.has_push = true;
            req.push_upto = batch->upto;
            req.push_follows = flight.empty() ? 0 : flight.back().upto;
            req.push_resent = batch->resent;
            req.push = std::move(batch->changes);
            if (sent == 0) {
                // The first also pulls, as every round trip does; the answer leaves out what
                // this push brought, and later pulls leave out all this device's cells.
                if (auto st = add_pull(req); !st.ok()) {
                    failed = local_failure(st.error());
                    halt();
                    break;
                }
            }
            std::string body = sync::encode_request(req);
            if (body.size() > cfg_.max_body) {
                too_large = true;  // the ordinary round trips send smaller pushes
                drained = true;
                break;
            }
            Line& line = *lines_[sent++ % lines_.size()];
            flight.push_back({batch->upto, req.push.size(), &line,
                              std::async(std::launch::async, [this, &line, b = std::move(body)]() mutable {
                                  return exchange(std::move(b), line);
                              })});
            after = batch->upto;
        }
        if (flight.empty()) break;
        InFlight f = std::move(flight.front());
        flight.pop_front();
        // A cancel can come just before the request reached its socket: repeat it until
        // the request has ended.
        while (halted && f.answer.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) f.line->cancel();
        auto resp = f.answer.get();
        if (halted) continue;  // only collecting what is still on the wire
        if (resp.ok() && resp.value->push_upto != f.upto)
            resp.failure = Failure{Failure::Kind::Transient, 200, "bad_response", "the server acknowledged another push"};
        if (!resp.failure) {
            ++rep.round_trips;
            sync::SyncResponse& r = *resp.value;
            store_.observe_clock(r.hlc);
            if (auto acked = store_.ack(f.upto, r.refused); !acked.ok()) {
                failed = local_failure(acked.error());
                halt();
                continue;
            }
            rep.pushed += f.changes - std::min(f.changes, r.refused.size());
            rep.refused.insert(rep.refused.end(), r.refused.begin(), r.refused.end());
            bool restarted = false;
            if (auto bad = follow_hub(r, rep, restarted)) {
                failed = bad;
                halt();
                continue;
            }
            if (restarted) {
                halt();  // the round trips go on from the resent outbox
                continue;
            }
            bool again = false;
            std::vector<std::pair<std::string, std::uint64_t>> finished;  // checked by the round trips
            if (auto bad = take_pages(r, rep, again, finished)) {
                failed = bad;
                halt();
            }
        } else {
            if (resp.failure->status == 413) too_large = true;
            else failed = resp.failure;
            halt();
        }
    }
    return failed;
}

Outcome<SyncReport> SyncClient::sync_once() {
    Outcome<SyncReport> out;
    SyncReport rep;
    up_ = down_ = Meter{};
    up_.start = down_.start = std::chrono::steady_clock::now();
    if (progress_) {
        up_.total = store_.pending_count();
        up_.known = up_.total > 0;
    }
    std::size_t max_writes = std::max<std::size_t>(1, cfg_.push_records);  // halved while a push is too large
    bool too_large = false;
    if (auto failed = upload(rep, too_large)) {
        out.failure = failed;
        return out;
    }
    if (too_large) max_writes = std::max<std::size_t>(1, max_writes / 2);
    std::set<std::string> reset_done;
    bool rewound = false;
    // The next pull, asked for on the second connection while this device applies the
    // page before it: the server reads and encodes a page while the device writes one.
    // It is only a read: when anything else changed the plan, it is waited for and dropped.
    std::optional<std::future<Outcome<sync::SyncResponse>>> ahead;
    // A round's reads share a read transaction (Store::Reading): what to push and the
    // cursors before the request, the checks after its answer is applied. Never held
    // across a wait for the server; a write ends it by itself.
    std::optional<sync::Store::Reading> reading;
    auto drop_ahead = [&] {
        if (ahead) {
            reading.reset();
            ahead->wait();
        }
        ahead.reset();
    };
    for (int round = 0; round < 100000; ++round) {
        reading.reset();
        reading.emplace(store_);
        sync::Result<sync::PushBatch> batch = store_.pending(max_writes);
        if (!batch.ok()) {
            out.failure = local_failure(batch.error());
            return out;
        }
        const std::size_t pushing = batch->changes.size();  // the changes move into the request
        Outcome<sync::SyncResponse> resp;
        if (ahead && !batch->upto) {
            reading.reset();
            resp = ahead->get();
            ahead.reset();
        } else {
            drop_ahead();
            sync::SyncRequest req = request_header();
            if (batch->upto) {
                req.has_push = true;
                req.push_upto = batch->upto;
                req.push_resent = batch->resent;
                req.push = std::move(batch->changes);
            }
            if (auto st = add_pull(req); !st.ok()) {
                out.failure = local_failure(st.error());
                return out;
            }
            std::string body = sync::encode_request(req);
            if (batch->upto && max_writes > 1 && body.size() > cfg_.max_body) {
                max_writes = std::max<std::size_t>(1, max_writes / 2);  // smaller pushes
                continue;
            }
            reading.reset();
            resp = exchange(std::move(body), *lines_[0]);
        }
        if (!resp.ok()) {
            if (resp.failure->status == 413 && batch->upto && max_writes > 1) {
                max_writes = std::max<std::size_t>(1, max_writes / 2);
                continue;
            }
            // A server from before counting refuses the field: ask again without it.
            if (resp.failure->status == 400 && !count_refused_ && resp.failure->message.find("count") != std::string::npos) {
                count_refused_ = true;
                continue;
            }
            out.failure = resp.failure;
            return out;
        }
        ++rep.round_trips;
        sync::SyncResponse& r = *resp.value;
        store_.observe_clock(r.hlc);
        // The acknowledgement and the pages of one answer: one commit (a transaction costs
        // a device more than either). Both are Redoable: when the pages cannot be applied,
        // the acknowledgement goes back with them and the push is sent again, as when an
        // answer is lost - the hub takes it again without change.
        std::optional<sync::Store::Batch> answer;
        auto commit_answer = [&]() -> std::optional<Failure> {
            if (!answer) return std::nullopt;
            sync::Status st = answer->commit();
            answer.reset();
            if (!st.ok()) return local_failure(st.error());
            return std::nullopt;
        };
        if (batch->upto) {
            if (r.push_upto != batch->upto) {
                out.failure = Failure{Failure::Kind::Transient, 200, "bad_response", "the server acknowledged another push"};
                return out;
            }
            answer.emplace(store_, sync::Durability::Redoable);
            auto acked = store_.ack(batch->upto, r.refused);
            if (!acked.ok()) {
                out.failure = local_failure(acked.error());
                return out;
            }
            rep.pushed += pushing - std::min(pushing, r.refused.size());
            rep.refused.insert(rep.refused.end(), r.refused.begin(), r.refused.end());
            tell(SyncProgress::Phase::Upload, up_, rep.pushed);
        }
        {
            bool restarted = false;
            if (auto bad = follow_hub(r, rep, restarted)) {
                drop_ahead();
                out.failure = bad;
                return out;
            }
            if (restarted) {
                // Everything goes out again (pipelined when it is much), then downloads:
                // what this answer wrote is committed first (no transaction across a wait).
                if (auto bad = commit_answer()) {
                    drop_ahead();
                    out.failure = bad;
                    return out;
                }
                drop_ahead();
                reset_done.clear();
                if (auto failed = upload(rep, too_large)) {
                    out.failure = failed;
                    return out;
                }
                continue;
            }
        }
        bool again = r.more;
        for (const sync::BucketPage& p : r.pages) again = again || p.more;
        if (again && r.purge.empty() && store_.pending_count() == 0) {
            if (auto next = pull_after(r); next.ok()) {
                Line& line = *lines_[1];
                ahead = std::async(std::launch::async, [this, &line, b = std::move(next).value()]() mutable {
                    return exchange(std::move(b), line);
                });
            }
        }
        std::vector<std::pair<std::string, std::uint64_t>> finished;  // bucket, hub checksum
        if (!down_.known) down_.base = rep.pulled;  // the download is counted from here
        if (auto failed = take_pages(r, rep, again, finished)) {
            drop_ahead();
            out.failure = failed;
            return out;
        }
        if (auto bad = commit_answer()) {
            drop_ahead();
            out.failure = bad;
            return out;
        }
        tell_download(r, rep);
        reading.emplace(store_);  // a write below (a cursor reset, a rewind) ends it
        // Drift check, on the committed state, and only with nothing of ours outstanding.
        if (store_.pending_count() == 0) {
            auto refused = store_.refused();
            for (auto& [bucket, theirs] : finished) {
                if (reset_done.count(bucket)) continue;
                auto mine = store_.bucket_checksum(bucket);
                if (refused.ok() && refused->empty() && mine.ok() && *mine != theirs) {
                    drop_ahead();
                    (void)store_.reset_cursor(bucket);
                    reset_done.insert(bucket);
                    rep.redownloaded.push_back(bucket);
                    again = true;
                }
            }
        }
        if (batch->upto) again = again || store_.pending_count() > 0;
        // The hub refused changes as made in the future, and this device's date agrees with
        // the hub's now: the clock ran ahead earlier and has been put right. Restamp what
        // carries the later clock and send it again (once per sync).
        if (!rewound && wall_agrees(r.hlc) && (clock_ahead_refused(rep.refused) || clock_ahead_kept())) {
            drop_ahead();
            auto n = store_.rewind_clock(r.hlc);
            if (!n.ok()) {
                out.failure = local_failure(n.error());
                return out;
            }
            rewound = true;
            if (*n) {
                rep.restamped += *n;
                std::erase_if(rep.refused, [](const sync::Refusal& f) { return f.error.code == sync::Code::ClockAhead; });
                again = true;
            }
        }
        if (!again) {
            // Attachments erased (their person) or gone with a purged customer: their
            // content leaves this device too.
            if (rep.pulled > 0 || !rep.purged.empty()) (void)store_.drop_unused_content(sync::Durability::Redoable);
            rep.complete = store_.pending_count() == 0;
            rep.sign_out = sign_out_;
            out.value = std::move(rep);
            return out;
        }
    }
    out.failure = Failure{Failure::Kind::Transient, 0, "too_many_rounds", "sync did not settle"};
    return out;
}

Outcome<SyncReport> SyncClient::sync(int attempts, const std::atomic<bool>* stop) {
    Outcome<SyncReport> last;
    for (int i = 0; i < attempts; ++i) {
        last = sync_once();
        if (last.ok() || last.failure->kind == Failure::Kind::Permanent) return last;
        if (i + 1 == attempts) break;
        auto wait = backoff(i);
        auto until = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < until) {
            if (stop && stop->load()) return last;
            std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(wait, std::chrono::milliseconds(50)));
        }
        // A fresh connection after a failure (the old one may be half-closed).
        lines_[0]->fresh();
    }
    return last;
}

DeviceDescription this_device() {
    DeviceDescription d;
    struct utsname u {};
    if (uname(&u) == 0) {
        d.name = u.nodename;
        d.platform = u.sysname;
        std::transform(d.platform.begin(), d.platform.end(), d.platform.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    d.app_version = FIKA_VERSION;
    return d;
}

std::string user_agent(const std::string& program) {
    DeviceDescription d = this_device();
    return program + "/" + d.app_version + (d.platform.empty() ? "" : " (" + d.platform + ")");
}

Outcome<Enrolled> enrol(const ServerConfig& server, const std::string& code, sync::Site site,
                        const DeviceDescription& device) {
    Outcome<Enrolled> out;
    httplib::Client cli(server.url);
    cli.set_connection_timeout(server.connect_timeout_s, 0);
    cli.set_read_timeout(server.read_timeout_s, 0);
    nlohmann::json body = {{"code", code},
                           {"site", sync::site_to_string(site)},
                           {"name", device.name.substr(0, 100)},
                           {"platform", device.platform.substr(0, 100)},
                           {"app_version", device.app_version.substr(0, 40)}};
    auto res = cli.Post("/v1/enrol", httplib::Headers{{"User-Agent", server.user_agent}}, body.dump(), "application/json");
    if (!res) {
        out.failure = network_failure(httplib::to_string(res.error()));
        return out;
    }
    if (res->status != 201) {
        out.failure = http_failure(res->status, res->body);
        return out;
    }
    auto j = nlohmann::json::parse(res->body, nullptr, false);
    if (!j.is_object() || !j.contains("token") || !j["token"].is_string() || !j.contains("user") ||
        !j["user"].is_object()) {
        out.failure = Failure{Failure::Kind::Permanent, res->status, "invalid", "the server's answer is not an enrolment"};
        return out;
    }
    const auto& u = j["user"];
    out.value = Enrolled{j["token"].get<std::string>(), u.value("id", ""), u.value("name", ""), u.value("role", "")};
    return out;
}

Outcome<std::string> SyncClient::confirm_signed_out() {
    return post("/v1/devices/signed-out", nlohmann::json{{"site", sync::site_to_string(store_.site())}}.dump());
}

namespace {
// A plain request's answer: its body, or why not.
Outcome<std::string> answer(httplib::Result res) {
    Outcome<std::string> out;
    if (!res) out.failure = network_failure(httplib::to_string(res.error()));
    else if (!unzip(*res))
        out.failure = Failure{Failure::Kind::Transient, res->status, "bad_response",
                              "the answer's gzip body is malformed, cut short or too large"};
    else if (res->status / 100 != 2) out.failure = http_failure(res->status, res->body);
    else out.value = res->body;
    return out;
}
}  // namespace

Outcome<std::string> SyncClient::get(const std::string& path) { return answer(lines_[0]->get(cfg_).cli.Get(path)); }

Outcome<std::string> SyncClient::post(const std::string& path, const std::string& json_body) {
    return answer(lines_[0]->get(cfg_).cli.Post(path, json_body, "application/json"));
}

Outcome<std::string> SyncClient::put(const std::string& path, const std::string& json_body) {
    return answer(lines_[0]->get(cfg_).cli.Put(path, json_body, "application/json"));
}

std::optional<Failure> SyncClient::listen(const std::function<void(const std::string&, const std::string&)>& on_event,
                                          const std::atomic<bool>& stop) {
    std::string last_id;  // the server's position: a reconnect resumes from it
    for (int attempt = 0; !stop.load(); ++attempt) {
        httplib::Client cli(cfg_.url);
        cli.set_connection_timeout(cfg_.connect_timeout_s, 0);
        cli.set_read_timeout(60, 0);  // the server sends a keep-alive every 15 s
        cli.set_tcp_nodelay(true);
        httplib::Headers headers{{"Authorization", "Bearer " + cfg_.token}, {"User-Agent", cfg_.user_agent},
                                 {"Accept", "text/event-stream"}};
        if (!last_id.empty()) headers.emplace("Last-Event-ID", last_id);
        cli.set_default_headers(headers);
        std::atomic<bool> done{false};
        std::thread watcher([&] {
            while (!done.load() && !stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (stop.load()) cli.stop();
        });
        std::string buffer;
        std::optional<Failure> ended;
        bool got_any = false;
        int status = 0;
        std::string error_body;
        auto res = cli.Get(
            "/v1/events",
            [&](const httplib::Response& r) {
                status = r.status;
                return true;
            },
            [&](const char* data, size_t len) {
                if (status != 200) {
                    error_body.append(data, len);
                    return true;
                }
                got_any = true;
                buffer.append(data, len);
                std::size_t end;
                while ((end = buffer.find("\n\n")) != std::string::npos) {
                    std::string block = buffer.substr(0, end);
                    buffer.erase(0, end + 2);
                    std::string event = "message", payload;
                    bool has_data = false;
                    std::size_t pos = 0;
                    while (pos <= block.size()) {
                        std::size_t nl = block.find('\n', pos);
                        std::string line = block.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
                        pos = nl == std::string::npos ? block.size() + 1 : nl + 1;
                        if (line.rfind("event: ", 0) == 0) event = line.substr(7);
                        else if (line.rfind("data: ", 0) == 0) payload += line.substr(6), has_data = true;
                        else if (line.rfind("id: ", 0) == 0) last_id = line.substr(4);
                    }
                    if (!has_data) continue;  // a keep-alive (perhaps with the position)
                    if (event == "revoked") {
                        ended = Failure{Failure::Kind::Permanent, 401, "revoked", payload};
                        return false;
                    }
                    on_event(event, payload);
                }
                return !stop.load();
            });
        done = true;
        watcher.join();
        if (ended) return ended;
        if (stop.load()) return std::nullopt;
        if (status && status != 200) {
            Failure f = http_failure(status, error_body);
            if (f.kind == Failure::Kind::Permanent) return f;
        }
        if (got_any) attempt = 0;  // it was working: start the back-off afresh
        (void)res;
        auto wait = backoff(attempt, std::chrono::milliseconds(250), std::chrono::seconds(15));
        auto until = std::chrono::steady_clock::now() + wait;
        while (!stop.load() && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

}  // namespace fika::client
