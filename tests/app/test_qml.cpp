// Qt Quick Test runner for the app's flows (tests/app/qml/tst_*.qml, label qml): the real
// pages of the Fika module over a real AppContext on a temporary demo database.
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "runner.h"
#include "appcontext.h"
#include "store.h"

Q_IMPORT_QML_PLUGIN(FikaPlugin)

// QML warnings and errors (a ReferenceError in a handler, a binding that throws) while no
// test runs (loading the files), kept until a test takes them. While a test runs QtTest's
// own handler comes first: tst_*.qml's failOnWarning fails a test that produced one.
QStringList g_qml_warnings;
QtMessageHandler g_previous_handler = nullptr;

void record_warnings(QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
    const QString cat = ctx.category ? QString::fromLatin1(ctx.category) : QString();
    if (type != QtDebugMsg && type != QtInfoMsg &&
        (cat == "qml" || cat == "js" || cat.startsWith("qt.qml") || msg.contains(".qml:")))
        g_qml_warnings << msg;
    if (g_previous_handler) g_previous_handler(type, ctx, msg);
}

// What the QML tests need that the app does not offer: a remote write that conflicts.
class TestHelper : public QObject {
    Q_OBJECT
public:
    Q_INVOKABLE QStringList takeWarnings() {
        QStringList w;
        w.swap(g_qml_warnings);
        return w;
    }
    fika::app::AppContext* app = nullptr;
    // A count the test checks a view against, read straight from the database.
    Q_INVOKABLE int count(const QString& sql) {
        fika::sync::Stmt st = app->store().read(sql.toStdString());
        return st.step() ? static_cast<int>(st.integer(0)) : -1;
    }
    // A concurrent remote write of `field` that beats the local value.
    Q_INVOKABLE bool makeConflict(const QString& table, const QString& id, const QString& field, const QString& theirs) {
        auto& st = app->store();
        const fika::sync::TableDef* t = st.schema().table(table.toStdString());
        if (!t) return false;
        fika::sync::RecordChange rc{t, id.toStdString(), {}};
        fika::sync::Clock clock{st.hlc_last() + 100000, 0x42};
        rc.cells.push_back({t->field_index(field.toStdString()), fika::sync::text(theirs.toStdString()), clock, {}, 0});
        if (!st.apply({rc}).ok()) return false;
        app->bump();
        return true;
    }
};

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable() {
        fika::app::use_app_style();
        g_previous_handler = qInstallMessageHandler(record_warnings);
        fika::app::AppContext::Options o;
        o.database = dir_.filePath("qml-test.db");
        o.demo = true;
        app_ = std::make_unique<fika::app::AppContext>(o);
        app_->setLanguage("en");
    }
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        app_->attach(engine);
        helper_.app = app_.get();
        qmlRegisterSingletonInstance("FikaTest", 1, 0, "TestHelper", &helper_);
    }
    void cleanupTestCase() { app_.reset(); }

private:
    QTemporaryDir dir_;
    std::unique_ptr<fika::app::AppContext> app_;
    TestHelper helper_;
};

QUICK_TEST_MAIN_WITH_SETUP(fika_qml, Setup)

#include "test_qml.moc"
