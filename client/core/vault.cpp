#include "vault.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "store.h"

namespace fika::client {

using sync::Code;
using sync::crypt::Key;
using json = nlohmann::json;

namespace {

constexpr char kAad[] = "fika-vault-1";
constexpr int kNonce = 12, kTag = 16, kSalt = 16;

std::string b64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string unb64(const std::string& text) {
    if (text.size() % 4 != 0) sync::fail(Code::Corrupt, "the vault is damaged (bad base64)");
    std::string out(text.size() / 4 * 3 + 1, '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                            reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    if (n < 0) sync::fail(Code::Corrupt, "the vault is damaged (bad base64)");
    std::size_t pad = text.empty() ? 0 : (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
    out.resize(static_cast<std::size_t>(n) - pad);
    return out;
}

std::string key_bytes(const Key& k) { return std::string(reinterpret_cast<const char*>(k.data()), k.size()); }
Key key_from(const std::string& bytes) {
    Key k{};
    if (bytes.size() != k.size()) sync::fail(Code::Corrupt, "the vault holds a key of the wrong size");
    std::memcpy(k.data(), bytes.data(), k.size());
    return k;
}

std::string random_bytes(int n) {
    std::string s(static_cast<std::size_t>(n), '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(s.data()), n) != 1) sync::fail(Code::Storage, "no random bytes");
    return s;
}

Key derive(const std::string& passphrase, const std::string& salt, const KdfParams& kdf) {
    Key k{};
    // maxmem: what N and r need, and some room.
    std::uint64_t mem = 128ull * kdf.n * kdf.r + (1u << 20);
    if (EVP_PBE_scrypt(passphrase.data(), passphrase.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                       salt.size(), kdf.n, kdf.r, kdf.p, mem, k.data(), k.size()) != 1)
        sync::fail(Code::Invalid, "the vault's key derivation parameters are not usable");
    return k;
}

// AES-256-GCM with kAad; `sealed` = ciphertext || tag.
std::string seal(const Key& kek, const std::string& nonce, const std::string& plain) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    std::string out(plain.size() + kTag, '\0');
    int len = 0, total = 0;
    bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, kek.data(),
                                        reinterpret_cast<const unsigned char*>(nonce.data())) == 1 &&
              EVP_EncryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(kAad), sizeof kAad - 1) == 1 &&
              EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char*>(out.data()), &len,
                                reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size())) == 1;
    total = len;
    ok = ok && EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(out.data()) + total, &len) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTag, out.data() + plain.size()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) sync::fail(Code::Storage, "cannot seal the vault");
    return out;
}

std::string open_sealed(const Key& kek, const std::string& nonce, const std::string& sealed) {
    if (nonce.size() != kNonce || sealed.size() < kTag) sync::fail(Code::Corrupt, "the vault is damaged");
    std::size_t n = sealed.size() - kTag;
    std::string plain(n, '\0'), tag = sealed.substr(n);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    bool ok = ctx && EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, kek.data(),
                                        reinterpret_cast<const unsigned char*>(nonce.data())) == 1 &&
              EVP_DecryptUpdate(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(kAad), sizeof kAad - 1) == 1 &&
              EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plain.data()), &len,
                                reinterpret_cast<const unsigned char*>(sealed.data()), static_cast<int>(n)) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
              EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(plain.data()) + len, &len) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) sync::fail(Code::WrongKey, "wrong passphrase, or the vault is damaged");
    return plain;
}

// Writes `text` to `path` through a synced temporary file and a rename.
void write_atomically(const std::string& path, const std::string& text) {
    std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) sync::fail(Code::Storage, "cannot write " + tmp + ": " + std::strerror(errno));
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    int err = errno;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        if (ok) err = errno;
        ::unlink(tmp.c_str());
        sync::fail(Code::Storage, "cannot write " + path + ": " + std::strerror(err));
    }
    auto slash = path.rfind('/');
    std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
    int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)::fsync(dfd);
        ::close(dfd);
    }
}

std::string plaintext_of(const Secrets& s) {
    json j{{"key", b64(key_bytes(s.key))}, {"token", s.token}};
    if (s.next_key) j["next_key"] = b64(key_bytes(*s.next_key));
    return j.dump();
}

Secrets secrets_of(const std::string& plain) {
    json j = json::parse(plain, nullptr, false);
    if (!j.is_object() || !j.contains("key") || !j["key"].is_string())
        sync::fail(Code::Corrupt, "the vault's content is damaged");
    Secrets s;
    s.key = key_from(unb64(j["key"].get<std::string>()));
    if (j.contains("next_key") && j["next_key"].is_string()) s.next_key = key_from(unb64(j["next_key"].get<std::string>()));
    if (j.contains("token") && j["token"].is_string()) s.token = j["token"].get<std::string>();
    return s;
}

