// fika-server as an admin installs and runs it: its settings file, systemd's readiness
// notifications, and the Debian packages (built with cpack, unpacked into a clean tree,
// their unit checked by systemd-analyze and its ExecStart line run as systemd would).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "net.h"
#include "process.h"
#include "testutil.h"

#ifndef FIKA_SERVER_BIN
#error "FIKA_SERVER_BIN must name the fika-server binary"
#endif

namespace fs = std::filesystem;
using namespace fika::test;

namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string last_line(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s.substr(s.rfind('\n') + 1);
}

// The socket systemd gives a Type=notify service in $NOTIFY_SOCKET: what it was told.
class NotifySocket {
public:
    explicit NotifySocket(std::string path) : path_(std::move(path)) {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        REQUIRE(path_.size() < sizeof a.sun_path);
        std::memcpy(a.sun_path, path_.c_str(), path_.size());
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    }
    ~NotifySocket() { close(fd_); }
    const std::string& path() const { return path_; }

    // Waits up to `ms` for a message holding `line`; everything told so far is in told().
    bool wait_for(const std::string& line, int ms) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        while (told_.find(line) == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 50) > 0) {
                char buf[4096];
                ssize_t n = recv(fd_, buf, sizeof buf, 0);
                if (n > 0) told_.append(buf, static_cast<size_t>(n)).append("\n");
            }
        }
        return told_.find(line) != std::string::npos;
    }
    const std::string& told() const { return told_; }
    // The port its READY message says it listens on (0 when none yet): tests let the
    // server pick a free one, so no other test can take it in between.
    int port() const {
        auto at = told_.find("STATUS=listening on port ");
        return at == std::string::npos ? 0 : std::atoi(told_.c_str() + at + 25);
    }

private:
    std::string path_;
    int fd_ = -1;
    std::string told_;
};

// A process started as systemd starts a service: NOTIFY_SOCKET set, output to a log.
class Service {
public:
    Service(const std::vector<std::string>& argv, const std::string& notify_socket, std::string log)
        : log_(std::move(log)) {
        pid_ = fork();
        if (pid_ == 0) {
            setenv("NOTIFY_SOCKET", notify_socket.c_str(), 1);
            int fd = open(log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            dup2(fd, 1);
            dup2(fd, 2);
            exec_argv(argv);
        }
    }
    ~Service() { stop(SIGKILL); }
    // Sends `sig` and waits (10 s, then SIGKILL); the exit status, -1 when killed.
    int stop(int sig = SIGTERM) {
        if (pid_ <= 0) return status_;
        status_ = stop_process(pid_, sig);
        pid_ = -1;
        return status_;
    }
    std::string log() const { return file_bytes(log_); }

private:
    std::string log_;
    pid_t pid_ = -1;
    int status_ = -1;
};

bool wait_until(const std::function<bool()>& pred, int ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

std::size_t files_in(const fs::path& dir) {
    std::error_code ec;
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); ++it) ++n;
    return n;
}

}  // namespace

TEST_CASE("the settings file gives serve its options and the data directory - the command line overrides it",
          "[config]") {
    TempDir dir;
    const std::string data = dir.file("data"), conf = dir.file("fika-server.conf");
    const int in_file = free_port();
    write_file(conf, "# an admin's settings\n"
                     "data = " + data + "\n"
                     "listen = 127.0.0.1:" + std::to_string(in_file) + "\n"
                     "  backup-every = 1h   \n"
                     "keep = 3\n"
                     "quiet = yes\n");

    // Admin commands find the data directory through the file too.
    auto [rc, out] = run_command({FIKA_SERVER_BIN, "--config", conf, "user", "add", "ada", "--role", "admin"}, true);
    INFO(out);
    REQUIRE(rc == 0);
    CHECK(fs::exists(data + "/fika-server.db"));

    NotifySocket notify(dir.file("notify"));
    Service server({FIKA_SERVER_BIN, "--config", conf, "serve", "--listen", "127.0.0.1:0"},
                   notify.path(), dir.file("server.log"));
    // systemd hears it is ready once it listens (Type=notify), with its main pid.
    if (!notify.wait_for("READY=1", 20000)) FAIL("no READY=1; its log: " << server.log());
    CHECK(notify.told().find("MAINPID=") != std::string::npos);
    const int on_line = notify.port();
    CHECK(on_line != in_file);
    CHECK(accepts(on_line));
    CHECK_FALSE(accepts(in_file));
    // backup-every from the file: the first backup is taken at start, into DATA/backups.
    CHECK(wait_until([&] { return files_in(data + "/backups") >= 1; }, 20000));
    CHECK(server.stop(SIGTERM) == 0);
    CHECK(notify.wait_for("STOPPING=1", 2000));

    // The admin lists what the schedule took and puts one back by its name, or the newest
    // as "latest"; ada, added before the first backup, is in it. A name that is not there
    // is refused and changes nothing.
    auto [lrc, listed] = run_command({FIKA_SERVER_BIN, "--config", conf, "--json", "backup", "list"});
    REQUIRE(lrc == 0);
    auto list = nlohmann::json::parse(listed, nullptr, false);
    REQUIRE(list.contains("backups"));
    REQUIRE(list["backups"].size() >= 1);
    const std::string name = list["backups"][0]["name"];
    CHECK(name.rfind("fika-", 0) == 0);
    CHECK(list["backups"][0]["bytes"].get<std::uint64_t>() > 0);
    auto [trc, table] = run_command({FIKA_SERVER_BIN, "--config", conf, "backup", "list"});
    CHECK(trc == 0);
    CHECK_THAT(table, Catch::Contains(name));
    for (const std::string& which : {name, std::string("latest")}) {
        auto [rrc, restored] = run_command({FIKA_SERVER_BIN, "--config", conf, "restore", which}, true);
        INFO(restored);
        CHECK(rrc == 0);
        CHECK_THAT(restored, Catch::Contains("restored " + data + "/fika-server.db from " + data + "/backups/"));
        auto [urc, users] = run_command({FIKA_SERVER_BIN, "--config", conf, "user", "list"});
        CHECK_THAT(users, Catch::Contains("ada"));
    }
    auto [nrc, nope] = run_command({FIKA_SERVER_BIN, "--config", conf, "restore", "fika-19990101-000000Z.db"}, true);
    CHECK(nrc != 0);
    CHECK_THAT(nope, Catch::Contains("fika-19990101-000000Z.db"));
}

