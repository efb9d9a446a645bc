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
// user's language, and what it links to (the case, its customer, its contact).
class InboxModel : public QAbstractListModel, public AppBound {
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY changed)
public:
    enum Roles {
        NumberRole = Qt::UserRole + 1, TitleRole, SubtitleRole, WarningRole, UnreadRole, CaseRole, AccountRole,
        AccountNameRole, ContactRole, ContactNameRole
    };
    explicit InboxModel(AppContext* context = nullptr, QObject* parent = nullptr);
    int count() const { return static_cast<int>(rows_.size()); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE void reload();
signals:
    void changed();

private:
    void bound() override;
    struct Row {
        qlonglong n = 0;
        bool unread = false;
        QString title, subtitle, warning, caseId, accountId, accountName, contactId, contactName;
    };
    std::vector<Row> rows_;
};

}  // namespace fika::app
