#include "http_framing.h"

#include <algorithm>
#include <iterator>

namespace fika::server::http {

namespace {

// RFC 9110 tchar: the characters of a method or a header name.
bool is_tchar(unsigned char c) {
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The elements of a comma-separated header list, trimmed and lower-case.
std::vector<std::string> list_elements(std::string_view v) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t comma = v.find(',', start);
        out.push_back(lower(trim(v.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start))));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace

std::string Head::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (k == name) return v;
    return {};
}

std::string Head::path() const { return target.substr(0, target.find('?')); }

void RequestParser::reset() {
    phase_ = Phase::RequestLine;
    head_ = Head{};
    refusal_ = Refusal{};
    line_.clear();
    body_.clear();
    head_bytes_ = 0;
    chunk_left_ = 0;
    started_ = false;
}

RequestParser::Step RequestParser::refuse(int status, std::string code, std::string message) {
    phase_ = Phase::Refused;
    refusal_ = Refusal{status, std::move(code), std::move(message)};
    return Step::Refused;
}

bool RequestParser::take_line(std::string_view data, std::size_t& pos, std::size_t max, bool& too_long, bool& bad) {
    std::size_t nl = data.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? data.size() : nl + 1;
    line_.append(data.data() + pos, end - pos);
    pos = end;
    if (line_.size() > max + 2) {
        too_long = true;
        return false;
    }
    if (nl == std::string_view::npos) return false;
    if (line_.size() < 2 || line_[line_.size() - 2] != '\r') {
        bad = true;
        return false;
    }
    line_.resize(line_.size() - 2);
    if (line_.find('\r') != std::string::npos) {
        bad = true;
        return false;
    }
    return true;
}

bool RequestParser::parse_request_line() {
    std::string_view l(line_);
    std::size_t sp1 = l.find(' ');
    std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : l.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || l.find(' ', sp2 + 1) != std::string_view::npos) {
        refuse(400, "bad_request", "the request line must be METHOD /path HTTP/1.1");
        return false;
    }
    std::string_view method = l.substr(0, sp1), target = l.substr(sp1 + 1, sp2 - sp1 - 1),
                     version = l.substr(sp2 + 1);
    if (!is_token(method) || method.size() > 32) {
        refuse(400, "bad_request", "the request method is not a token");
        return false;
    }
    if (target.empty() || target.front() != '/' ||
        !std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; })) {
        refuse(400, "bad_request", "the request target must be a path starting with / in visible ASCII");
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[6] == '.')
            refuse(505, "http_version_not_supported", "only HTTP/1.1 and HTTP/1.0 are spoken here");
        else
            refuse(400, "bad_request", "the request line must end with HTTP/1.1");
        return false;
    }
    head_.method.assign(method);
    head_.target.assign(target);
    head_.version.assign(version);
    return true;
}

bool RequestParser::parse_header_line() {
    std::string_view l(line_);
    if (l.front() == ' ' || l.front() == '\t') {
        refuse(400, "bad_request", "folded header lines are not accepted");
        return false;
    }
    std::size_t colon = l.find(':');
    if (colon == std::string_view::npos) {
        refuse(400, "bad_request", "a header line has no colon");
        return false;
    }
    std::string_view name = l.substr(0, colon);
    if (!is_token(name)) {
        refuse(400, "bad_request", "a header name is empty or holds a character a name may not (a space before the colon?)");
        return false;
    }
    std::string_view value = trim(l.substr(colon + 1));
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            refuse(400, "bad_request", "a header value holds a control character");
            return false;
        }
    }
    if (head_.headers.size() >= limits_.max_headers) {
        refuse(431, "headers_too_large", "more than " + std::to_string(limits_.max_headers) + " header lines");
        return false;
    }
    head_.headers.emplace_back(lower(name), std::string(value));
    return true;
}

