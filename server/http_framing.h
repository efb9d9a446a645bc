// HTTP/1.1 request framing, read strictly and incrementally (RFC 9112). This decides where
// one request ends and the next begins, so it is where request smuggling is stopped: a
// request whose framing two readers could understand differently is refused, never
// guessed at.
//
//   request line   METHOD SP /target SP HTTP/1.1 CRLF     (HTTP/1.0 too; absolute form no)
//   header line    name ":" OWS value OWS CRLF            (no folding, no bare LF or CR)
//   end of head    CRLF
//   body           Content-Length: N bytes, or Transfer-Encoding: chunked
//                  (hex-size [;ext] CRLF data CRLF ... 0 CRLF [trailers] CRLF)
//
// Refused (status): a line over max_line (414 request line, 431 header), a head over
// max_head or max_headers (431), a line without CRLF, a header without a colon, a space
// before the colon, folding, control characters, a Content-Length that is not digits or
// differs from another (400), over max_body (413, before any body byte is read), a
// Transfer-Encoding other than exactly "chunked" (501), both Transfer-Encoding and
// Content-Length (400), an Expect other than 100-continue (417), another version (505).
// A request without Content-Length or Transfer-Encoding has no body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fika::server::http {

struct FramingLimits {
    // The request line, and each header line, without CRLF: within cpp-httplib's 8,192
    // with CRLF, and with the space it may add after a header's colon.
    std::size_t max_line = 8189;
    std::size_t max_head = 64 * 1024;  // request line and headers together
    std::size_t max_headers = 100;
    std::size_t max_body = 16u << 20;  // bytes as sent (before any decompression)
};

// Why a request was refused: the HTTP status, a short code for the JSON error body and
// a sentence for people.
struct Refusal {
    int status = 400;
    std::string code = "bad_request";
    std::string message;
};

struct Head {
    std::string method, target, version;                      // version: "HTTP/1.1" or "HTTP/1.0"
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-case, values trimmed
    bool chunked = false;
    std::uint64_t content_length = 0;  // when not chunked
    bool keep_alive = true;            // false: close after the answer
    bool expect_continue = false;
    // The first value of a header (lower-case name), or "".
    std::string header(std::string_view name) const;
    std::string path() const;  // the target without its query
};

class RequestParser {
public:
    enum class Step {
        NeedMore,  // every byte given was consumed; the request is not complete
        HeadDone,  // the head is complete (once per request); call feed() again for the body
        Done,      // the request is complete; bytes after it were not consumed
        Refused,   // see refusal(); the connection must be closed after answering
    };

    explicit RequestParser(FramingLimits limits = {}) : limits_(limits) {}

    // Reads from `data`; `consumed` is set to the bytes used.
    Step feed(std::string_view data, std::size_t& consumed);

    const Head& head() const { return head_; }
    const Refusal& refusal() const { return refusal_; }
    // The body as decoded (without chunk framing); moves it out.
    std::string take_body() { return std::move(body_); }
    std::size_t body_size() const { return body_.size(); }
    // True once any byte of the current request has arrived.
    bool started() const { return started_; }
    bool head_done() const { return phase_ > Phase::Headers; }
    // Ready for the next request on the same connection.
    void reset();

private:
    enum class Phase { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done, Refused };
    Step refuse(int status, std::string code, std::string message);
    // Takes one CRLF-terminated line from data into line_; true when complete.
    bool take_line(std::string_view data, std::size_t& pos, std::size_t max, bool& too_long, bool& bad);
    bool parse_request_line();
    bool parse_header_line();
    bool finish_head();

    FramingLimits limits_;
    Phase phase_ = Phase::RequestLine;
    Head head_;
    Refusal refusal_;
    std::string line_;
    std::string body_;
    std::size_t head_bytes_ = 0;
    std::uint64_t chunk_left_ = 0;
    bool started_ = false;
};

}  // namespace fika::server::http
