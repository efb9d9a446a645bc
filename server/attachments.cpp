#include "attachments.h"

#include "access_log.h"
#include "authorization.h"
#include "content_hash.h"

namespace fika::server {

using sync::Code;
using sync::fail;
using sync::must;

sync::Result<AttachmentInfo> Attachments::find(const User& u, const std::string& id) {
    std::lock_guard lock(mu_);
    return sync::guard([&] {
        auto r = hub_.get("attachments", id);
        const std::string unknown = "no attachment " + id;
        if (!r.ok()) fail(Code::NotFound, unknown);
        AttachmentInfo a;
        a.id = id;
        a.bucket = std::string(sync::bucket_of(*r->table, r->id, r->values));
        if (!auth_.can_read(u, a.bucket)) fail(Code::NotFound, unknown);
        auto text = [&](const char* f) {
            const sync::Value& v = (*r)[f];
            return std::holds_alternative<std::string>(v) ? std::get<std::string>(v) : std::string();
        };
        auto num = [&](const char* f) {
            const sync::Value& v = (*r)[f];
            return std::holds_alternative<std::int64_t>(v) ? std::get<std::int64_t>(v) : std::int64_t{0};
        };
        a.hash = text("sha256");
        a.name = text("name");
        a.type = text("type");
        a.size = static_cast<std::uint64_t>(num("size"));
        a.erased = num("erased") != 0;
        if (a.erased) fail(Code::NotFound, "attachment " + id + " was erased");
        if (!sync::is_content_hash(a.hash)) fail(Code::Invalid, "attachment " + id + " names no content (its sha256 is not one)");
        return a;
    });
}

bool Attachments::held(const AttachmentInfo& a) {
    bool there = false;
    {
        std::lock_guard lock(mu_);
        there = must(data_.content_held(a.bucket, a.hash));
    }
    return there && content_.has(a.hash);
}

sync::Result<UploadState> Attachments::upload_state(const AttachmentInfo& a) {
    return sync::guard([&] {
        UploadState s;
        s.size = a.size;
        if (held(a)) {
            s.have = a.size;
            s.complete = true;
        } else {
            s.have = must(content_.staged(a.id));
        }
        return s;
    });
}

sync::Result<UploadState> Attachments::upload(const AttachmentInfo& a, std::uint64_t offset, std::string_view bytes) {
    return sync::guard([&] {
        UploadState s = must(upload_state(a));
        if (s.complete) return s;  // this customer holds it already: nothing to send
        if (bytes.size() > kMaxChunk) fail(Code::TooLarge, "a chunk carries at most " + std::to_string(kMaxChunk) + " bytes");
        if (offset + bytes.size() > a.size)
            fail(Code::TooLarge, "more bytes than the attachment's size (" + std::to_string(a.size) + ")");
        s.have = must(content_.stage(a.id, offset, bytes));
        if (s.have == a.size) {
            must(content_.finish(a.id, a.hash, a.size));
            std::lock_guard lock(mu_);
            must(data_.hold_content(a.bucket, a.hash, hub_.now_ms()));
            s.complete = true;
        }
        return s;
    });
}

sync::Result<std::string> Attachments::download(const User& u, const AttachmentInfo& a, std::uint64_t offset,
                                                std::size_t max) {
    return sync::guard([&] {
        if (!held(a)) fail(Code::NotFound, "the content of attachment " + a.id + " is not on the server yet");
        if (offset > a.size) fail(Code::Invalid, "offset past the content's end (" + std::to_string(a.size) + " bytes)");
        if (offset == 0) {
            std::lock_guard lock(mu_);
            log_.log(u.name, "download", a.bucket);  // at once: another instance may take the next sync
        }
        return must(content_.read(a.hash, offset, std::min<std::size_t>(max, kMaxChunk)));
    });
}

sync::Result<std::size_t> Attachments::erased(const std::vector<std::pair<std::string, std::string>>& records) {
    return sync::guard([&] {
        std::size_t n = 0;
        for (auto& [table, id] : records) {
            if (table != "attachments") continue;
            auto r = hub_.get(table, id);
            if (!r.ok()) continue;
            const sync::Value& h = (*r)["sha256"];
            if (!std::holds_alternative<std::string>(h)) continue;
            const std::string& hash = std::get<std::string>(h);
            content_.discard(id);
            if (must(data_.content_named(hash))) continue;  // another attachment still shows it
            if (content_.remove(hash)) ++n;
            must(data_.forget_content(hash));
        }
        return n;
    });
}

}  // namespace fika::server