TEST_CASE("a mistake in the settings file names its line and nothing starts", "[config]") {
    TempDir dir;
    const std::string conf = dir.file("bad.conf");
    const std::string port = std::to_string(free_port());
    auto serve_with = [&](const std::string& text) {
        write_file(conf, "data = " + dir.file("data") + "\nlisten = 127.0.0.1:" + port + "\n" + text);
        return run_command({FIKA_SERVER_BIN, "--config", conf, "serve"}, true);
    };
    struct Case {
        std::string text, says;
    };
    for (const Case& c : {Case{"listn = 0.0.0.0:1\n", conf + ":3: unknown setting \"listn\""},
                          Case{"keep = many\n", conf + ":3: --keep takes a number, not \"many\""},
                          Case{"quiet = maybe\n", conf + ":3: quiet is yes or no"},
                          Case{"keep = 3\nkeep = 4\n", conf + ":4: keep is set twice"},
                          Case{"backup-every = soon\n", conf + ":3: --backup-every takes a duration"},
                          Case{"just words\n", conf + ":3: expected \"name = value\""}}) {
        auto [rc, out] = serve_with(c.text);
        INFO(c.text << " -> " << out);
        CHECK(rc == 2);
        CHECK(out.find(c.says) != std::string::npos);
        CHECK(out.find("listening on") == std::string::npos);
    }
    auto [rc, out] = run_command({FIKA_SERVER_BIN, "--config", dir.file("missing.conf"), "stats"}, true);
    CHECK(rc == 2);
    CHECK(out.find("cannot read the configuration file " + dir.file("missing.conf")) != std::string::npos);

    // $FIKA_CONFIG names the file when --config does not; --config none reads none.
    write_file(conf, "data = " + dir.file("from-env") + "\n");
    setenv("FIKA_CONFIG", conf.c_str(), 1);
    auto from_env = run_command({FIKA_SERVER_BIN, "user", "add", "eve", "--role", "seller"}, true);
    setenv("FIKA_CONFIG", "none", 1);
    CHECK(from_env.first == 0);
    CHECK(fs::exists(dir.file("from-env") + "/fika-server.db"));
    write_file(conf, "bogus = 1\n");
    setenv("FIKA_CONFIG", conf.c_str(), 1);
    auto none = run_command({FIKA_SERVER_BIN, "--config", "none", "--data", dir.file("d2"), "stats"}, true);
    setenv("FIKA_CONFIG", "none", 1);
    INFO(none.second);
    CHECK(none.first == 0);
}

TEST_CASE("root is told to run commands as the user who owns the data directory", "[config]") {
    if (geteuid() != 0) return;  // only root can be the wrong user here
    TempDir dir;
    const std::string data = dir.file("service-data");
    fs::create_directory(data);
    REQUIRE(chown(data.c_str(), 65534, 65534) == 0);  // nobody's, as /var/lib/fika-server is fika's
    auto [rc, out] = run_command({FIKA_SERVER_BIN, "--data", data, "user", "add", "ada", "--role", "admin"}, true);
    INFO(out);
    CHECK(rc == 2);
    CHECK(out.find("belongs to the user") != std::string::npos);
    CHECK_FALSE(fs::exists(data + "/fika-server.db"));
}

