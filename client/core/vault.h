// The device's secrets - the key of its encrypted database and its server token - kept
// out of the database, in a vault file beside it sealed with a passphrase (the user's, or,
// in the app, a random one the OS keyring keeps).
//
// Vault file format (`DB + ".vault"`, JSON, version 1)
// ----------------------------------------------------
//   {"fika_vault": 1,
//    "kdf": {"name": "scrypt", "N": 32768, "r": 8, "p": 1, "salt": B64(16 bytes)},
//    "nonce": B64(12 bytes),
//    "sealed": B64(AES-256-GCM ciphertext || 16-byte tag)}
// The sealing key is scrypt(passphrase, salt, N, r, p) (memory-hard: 32 MiB and about
// 0.1 s here for the default N); the associated data is "fika-vault-1". The plaintext is
//   {"key": B64(32 bytes), "next_key": B64(32 bytes) (only while a key change runs),
//    "token": "..."}
// A wrong passphrase and an altered file both fail the tag: "wrong passphrase, or the
// vault is damaged" (WrongKey); a file that is not a vault is Corrupt. Every write goes to
// a new file that is synced and renamed over the old one.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "encrypted_vfs.h"
#include "error.h"

namespace fika::client {

struct Secrets {
    sync::crypt::Key key{};
    std::optional<sync::crypt::Key> next_key;  // set while the database's key changes
    std::string token;                          // the server's bearer token; empty = none
};

struct KdfParams {
    std::uint64_t n = 32768;  // scrypt's cost: memory = 128 * n * r bytes
    std::uint32_t r = 8, p = 1;
};

class Vault {
public:
    static std::string path_for(const std::string& db_path) { return db_path + ".vault"; }

    // A new vault (replacing any at `path`) holding `secrets`. Errors: Invalid (empty
    // passphrase), Storage.
    static sync::Result<Vault> create(const std::string& path, const std::string& passphrase, Secrets secrets,
                                      KdfParams kdf = {});
    // Errors: NotFound (no vault), WrongKey (wrong passphrase, or an altered vault),
    // Corrupt (not a vault), Storage.
    static sync::Result<Vault> unlock(const std::string& path, const std::string& passphrase);

    Secrets& secrets() { return secrets_; }
    const Secrets& secrets() const { return secrets_; }
    const std::string& path() const { return path_; }
    // Writes the secrets as they are now (same passphrase, a fresh nonce).
    sync::Status save();
    // Seals the same secrets under a new passphrase (one rename: the old passphrase opens
    // the vault until it is done, the new one after).
    sync::Status change_passphrase(const std::string& passphrase, KdfParams kdf = {});

private:
    std::string path_;
    KdfParams kdf_;
    std::string salt_;
    sync::crypt::Key kek_{};
    Secrets secrets_;
};

// The app lock's PIN or passphrase, as kept: "scrypt$N$r$p$SALT$HASH" (base64), never the
// PIN itself. pin_matches compares in constant time; a malformed record matches nothing.
std::string seal_pin(const std::string& pin);
bool pin_matches(const std::string& pin, const std::string& sealed);

// The server token where the device keeps it, for threads that share it (the app's UI and
// its sync worker): in the vault of an encrypted database; without one, nowhere here (the
// caller keeps it in the database's _meta, as before encryption).
class TokenKeeper {
public:
    explicit TokenKeeper(std::optional<Vault> vault = std::nullopt) : vault_(std::move(vault)) {}
    bool in_vault() const {
        std::lock_guard lk(mu_);
        return vault_.has_value();
    }
    std::string token() const {
        std::lock_guard lk(mu_);
        return vault_ ? vault_->secrets().token : std::string();
    }
    // Seals the new token into the vault. False without a vault, or when it cannot be
    // written (the old token stays).
    bool set_token(const std::string& token) {
        std::lock_guard lk(mu_);
        if (!vault_) return false;
        std::string old = vault_->secrets().token;
        vault_->secrets().token = token;
        if (vault_->save().ok()) return true;
        vault_->secrets().token = old;
        return false;
    }

private:
    mutable std::mutex mu_;
    std::optional<Vault> vault_;
};

// Deletes this device's copy (a wipe, a sign-out): the database with its WAL, -shm and
// journal, what a key change left beside it, and its vault. Unlinks only, opens nothing:
// safe while this process still holds connections to the file (they go on with files that
// have no name any more). Forgets the key.
void delete_device_files(const std::string& db_path);

// ---- the encrypted device database, in the order that survives a crash at any point ----

// Opens the vault of `db_path` with `passphrase` and keys the database (crypt::use_key):
// finishes what a crash interrupted (a plain database whose vault was already written is
// encrypted now; a key change that had not finished is finished or undone). Errors: as
// Vault::unlock, and change_key's.
sync::Result<Vault> unlock_database(const std::string& db_path, const std::string& passphrase);

// Encrypts the plain database at `db_path` (or prepares a new one, when there is none),
// keeping `token` (the one its _meta held, which it removes from there) in a new vault
// sealed with `passphrase`. No connection to the database may be open.
sync::Result<Vault> protect_database(const std::string& db_path, const std::string& passphrase, std::string token,
                                     KdfParams kdf = {});

// A new database key: the vault learns it first as next_key, the file is re-encrypted
// (crash-safe, crypt::change_key), then the vault keeps it as its key. No connection to
// the database may be open.
sync::Status change_database_key(const std::string& db_path, Vault& vault);

}  // namespace fika::client
