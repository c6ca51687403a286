// Wiring.
#include "app/application.h"

#include <iostream>

namespace leadq {

Application::Application(Storage& storage, const Environment& env, AppConfig config)
    : sender_(config.timeouts),
      flows(storage, env),
      handoffs(storage, env, config.handoff),
      destinations(storage, env),
      sla(storage, handoffs, env),
      feedback(storage, handoffs, env),
      business_hours(storage),
      requalification(storage, storage, storage, flows, env, &handoffs, &business_hours),
      sessions(storage, storage, storage, flows, env, &handoffs, &business_hours),
      visitors(storage, env, [this] { requalifier_.Wake(); }),
      leads(storage, storage, storage),
      sites(storage, env),
      auth(storage, env, config.admin_key),
      operations(storage),
      backtests(storage, env),
      flow_tests(storage, env),
      delivery(storage, sla, sender_, env,
               config.random_unit ? config.random_unit : SystemRandomUnit(), config.delivery),
      api({flows, sessions, visitors, leads, sites, auth, handoffs, destinations, sla, feedback,
           operations, backtests, flow_tests},
          env, std::move(config.api)),
      requalifier_("leadq-requalify", 1, config.requalification_poll_ms, [this] {
        Result<int> done = requalification.Drain();
        if (!done.ok()) {
          std::cerr << "leadq: re-decision worker: " << done.status().message() << "\n";
        }
        // Time passing is new data too: leads whose fading points change them now.
        Result<int> reviewed = requalification.ReviewDue();
        if (!reviewed.ok()) {
          std::cerr << "leadq: time sweep: " << reviewed.status().message() << "\n";
        }
        return false;  // Drain works the queue empty (or until it fails): then wait
      }) {
  handoffs.SetWakeup([this] { delivery.Wake(); });
}

Application::~Application() { Stop(); }

Status Application::Start() {
  Status started = delivery.Start();
  if (!started.ok()) return started;
  requalifier_.Start();
  backtests.Start();
  return Status::Ok();
}

void Application::Stop() {
  backtests.Stop();
  requalifier_.Stop();
  delivery.Stop();
}

}  // namespace leadq
