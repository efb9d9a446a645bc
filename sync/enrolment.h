// Enrolment codes and fika:// links: how a device is signed in without a long token being
// typed (docs/protocol.md, "Enrolment"). The server makes a code; the admin (or the user's
// other device) shows it as a short code, a link and a QR code of the link; the device
// exchanges it once for a token of its own.
//
// A code is 12 symbols of Crockford's base 32 (0-9 and A-Z without I, L, O, U), 60 random
// bits, shown as XXXX-XXXX-XXXX. Typed codes are read forgivingly: any case, spaces and
// dashes anywhere, O as 0, I and L as 1. What the server stores is a hash of the normal
// form, never the code.
//
// The link: fika://enrol?server=<percent-encoded server URL>&code=XXXX-XXXX-XXXX
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fika::sync {

inline constexpr std::size_t kEnrolCodeSymbols = 12;

// A new code from 60 bits of `random` (the caller's cryptographic randomness), shown form.
std::string enrol_code_from_bits(std::uint64_t random);
// The normal form (12 upper-case symbols) of a typed code; nullopt when it is not one.
std::optional<std::string> normal_enrol_code(std::string_view typed);
// XXXX-XXXX-XXXX of a normal form.
std::string shown_enrol_code(std::string_view normal);

struct EnrolLink {
    std::string server;  // http(s)://host[:port][/path]
    std::string code;    // shown form
};
std::string enrol_link(const std::string& server, const std::string& code);
// Reads a fika://enrol link (as made by enrol_link); nullopt for anything else.
std::optional<EnrolLink> parse_enrol_link(std::string_view link);

}  // namespace fika::sync
