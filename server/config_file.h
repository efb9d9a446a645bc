// fika-server's configuration file (/etc/fika/fika-server.conf in the package): one
// setting per line, "name = value", named as the command line's long options without
// their dashes; a line starting with "#" is a comment. The command line overrides it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "error.h"

namespace fika::server {

// Where fika-server looks when neither --config nor $FIKA_CONFIG names a file.
inline constexpr const char* kDefaultConfigPath = "/etc/fika/fika-server.conf";

// An option the file may set: its name and whether it takes a value (else it is a
// switch, set with yes/no).
struct OptionSpec {
    const char* name;
    bool takes_value;
};

// What a file says, as the command line would say it.
struct ConfigArgs {
    std::string data;                 // "data = DIR" ("" when not set)
    std::string db;                   // "db = DATABASE"
    std::string content_dir;          // "content-dir = DIR"
    std::vector<std::string> serve;   // serve's options: "--listen", "127.0.0.1:8787", ...
    std::vector<std::string> origin;  // for each of serve's words: "FILE:LINE", for messages
};

// Reads `path` against the options `serve_options` (plus data, db and content-dir). An unreadable
// file, a line that is not "name = value", an unknown name, a switch that is not yes/no
// or a setting given twice is an error naming the file and line.
sync::Result<ConfigArgs> read_config_file(const std::string& path, std::span<const OptionSpec> serve_options);

}  // namespace fika::server
