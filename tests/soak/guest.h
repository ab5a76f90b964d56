#pragma once
// A guest who orders through kiosk::Runtime the way the screens do: guest events in, state() read back, pump()
// every couple of milliseconds. Every choice is random but drawn from a seeded stream: how many lines, which
// dishes, modifiers and combo components, whether to take the upsell, eat in or take away, whether to cancel at
// the terminal, whether to try again after a declined or failed payment or give up.
#include <cstdint>
#include <string>

#include "kiosk/runtime/runtime.h"
#include "tests/soak/events.h"
#include "tests/soak/rng.h"
#include "tests/soak/soak_clock.h"

namespace soak {

struct OrderOutcome {
  // "posted" (order created), "post_failed" (paid, order not created: the kiosk said so), "not_paid" (gave up
  // after declines / failures), "gave_up" (nothing orderable, or left before paying), "stuck" (deadline passed)
  std::string result;
  int payments = 0;  // payment attempts made for this order
};

class Guest {
 public:
  Guest(kiosk::Runtime& runtime, SoakClock& clock, Rng& rng, const EventWriter& events);

  // One order from the attract screen back to it, bounded by `real_deadline_ms` of SoakClock::realMs().
  OrderOutcome runOrder(int number, int64_t real_deadline_ms);

 private:
  struct Order {
    int number = 0;
    int target_lines = 1;
    int dish_attempts = 0;  // dishes opened for this order
    int fix_steps = 0;      // builder corrections for the dish now open
    bool builder_touched = false;
    bool started = false;
    bool type_chosen = false;
    bool after_failed_payment = false;
    bool cancel_decided = false;
    int64_t cancel_at_real_ms = -1;
    int64_t tracking_until_real_ms = -1;
    kiosk::Phase last_phase = kiosk::Phase::Attract;
    OrderOutcome outcome;
  };

  void act(const kiosk::Event& event);
  void idle();
  // Waiting that only a session timer ends (ProCart marked unreachable): skip the session clock to it.
  void skipTimerWait();
  void noticeTransition(Order& o);

  void ordering(Order& o);
  void configureDish(Order& o);
  void decorateDish();
  void openRandomDish(Order& o);
  void checkout(Order& o);
  void paying(Order& o);
  void tracking(Order& o);
  void done(Order& o);

  kiosk::Runtime& runtime_;
  SoakClock& clock_;
  Rng& rng_;
  const EventWriter& events_;
  int64_t last_skip_real_ms_ = -1'000'000;
};

}  // namespace soak
