// The device's encrypted database, opened before the app starts (issue 22). The vault's
// passphrase comes from the OS keyring (QtKeychain: a random one Fika put there), else from
// $FIKA_PASSPHRASE, else from the person at the keyboard (LockWindow.qml). A plain database
// - a new device, or one from before encryption - is encrypted on first start: silently
// when there is a keyring, else after the person chose a passphrase. QML never sees a key.
#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace fika::client {
class TokenKeeper;
}

namespace fika::app {

class DeviceLock : public QObject {
    Q_OBJECT
    // "unlock": type the passphrase; "protect": choose one; "lost": encrypted, vault gone.
    Q_PROPERTY(QString mode READ mode NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QString database READ database CONSTANT)
public:
    // `keyring`: whether to use the OS keyring (off for tests that have none to offer).
    explicit DeviceLock(QString db_path, bool keyring = true, QObject* parent = nullptr);
    ~DeviceLock() override;

    // Opens or protects the database without asking anyone (keyring, $FIKA_PASSPHRASE).
    // True when done - the database is keyed (or left for AppContext to report, when it
    // is not a database at all); false when a person has to type a passphrase.
    bool try_quietly();

    QString mode() const { return mode_; }
    QString error() const { return error_; }
    QString database() const { return path_; }
    // The vault's token once done (null when the database is not encrypted).
    std::shared_ptr<client::TokenKeeper> tokens() const { return tokens_; }

    // Unlock with, or protect with, what was typed. Emits done() when it worked.
    Q_INVOKABLE bool submit(const QString& passphrase, const QString& repeat);

    // The keyring's entry for a database file.
    static QString keyring_key(const QString& db_path);
    static bool keyring_write(const QString& key, const QString& secret);
    static QString keyring_read(const QString& key);  // empty: none, or no keyring
    static bool keyring_delete(const QString& key);

signals:
    void changed();
    void done();

private:
    bool unlock_with(const std::string& passphrase);
    bool protect_with(const std::string& passphrase, bool from_keyring);
    void set_error(const QString& e);

    QString path_;
    bool keyring_ = true;
    QString mode_;
    QString error_;
    std::shared_ptr<client::TokenKeeper> tokens_;
};

}  // namespace fika::app
