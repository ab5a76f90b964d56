#pragma once
// Drives a KioskSession in tests: a clock, the commands it returned, and the usual ways through the flow.
#include <string>
#include <vector>

#include "kiosk/core/session.h"
#include "test_menu.h"

namespace kiosk::test {

// Both order types, no table number, the "add a drink" rule, short timers left at their defaults.
SessionConfig testConfig();

// What a POS would answer for `draft`: the local price estimate per line, no discounts.
ValidationResult validatedFor(const OrderDraft& draft, const MenuIndex& menu, Money line0_discount = {});

const char* commandName(const Command& command);
std::vector<std::string> commandNames(const std::vector<Command>& commands);
// "Attract>Ordering", … for each recorded transition.
std::vector<std::string> transitionPath(const std::vector<Transition>& transitions);

template <class T>
const T* findCommand(const std::vector<Command>& commands) {
  for (const Command& command : commands) {
    if (const T* found = std::get_if<T>(&command)) return found;
  }
  return nullptr;
}

struct Harness {
  explicit Harness(SessionConfig config = testConfig(), std::shared_ptr<const MenuIndex> menu = testIndex());

  KioskSession session;
  std::shared_ptr<const MenuIndex> menu;
  TimeMs now = 0;
  std::vector<Command> last;  // commands of the last event
  std::vector<Command> all;   // every command so far
  int external_ids_made = 0;

  // Advances the clock by `advance_ms`, then handles the event.
  const std::vector<Command>& send(const Event& event, TimeMs advance_ms = 100);
  const SessionState& state() const { return session.state(); }

  void startOrdering();  // menu loaded, ProCart reachable, StartOrder
  uint64_t addBurger(const std::string& sauce = "ketchup");  // a complete burger line; returns its id
  uint64_t addSimple(const std::string& dish_id);             // a dish with nothing to choose
  // Lets the debounce pass; answers the background Validate it causes with success. Returns false if none came.
  bool settleValidation();
  // The last cmd::Validate among `last`, or nullptr.
  const cmd::Validate* validateInLast() const { return findCommand<cmd::Validate>(last); }
  // From Ordering with a cart: checkout (take-away) and confirm, validate answered: ends in Paying.
  void goToPaying();
};

}  // namespace kiosk::test
