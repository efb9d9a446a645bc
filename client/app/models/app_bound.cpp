#include "app_bound.h"

#include <QObject>
#include <QQmlEngine>

#include "appcontext.h"

namespace fika::app {

void AppBound::classBegin() {
    if (app_) return;
    auto* self = dynamic_cast<QObject*>(this);
    app_ = self ? AppContext::of(qmlEngine(self)) : nullptr;
    if (app_) bound();
}

}  // namespace fika::app