#ifdef FIKA_CPACK
TEST_CASE("the Debian packages build, install into a clean tree, and their unit runs the server", "[packages]") {
    TempDir dir;
    const fs::path out = dir.path() / "debs", root = dir.path() / "root";
    {
        auto [rc, log] = run_command({FIKA_CPACK, "--config", FIKA_BUILD_DIR "/CPackConfig.cmake", "-G", "DEB", "-B",
                                      out.string()},
                                     true);
        INFO(log);
        REQUIRE(rc == 0);
    }
    std::string server_deb, app_deb;
    for (auto& e : fs::directory_iterator(out)) {
        std::string name = e.path().filename().string();
        if (name.rfind("fika-server_", 0) == 0 && e.path().extension() == ".deb") server_deb = e.path().string();
        if (name.rfind("fika_", 0) == 0 && e.path().extension() == ".deb") app_deb = e.path().string();
    }
    REQUIRE(!server_deb.empty());
    REQUIRE(!app_deb.empty());

    auto field = [](const std::string& deb, const std::string& name) {
        auto [rc, text] = run_command({"/usr/bin/dpkg-deb", "--field", deb, name});
        REQUIRE(rc == 0);
        return text;
    };
    CHECK(field(server_deb, "Package") == "fika-server\n");
    CHECK(field(server_deb, "Version") == std::string(FIKA_VERSION) + "-1\n");
    // dpkg-shlibdeps found the libraries it links; what the maintainer scripts run is named.
    for (const char* dep : {"libsqlite3-0", "libpq5", "libcpp-httplib0.11", "libssl3", "adduser"})
        CHECK(field(server_deb, "Depends").find(dep) != std::string::npos);
    CHECK(field(app_deb, "Package") == "fika\n");
#ifdef FIKA_APP_BUILT
    // QML modules are loaded at run time: named by hand.
    for (const char* dep : {"libqt6quick6", "qml6-module-qtquick-controls", "libqt6svg6", "libqt6keychain1"})
        CHECK(field(app_deb, "Depends").find(dep) != std::string::npos);
#endif

    // Unpacked into a clean tree, as dpkg would install them.
    for (const std::string& deb : {server_deb, app_deb}) REQUIRE(run_command({"/usr/bin/dpkg-deb", "-x", deb, root}).first == 0);
    for (const char* f : {"usr/bin/fika-server", "usr/bin/fika-cli", "lib/systemd/system/fika-server.service",
                          "etc/fika/fika-server.conf", "usr/share/man/man1/fika-server.1.gz",
                          "usr/share/man/man1/fika-cli.1.gz", "usr/share/doc/fika-server/deployment.md"})
        CHECK(fs::exists(root / f));
#ifdef FIKA_APP_BUILT
    for (const char* f : {"usr/bin/fika", "usr/share/applications/fika.desktop", "usr/share/icons/hicolor/scalable/apps/fika.svg"})
        CHECK(fs::exists(root / f));
    auto desktop = run_command({"/usr/bin/desktop-file-validate", (root / "usr/share/applications/fika.desktop").string()}, true);
    INFO(desktop.second);
    CHECK(desktop.first == 0);
    CHECK(desktop.second.empty());
    {
        // The packaged app starts and draws its home page (its QML modules and plugins are
        // found at run time: what the package's hand-written Depends name).
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        setenv("FIKA_PASSPHRASE", "package test", 1);
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1);  // Qt's own leaks at exit (see tests/CMakeLists.txt)
        auto app = run_command({(root / "usr/bin/fika").string(), "--db", dir.file("app.db"), "--no-keyring", "--demo",
                                "--screenshot", dir.file("home.png")},
                               true);
        unsetenv("QT_QPA_PLATFORM");
        unsetenv("FIKA_PASSPHRASE");
        unsetenv("ASAN_OPTIONS");
        INFO(app.second);
        CHECK(app.first == 0);
        CHECK(fs::exists(dir.file("home.png")));
        CHECK(fs::file_size(dir.file("home.png")) > 10000);
    }
