// Wiring of forwarding.
#include "app/forwarding_stack.h"

namespace leadq {

ForwardingStack::ForwardingStack(ForwardingStore& store, const Environment& env,
                                 ForwardingConfig config)
    : sender_(config.timeouts),
      destinations_(store, env),
      forwarding_(store, env, config.forwarding),
      sla_(store, forwarding_, env),
      feedback_(store, forwarding_, env),
      worker_(store, sla_, sender_, env,
              config.random_unit ? config.random_unit : SystemRandomUnit(), config.worker),
      api_{destinations_, forwarding_, sla_, feedback_, env} {
  forwarding_.SetWakeup([this] { worker_.Wake(); });
}

ForwardingStack::~ForwardingStack() {
  forwarding_.SetWakeup(nullptr);
  Stop();
}

void ForwardingStack::RegisterRoutes(httplib::Server& server, ApiContext& context) {
  RegisterSalesRoutes(server, context, api_);
}

Status ForwardingStack::Start() { return worker_.Start(); }

void ForwardingStack::Stop() { worker_.Stop(); }

}  // namespace leadq
