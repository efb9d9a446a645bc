#!/bin/sh
# The project's invariants that a script can check (docs/ARCHITECTURE.md, "Invariants"),
# run by CTest from the source tree. Prints every breach and fails when there is one.
set -u
cd "${1:-.}" || exit 2
fail=0
breach() { echo "BREACH: $*"; fail=1; }

# 1. Dependencies point one way: client and server use sync; sync uses neither, nor Qt
#    nor the network; client and server never use each other.
for f in $(find sync -name '*.h' -o -name '*.cpp'); do
    grep -Hn '#include <Q\|#include <httplib\|#include <curl' "$f" && breach "$f: the engine uses Qt or the network"
done
client_headers=$(find client -name '*.h' -exec basename {} \; | sort -u)
server_headers=$(find server -name '*.h' -exec basename {} \; | sort -u)
for h in $client_headers; do
    grep -rn "#include \"$h\"" server && breach "server includes the client's $h"
done
for h in $server_headers; do
    grep -rn "#include \"$h\"" client && breach "the client includes the server's $h"
done

# 2. No SQL on the hub's connection outside the hub's storage engines: in server/, SQL
#    (statements, the SQLite API, libpq) only in storage/sqlite_* and storage/pg*; in sync/,
#    only in the SQLite layer and the replica files built on it.
for f in $(find server -name '*.h' -o -name '*.cpp'); do
    case "$f" in server/storage/sqlite_*|server/storage/pg*) continue ;; esac
    grep -Hn 'Stmt\b\|sqlite3_\|\.prepare(\|\.exec(\|\bdb()\|\bPQ[a-z][A-Za-z]*(\|libpq-fe' "$f" && breach "$f: SQL outside the storage engines"
done
for f in $(find sync -name '*.h' -o -name '*.cpp'); do
    # (the rules library reads the device's user tables through Store::read, as views do)
    # (encrypted_vfs.* is the SQLite layer's bottom: a VFS, and the key change's VACUUM INTO)
    case "$f" in sync/sqlite.*|sync/encrypted_vfs.*|sync/sqlite_replica.*|sync/sqlite_hub.*|sync/store*.cpp|sync/store.h|sync/rules/*) continue ;; esac
    grep -Hn 'Stmt\b\|sqlite3_\|\.prepare(\|\.exec(\|\bdb()' "$f" && breach "$f: SQL outside the engine's SQLite layer"
done
#    The merge rules are pure: no storage, no clock.
grep -Hn '#include "sqlite\|#include "store\|Db\b\|Stmt\b\|wall_ms()\|_clock::now\|Hlc\b' sync/merge.h sync/merge.cpp \
    && breach "the merge rules touch storage or a clock"
#    The side tables (_meta, _outbox, _buckets, ...) belong to the engine.
grep -rn '"_meta\|"_outbox\|"_buckets\|"_conflicts\|"_refused\|FROM _\|INTO _' server client qml bench \
    && breach "a side table read outside the engine"

# 3. QML never talks SQL; the app and fika-cli read through the store's read-only views.
grep -rniE 'openDatabaseSync|LocalStorage|\bSELECT\b.*\bFROM\b' qml && breach "QML talks SQL"
grep -rn '\.prepare(\|\.exec("\|sqlite3_\|\bDb\b' client && breach "the client runs SQL outside Store::read"

# 4. The product's rules in one place: a stage change is written by fika_rules only.
grep -rn 'create("stage_changes"' client server && breach "a stage change written outside the rules library"

[ "$fail" = 0 ] && echo "layers: every invariant holds"
exit "$fail"