bool RequestParser::finish_head() {
    std::vector<std::string> lengths, encodings;
    std::string expect, connection;
    // Headers that mean one thing: two of them could be read differently by two readers.
    static const char* const kSingle[] = {"host", "authorization", "content-type", "content-encoding", "expect"};
    int seen[std::size(kSingle)] = {};
    for (const auto& [k, v] : head_.headers) {
        for (std::size_t i = 0; i < std::size(kSingle); ++i)
            if (k == kSingle[i] && ++seen[i] > 1) {
                refuse(400, "bad_request", "more than one " + k + " header");
                return false;
            }
        if (k == "content-length") lengths.push_back(v);
        else if (k == "transfer-encoding") encodings.push_back(v);
        else if (k == "expect") expect = lower(v);
        else if (k == "connection") connection += (connection.empty() ? "" : ",") + v;
    }
    const bool http10 = head_.version == "HTTP/1.0";
    if (!encodings.empty()) {
        if (!lengths.empty()) {
            refuse(400, "bad_request", "both Transfer-Encoding and Content-Length: send one of them");
            return false;
        }
        if (http10) {
            refuse(400, "bad_request", "Transfer-Encoding is not HTTP/1.0");
            return false;
        }
        std::string joined;
        for (const std::string& e : encodings) joined += (joined.empty() ? "" : ",") + e;
        auto elements = list_elements(joined);
        if (elements.size() != 1 || elements[0] != "chunked") {
            refuse(501, "not_implemented",
                   "Transfer-Encoding '" + std::string(trim(joined)) + "' is not supported; send chunked or a Content-Length");
            return false;
        }
        head_.chunked = true;
    }
    for (const std::string& v : lengths) {
        if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            refuse(400, "bad_request", "Content-Length must be a whole number of bytes");
            return false;
        }
        std::string_view digits(v);
        while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
        std::uint64_t n = 0;
        if (digits.size() > 19) {
            n = UINT64_MAX;
        } else {
            for (char c : digits) n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (&v != &lengths.front() && n != head_.content_length) {
            refuse(400, "bad_request", "two different Content-Length headers");
            return false;
        }
        head_.content_length = n;
    }
    if (!head_.chunked && head_.content_length > limits_.max_body) {
        refuse(413, "too_large", "the request body is larger than " + std::to_string(limits_.max_body) + " bytes");
        return false;
    }
    if (!expect.empty()) {
        if (expect != "100-continue") {
            refuse(417, "expectation_failed", "only 'Expect: 100-continue' is understood");
            return false;
        }
        head_.expect_continue = !http10;
    }
    auto tokens = list_elements(connection);
    bool close = std::find(tokens.begin(), tokens.end(), "close") != tokens.end();
    bool keep = std::find(tokens.begin(), tokens.end(), "keep-alive") != tokens.end();
    head_.keep_alive = http10 ? keep && !close : !close;
    return true;
}

