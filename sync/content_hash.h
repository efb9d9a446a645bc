// SHA-256, fed in pieces, as attachments' contents are named (lower-case hex): the
// device computes it as it stores a file, the server as chunks arrive, and each side
// checks what it received against the attachment's record.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace fika::sync {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    void update(std::string_view bytes);
    // The digest in lower-case hex; the hasher starts over.
    std::string hex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// 64 lower-case hex digits: a content's name.
bool is_content_hash(std::string_view s);

}  // namespace fika::sync
