// Attachments' content on the server (docs/protocol.md, "Attachments"): files under a
// directory - DATA/content for the embedded server, a directory every instance shares
// (--content-dir) for several instances on PostgreSQL. Content-addressed: one file per
// SHA-256 under objects/ab/, however many attachments name it. An upload is staged per
// attachment under uploads/ and grows chunk by chunk, each chunk on disk before it is
// acknowledged, so a cut connection resumes at the last acknowledged byte; once whole it
// is checked against the attachment's hash and moved into objects/. No policy here: who
// may upload or read which attachment is the server's (server_store.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.h"

namespace fika::server {

class ContentStore {
public:
    // Creates root/objects and root/uploads when missing. Throws sync::Failure (Storage).
    explicit ContentStore(std::filesystem::path root);
    const std::filesystem::path& root() const { return root_; }

    // Bytes of the upload staged under `key` (an attachment id) so far; 0 when none.
    sync::Result<std::uint64_t> staged(const std::string& key);
    // Appends `bytes` at `offset`, which must be what is staged (Invalid otherwise, naming
    // it); on disk before it returns. Returns the bytes now staged. Storage (disk full:
    // nothing of this chunk kept).
    sync::Result<std::uint64_t> stage(const std::string& key, std::uint64_t offset, std::string_view bytes);
    // The staged upload is whole: checked against `hash` and `size` and made the content
    // of that hash (kept once however many attachments name it). Invalid when it is not
    // that content (the staged bytes are dropped: the client starts over).
    sync::Status finish(const std::string& key, const std::string& hash, std::uint64_t size);
    void discard(const std::string& key);

    bool has(const std::string& hash) const;
    // Up to `max` bytes of a content from `offset`. NotFound when it is not here.
    sync::Result<std::string> read(const std::string& hash, std::uint64_t offset, std::size_t max);
    sync::Result<std::uint64_t> size(const std::string& hash) const;
    // Deletes a content (an erased person's). Returns whether it was here.
    bool remove(const std::string& hash);
    // Every content's hash and size (backups, statistics).
    sync::Result<std::vector<std::pair<std::string, std::uint64_t>>> list() const;

    // Backups keep content in a pool beside them (BACKUPS/content/objects/ab/HASH), one
    // file per content however many backups name it: a content is immutable, so a
    // backup's database and the pool are a consistent pair. save_to links (or, across
    // file systems, copies) every content into the pool and stamps each with `stamp`, the
    // backup's start: a content is in the pool with the start of the last backup that
    // found it. Returns how many were new there.
    sync::Result<std::size_t> save_to(const std::filesystem::path& pool, std::filesystem::file_time_type stamp) const;
    // Puts back every content of the pool this store lacks (after a restore). Returns how many.
    sync::Result<std::size_t> restore_from(const std::filesystem::path& pool);
    // Drops from the pool what no kept backup can name: not here any more, and last found
    // before the oldest kept backup started (`oldest`). Returns how many.
    sync::Result<std::size_t> prune(const std::filesystem::path& pool, std::filesystem::file_time_type oldest) const;

private:
    std::filesystem::path object(const std::string& hash) const;
    std::filesystem::path upload(const std::string& key) const;
    std::filesystem::path root_;
};

}  // namespace fika::server
