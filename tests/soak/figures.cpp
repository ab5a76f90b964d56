#include "tests/soak/figures.h"

#include <cstdio>
#include <sstream>

namespace soak {
namespace {

void addCounts(Counts& into, const Counts& from) {
  for (const auto& [key, value] : from) into[key] += value;
}

void addMoney(MoneyFigures& a, const MoneyFigures& b) {
  a.purchases += b.purchases;
  a.approved += b.approved;
  a.confirmed += b.confirmed;
  a.reversed += b.reversed;
  a.refunded += b.refunded;
  a.declined += b.declined;
  a.cancelled += b.cancelled;
  a.not_charged += b.not_charged;
  a.reversal_requests += b.reversal_requests;
  a.orders += b.orders;
  a.approved_kopecks += b.approved_kopecks;
  a.confirmed_kopecks += b.confirmed_kopecks;
  a.reversed_kopecks += b.reversed_kopecks;
  a.orders_paid_kopecks += b.orders_paid_kopecks;
}

int64_t sum(const Counts& counts) {
  int64_t total = 0;
  for (const auto& [key, value] : counts) total += value;
  return total;
}

std::string rubles(int64_t kopecks) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld", static_cast<long long>(kopecks / 100),
                static_cast<long long>(kopecks % 100));
  return buffer;
}

void printCounts(std::ostringstream& out, const char* title, const Counts& counts) {
  out << "  " << title << " (" << sum(counts) << "):";
  if (counts.empty()) out << " none";
  for (const auto& [key, value] : counts) out << "\n    " << key << ": " << value;
  out << "\n";
}

}  // namespace

void Figures::add(const Figures& r) {
  terminal = r.terminal;
  rounds += r.rounds;
  orders_attempted += r.orders_attempted;
  payments_attempted += r.payments_attempted;
  lives += r.lives;
  clean_exits += r.clean_exits;
  addCounts(kills, r.kills);
  addCounts(procart_faults, r.procart_faults);
  addCounts(terminal_faults, r.terminal_faults);
  leftovers_killed += r.leftovers_killed;
  addCounts(kiosk_outcomes, r.kiosk_outcomes);
  addCounts(staff_pos_checks, r.staff_pos_checks);
  callbacks_sent += r.callbacks_sent;
  callbacks_lost += r.callbacks_lost;
  addMoney(money, r.money);
  violations.insert(violations.end(), r.violations.begin(), r.violations.end());
  anomalies.insert(anomalies.end(), r.anomalies.begin(), r.anomalies.end());
  seconds += r.seconds;
}

int64_t Figures::totalKills() const { return sum(kills); }

std::string summaryText(const Figures& f, uint64_t seed) {
  std::ostringstream out;
  const MoneyFigures& m = f.money;
  out << "soak summary (seed " << seed << ", terminal " << f.terminal << ", " << f.rounds << " round(s), "
      << static_cast<int64_t>(f.seconds) << " s)\n";
  out << "  orders attempted: " << f.orders_attempted << "   payments attempted: " << f.payments_attempted << "\n";
  out << "  kiosk lives: " << f.lives << "   clean exits: " << f.clean_exits << "   kills: " << f.totalKills() << "\n";
  printCounts(out, "kills by point", f.kills);
  printCounts(out, "ProCart faults injected", f.procart_faults);
  out << "  callbacks: " << f.callbacks_sent << " delivered, " << f.callbacks_lost << " lost\n";
  printCounts(out, "terminal behaviours and faults", f.terminal_faults);
  if (f.leftovers_killed > 0) {
    out << "  processes a killed kiosk left running, killed with it: " << f.leftovers_killed << "\n";
  }
  printCounts(out, "orders as the guest saw them", f.kiosk_outcomes);
  printCounts(out, "payments staff settled by a look in the POS", f.staff_pos_checks);
  out << "  terminal (its own ledger): " << m.purchases << " purchases, " << m.approved << " approved ("
      << rubles(m.approved_kopecks) << " RUB), " << m.confirmed << " confirmed (" << rubles(m.confirmed_kopecks)
      << "), " << m.reversed << " reversed (" << rubles(m.reversed_kopecks) << "), " << m.declined << " declined, "
      << m.cancelled << " cancelled, " << m.not_charged << " not charged\n";
  out << "  ProCart (its own orders): " << m.orders << " orders created, carrying " << rubles(m.orders_paid_kopecks)
      << " RUB of payments\n";
  out << "  invariant violations: " << f.violations.size() << "\n";
  for (size_t i = 0; i < f.violations.size() && i < 40; ++i) out << "    " << f.violations[i] << "\n";
  out << "  anomalies (crashes, stuck orders, failed starts): " << f.anomalies.size() << "\n";
  for (size_t i = 0; i < f.anomalies.size() && i < 40; ++i) out << "    " << f.anomalies[i] << "\n";
  return out.str();
}

nlohmann::json summaryJson(const Figures& f, uint64_t seed) {
  const MoneyFigures& m = f.money;
  return {
      {"seed", seed},
      {"terminal_kind", f.terminal},
      {"rounds", f.rounds},
      {"seconds", f.seconds},
      {"orders_attempted", f.orders_attempted},
      {"payments_attempted", f.payments_attempted},
      {"lives", f.lives},
      {"clean_exits", f.clean_exits},
      {"kills", f.totalKills()},
      {"kills_by_point", f.kills},
      {"procart_faults", f.procart_faults},
      {"callbacks_sent", f.callbacks_sent},
      {"callbacks_lost", f.callbacks_lost},
      {"terminal", f.terminal_faults},
      {"leftovers_killed", f.leftovers_killed},
      {"guest_outcomes", f.kiosk_outcomes},
      {"staff_pos_checks", f.staff_pos_checks},
      {"money",
       {{"purchases", m.purchases},
        {"approved", m.approved},
        {"confirmed", m.confirmed},
        {"reversed", m.reversed},
        {"refunded", m.refunded},
        {"declined", m.declined},
        {"cancelled", m.cancelled},
        {"not_charged", m.not_charged},
        {"reversal_requests", m.reversal_requests},
        {"orders_created", m.orders},
        {"approved_kopecks", m.approved_kopecks},
        {"confirmed_kopecks", m.confirmed_kopecks},
        {"reversed_kopecks", m.reversed_kopecks},
        {"orders_paid_kopecks", m.orders_paid_kopecks}}},
      {"violations", f.violations},
      {"anomalies", f.anomalies},
  };
}

}  // namespace soak
