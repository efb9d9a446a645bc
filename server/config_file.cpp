#include "config_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace fika::server {
namespace {

std::string trim(const std::string& s) {
    const char* ws = " \t\r";
    auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

sync::Error bad(const std::string& where, const std::string& what) {
    return sync::Error(sync::Code::Invalid, where + ": " + what);
}

}  // namespace

sync::Result<ConfigArgs> read_config_file(const std::string& path, std::span<const OptionSpec> serve_options) {
    std::ifstream in(path);
    if (!in)
        return sync::Error(sync::Code::Storage, "cannot read the configuration file " + path + ": " + std::strerror(errno));
    ConfigArgs out;
    std::set<std::string> seen;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        const std::string where = path + ":" + std::to_string(n);
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;  // whole lines only: a password may hold a #
        auto eq = line.find('=');
        if (eq == std::string::npos) return bad(where, "expected \"name = value\", not \"" + line + "\"");
        std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (!seen.insert(key).second) return bad(where, key + " is set twice");
        if (key == "data" || key == "db" || key == "content-dir") {
            if (value.empty()) return bad(where, key + " needs a value");
            (key == "data" ? out.data : key == "db" ? out.db : out.content_dir) = value;
            continue;
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& o : serve_options)
            if (key == o.name) spec = &o;
        if (!spec) return bad(where, "unknown setting \"" + key + "\" (fika-server --help lists them, without their dashes)");
        if (spec->takes_value) {
            if (value.empty()) return bad(where, key + " needs a value");
            out.serve.insert(out.serve.end(), {"--" + key, value});
            out.origin.insert(out.origin.end(), {where, where});
        } else if (value == "yes" || value == "true" || value == "on") {
            out.serve.push_back("--" + key);
            out.origin.push_back(where);
        } else if (value != "no" && value != "false" && value != "off") {
            return bad(where, key + " is yes or no, not \"" + value + "\"");
        }
    }
    return out;
}

}  // namespace fika::server
