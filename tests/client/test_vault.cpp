// The device's vault (client/core/vault.h) and the encrypted database from fika-cli: the
// key and the server token live in the vault, sealed with a passphrase; a wrong one is a
// clear error; a crash between the steps of protecting a database or changing its key is
// finished at the next unlock; a protected device still syncs, and its files hold neither
// its records nor its token.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_harness.h"
#include "encrypted_vfs.h"
#include "store.h"
#include "testutil.h"
#include "vault.h"

using namespace fika;
using fika::test::Cli;
using fika::test::TempDir;
using sync::Code;

namespace {

std::string slurp(const std::string& path) { return fika::test::file_bytes(path); }
std::string everything_in(const TempDir& dir) { return fika::test::bytes_under(dir.path()); }

// Cheap key derivation for the tests that open vaults many times (the default costs
// ~0.1 s each, by design).
const client::KdfParams kFast{1024, 8, 1};

// fika-cli with its standard error, in a session of its own (no terminal to ask on).
test::CliResult cli(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> argv = {"/usr/bin/setsid", "-w", FIKA_CLI_BIN, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    auto [rc, out] = test::run_command(argv, true);
    return {rc, out};
}

// An environment variable for fika-cli processes started in its scope.
struct Env {
    Env(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
    ~Env() { unsetenv(name_); }
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;
    const char* name_;
};

}  // namespace

TEST_CASE("a vault opens with its passphrase only - an altered one is refused - its passphrase changes") {
    TempDir dir;
    std::string path = dir.file("d.db.vault");
    client::Secrets s;
    s.key = sync::crypt::random_key();
    s.token = "tok-SECRET-42";
    REQUIRE(client::Vault::create(path, "correct horse", s).ok());
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    std::string text = slurp(path);
    CHECK(text.find("tok-SECRET-42") == std::string::npos);
    CHECK(text.find("scrypt") != std::string::npos);

    auto v = client::Vault::unlock(path, "correct horse");
    REQUIRE(v.ok());
    CHECK(v->secrets().key == s.key);
    CHECK(v->secrets().token == "tok-SECRET-42");

    auto wrong = client::Vault::unlock(path, "correct horsE");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.code() == Code::WrongKey);
    CHECK_THAT(wrong.error().message, Catch::Contains("wrong passphrase"));
    CHECK(client::Vault::unlock(dir.file("none.vault"), "x").code() == Code::NotFound);
    CHECK(client::Vault::create(path + "2", "", s).code() == Code::Invalid);

    // One character of the sealed secrets changed: refused, never a different key.
    std::string altered = text;
    auto at = altered.find("\"sealed\": \"") + 15;
    altered[at] = altered[at] == 'A' ? 'B' : 'A';
    std::ofstream(dir.file("altered.vault")) << altered;
    CHECK(client::Vault::unlock(dir.file("altered.vault"), "correct horse").code() == Code::WrongKey);
    // Not a vault; a hostile cost that would take gigabytes: Corrupt, at once.
    std::ofstream(dir.file("junk.vault")) << "{\"hello\": 1}";
    CHECK(client::Vault::unlock(dir.file("junk.vault"), "x").code() == Code::Corrupt);
    std::string greedy = text;
    greedy.replace(greedy.find("32768"), 5, "1073741824");
    std::ofstream(dir.file("greedy.vault")) << greedy;
    CHECK(client::Vault::unlock(dir.file("greedy.vault"), "correct horse").code() == Code::Corrupt);

    REQUIRE(v->change_passphrase("battery staple").ok());
    CHECK(client::Vault::unlock(path, "correct horse").code() == Code::WrongKey);
    auto again = client::Vault::unlock(path, "battery staple");
    REQUIRE(again.ok());
    CHECK(again->secrets().token == "tok-SECRET-42");
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_CASE("protecting a database or changing its key - interrupted after any step - is finished at the next unlock") {
    TempDir dir;
    std::string db = dir.file("device.db");
    {
        auto s = sync::Store::open(db);
        REQUIRE(s.ok());
        REQUIRE((*s)->create("accounts", {{"name", sync::text("Zanzibar-strategy-4711")}}).ok());
        REQUIRE((*s)->set_meta("server_token", "tok-IN-META").ok());
    }
    SECTION("the vault written, the file still plain, its token still in it") {
        client::Secrets s;
        s.key = sync::crypt::random_key();
        s.token = "tok-IN-META";
        REQUIRE(client::Vault::create(client::Vault::path_for(db), "pass phrase", s, kFast).ok());
        REQUIRE(sync::crypt::inspect(db) == sync::crypt::FileKind::Plain);
        auto v = client::unlock_database(db, "pass phrase");
        REQUIRE(v.ok());
        CHECK(sync::crypt::inspect(db) == sync::crypt::FileKind::Encrypted);
        CHECK(everything_in(dir).find("Zanzibar") == std::string::npos);
        CHECK(everything_in(dir).find("tok-IN-META") == std::string::npos);
        auto st = sync::Store::open(db);
        REQUIRE(st.ok());
        CHECK((*st)->all("accounts")->size() == 1);
        CHECK(*(*st)->meta("server_token") == std::optional<std::string>(""));
        CHECK(v->secrets().token == "tok-IN-META");
    }
    SECTION("a key change with its next key in the vault - the file re-encrypted or not yet") {
        auto v = client::protect_database(db, "pass phrase", "tok", kFast);
        REQUIRE(v.ok());
        const bool file_changed = GENERATE(false, true);
        INFO((file_changed ? "the file has the new key" : "the file has the old key"));
        client::Secrets& s = v->secrets();
        sync::crypt::Key old = s.key, next = sync::crypt::random_key();
        s.next_key = next;
        REQUIRE(v->save().ok());
        if (file_changed) REQUIRE(sync::crypt::change_key(db, &old, next).ok());
        sync::crypt::forget_key(db);
        auto u = client::unlock_database(db, "pass phrase");
        REQUIRE(u.ok());
        CHECK(u->secrets().key == (file_changed ? next : old));
        CHECK_FALSE(u->secrets().next_key.has_value());
        auto st = sync::Store::open(db);
        REQUIRE(st.ok());
        CHECK((*st)->all("accounts")->size() == 1);
        // The vault on disk says the same.
        CHECK(client::Vault::unlock(client::Vault::path_for(db), "pass phrase")->secrets().key == u->secrets().key);
    }
    sync::crypt::forget_key(db);
}

TEST_CASE("fika-cli protect - a protected device syncs with the token from its vault - its files hold no record and no token") {
    TempDir dir;
    test::ServerProcess srv;
    std::string token = srv.add_user("eva", "consultant");
    std::string db = dir.file("eva.db");
    Cli eva(db);
    REQUIRE(cli(db, {"connect", srv.url(), token}).status == 0);
    std::string acct = eva.ok({"add", "account", "--name", "Zanzibar-strategy-4711 AB"});
    REQUIRE(cli(db, {"sync"}).status == 0);
    CHECK(everything_in(dir).find(token) != std::string::npos);  // before: in the database

    {
        Env short_one("FIKA_NEW_PASSPHRASE", "short");
        auto r = cli(db, {"protect"});
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::Contains("shorter than 8"));
        CHECK(sync::crypt::inspect(db) == sync::crypt::FileKind::Plain);
    }
    {
        auto none = cli(db, {"protect"});  // no terminal and no variable
        CHECK(none.status == 1);
        CHECK_THAT(none.out, Catch::Contains("FIKA_NEW_PASSPHRASE"));
    }
    {
        Env e("FIKA_NEW_PASSPHRASE", "correct horse battery");
        auto r = cli(db, {"protect"});
        INFO(r.out);
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("server token"));
    }
    CHECK(sync::crypt::inspect(db) == sync::crypt::FileKind::Encrypted);
    std::string files = everything_in(dir);
    CHECK(files.find("Zanzibar") == std::string::npos);
    CHECK(files.find(token) == std::string::npos);