#endif
    // The settings may hold a password: not readable by others, kept over upgrades.
    struct stat st {};
    REQUIRE(stat((root / "etc/fika/fika-server.conf").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
    const fs::path control = dir.path() / "control";
    REQUIRE(run_command({"/usr/bin/dpkg-deb", "-e", server_deb, control}).first == 0);
    CHECK(file_bytes((control / "conffiles").string()) == "/etc/fika/fika-server.conf\n");
    for (const char* script : {"postinst", "prerm", "postrm"}) {
        INFO(script);
        CHECK(run_command({"/bin/sh", "-n", (control / script).string()}).first == 0);
    }

    // The unit: hardened, and accepted by systemd-analyze with its binary where it points
    // (the unpacked tree's, as the package's would be in /usr/bin).
    const std::string unit = file_bytes((root / "lib/systemd/system/fika-server.service").string());
    for (const char* line : {"Type=notify", "User=fika", "StateDirectory=fika-server", "NoNewPrivileges=yes",
                             "ProtectSystem=strict", "PrivateTmp=yes", "ProtectHome=yes"}) {
        INFO(line);
        CHECK(unit.find(std::string("\n") + line + "\n") != std::string::npos);
    }
    std::smatch m;
    REQUIRE(std::regex_search(unit, m, std::regex("\nExecStart=([^\n]*)\n")));
    std::vector<std::string> exec;
    for (std::string w : words(m[1].str())) {
        if (w.rfind("/usr/bin/", 0) == 0 || w.rfind("/etc/fika/", 0) == 0) w = (root / w.substr(1)).string();
        exec.push_back(w);
    }
    std::string here_unit = std::regex_replace(unit, std::regex("\nExecStart=[^\n]*\n"), "\nExecStart=" + [&] {
        std::string s;
        for (auto& w : exec) s += (s.empty() ? "" : " ") + w;
        return s;
    }() + "\n");
    write_file(dir.file("fika-server.service"), here_unit);
    auto verify = run_command({"/usr/bin/systemd-analyze", "verify", "--man=no", dir.file("fika-server.service")}, true);
    INFO(verify.second);
    CHECK(verify.first == 0);
    CHECK(verify.second.empty());

    // The settings file ships every option of serve (commented out where the default
    // holds), so an admin finds them all in one place.
    const std::string conf = file_bytes((root / "etc/fika/fika-server.conf").string());
    std::set<std::string> in_conf, in_help = {"data", "db", "content-dir"};
    const std::regex setting("(?:^|\n)#? ?([a-z-]+) = "), option_line("\n +(--[a-z-]+[^\n]*)"), option("--([a-z-]+)");
    for (std::sregex_iterator it(conf.begin(), conf.end(), setting), end; it != end; ++it)
        in_conf.insert((*it)[1].str());
    const std::string help = run_command({(root / "usr/bin/fika-server").string(), "--help"}).second;
    const std::string serve_part = help.substr(help.find("\n  serve "), help.find("\n  user add") - help.find("\n  serve "));
    for (std::sregex_iterator it(serve_part.begin(), serve_part.end(), option_line), end;
         it != end; ++it) {
        const std::string l = (*it)[1].str();
        for (std::sregex_iterator o(l.begin(), l.end(), option); o != end; ++o)
            in_help.insert((*o)[1].str());
    }
    CHECK(in_conf == in_help);

    // The unit's ExecStart line, as systemd runs it (the data directory and the port
    // moved to the test's own on the command line, which overrides the file).
    const std::string data = dir.file("state");
    std::vector<std::string> argv = exec;
    argv.insert(argv.begin() + 1, {"--data", data});
    argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
    NotifySocket notify(dir.file("notify"));
    Service server(argv, notify.path(), dir.file("service.log"));
    if (!notify.wait_for("READY=1", 30000)) FAIL("no READY=1; its log: " << server.log());
    const int port = notify.port();
    REQUIRE(accepts(port));
    // The shipped settings take a backup a day, the first at start.
    CHECK(wait_until([&] { return files_in(data + "/backups") >= 1; }, 20000));

    // An admin as the package's note says, then a device with the package's fika-cli.
    const std::string fika_server = (root / "usr/bin/fika-server").string(), cli = (root / "usr/bin/fika-cli").string();
    const std::string settings = (root / "etc/fika/fika-server.conf").string();
    auto [added, token_out] = run_command({fika_server, "--config", settings, "--data", data, "user", "add", "ada", "--role", "admin"});
    REQUIRE(added == 0);
    const std::string device = dir.file("device.db"), url = "http://127.0.0.1:" + std::to_string(port);
    REQUIRE(run_command({cli, "--db", device, "connect", url, last_line(token_out)}).first == 0);
    auto account = run_command({cli, "--db", device, "add", "account", "--name", "Packaged AB"});
    REQUIRE(account.first == 0);
    REQUIRE(run_command({cli, "--db", device, "add", "case", "--account", last_line(account.second), "--title",
                         "Installed from a .deb"}).first == 0);
    auto synced = run_command({cli, "--db", device, "sync"}, true);
    INFO(synced.second);
    REQUIRE(synced.first == 0);
    auto stats = run_command({fika_server, "--config", settings, "--data", data, "--json", "stats"});
    REQUIRE(stats.first == 0);
    CHECK(nlohmann::json::parse(stats.second).at("records").get<int>() >= 2);

    CHECK(server.stop(SIGTERM) == 0);
    CHECK(notify.wait_for("STOPPING=1", 2000));
    INFO(server.log());
    CHECK(server.log().find("database closed cleanly") != std::string::npos);
}
#endif