RequestParser::Step RequestParser::feed(std::string_view data, std::size_t& consumed) {
    std::size_t pos = 0;
    auto out = [&](Step s) {
        consumed = pos;
        return s;
    };
    for (;;) {
        switch (phase_) {
            case Phase::Refused: return out(Step::Refused);
            case Phase::Done: return out(Step::Done);
            case Phase::RequestLine:
            case Phase::Headers: {
                if (pos == data.size()) return out(Step::NeedMore);
                // Empty lines before a request (a stray CRLF after the last body) do not
                // start one.
                started_ = started_ || phase_ == Phase::Headers || !line_.empty() || (data[pos] != '\r' && data[pos] != '\n');
                bool too_long = false, bad = false;
                std::size_t before = pos;
                bool complete = take_line(data, pos, limits_.max_line, too_long, bad);
                head_bytes_ += pos - before;
                if (too_long)
                    return out(phase_ == Phase::RequestLine
                                   ? refuse(414, "uri_too_long", "the request line is longer than " +
                                                                     std::to_string(limits_.max_line) + " bytes")
                                   : refuse(431, "headers_too_large", "a header line is longer than " +
                                                                          std::to_string(limits_.max_line) + " bytes"));
                if (bad) return out(refuse(400, "bad_request", "every line of the head must end with CRLF"));
                if (head_bytes_ > limits_.max_head)
                    return out(refuse(431, "headers_too_large",
                                      "the request head is larger than " + std::to_string(limits_.max_head) + " bytes"));
                if (!complete) return out(Step::NeedMore);
                if (phase_ == Phase::RequestLine) {
                    if (line_.empty()) continue;  // an empty line before the request (RFC 9112 2.2)
                    if (!parse_request_line()) return out(Step::Refused);
                    line_.clear();
                    phase_ = Phase::Headers;
                    continue;
                }
                if (!line_.empty()) {
                    if (!parse_header_line()) return out(Step::Refused);
                    line_.clear();
                    continue;
                }
                if (!finish_head()) return out(Step::Refused);
                phase_ = head_.chunked ? Phase::ChunkSize : head_.content_length > 0 ? Phase::Body : Phase::Done;
                return out(Step::HeadDone);
            }
            case Phase::Body: {
                std::size_t want = static_cast<std::size_t>(head_.content_length - body_.size());
                std::size_t take = std::min(want, data.size() - pos);
                body_.append(data.data() + pos, take);
                pos += take;
                if (body_.size() == head_.content_length) {
                    phase_ = Phase::Done;
                    continue;
                }
                return out(Step::NeedMore);
            }
            case Phase::ChunkSize: {
                if (pos == data.size()) return out(Step::NeedMore);
                bool too_long = false, bad = false;
                bool complete = take_line(data, pos, 1024, too_long, bad);
                if (too_long) return out(refuse(400, "bad_request", "a chunk size line is too long"));
                if (bad) return out(refuse(400, "bad_request", "a chunk size line must end with CRLF"));
                if (!complete) return out(Step::NeedMore);
                std::string_view l(line_);
                std::string_view hex = l.substr(0, l.find(';'));
                if (hex.empty() || hex.size() > 16 ||
                    !std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
                    return out(refuse(400, "bad_request", "a chunk size must be hexadecimal digits"));
                if (std::any_of(l.begin(), l.end(), [](char c) {
                        auto u = static_cast<unsigned char>(c);
                        return (u < 0x20 && u != '\t') || u == 0x7f;
                    }))
                    return out(refuse(400, "bad_request", "a chunk extension holds a control character"));
                std::uint64_t n = std::stoull(std::string(hex), nullptr, 16);
                line_.clear();
                if (n > limits_.max_body - body_.size())
                    return out(refuse(413, "too_large",
                                      "the request body is larger than " + std::to_string(limits_.max_body) + " bytes"));
                if (n == 0) {
                    phase_ = Phase::Trailers;
                } else {
                    chunk_left_ = n;
                    phase_ = Phase::ChunkData;
                }
                continue;
            }
            case Phase::ChunkData: {
                std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_left_, data.size() - pos));
                body_.append(data.data() + pos, take);
                pos += take;
                chunk_left_ -= take;
                if (chunk_left_ > 0) return out(Step::NeedMore);
                phase_ = Phase::ChunkEnd;
                continue;
            }
            case Phase::ChunkEnd: {
                if (pos == data.size()) return out(Step::NeedMore);
                bool too_long = false, bad = false;
                bool complete = take_line(data, pos, 0, too_long, bad);
                if (too_long || bad) return out(refuse(400, "bad_request", "a chunk's data must be followed by CRLF"));
                if (!complete) return out(Step::NeedMore);
                phase_ = Phase::ChunkSize;
                continue;
            }
            case Phase::Trailers: {
                if (pos == data.size()) return out(Step::NeedMore);
                bool too_long = false, bad = false;
                std::size_t before = pos;
                bool complete = take_line(data, pos, limits_.max_line, too_long, bad);
                head_bytes_ += pos - before;
                if (too_long || head_bytes_ > limits_.max_head)
                    return out(refuse(431, "headers_too_large", "the trailer fields are too large"));
                if (bad) return out(refuse(400, "bad_request", "every trailer line must end with CRLF"));
                if (!complete) return out(Step::NeedMore);
                if (line_.empty()) {
                    phase_ = Phase::Done;
                    continue;
                }
                std::size_t colon = line_.find(':');
                if (colon == std::string::npos || !is_token(std::string_view(line_).substr(0, colon)))
                    return out(refuse(400, "bad_request", "a trailer line is not 'name: value'"));
                line_.clear();  // trailer fields are read and ignored
                continue;
            }
        }
    }
}

}  // namespace fika::server::http