    // Without the passphrase, or with a wrong one: a clear message, nothing read.
    auto locked = cli(db, {"list", "account"});
    CHECK(locked.status == 1);
    CHECK_THAT(locked.out, Catch::Contains("FIKA_PASSPHRASE"));
    {
        Env e("FIKA_PASSPHRASE", "correct horse");
        auto wrong = cli(db, {"list", "account"});
        CHECK(wrong.status == 1);
        CHECK_THAT(wrong.out, Catch::Contains("wrong passphrase"));
    }
    {
        Env e("FIKA_PASSPHRASE", "correct horse battery");
        CHECK_THAT(eva.ok({"list", "account"}), Catch::Contains("Zanzibar"));
        CHECK_THAT(eva.ok({"status"}), Catch::Contains("(encrypted)"));
        // Work goes on: a new record syncs with the vault's token; another device gets it.
        eva.ok({"add", "case", "--account", acct, "--title", "Kilimanjaro budget"});
        eva.ok({"sync"});
        eva.ok({"rekey"});
        eva.ok({"add", "note", "--account", acct, "--body", "after the new key"});
        eva.ok({"sync"});
    }
    Cli other(dir.file("other.db"));
    other.ok({"connect", srv.url(), token});
    other.ok({"sync"});
    CHECK_THAT(other.ok({"list", "case"}), Catch::Contains("Kilimanjaro"));
    CHECK_THAT(other.ok({"list", "note"}), Catch::Contains("after the new key"));

    // Without its vault the database is useless, and says why.
    std::filesystem::rename(db + ".vault", dir.file("elsewhere"));
    auto lost = cli(db, {"list", "account"});
    CHECK(lost.status == 1);
    CHECK_THAT(lost.out, Catch::Contains("vault"));
}
