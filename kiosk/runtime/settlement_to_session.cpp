#include "kiosk/runtime/settlement_to_session.h"

namespace kiosk {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

}  // namespace

Event toSessionEvent(const payment::SettlementEvent& event) {
  namespace settle = payment::settle;
  return std::visit(
      Overloaded{
          [](const settle::Progress& e) -> Event {
            return ev::PaymentProgress{e.message_key, e.terminal_text, e.cancellable};
          },
          [](const settle::Approved& e) -> Event { return ev::PaymentApproved{e.transaction, e.amount}; },
          [](const settle::Declined& e) -> Event { return ev::PaymentDeclined{e.code, e.terminal_text}; },
          [](const settle::Cancelled&) -> Event { return ev::PaymentCancelled{}; },
          [](const settle::Failed& e) -> Event { return ev::PaymentFailed{e.message_key}; },
          [](const settle::OrderPosted& e) -> Event { return ev::OrderPosted{e.order}; },
          [](const settle::OrderPostFailed& e) -> Event {
            return ev::OrderPostFailed{e.reversed, e.amount, e.message_key};
          },
      },
      event);
}

}  // namespace kiosk
