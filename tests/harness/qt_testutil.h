// Helpers for the tests of the app's C++ (Qt event loop).
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

namespace fika::test {

// Runs the event loop until `pred` holds (or the time is up).
template <typename Pred>
bool wait_until(Pred pred, int ms) {
    QElapsedTimer t;
    t.start();
    while (!pred() && t.elapsed() < ms) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return pred();
}

// The QML warnings and errors since the last clear (install_qml_warning_recorder() in
// main): a test that sees any fails.
inline QStringList& qml_warnings() {
    static QStringList w;
    return w;
}

inline void install_qml_warning_recorder() {
    static QtMessageHandler previous = nullptr;
    previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& ctx, const QString& msg) {
        const QString cat = ctx.category ? QString::fromLatin1(ctx.category) : QString();
        if (type != QtDebugMsg && type != QtInfoMsg &&
            (cat == "qml" || cat == "js" || cat.startsWith("qt.qml") || msg.contains(".qml:")))
            qml_warnings() << msg;
        if (previous) previous(type, ctx, msg);
    });
}

}  // namespace fika::test
