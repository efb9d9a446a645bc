#include "devicelock.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <cstdlib>
#include <filesystem>

#include "encrypted_vfs.h"
#include "store.h"
#include "vault.h"

namespace fika::app {

namespace crypt = sync::crypt;

namespace {

constexpr const char* kService = "Fika";
// A secret the keyring keeps is 32 random bytes: the vault's key derivation need not be
// slow for it (a typed passphrase gets the full cost, vault.h).
const client::KdfParams kKeyringKdf{1024, 8, 1};

// Runs a keyring job to its end (5 s at most: a keyring that does not answer is none).
bool run_job(QKeychain::Job& job) {
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.setInsecureFallback(false);  // never a secret in a plain settings file
    timeout.start(5000);
    job.start();
    loop.exec();
    return timeout.isActive() && job.error() == QKeychain::NoError;
}

}  // namespace

DeviceLock::DeviceLock(QString db_path, bool keyring, QObject* parent)
    : QObject(parent), path_(std::move(db_path)), keyring_(keyring) {}

DeviceLock::~DeviceLock() = default;

QString DeviceLock::keyring_key(const QString& db_path) {
    return "database:" + QFileInfo(db_path).absoluteFilePath();
}

bool DeviceLock::keyring_write(const QString& key, const QString& secret) {
    QKeychain::WritePasswordJob job(kService);
    job.setKey(key);
    job.setTextData(secret);
    return run_job(job);
}

bool DeviceLock::keyring_delete(const QString& key) {
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(key);
    return run_job(job);
}

QString DeviceLock::keyring_read(const QString& key) {
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(key);
    return run_job(job) ? job.textData() : QString();
}

void DeviceLock::set_error(const QString& e) {
    error_ = e;
    emit changed();
}

bool DeviceLock::unlock_with(const std::string& passphrase) {
    auto v = client::unlock_database(path_.toStdString(), passphrase);
    if (!v.ok()) {
        set_error(v.code() == sync::Code::WrongKey ? tr("That is not this device's passphrase")
                                                   : tr("The database cannot be opened: %1")
                                                         .arg(QString::fromStdString(v.error().message)));
        return false;
    }
    tokens_ = std::make_shared<client::TokenKeeper>(std::move(v).value());
    return true;
}

bool DeviceLock::protect_with(const std::string& passphrase, bool from_keyring) {
    const std::string db = path_.toStdString();
    std::string token;
    if (crypt::inspect(db) == crypt::FileKind::Plain) {
        // The token moves from the database into the vault.
        auto st = sync::Store::open(db);
        if (!st.ok()) return true;  // AppContext says what is wrong with it
        auto t = (*st)->meta("server_token");
        if (t.ok() && *t) token = **t;
    }
    auto v = client::protect_database(db, passphrase, token, from_keyring ? kKeyringKdf : client::KdfParams{});
    if (!v.ok()) {
        set_error(tr("This device's database could not be encrypted: %1").arg(QString::fromStdString(v.error().message)));
        return false;
    }
    tokens_ = std::make_shared<client::TokenKeeper>(std::move(v).value());
    return true;
}

bool DeviceLock::try_quietly() {
    const std::string db = path_.toStdString();
    const char* env = std::getenv("FIKA_PASSPHRASE");
    const std::string from_env = env ? env : "";
    if (std::filesystem::exists(client::Vault::path_for(db))) {
        mode_ = "unlock";
        if (keyring_) {
            QString secret = keyring_read(keyring_key(path_));
            if (!secret.isEmpty() && unlock_with(secret.toStdString())) return true;
        }
        if (!from_env.empty() && unlock_with(from_env)) return true;
        emit changed();
        return false;
    }
    switch (crypt::inspect(db)) {
        case crypt::FileKind::Encrypted:
            mode_ = "lost";
            error_ = tr("This device's database is encrypted, but its vault (%1), which holds its key, is missing. "
                        "Put the vault back beside the database, or start over: what was synced is safe on the server.")
                         .arg(QString::fromStdString(client::Vault::path_for(db)));
            emit changed();
            return false;
        case crypt::FileKind::Other: return true;  // not a database: AppContext says so
        default: break;
    }
    mode_ = "protect";
    if (keyring_) {
        QString secret = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char*>(crypt::random_key().data()), crypt::kKeySize).toBase64());
        QString key = keyring_key(path_);
        if (keyring_write(key, secret) && keyring_read(key) == secret && protect_with(secret.toStdString(), true))
            return true;
    }
    if (!from_env.empty() && protect_with(from_env, false)) return true;
    emit changed();
    return false;
}

bool DeviceLock::submit(const QString& passphrase, const QString& repeat) {
    if (mode_ == "unlock") {
        if (passphrase.isEmpty()) {
            set_error(tr("Type this device's passphrase"));
            return false;
        }
        if (!unlock_with(passphrase.toStdString())) return false;
    } else if (mode_ == "protect") {
        if (passphrase.size() < 8) {
            set_error(tr("The passphrase needs at least 8 characters"));
            return false;
        }
        if (passphrase != repeat) {
            set_error(tr("The two passphrases differ"));
            return false;
        }
        if (!protect_with(passphrase.toStdString(), false)) return false;
    } else {
        return false;
    }
    error_.clear();
    emit changed();
    emit done();
    return true;
}

}  // namespace fika::app
