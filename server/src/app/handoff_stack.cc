// Wiring of handoffs.
#include "app/handoff_stack.h"

namespace leadq {

HandoffStack::HandoffStack(HandoffStore& store, const Environment& env, HandoffConfig config)
    : sender_(config.timeouts),
      destinations_(store, env),
      handoffs_(store, env, config.handoff),
      sla_(store, handoffs_, env),
      feedback_(store, handoffs_, env),
      worker_(store, sla_, sender_, env,
              config.random_unit ? config.random_unit : SystemRandomUnit(), config.worker),
      api_{destinations_, handoffs_, sla_, feedback_, env} {
  handoffs_.SetWakeup([this] { worker_.Wake(); });
}

HandoffStack::~HandoffStack() {
  handoffs_.SetWakeup(nullptr);
  Stop();
}

void HandoffStack::RegisterRoutes(httplib::Server& server, ApiContext& context) {
  RegisterSalesRoutes(server, context, api_);
}

Status HandoffStack::Start() { return worker_.Start(); }

void HandoffStack::Stop() { worker_.Stop(); }

}  // namespace leadq
