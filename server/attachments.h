// Attachments' content as the server serves it (docs/protocol.md, "Attachments"): who
// may upload or read which content, decided by the attachment's record and never by a
// hash alone; the upload's chunks into the content store (content.h) and the customer
// that then holds the content; what an erasure takes away. No HTTP here (app.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "content.h"
#include "hub_store.h"
#include "storage/server_data.h"

namespace fika::server {

class AccessLog;
class Authorization;

struct AttachmentInfo {
    std::string id, bucket, hash, name, type;
    std::uint64_t size = 0;
    bool erased = false;
};

// Where an upload stands: bytes the server has, of `size`; complete once it holds it.
struct UploadState {
    std::uint64_t have = 0, size = 0;
    bool complete = false;
};

class Attachments {
public:
    // The largest chunk one request carries (either way).
    static constexpr std::size_t kMaxChunk = 4u << 20;

    // `mu` is the storage's lock (server_store.h): held for each database read or write
    // here, never while a chunk is written, hashed or read.
    Attachments(sync::HubStore& hub, ServerData& data, Authorization& auth, AccessLog& log, ContentStore& content,
                std::mutex& mu)
        : hub_(hub), data_(data), auth_(auth), log_(log), content_(content), mu_(mu) {}

    // The attachment `id` as `u` may see it. NotFound when there is none or `u` may not
    // read its customer: the answer does not tell an ungranted customer's ids apart.
    sync::Result<AttachmentInfo> find(const User& u, const std::string& id);
    sync::Result<UploadState> upload_state(const AttachmentInfo& a);
    // Takes one chunk at `offset`. Invalid (offset not what the server has, or the staged
    // bytes not the content), TooLarge (past the attachment's size), Storage (disk full).
    sync::Result<UploadState> upload(const AttachmentInfo& a, std::uint64_t offset, std::string_view bytes);
    // Up to `max` bytes from `offset`. NotFound when the content is not on the server yet
    // (its device has not uploaded it). A download's first chunk is written to the access
    // log as a download of the customer's data by `u` (access_log.h).
    sync::Result<std::string> download(const User& u, const AttachmentInfo& a, std::uint64_t offset, std::size_t max);
    // After an erasure of these records: deletes each erased attachment's content that no
    // attachment still names. Returns the contents deleted. The caller holds the lock.
    sync::Result<std::size_t> erased(const std::vector<std::pair<std::string, std::string>>& records);

private:
    bool held(const AttachmentInfo& a);  // takes the lock
    sync::HubStore& hub_;
    ServerData& data_;
    Authorization& auth_;
    AccessLog& log_;
    ContentStore& content_;
    std::mutex& mu_;
};

}  // namespace fika::server
