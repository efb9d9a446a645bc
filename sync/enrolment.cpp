#include "enrolment.h"

#include <cctype>
#include <cstdint>

namespace fika::sync {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::string percent_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            int a = hex_value(s[i + 1]), b = hex_value(s[i + 2]);
            if (a < 0 || b < 0) return std::nullopt;
            out.push_back(static_cast<char>(a * 16 + b));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

}  // namespace

std::string enrol_code_from_bits(std::uint64_t random) {
    std::string normal;
    for (std::size_t i = 0; i < kEnrolCodeSymbols; ++i) {
        normal.push_back(kAlphabet[random & 31]);
        random >>= 5;
    }
    return shown_enrol_code(normal);
}

std::optional<std::string> normal_enrol_code(std::string_view typed) {
    if (typed.size() > 64) return std::nullopt;
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ' || c == '\t') continue;
        char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (u == 'O') u = '0';
        if (u == 'I' || u == 'L') u = '1';
        if (kAlphabet.find(u) == std::string_view::npos) return std::nullopt;
        out.push_back(u);
    }
    if (out.size() != kEnrolCodeSymbols) return std::nullopt;
    return out;
}

std::string shown_enrol_code(std::string_view normal) {
    std::string out;
    for (std::size_t i = 0; i < normal.size(); ++i) {
        if (i && i % 4 == 0) out.push_back('-');
        out.push_back(normal[i]);
    }
    return out;
}

std::string enrol_link(const std::string& server, const std::string& code) {
    return "fika://enrol?server=" + percent_encode(server) + "&code=" + code;
}

std::optional<EnrolLink> parse_enrol_link(std::string_view link) {
    // Trimmed: a link pasted from a mail often comes with spaces or a line break.
    while (!link.empty() && std::isspace(static_cast<unsigned char>(link.front()))) link.remove_prefix(1);
    while (!link.empty() && std::isspace(static_cast<unsigned char>(link.back()))) link.remove_suffix(1);
    constexpr std::string_view prefix = "fika://enrol?";
    if (link.size() > 2000 || link.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::string_view query = link.substr(prefix.size());
    EnrolLink out;
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        auto value = percent_decode(pair.substr(eq + 1));
        if (!value) return std::nullopt;
        if (pair.substr(0, eq) == "server") out.server = *value;
        else if (pair.substr(0, eq) == "code") out.code = *value;
    }
    auto normal = normal_enrol_code(out.code);
    if (!normal) return std::nullopt;
    out.code = shown_enrol_code(*normal);
    if (out.server.rfind("http://", 0) != 0 && out.server.rfind("https://", 0) != 0) return std::nullopt;
    return out;
}

}  // namespace fika::sync
