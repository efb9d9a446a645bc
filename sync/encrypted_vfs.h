// Encryption at rest: a database file, its WAL and its rollback journal encrypted page by
// page with AES-256-GCM, below SQLite (a VFS), so that the engine above is unchanged.
//
// Why below SQLite: Debian 12's SQLCipher is built on SQLite 3.15, too old for this engine
// (no UPSERT, no RETURNING), and SQLite 3.40 has no codec hook. SQLite can leave bytes at the
// end of every page unused (SQLITE_FCNTL_RESERVE_BYTES); the cipher's nonce and tag go there.
//
// On-disk format (version 1)
// --------------------------
// The database file is a sequence of pages of P bytes (P = SQLite's page size), as in a
// plain SQLite file, each
//   bytes [0, P-28)     ciphertext of the page's first P-28 bytes (on page 1, of bytes
//                       16..P-28: the plaintext's first 16 bytes are SQLite's fixed magic
//                       "SQLite format 3\0", and the header below takes their place)
//   bytes [P-28, P-16)  a 96-bit nonce, random for each write of the page
//   bytes [P-16, P)     the GCM tag over the ciphertext and the associated data
// The associated data (authenticated, not stored in the page) is the page number (4 bytes,
// big-endian) followed by the 16-byte file header: a page moved to another place, or
// another file's page, fails its tag like an altered one.
// The file header, in clear at the start of page 1:
//   bytes 0..6   "FikaGCM"
//   byte  7      format version: 1
//   bytes 8..9   page size, big-endian (1 = 65536, as SQLite writes it)
//   byte  10     reserved bytes per page: 28
//   byte  11     0
//   bytes 12..15 key check: the first 4 bytes of HMAC-SHA256(key, "fika/gcm key check"); a
//                wrong key is told from a damaged file without trying the cipher
// SQLite's own header (bytes 16..99 of page 1, in the ciphertext) says 28 reserved bytes.
//
// The WAL keeps SQLite's layout (a 32-byte header, then frames of a 24-byte header and a
// page); each frame's page is encrypted as above, its page number taken from the frame's
// header. The rollback journal likewise: each record's page is encrypted, its page number
// taken from the 4 bytes before it. WAL and journal headers, frame headers and SQLite's
// checksums stay in clear: they hold page numbers, sizes, salts and checksums, never a
// record's content. The -shm file holds only page and frame numbers. A connection with a
// key keeps its temporary files in memory (temp_store=MEMORY); the VFS refuses to create
// one on disk.
//
// A page whose tag fails is an error (Corrupt), never data: SQLite sees
// SQLITE_IOERR_DATA. One exception keeps crash recovery as SQLite designed it: when SQLite
// replays a WAL or a hot journal after a crash it reads whole frames (or records) and checks
// its own checksums; a frame whose tag fails then reaches it still encrypted, fails that
// checksum, and ends the log there, as a frame torn by the crash does.
//
// Nonces are random (96 bits) per page write; with a fresh key per database the chance of
// a repeated nonce stays below 2^-32 for the first 2^32 page writes.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "error.h"

namespace fika::sync::crypt {

inline constexpr std::size_t kKeySize = 32;
using Key = std::array<std::uint8_t, kKeySize>;
// Bytes SQLite leaves free at the end of each page of an encrypted database.
inline constexpr int kReserve = 28;

// 32 random bytes from OpenSSL's generator.
Key random_key();

// The VFSs a Db opens through (registered on first use). "fika": SQLite's own, except that
// it refuses at once, with a clear reason, to open an encrypted file as a plain one.
// "fika-gcm": a file with a key (below), its WAL and its journal are read and written
// encrypted; a file without one passes straight through, untouched and at no cost; no
// temporary file is ever created on disk.
inline constexpr const char* kPlainVfs = "fika";
inline constexpr const char* kCryptVfs = "fika-gcm";
// The one to open `path` with (registers both).
const char* vfs_for(const std::string& path);

// From now on every connection this process opens on `path` (and its -wal and -journal)
// uses `key`. A new file is created encrypted; an existing one must be encrypted with this
// key (else the open fails with WrongKey).
void use_key(const std::string& path, const Key& key);
void forget_key(const std::string& path);
bool has_key(const std::string& path);

// What the file at `path` is, from its first 16 bytes. Opens the file outside SQLite: never
// call it while this process holds a connection to it.
enum class FileKind { Missing, Empty, Plain, Encrypted, Other };
FileKind inspect(const std::string& path);

// True when the file at `path` is encrypted with `key` (its header's key check), without
// opening it through SQLite: same rule as inspect().
bool is_encrypted_with(const std::string& path, const Key& key);

// Why the last open on this thread was refused by the VFS (Code::Ok when it was not), and
// forgets it.
Error take_refusal();

// Rewrites the database at `path` with `new_key`: `old_key` null = the file is plain today
// (the migration on first start). No connection to `path` may be open. Crash-safe: the
// file at `path` is not touched until the new one, written beside it as
// `path + ".rekey"`, is on disk and passes quick_check; a rename then replaces it at once.
// A crash leaves the old file (and its key) or the new one at `path`, never a mix;
// recover_key_change() at the next start removes what a crash left beside it. The blocks
// the old file occupied are freed, not overwritten (a file system or an SSD may keep them).
// Errors: WrongKey, Corrupt, Storage.
Status change_key(const std::string& path, const Key* old_key, const Key& new_key);
void recover_key_change(const std::string& path);

}  // namespace fika::sync::crypt
