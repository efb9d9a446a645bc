#pragma once

#include <QAbstractListModel>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

#include "app_bound.h"

namespace fika::app {

class AppContext;

// The photos and files on one record (kind + recordId), newest first: a customer's page
// shows every file about the customer (on its cases, people, activities and notes too,
// each saying where), a person's those on them or naming them. Each row says whether the
// file is here, still going up (and how far) or refused by the server, or not downloaded
// yet; photos here have a thumbnail. trash: the deleted ones instead.
class AttachmentsModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY queryChanged)
    Q_PROPERTY(QString recordId READ recordId WRITE setRecordId NOTIFY queryChanged)
    Q_PROPERTY(bool trash READ trash WRITE setTrash NOTIFY queryChanged)
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1, NameRole, TypeRole, SizeRole, IsImageRole, ThumbnailRole, StateRole, StateTextRole,
        WhereRole, ByRole, HashRole
    };
    explicit AttachmentsModel(AppContext* context = nullptr, QObject* parent = nullptr);
    QString kind() const { return kind_; }
    void setKind(const QString& k);
    QString recordId() const { return record_; }
    void setRecordId(const QString& id);
    bool trash() const { return trash_; }
    void setTrash(bool t);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void queryChanged();
    void changed();

private:
    void bound() override;
    void thumbnail_ready(const QString& hash);
    struct Row {
        // state: here, uploading (this device sends it), refused, missing (not downloaded), partial
        QString id, name, type, size, state, state_text, where, by, hash;
        bool image = false;
        mutable QString thumbnail;
    };
    QString kind_, record_;
    bool trash_ = false;
    std::vector<Row> rows_;
};

}  // namespace fika::app
