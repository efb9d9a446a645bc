// A strict JSON reader for the protocol decoder (RFC 8259, UTF-8 only): the whole text is
// read into one flat array of values in document order, with strings as views into the
// text wherever they hold no escapes. A first download decodes millions of values; a
// general-purpose DOM (a heap object per value, a map per object) cost more than merging
// them. Nothing here throws except std::bad_alloc.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace fika::sync::jsonr {

enum class Kind : std::uint8_t { Null, Bool, Int, Uint, Real, String, Array, Object };

// 48 bytes: a page of 5,000 records is ~200,000 of them.
struct Node {
    std::uint32_t end = 0;    // index one past this value's last descendant
    std::uint32_t count = 0;  // elements of an array, members of an object
    Kind kind = Kind::Null;
    bool boolean = false;
    std::string_view key;     // the member name, for a value inside an object
    union {                   // by kind
        std::string_view text;  // Kind::String
        std::int64_t i;         // Kind::Int: a negative integer
        std::uint64_t u;        // Kind::Uint: a non-negative integer
        double d;               // Kind::Real: a fraction, an exponent, or an integer too large
    };
    Node() : text() {}
};
static_assert(sizeof(Node) <= 48);

class Doc;

// A value in a Doc. Children of an array or object are visited in order with
// first_child() and next_sibling().
class Value {
public:
    Value(const Doc& doc, std::uint32_t index) : doc_(&doc), index_(index) {}
    const Node& node() const;
    Kind kind() const { return node().kind; }
    std::uint32_t size() const { return node().count; }
    std::string_view key() const { return node().key; }
    Value first_child() const { return Value(*doc_, index_ + 1); }
    Value next_sibling() const { return Value(*doc_, node().end); }
    // A member of an object by name (the first, when a name repeats), or false.
    bool find(std::string_view name, Value& out) const;

private:
    const Doc* doc_;
    std::uint32_t index_;
};

class Doc {
public:
    // Reads `text`. False, with `error` set, when it is not one JSON value with nothing but
    // whitespace after it, nests deeper than max_depth, or holds more than max_values values.
    bool parse(std::string_view text, std::size_t max_depth, std::size_t max_values, std::string& error);
    Value root() const { return Value(*this, 0); }
    const Node& node(std::uint32_t i) const { return nodes_[i]; }
    // Set after a failed parse: the input was too large (max_values), not malformed.
    bool too_large() const { return too_large_; }
    // Forgets the text (its views end here) and keeps the value array for the next parse,
    // unless it holds more than `keep_values` (a rare huge message gives its memory back).
    void done(std::size_t keep_values);

private:
    bool value(std::size_t depth);
    bool string(std::string_view& out);
    bool number(Node& n);
    bool fail(const char* what);
    void skip_ws();

    std::string_view in_;
    std::size_t pos_ = 0;
    std::size_t max_depth_ = 0, max_values_ = 0;
    bool too_large_ = false;
    std::string error_;
    std::vector<Node> nodes_;
    std::deque<std::string> unescaped_;  // strings that held escapes (stable addresses)
};

inline const Node& Value::node() const { return doc_->node(index_); }

}  // namespace fika::sync::jsonr
