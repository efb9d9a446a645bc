#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

#include "app_bound.h"
#include "schema.h"

namespace fika::app {

class AppContext;

// A seller's inbox (the server's notifications, newest first): what each is about, in the
// user's language, and what it links to (the case, its customer, its contact); filtered to
// the unread ones and to one kind when asked.
class InboxModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int total READ total NOTIFY changed)  // before the filters
    Q_PROPERTY(bool unreadOnly READ unreadOnly WRITE setUnreadOnly NOTIFY filterChanged)
    // "" (every kind), new_case, competitor_account or policy_activity.
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY filterChanged)
public:
    enum Roles {
        NumberRole = Qt::UserRole + 1, TitleRole, SubtitleRole, WarningRole, UnreadRole, CaseRole, AccountRole,
        AccountNameRole, ContactRole, ContactNameRole, KindRole
    };
    explicit InboxModel(AppContext* context = nullptr, QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
    int total() const { return total_; }
    bool unreadOnly() const { return unread_only_; }
    void setUnreadOnly(bool on);
    QString kind() const { return kind_; }
    void setKind(const QString& kind);
signals:
    void changed();
    void filterChanged();

private:
    void bound() override;
    struct Row {
        qlonglong n = 0;
        bool unread = false;
        QString kind, title, subtitle, warning, caseId, accountId, accountName, contactId, contactName;
    };
    std::vector<Row> rows_;
    int total_ = 0;
    bool unread_only_ = false;
    QString kind_;
};

}  // namespace fika::app
