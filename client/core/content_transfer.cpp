#include "content_transfer.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

#include "content_hash.h"
#include "http_detail.h"

namespace fika::client {

using detail::http_failure;
using detail::local_failure;
using detail::network_failure;

ContentTransfer::ContentTransfer(sync::Store& store, ServerConfig cfg) : store_(store), cfg_(std::move(cfg)) {}
ContentTransfer::~ContentTransfer() = default;

httplib::Client& ContentTransfer::http() {
    if (!http_) {
        http_ = std::make_unique<httplib::Client>(cfg_.url);
        detail::configure(*http_, cfg_);
        http_->set_decompress(false);  // contents travel as they are
    }
    return *http_;
}

Outcome<UploadReport> ContentTransfer::upload_all(const std::atomic<bool>* stop) {
    Outcome<UploadReport> out;
    UploadReport rep;
    auto queue = store_.uploads();
    if (!queue.ok()) {
        out.failure = local_failure(queue.error());
        return out;
    }
    for (const sync::Store::Upload& u : *queue) {
        if (!u.failed.empty()) {
            ++rep.waiting;
            continue;
        }
        std::uint64_t sent = u.sent;
        const std::string path = "/v1/attachments/" + u.attachment_id + "/content";
        bool done = false, wait = false;
        int resumed = 0;
        // Where the server is: it may have it already (the same content on the same
        // customer, a resend after a restore) or part of it (an upload cut before).
        if (auto st = http().Get("/v1/attachments/" + u.attachment_id + "/upload"); st && st->status == 200) {
            auto j = nlohmann::json::parse(st->body, nullptr, false);
            if (j.is_object() && j.contains("have") && j["have"].is_number_unsigned()) {
                sent = j["have"].get<std::uint64_t>();
                done = j.value("complete", false);
            }
        } else if (st && st->status == 404) {
            wait = true;  // its record is not on the server yet
        } else if (!st) {
            http_.reset();
            out.failure = network_failure("the connection broke (" + httplib::to_string(st.error()) + ")");
            return out;
        }
        while (!done && !wait) {
            if (stop && stop->load()) {
                out.failure = network_failure("stopped");
                return out;
            }
            auto chunk = store_.read_content(u.hash, sent, kChunk);
            if (!chunk.ok()) {
                out.failure = local_failure(chunk.error());
                return out;
            }
            if (chunk->empty() && sent < u.size) {  // nothing left here to send: never loop on it
                const std::string why = "this device no longer holds the whole file";
                (void)store_.upload_failed(u.attachment_id, why);
                rep.refused.emplace_back(u.attachment_id, why);
                break;
            }
            auto res = http().Put(path + "?offset=" + std::to_string(sent), *chunk, "application/octet-stream");
            if (!res) {
                http_.reset();  // a fresh connection next time
                out.failure = network_failure("the connection broke (" + httplib::to_string(res.error()) + ")");
                return out;
            }
            auto j = nlohmann::json::parse(res->body, nullptr, false);
            if (res->status == 409 && j.is_object() && j.contains("have") && j["have"].is_number_unsigned() && resumed++ < 3) {
                sent = j["have"].get<std::uint64_t>();  // the server has more, or less: go on from there
                continue;
            }
            if (res->status == 404) {  // its record is not on the server yet
                wait = true;
                break;
            }
            if (res->status != 200) {
                Failure f = http_failure(res->status, res->body);
                if (f.kind == Failure::Kind::Transient) {
                    out.failure = f;
                    return out;
                }
                (void)store_.upload_failed(u.attachment_id, f.message);
                rep.refused.emplace_back(u.attachment_id, f.message);
                wait = true;
                break;
            }
            if (!j.is_object() || !j.contains("have") || !j["have"].is_number_unsigned()) {
                out.failure = Failure{Failure::Kind::Transient, 200, "bad_response", "the server's answer to an upload is not one"};
                return out;
            }
            rep.bytes += chunk->size();
            sent = j["have"].get<std::uint64_t>();
            done = j.value("complete", false);
            if (!done) (void)store_.upload_progress(u.attachment_id, sent);
        }
        if (done) {
            if (auto st = store_.upload_done(u.attachment_id); !st.ok()) {
                out.failure = local_failure(st.error());
                return out;
            }
            ++rep.uploaded;
        } else {
            ++rep.waiting;
        }
    }
    out.value = rep;
    return out;
}

Outcome<std::uint64_t> ContentTransfer::fetch(const std::string& attachment_id,
                                              const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
    Outcome<std::uint64_t> out;
    auto rec = store_.get("attachments", attachment_id);
    if (!rec.ok()) {
        out.failure = local_failure(rec.error());
        return out;
    }
    const sync::Value& h = (*rec)["sha256"];
    const sync::Value& s = (*rec)["size"];
    if (!std::holds_alternative<std::string>(h) || !std::holds_alternative<std::int64_t>(s)) {
        out.failure = Failure{Failure::Kind::Permanent, 0, "invalid", "attachment " + attachment_id + " names no content"};
        return out;
    }
    const std::string hash = std::get<std::string>(h);
    const auto size = static_cast<std::uint64_t>(std::get<std::int64_t>(s));
    auto held = store_.content_have(hash);
    if (!held.ok()) {
        out.failure = local_failure(held.error());
        return out;
    }
    std::uint64_t have = *held ? (*held)->have : 0;
    const std::string path = "/v1/attachments/" + attachment_id + "/content?max=" + std::to_string(kChunk) + "&offset=";
    while (have < size) {
        auto res = http().Get(path + std::to_string(have));
        if (!res) {
            http_.reset();
            out.failure = network_failure("the connection broke (" + httplib::to_string(res.error()) + ")");
            return out;
        }
        if (res->status != 200) {
            out.failure = http_failure(res->status, res->body);
            return out;
        }
        if (res->body.empty() || have + res->body.size() > size) {
            out.failure = Failure{Failure::Kind::Transient, 200, "bad_response", "the server sent no bytes, or too many"};
            return out;
        }
        if (auto st = store_.append_content(hash, size, have, res->body); !st.ok()) {
            out.failure = local_failure(st.error());
            return out;
        }
        have += res->body.size();
        if (progress) progress(have, size);
    }
    // Whole: is it what the attachment names?
    sync::Sha256 sha;
    for (std::uint64_t at = 0; at < size;) {
        auto piece = store_.read_content(hash, at, kChunk);
        if (!piece.ok() || piece->empty()) {
            out.failure = local_failure(piece.ok() ? sync::Error{sync::Code::Storage, "content cut short"} : piece.error());
            return out;
        }
        sha.update(*piece);
        at += piece->size();
    }
    if (sha.hex() != hash) {
        (void)store_.drop_unused_content();
        out.failure = Failure{Failure::Kind::Transient, 200, "bad_content", "the downloaded bytes are not the attachment's content"};
        return out;
    }
    out.value = size;
    return out;
}

Outcome<std::size_t> ContentTransfer::prefetch(std::uint64_t max_size, const std::atomic<bool>* stop) {
    Outcome<std::size_t> out;
    auto wanted = store_.missing_contents(max_size);
    if (!wanted.ok()) {
        out.failure = local_failure(wanted.error());
        return out;
    }
    std::size_t got = 0;
    for (const std::string& id : *wanted) {
        if (stop && stop->load()) break;
        auto r = fetch(id);
        if (r.ok()) {
            ++got;
            continue;
        }
        // Not uploaded yet, or no longer there: the next one. A broken network: the rest later.
        if (r.failure->status == 409 || r.failure->status == 404 || r.failure->status == 403) continue;
        out.failure = r.failure;
        return out;
    }
    out.value = got;
    return out;
}

sync::Status save_content(sync::Store& store, const std::string& hash, const std::string& path) {
    auto held = store.content_have(hash);
    if (!held.ok()) return held.error();
    if (!*held || !(*held)->complete()) return sync::Error{sync::Code::Invalid, "this device does not hold the whole content yet"};
    if (auto own = store.check_not_own_file(path); !own.ok()) return own;
    const std::string tmp = path + ".part";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) return sync::Error{sync::Code::Storage, "cannot write " + path};
    bool ok = true;
    for (std::uint64_t at = 0; ok && at < (*held)->size;) {
        auto piece = store.read_content(hash, at, ContentTransfer::kChunk);
        ok = piece.ok() && !piece->empty() && std::fwrite(piece->data(), 1, piece->size(), f) == piece->size();
        if (ok) at += piece->size();
    }
    ok = std::fflush(f) == 0 && ok;
    std::fclose(f);
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) {
        std::filesystem::remove(tmp, ec);
        return sync::Error{sync::Code::Storage, "cannot write " + path + (ok ? "" : " (is the disk full?)")};
    }
    return sync::Unit{};
}

}  // namespace fika::client
