// Attachments' content between this device and the server (docs/protocol.md,
// "Attachments"), apart from the records' sync: the attachment's record goes with the
// records; its content goes up from the upload queue once the record is on the server,
// in chunks, each acknowledged, a cut connection resuming at the last acknowledged byte;
// other devices fetch a content when it is opened. Never more than a chunk in memory.
// Shared by fika-cli and the app (no Qt here).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store.h"
#include "sync_client.h"

namespace httplib {
class Client;
}

namespace fika::client {

struct UploadReport {
    std::size_t uploaded = 0;     // contents now whole on the server
    std::uint64_t bytes = 0;      // bytes sent
    std::size_t waiting = 0;      // still queued (their record not on the server yet, or a failure)
    // Refused for good (over the server's limit, say): attachment id and the reason.
    std::vector<std::pair<std::string, std::string>> refused;
};

class ContentTransfer {
public:
    static constexpr std::size_t kChunk = 1u << 20;

    ContentTransfer(sync::Store& store, ServerConfig cfg);
    ~ContentTransfer();

    // Sends what the upload queue holds, smallest first, each from where the server has
    // it. A network failure or a busy server ends it (the queue keeps the rest);
    // attachments whose record the server does not know yet wait for the next sync.
    Outcome<UploadReport> upload_all(const std::atomic<bool>* stop = nullptr);

    // Downloads attachment `id`'s content until this device holds it whole (from where
    // a cut download stopped), checking it against the attachment's SHA-256. Failures:
    // 409 not_uploaded (its device has not sent it yet), 404, network.
    Outcome<std::uint64_t> fetch(const std::string& attachment_id,
                                 const std::function<void(std::uint64_t done, std::uint64_t total)>& progress = {});

    // Downloads every live attachment's content this device lacks whose size is at most
    // `max_size` (smallest first), so that it opens offline later. Stops at the first
    // network failure (the rest wait for the next sync); a content the server does not
    // hold yet is skipped. Returns how many contents became whole here.
    Outcome<std::size_t> prefetch(std::uint64_t max_size, const std::atomic<bool>* stop = nullptr);

private:
    httplib::Client& http();
    sync::Store& store_;
    ServerConfig cfg_;
    std::unique_ptr<httplib::Client> http_;
};

// Writes a held content to `path` (a new file, replaced atomically), in parts. Invalid
// when the content is not whole here; Storage when the file cannot be written.
sync::Status save_content(sync::Store& store, const std::string& hash, const std::string& path);

}  // namespace fika::client
