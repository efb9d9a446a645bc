// Attachments' content on a device (store.h): parts in _content, how much of each
// content is held in _content_have, what must still go up in _uploads (schema 3).
#include "content_hash.h"
#include "store.h"

#include <algorithm>
#include <cstdint>

namespace fika::sync {

namespace {

// Appends `bytes` to `hash`'s parts, `held` bytes being there already; returns the new count.
std::uint64_t append_parts(Db& db, const std::string& hash, std::uint64_t held, std::string_view bytes) {
    const std::uint64_t part = Store::kContentPart;
    if (held % part != 0 && !bytes.empty()) {  // the last part is not full: fill it first
        std::size_t room = static_cast<std::size_t>(part - held % part);
        std::string_view head = bytes.substr(0, room);
        Stmt fill = db.prepare("UPDATE _content SET data=data||? WHERE hash=? AND part=?");
        fill.bind_blob(1, head).bind(2, hash).bind(3, held / part).run();
        held += head.size();
        bytes.remove_prefix(head.size());
    }
    Stmt put = db.prepare("INSERT OR REPLACE INTO _content(hash,part,data) VALUES(?,?,?)");
    while (!bytes.empty()) {
        std::string_view piece = bytes.substr(0, static_cast<std::size_t>(part));
        put.bind(1, hash).bind(2, held / part).bind_blob(3, piece).run_and_reset();
        held += piece.size();
        bytes.remove_prefix(piece.size());
    }
    return held;
}

void set_have(Db& db, const std::string& hash, std::uint64_t size, std::uint64_t have) {
    db.prepare("INSERT INTO _content_have(hash,size,have) VALUES(?1,?2,?3) ON CONFLICT(hash) DO UPDATE SET size=?2, have=?3")
        .bind(1, hash)
        .bind(2, size)
        .bind(3, have)
        .run();
}

void drop_content(Db& db, const std::string& hash) {
    // A file's bytes fill whole overflow pages, which secure_delete=FAST leaves as they
    // were on the free list: zero them as they are freed (the bytes of an erased
    // person's photo must not linger in the file).
    db.exec("PRAGMA secure_delete=ON");
    db.prepare("DELETE FROM _content WHERE hash=?").bind(1, hash).run();
    db.exec("PRAGMA secure_delete=FAST");
    db.prepare("DELETE FROM _content_have WHERE hash=?").bind(1, hash).run();
}

}  // namespace

Result<std::pair<std::string, std::uint64_t>> Store::put_content(const ContentSource& read, std::uint64_t limit) {
    return guard([&] {
        std::pair<std::string, std::uint64_t> out;
        in_write([&] {
            // Stored under a name no hash has, renamed once the hash is known.
            const std::string pending = "~new";
            drop_content(db(), pending);
            Sha256 sha;
            std::string buf(kContentPart, '\0');
            std::uint64_t size = 0;
            for (;;) {
                auto n = read(buf.data(), buf.size());
                if (!n.ok()) throw Failure{n.error()};
                if (*n == 0) break;
                size += *n;
                if (size > limit)
                    fail(Code::TooLarge, "the file is larger than the limit of " + std::to_string(limit / (1024 * 1024)) + " MB");
                std::string_view bytes(buf.data(), *n);
                sha.update(bytes);
                // Parts are written whole (a short read is completed by the next one).
                append_parts(db(), pending, size - *n, bytes);
            }
            out = {sha.hex(), size};
            auto held = content_have(out.first);
            if (!held.ok()) throw Failure{held.error()};
            if (*held && (*held)->complete()) {
                drop_content(db(), pending);  // the same content is here already
            } else {
                drop_content(db(), out.first);
                db().prepare("UPDATE _content SET hash=? WHERE hash=?").bind(1, out.first).bind(2, pending).run();
                set_have(db(), out.first, size, size);
            }
        });
        return out;
    });
}

Result<std::optional<Store::ContentHave>> Store::content_have(const std::string& hash) {
    return guard([&] {
        std::optional<ContentHave> out;
        Stmt q = db().prepare("SELECT size, have FROM _content_have WHERE hash=?");
        q.bind(1, hash);
        if (q.step()) out = ContentHave{static_cast<std::uint64_t>(q.integer(0)), static_cast<std::uint64_t>(q.integer(1))};
        return out;
    });
}

Result<std::string> Store::read_content(const std::string& hash, std::uint64_t offset, std::size_t max) {
    return guard([&] {
        std::string out;
        Stmt q = db().prepare("SELECT part, data FROM _content WHERE hash=? AND part>=? ORDER BY part");
        q.bind(1, hash).bind(2, offset / kContentPart);
        while (out.size() < max && q.step()) {
            std::string_view data = q.blob(1);
            std::uint64_t start = static_cast<std::uint64_t>(q.integer(0)) * kContentPart;
            if (start + data.size() <= offset) continue;
            if (start < offset) data.remove_prefix(static_cast<std::size_t>(offset - start));
            out.append(data.substr(0, max - out.size()));
        }
        return out;
    });
}

Status Store::append_content(const std::string& hash, std::uint64_t size, std::uint64_t offset, std::string_view bytes) {
    return guard_status([&] {
        in_write([&] {
            auto held = content_have(hash);
            if (!held.ok()) throw Failure{held.error()};
            std::uint64_t have = *held ? (*held)->have : 0;
            if (offset != have)
                fail(Code::Invalid, "content " + hash + ": bytes at " + std::to_string(offset) + " but " +
                                        std::to_string(have) + " are held");
            if (have + bytes.size() > size)
                fail(Code::TooLarge, "content " + hash + ": more bytes than its attachment's size");
            set_have(db(), hash, size, append_parts(db(), hash, have, bytes));
        }, Durability::Redoable);
    });
}

Status Store::queue_upload(const std::string& attachment_id, const std::string& hash, std::uint64_t size) {
    return guard_status([&] {
        in_write([&] {
            db().prepare("INSERT OR IGNORE INTO _uploads(attachment_id,hash,size) VALUES(?,?,?)")
                .bind(1, attachment_id)
                .bind(2, hash)
                .bind(3, size)
                .run();
        });
    });
}

Result<std::vector<Store::Upload>> Store::uploads() {
    return guard([&] {
        std::vector<Upload> out;
        Stmt q = db().prepare("SELECT attachment_id, hash, size, sent, ifnull(failed,'') FROM _uploads ORDER BY size, attachment_id");
        while (q.step())
            out.push_back({std::string(q.text(0)), std::string(q.text(1)), static_cast<std::uint64_t>(q.integer(2)),
                           static_cast<std::uint64_t>(q.integer(3)), std::string(q.text(4))});
        return out;
    });
}

Result<std::vector<std::string>> Store::missing_contents(std::uint64_t max_size) {
    return guard([&] {
        std::vector<std::string> out;
        Stmt q = db().prepare(
            "SELECT a.id FROM attachments a WHERE coalesce(a.deleted,0)=0 AND coalesce(a.erased,0)=0 AND a.size<=? "
            "AND a.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _content_have h WHERE h.hash=a.sha256 AND h.have>=h.size) "
            "ORDER BY a.size, a.id");
        q.bind(1, static_cast<std::int64_t>(std::min<std::uint64_t>(max_size, INT64_MAX)));
        while (q.step()) out.emplace_back(q.text(0));
        return out;
    });
}

Status Store::upload_progress(const std::string& attachment_id, std::uint64_t sent) {
    return guard_status([&] {
        in_write([&] { db().prepare("UPDATE _uploads SET sent=? WHERE attachment_id=?").bind(1, sent).bind(2, attachment_id).run(); },
                 Durability::Redoable);
    });
}

Status Store::upload_retry(const std::string& attachment_id) {
    return guard_status([&] {
        in_write([&] { db().prepare("UPDATE _uploads SET failed=NULL WHERE attachment_id=?").bind(1, attachment_id).run(); });
    });
}

Status Store::upload_done(const std::string& attachment_id) {
    return guard_status([&] {
        in_write([&] { db().prepare("DELETE FROM _uploads WHERE attachment_id=?").bind(1, attachment_id).run(); });
    });
}

Status Store::upload_failed(const std::string& attachment_id, const std::string& why) {
    return guard_status([&] {
        in_write([&] { db().prepare("UPDATE _uploads SET failed=? WHERE attachment_id=?").bind(1, why).bind(2, attachment_id).run(); });
    });
}

Result<std::uint64_t> Store::drop_unused_content(Durability d) {
    return guard([&] {
        std::uint64_t freed = 0;
        in_write([&] {
            const char* named = "(SELECT sha256 FROM attachments WHERE ifnull(erased,0)=0 AND sha256 IS NOT NULL)";
            Stmt q = db().prepare(std::string("SELECT hash, have FROM _content_have WHERE hash NOT IN ") + named);
            std::vector<std::string> gone;
            while (q.step()) {
                gone.emplace_back(q.text(0));
                freed += static_cast<std::uint64_t>(q.integer(1));
            }
            for (const std::string& h : gone) drop_content(db(), h);
            db().exec("DELETE FROM _uploads WHERE attachment_id NOT IN (SELECT id FROM attachments WHERE ifnull(erased,0)=0)");
        }, d);
        return freed;
    });
}

}  // namespace fika::sync