void write_vault(const std::string& path, const KdfParams& kdf, const std::string& salt, const Key& kek,
                 const Secrets& s) {
    std::string nonce = random_bytes(kNonce);
    json j{{"fika_vault", 1},
           {"kdf", {{"name", "scrypt"}, {"N", kdf.n}, {"r", kdf.r}, {"p", kdf.p}, {"salt", b64(salt)}}},
           {"nonce", b64(nonce)},
           {"sealed", b64(seal(kek, nonce, plaintext_of(s)))}};
    write_atomically(path, j.dump(1) + "\n");
}

}  // namespace

std::string seal_pin(const std::string& pin) {
    KdfParams kdf{16384, 8, 1};
    std::string salt = random_bytes(kSalt);
    Key h = derive(pin, salt, kdf);
    return "scrypt$" + std::to_string(kdf.n) + "$" + std::to_string(kdf.r) + "$" + std::to_string(kdf.p) + "$" +
           b64(salt) + "$" + b64(key_bytes(h));
}

bool pin_matches(const std::string& pin, const std::string& sealed) {
    std::vector<std::string> parts;
    for (std::size_t p = 0;;) {
        std::size_t d = sealed.find('$', p);
        parts.push_back(sealed.substr(p, d == std::string::npos ? std::string::npos : d - p));
        if (d == std::string::npos) break;
        p = d + 1;
    }
    if (parts.size() != 6 || parts[0] != "scrypt") return false;
    try {
        KdfParams kdf{std::stoull(parts[1]), static_cast<std::uint32_t>(std::stoul(parts[2])),
                      static_cast<std::uint32_t>(std::stoul(parts[3]))};
        if (kdf.n < 2 || kdf.n > (1u << 20) || kdf.r == 0 || kdf.r > 32 || kdf.p == 0 || kdf.p > 16) return false;
        std::string want = unb64(parts[5]);
        Key got = derive(pin, unb64(parts[4]), kdf);
        return want.size() == got.size() && CRYPTO_memcmp(want.data(), got.data(), got.size()) == 0;
    } catch (...) {
        return false;
    }
}

sync::Result<Vault> Vault::create(const std::string& path, const std::string& passphrase, Secrets secrets,
                                  KdfParams kdf) {
    return sync::guard([&] {
        if (passphrase.empty()) sync::fail(Code::Invalid, "the passphrase is empty");
        Vault v;
        v.path_ = path;
        v.kdf_ = kdf;
        v.salt_ = random_bytes(kSalt);
        v.kek_ = derive(passphrase, v.salt_, kdf);
        v.secrets_ = std::move(secrets);
        write_vault(path, v.kdf_, v.salt_, v.kek_, v.secrets_);
        return v;
    });
}

sync::Result<Vault> Vault::unlock(const std::string& path, const std::string& passphrase) {
    return sync::guard([&] {
        std::ifstream in(path, std::ios::binary);
        if (!in) sync::fail(Code::NotFound, path + ": no vault");
        std::ostringstream text;
        text << in.rdbuf();
        json j = json::parse(text.str(), nullptr, false);
        if (!j.is_object() || j.value("fika_vault", 0) != 1 || !j.contains("kdf") || !j["kdf"].is_object() ||
            j["kdf"].value("name", "") != "scrypt" || !j["nonce"].is_string() || !j["sealed"].is_string())
            sync::fail(Code::Corrupt, path + " is not a Fika vault (or one from a newer Fika)");
        Vault v;
        v.path_ = path;
        const json& k = j["kdf"];
        if (!k["N"].is_number_unsigned() || !k["r"].is_number_unsigned() || !k["p"].is_number_unsigned() ||
            !k["salt"].is_string())
            sync::fail(Code::Corrupt, path + ": damaged key derivation parameters");
        v.kdf_.n = k["N"].get<std::uint64_t>();
        v.kdf_.r = k["r"].get<std::uint32_t>();
        v.kdf_.p = k["p"].get<std::uint32_t>();
        // A cost no device would choose is a damaged (or hostile) file, not a reason to
        // allocate gigabytes.
        if (v.kdf_.n < 2 || v.kdf_.n > (1u << 22) || v.kdf_.r == 0 || v.kdf_.r > 32 || v.kdf_.p == 0 || v.kdf_.p > 16)
            sync::fail(Code::Corrupt, path + ": key derivation parameters out of range");
        v.salt_ = unb64(k["salt"].get<std::string>());
        v.kek_ = derive(passphrase, v.salt_, v.kdf_);
        v.secrets_ = secrets_of(open_sealed(v.kek_, unb64(j["nonce"].get<std::string>()),
                                            unb64(j["sealed"].get<std::string>())));
        return v;
    });
}

