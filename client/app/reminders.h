// Follow-up reminders (rules::follow_ups_due): the follow-ups and case follow-up dates
// that are due for the person using the app, as a list for the home page, and raised as
// a desktop notification at their time - the due day at the reminder hour, local time -
// offline, once each (a restart does not raise them again). Snoozed, a reminder is raised
// again at the end of its snooze; done, a follow-up is closed and a case's date cleared.
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <vector>

namespace fika::app {

class AppContext;

class Reminders : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY changed)
    // The hour of the due day at which reminders are raised (0-23; default 9).
    Q_PROPERTY(int hour READ hour WRITE setHour NOTIFY changed)
public:
    enum Roles { KeyRole = Qt::UserRole + 1, TableRole, IdRole, TitleRole, CustomerRole, DueRole, OverdueRole,
                 SnoozedRole, CaseRole };
    explicit Reminders(AppContext* app);
    int count() const { return static_cast<int>(rows_.size()); }
    int hour() const;
    void setHour(int h);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Raised again `minutes` from now (0: tomorrow at the reminder hour).
    Q_INVOKABLE void snooze(const QString& key, int minutes);
    // Done: a follow-up's status done, a case's follow-up date cleared.
    Q_INVOKABLE bool done(const QString& key);
    // Reads what is due again and raises what has come to its time (a timer calls it).
    Q_INVOKABLE void check();

    static constexpr std::size_t kMax = 200;

signals:
    void changed();
    // A reminder (or several) came to its time: for the desktop and the window. `keys`:
    // the reminders raised; `page`: where to show them ("case/ID", or "home").
    void raised(const QString& title, const QString& body, const QStringList& keys, const QString& page);

private:
    struct Row {
        QString key, table, id, title, customer, due, case_id;
        bool overdue = false;
        std::int64_t snoozed_until = 0;
        bool operator==(const Row&) const = default;
    };
    std::int64_t fire_at(const Row& r) const;
    // Reads what is due; raises what has come to its time when `raise`.
    void refresh(bool raise);
    AppContext* app_;
    std::vector<Row> rows_;
    QTimer timer_;
};

}  // namespace fika::app
