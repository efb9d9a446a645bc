#include "json_reader.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include "value.h"

namespace fika::sync::jsonr {

bool Value::find(std::string_view name, Value& out) const {
    if (kind() != Kind::Object) return false;
    Value c = first_child();
    for (std::uint32_t i = 0; i < size(); ++i, c = c.next_sibling()) {
        if (c.key() == name) {
            out = c;
            return true;
        }
    }
    return false;
}

bool Doc::fail(const char* what) {
    if (error_.empty()) error_ = std::string("malformed JSON at byte ") + std::to_string(pos_) + ": " + what;
    return false;
}

void Doc::skip_ws() {
    while (pos_ < in_.size()) {
        char c = in_[pos_];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
        ++pos_;
    }
}

bool Doc::parse(std::string_view text, std::size_t max_depth, std::size_t max_values, std::string& error) {
    in_ = text;
    pos_ = 0;
    max_depth_ = max_depth;
    max_values_ = max_values;
    too_large_ = false;
    error_.clear();
    nodes_.clear();
    unescaped_.clear();
    // The codec's messages hold a value per 12-20 bytes of text (a page of cases: one per
    // ~14); denser text grows the array. Too little here costs a copy of every value so far
    // and, past what a kept reader holds (protocol.cpp), a fresh array at every message.
    nodes_.reserve(std::min<std::size_t>(text.size() / 12 + 16, max_values));
    bool ok = value(0);
    if (ok) {
        skip_ws();
        if (pos_ != in_.size()) ok = fail("unexpected text after the value");
    }
    if (!ok) error = error_;
    return ok;
}

void Doc::done(std::size_t keep_values) {
    in_ = {};
    nodes_.clear();
    unescaped_.clear();
    if (nodes_.capacity() > keep_values) std::vector<Node>().swap(nodes_);
}

bool Doc::value(std::size_t depth) {
    skip_ws();
    if (pos_ >= in_.size()) return fail("unexpected end");
    if (nodes_.size() >= max_values_) {
        too_large_ = true;
        error_ = "the message holds more than " + std::to_string(max_values_) + " values";
        return false;
    }
    const auto self = static_cast<std::uint32_t>(nodes_.size());
    nodes_.emplace_back();
    char c = in_[pos_];
    if (c == '{' || c == '[') {
        const bool object = c == '{';
        if (depth + 1 > max_depth_) {
            error_ = "JSON nested too deeply";
            return false;
        }
        nodes_[self].kind = object ? Kind::Object : Kind::Array;
        const char close = object ? '}' : ']';
        ++pos_;
        skip_ws();
        std::uint32_t count = 0;
        if (pos_ < in_.size() && in_[pos_] == close) {
            ++pos_;
        } else {
            for (;;) {
                std::string_view key;
                if (object) {
                    skip_ws();
                    if (pos_ >= in_.size() || in_[pos_] != '"') return fail("expected a member name");
                    if (!string(key)) return false;
                    skip_ws();
                    if (pos_ >= in_.size() || in_[pos_] != ':') return fail("expected ':'");
                    ++pos_;
                }
                const auto child = static_cast<std::uint32_t>(nodes_.size());
                if (!value(depth + 1)) return false;
                nodes_[child].key = key;
                ++count;
                skip_ws();
                if (pos_ >= in_.size()) return fail("unexpected end");
                if (in_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (in_[pos_] == close) {
                    ++pos_;
                    break;
                }
                return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
            }
        }
        nodes_[self].count = count;
    } else if (c == '"') {
        std::string_view s;
        if (!string(s)) return false;
        nodes_[self].kind = Kind::String;
        nodes_[self].text = s;
    } else if (c == 't' || c == 'f' || c == 'n') {
        std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
        if (in_.substr(pos_, word.size()) != word) return fail("unknown literal");
        pos_ += word.size();
        nodes_[self].kind = c == 'n' ? Kind::Null : Kind::Bool;
        nodes_[self].boolean = c == 't';
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (!number(nodes_[self])) return false;
    } else {
        return fail("expected a value");
    }
    nodes_[self].end = static_cast<std::uint32_t>(nodes_.size());
    return true;
}

bool Doc::number(Node& n) {
    const std::size_t start = pos_;
    auto digit = [&] { return pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9'; };
    const bool negative = in_[pos_] == '-';
    if (negative) ++pos_;
    if (!digit()) return fail("expected a digit");
    if (in_[pos_] == '0') {
        ++pos_;
        if (digit()) return fail("a number must not start with 0");
    } else {
        while (digit()) ++pos_;
    }
    bool integer = true;
    if (pos_ < in_.size() && in_[pos_] == '.') {
        integer = false;
        ++pos_;
        if (!digit()) return fail("expected a digit after '.'");
        while (digit()) ++pos_;
    }
    if (pos_ < in_.size() && (in_[pos_] == 'e' || in_[pos_] == 'E')) {
        integer = false;
        ++pos_;
        if (pos_ < in_.size() && (in_[pos_] == '+' || in_[pos_] == '-')) ++pos_;
        if (!digit()) return fail("expected a digit in the exponent");
        while (digit()) ++pos_;
    }
    const char* first = in_.data() + start;
    const char* last = in_.data() + pos_;
    if (integer) {
        std::uint64_t u = 0;
        auto r = std::from_chars(first + (negative ? 1 : 0), last, u);
        if (r.ec == std::errc() && r.ptr == last) {
            if (!negative) {
                n.kind = Kind::Uint;
                n.u = u;
                return true;
            }
            if (u <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
                n.kind = Kind::Int;
                n.i = u == 0 ? 0 : static_cast<std::int64_t>(~(u - 1));  // -u without overflow
                return true;
            }
        }
        // Too large for 64 bits: read as a real number, as other JSON readers do.
    }
    double d = 0;
    auto r = std::from_chars(first, last, d);
    if (r.ec != std::errc() || r.ptr != last || !std::isfinite(d)) return fail("number out of range");
    n.kind = Kind::Real;
    n.d = d;
    return true;
}

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

}  // namespace

// At the opening quote. Plain runs are checked for UTF-8 and used in place; a string with
// escapes is decoded into storage the Doc owns.
bool Doc::string(std::string_view& out) {
    ++pos_;
    const std::size_t start = pos_;
    std::string* buf = nullptr;
    std::size_t run = start;
    const char* const d = in_.data();
    const std::size_t n = in_.size();
    for (;;) {
        bool ascii = true;  // then the run is valid UTF-8 without looking again
        while (pos_ < n) {
            // Eight bytes at a time while none is a quote, a backslash, a control character
            // or outside ASCII (a byte-wise test, SWAR). In a word that holds one, the lowest
            // flagged byte is the first such byte (a borrow only runs upwards from a true one):
            // the scan goes straight to it, and it is read on its own below.
            if (pos_ + 8 <= n) {
                constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
                std::uint64_t w;
                std::memcpy(&w, d + pos_, 8);
                const std::uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
                const std::uint64_t special =
                    (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w) & high;
                if (!special) {
                    pos_ += 8;
                    continue;
                }
                if constexpr (std::endian::native == std::endian::little)
                    pos_ += static_cast<std::size_t>(std::countr_zero(special)) / 8;
            }
            auto c = static_cast<unsigned char>(d[pos_]);
            if (c == '"' || c == '\\' || c < 0x20) break;
            if (c >= 0x80) ascii = false;
            ++pos_;
        }
        if (pos_ >= n) return fail("unterminated string");
        std::string_view plain = in_.substr(run, pos_ - run);
        if (!ascii && !valid_utf8(plain)) return fail("a string is not valid UTF-8");
        char c = in_[pos_];
        if (static_cast<unsigned char>(c) < 0x20) return fail("a control character in a string");
        if (c == '"') {
            ++pos_;
            if (!buf) {
                out = in_.substr(start, pos_ - 1 - start);
            } else {
                buf->append(plain);
                out = *buf;
            }
            return true;
        }
        // A backslash.
        if (!buf) buf = &unescaped_.emplace_back();
        buf->append(plain);
        if (++pos_ >= in_.size()) return fail("unterminated string");
        switch (in_[pos_]) {
            case '"': buf->push_back('"'); break;
            case '\\': buf->push_back('\\'); break;
            case '/': buf->push_back('/'); break;
            case 'b': buf->push_back('\b'); break;
            case 'f': buf->push_back('\f'); break;
            case 'n': buf->push_back('\n'); break;
            case 'r': buf->push_back('\r'); break;
            case 't': buf->push_back('\t'); break;
            case 'u': {
                auto read4 = [&](std::uint32_t& v) {
                    if (pos_ + 4 >= in_.size()) return false;
                    v = 0;
                    for (int k = 1; k <= 4; ++k) {
                        int h = hex_digit(in_[pos_ + static_cast<std::size_t>(k)]);
                        if (h < 0) return false;
                        v = v << 4 | static_cast<std::uint32_t>(h);
                    }
                    pos_ += 4;
                    return true;
                };
                std::uint32_t cp = 0;
                if (!read4(cp)) return fail("expected four hex digits after \\u");
                if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("a lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    std::uint32_t lo = 0;
                    if (pos_ + 2 >= in_.size() || in_[pos_ + 1] != '\\' || in_[pos_ + 2] != 'u')
                        return fail("a high surrogate without its low half");
                    pos_ += 2;
                    if (!read4(lo) || lo < 0xDC00 || lo > 0xDFFF) return fail("a high surrogate without its low half");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                append_utf8(*buf, cp);
                break;
            }
            default: return fail("an unknown escape");
        }
        run = ++pos_;
    }
}

}  // namespace fika::sync::jsonr