sync::Status Vault::save() {
    return sync::guard([&] {
        write_vault(path_, kdf_, salt_, kek_, secrets_);
        return sync::Unit{};
    });
}

sync::Status Vault::change_passphrase(const std::string& passphrase, KdfParams kdf) {
    return sync::guard([&] {
        if (passphrase.empty()) sync::fail(Code::Invalid, "the passphrase is empty");
        std::string salt = random_bytes(kSalt);
        Key kek = derive(passphrase, salt, kdf);
        write_vault(path_, kdf, salt, kek, secrets_);
        kdf_ = kdf;
        salt_ = std::move(salt);
        kek_ = kek;
        return sync::Unit{};
    });
}

namespace {

// The plain database's server token, removed from its _meta (the vault has it now).
void clear_plain_token(const std::string& db_path) {
    if (sync::crypt::inspect(db_path) != sync::crypt::FileKind::Plain) return;
    sync::crypt::forget_key(db_path);
    auto store = sync::Store::open(db_path);
    if (!store.ok()) sync::fail(store.error().code, store.error().message);
    sync::must((*store)->set_meta("server_token", ""));
}

}  // namespace

void delete_device_files(const std::string& db_path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".vault", ".vault.tmp"}) ::unlink((db_path + suffix).c_str());
    sync::crypt::recover_key_change(db_path);
    sync::crypt::forget_key(db_path);
}

sync::Result<Vault> unlock_database(const std::string& db_path, const std::string& passphrase) {
    return sync::guard([&] {
        Vault v = sync::must(Vault::unlock(Vault::path_for(db_path), passphrase));
        Secrets& s = v.secrets();
        sync::crypt::recover_key_change(db_path);
        switch (sync::crypt::inspect(db_path)) {
            case sync::crypt::FileKind::Plain:
                // protect_database was interrupted after writing the vault.
                clear_plain_token(db_path);
                sync::must(sync::crypt::change_key(db_path, nullptr, s.key));
                break;
            case sync::crypt::FileKind::Encrypted:
                if (s.next_key) {
                    // A key change was interrupted: the file has one of the two keys.
                    if (sync::crypt::is_encrypted_with(db_path, *s.next_key)) s.key = *s.next_key;
                    s.next_key.reset();
                    sync::must(v.save());
                }
                break;
            default: break;
        }
        sync::crypt::use_key(db_path, s.key);
        return v;
    });
}

sync::Result<Vault> protect_database(const std::string& db_path, const std::string& passphrase, std::string token,
                                     KdfParams kdf) {
    return sync::guard([&] {
        auto kind = sync::crypt::inspect(db_path);
        if (kind == sync::crypt::FileKind::Encrypted) sync::fail(Code::Invalid, db_path + " is encrypted already");
        if (kind == sync::crypt::FileKind::Other) sync::fail(Code::Corrupt, db_path + " is not a database");
        Secrets s;
        s.key = sync::crypt::random_key();
        s.token = std::move(token);
        // The vault first: from here on a crash is finished by unlock_database.
        Vault v = sync::must(Vault::create(Vault::path_for(db_path), passphrase, std::move(s), kdf));
        if (kind == sync::crypt::FileKind::Plain) {
            clear_plain_token(db_path);
            sync::must(sync::crypt::change_key(db_path, nullptr, v.secrets().key));
        } else {
            ::unlink(db_path.c_str());  // an empty file: SQLite creates it anew, encrypted
        }
        sync::crypt::use_key(db_path, v.secrets().key);
        return v;
    });
}

sync::Status change_database_key(const std::string& db_path, Vault& vault) {
    return sync::guard([&] {
        Secrets& s = vault.secrets();
        s.next_key = sync::crypt::random_key();
        sync::must(vault.save());
        Key old = s.key;
        sync::Status st = sync::crypt::change_key(db_path, &old, *s.next_key);
        if (!st.ok()) {
            s.next_key.reset();
            (void)vault.save();
            sync::fail(st.error().code, st.error().message);
        }
        s.key = *s.next_key;
        s.next_key.reset();
        sync::must(vault.save());
        return sync::Unit{};
    });
}

}  // namespace fika::client
