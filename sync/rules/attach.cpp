#include "attach.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace fika::rules {

namespace {

const std::map<std::string, std::string>& kinds() {
    static const std::map<std::string, std::string> m = {
        {"account", "accounts"}, {"contact", "contacts"}, {"case", "cases"}, {"activity", "activities"}, {"note", "notes"}};
    return m;
}

}  // namespace

std::string attachable_table(const std::string& kind) {
    auto it = kinds().find(kind);
    return it == kinds().end() ? std::string() : it->second;
}

std::string attachable_kind(const std::string& table) {
    for (auto& [k, t] : kinds())
        if (t == table) return k;
    return {};
}

std::string attachment_name(const std::string& path_or_name) {
    std::string s = path_or_name;
    auto slash = s.find_last_of("/\\");
    if (slash != std::string::npos) s = s.substr(slash + 1);
    std::string out;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    if (out.size() > 255) {
        std::size_t cut = 255;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        out.resize(cut);
    }
    if (out.empty() || out == "." || out == "..") out = "file";
    return out;
}

std::string media_type(const std::string& name) {
    static const std::map<std::string, std::string> types = {
        {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"png", "image/png"}, {"gif", "image/gif"},
        {"webp", "image/webp"}, {"heic", "image/heic"}, {"bmp", "image/bmp"}, {"svg", "image/svg+xml"},
        {"pdf", "application/pdf"}, {"txt", "text/plain"}, {"csv", "text/csv"}, {"md", "text/markdown"},
        {"doc", "application/msword"}, {"xls", "application/vnd.ms-excel"}, {"ppt", "application/vnd.ms-powerpoint"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
        {"odt", "application/vnd.oasis.opendocument.text"}, {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
        {"zip", "application/zip"}, {"mp4", "video/mp4"}, {"m4a", "audio/mp4"}, {"mp3", "audio/mpeg"}};
    auto dot = name.find_last_of('.');
    if (dot == std::string::npos) return "application/octet-stream";
    std::string ext = name.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = types.find(ext);
    return it == types.end() ? "application/octet-stream" : it->second;
}

sync::Result<std::string> attach(sync::Store& store, const std::string& kind, const std::string& record_id,
                                 const std::string& name, const std::string& type, const sync::Store::ContentSource& read,
                                 std::uint64_t limit, const Actor& actor) {
    const std::string table = attachable_table(kind);
    if (table.empty()) return sync::Error{sync::Code::Invalid, "a " + kind + " takes no attachments (account, contact, case, activity or note)"};
    auto parent = store.get(table, record_id);
    if (!parent.ok()) return parent.error();
    if (parent->deleted()) return sync::Error{sync::Code::NotFound, table + " " + record_id + " is in the trash"};
    const sync::TableDef& t = *parent->table;
    std::string account = std::string(sync::Store::bucket_of(t, parent->id, parent->values));
    sync::Value contact;
    if (kind == "contact") contact = sync::text(parent->id);
    else if (t.field("contact_id")) contact = (*parent)["contact_id"];
    sync::Store::Batch batch(store);
    auto content = store.put_content(read, limit);
    if (!content.ok()) return content.error();
    auto& [hash, size] = *content;
    std::string shown = attachment_name(name);
    sync::Fields f = {{"account_id", sync::text(account)},
                      {"record_kind", sync::text(kind)},
                      {"record_id", sync::text(parent->id)},
                      {"contact_id", contact},
                      {"name", sync::text(shown)},
                      {"type", sync::text(type.empty() ? media_type(shown) : type)},
                      {"size", static_cast<std::int64_t>(size)},
                      {"sha256", sync::text(hash)}};
    defaults_on_create(*store.schema().table("attachments"), f, actor);
    auto id = store.create("attachments", std::move(f));
    if (!id.ok()) return id.error();
    if (auto st = store.queue_upload(*id, hash, size); !st.ok()) return st.error();
    if (auto st = batch.commit(); !st.ok()) return st.error();
    return *id;
}

}  // namespace fika::rules
