// Attachments (product.md: photos and files on any record): what attaching writes,
// whoever attaches (the app, fika-cli). Qt-free, on the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rules.h"

namespace fika::rules {

// A file larger than this is refused before anything is stored (a setting may lower or
// raise it; the server has its own limit, --max-attachment-mb).
constexpr std::uint64_t kDefaultAttachmentLimit = 25ull * 1024 * 1024;

// The table of a kind one attaches to ("case" -> "cases"); "" for a kind that takes none.
std::string attachable_table(const std::string& kind);
// The kind of a table's records as an attachment names it ("cases" -> "case"); "" for none.
std::string attachable_kind(const std::string& table);

// A file's name as an attachment keeps it: no folders, no control characters, at most
// 255 bytes (cut on a character boundary), "file" when nothing is left.
std::string attachment_name(const std::string& path_or_name);
// A media type from the name's extension (photos, PDF, office files, text); else
// application/octet-stream.
std::string media_type(const std::string& name);

// Attaches the content `read` gives to a record, in one transaction: the content, the
// attachment's record (on the record's customer and person, by the actor) and its place
// in the upload queue. Errors: NotFound (no such record, or deleted), Invalid (a kind
// that takes no attachments), TooLarge (over `limit`: nothing stored), Storage.
sync::Result<std::string> attach(sync::Store& store, const std::string& kind, const std::string& record_id,
                                 const std::string& name, const std::string& type, const sync::Store::ContentSource& read,
                                 std::uint64_t limit, const Actor& actor);

}  // namespace fika::rules
