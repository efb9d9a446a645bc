// Exports other programs read: follow-ups as an iCalendar file of to-dos (RFC 5545), and
// a person as a vCard (RFC 6350, version 3.0, which every address book imports). Text is
// escaped and long lines folded as the RFCs say; lines end in CRLF.
#pragma once

#include <cstdint>
#include <string>

#include "store.h"

namespace fika::client {

// Every follow-up that is not deleted (open ones, and done or cancelled ones with their
// status), as VTODOs with the customer's name in the description. `now_ms` stamps them.
sync::Result<std::string> follow_ups_ical(sync::Store& store, std::uint64_t now_ms);

// One person, with the customer as organisation and the purchase role. Errors: NotFound.
sync::Result<std::string> contact_vcard(sync::Store& store, const std::string& contact_id);

// RFC 5545/6350 TEXT escaping (backslash, semicolon, comma, newline) and line folding
// (at most 75 octets a line, never inside a UTF-8 character).
std::string ical_escape(const std::string& text);
std::string fold_line(const std::string& line);

}  // namespace fika::client
