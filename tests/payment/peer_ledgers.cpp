#include "tests/payment/peer_ledgers.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace payment::testing {
namespace {

using State = sim::LedgerEntry::State;

// Amounts arrive as numbers or as decimal text (the command line's "<kopecks>").
bool readKopecks(const nlohmann::json& value, int64_t& out) {
  if (value.is_number_integer()) {
    out = value.get<int64_t>();
    return true;
  }
  if (!value.is_string()) return false;
  const std::string text = value.get<std::string>();
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoll(text);
  return true;
}

std::string text(const nlohmann::json& line, const char* key) {
  auto it = line.find(key);
  if (it == line.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// Each line of a JSON-lines file as an object; a line that is not one is a problem (the peer's records are damaged).
std::vector<nlohmann::json> readJsonLines(const std::string& path, std::vector<std::string>& problems) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (!parsed.is_object()) {
      problems.push_back(path + " line " + std::to_string(number) + " is not a JSON object: " + line.substr(0, 120));
      continue;
    }
    out.push_back(std::move(parsed));
  }
  return out;
}

kiosk::Money money(int64_t kopecks) { return kiosk::Money::kopecks(kopecks); }

}  // namespace

// ---- the journal's links -----------------------------------------------------------------------------------------

std::string JournalLinks::readFile(const std::string& path, const std::set<std::string>& ignore) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};  // no journal yet: nothing to link
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return "cannot read " + path;
  const std::string data = buffer.str();
  size_t pos = 0;
  while (pos < data.size()) {
    journal::ParsedFrame frame = journal::parseFrame(data, pos);
    if (frame.status != journal::FrameStatus::Ok) {
      // A torn tail or a damaged record: the journal's own replay reports those; skip to the next line.
      size_t next = data.find('\n', pos);
      if (next == std::string::npos) break;
      pos = next + 1;
      continue;
    }
    pos += frame.size;
    std::string error;
    auto record = journal::decodePayload(frame.payload, error);
    if (record && !ignore.count(record->external_id)) add(*record);
  }
  return {};
}

void JournalLinks::add(const journal::JournalRecord& record) {
  using journal::RecordType;
  if (record.type == RecordType::Check || record.external_id.empty()) return;
  auto [it, fresh] = by_id_.try_emplace(record.external_id);
  JournalLink& link = it->second;
  if (fresh) link.order = next_order_++;
  link.external_id = record.external_id;
  if (record.type == RecordType::Intent) {
    link.op_ref = record.op_ref;
    link.amount_kopecks = record.amount.kopecks();
  }
  if (record.type == RecordType::Approved && !record.transaction.rrn.empty()) link.rrn = record.transaction.rrn;
}

const JournalLink* JournalLinks::byOpRef(const std::string& op_ref) const {
  if (op_ref.empty()) return nullptr;
  const JournalLink* latest = nullptr;
  for (const auto& [id, link] : by_id_) {
    if (link.op_ref == op_ref && (!latest || link.order > latest->order)) latest = &link;
  }
  return latest;
}

const JournalLink* JournalLinks::byRrn(const std::string& rrn) const {
  if (rrn.empty()) return nullptr;
  const JournalLink* latest = nullptr;
  for (const auto& [id, link] : by_id_) {
    if (link.rrn == rrn && (!latest || link.order > latest->order)) latest = &link;
  }
  return latest;
}

std::set<std::string> JournalLinks::externalIds() const {
  std::set<std::string> ids;
  for (const auto& [id, link] : by_id_) ids.insert(id);
  return ids;
}

// ---- VTK -----------------------------------------------------------------------------------------------------------

std::vector<VtkLedgerLine> readVtkLedger(const std::string& path, std::vector<std::string>& problems) {
  std::vector<VtkLedgerLine> out;
  for (const auto& line : readJsonLines(path, problems)) {
    VtkLedgerLine l;
    l.event = text(line, "event");
    l.rrn = text(line, "rrn");
    bool op_ok = line.contains("op") && line["op"].is_number_integer();
    bool amount_ok = line.contains("amount") && readKopecks(line["amount"], l.amount);
    if (l.event.empty() || !op_ok || !amount_ok) {
      problems.push_back(path + ": a line without event, op or amount: " + line.dump());
      continue;
    }
    l.op = line["op"].get<int64_t>();
    out.push_back(l);
  }
  return out;
}

std::string receiptRrn(const std::string& receipt) {
  std::istringstream lines(receipt);
  std::string line;
  while (std::getline(lines, line)) {
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    if (key != "RRN") continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
    return value;
  }
  return {};
}

void attachRrns(std::vector<VtkLedgerLine>& ledger, const std::map<int64_t, std::string>& rrn_by_op) {
  for (auto& line : ledger) {
    if (line.event != "approved" || !line.rrn.empty()) continue;
    if (auto it = rrn_by_op.find(line.op); it != rrn_by_op.end()) line.rrn = it->second;
  }
}

PeerCharges vtkCharges(const std::vector<VtkLedgerLine>& ledger, const JournalLinks& links) {
  struct Op {
    int64_t approved_amount = 0, final_amount = 0;
    int approvals = 0, finals = 0, reversals = 0, repeats = 0;
    bool declined = false, aborted = false;
    std::string rrn;
  };
  std::vector<int64_t> order;  // operation numbers as they first appear
  std::map<int64_t, Op> ops;
  PeerCharges out;
  for (const auto& line : ledger) {
    auto [it, fresh] = ops.try_emplace(line.op);
    if (fresh) order.push_back(line.op);
    Op& op = it->second;
    const std::string who = "VTK operation " + std::to_string(line.op);
    if (line.event == "approved") {
      ++op.approvals;
      if (op.approvals > 1 && line.amount != op.approved_amount) {
        out.problems.push_back(who + ": approved again for another amount (" + std::to_string(line.amount) + ")");
      }
      op.approved_amount = line.amount;
      if (!line.rrn.empty()) op.rrn = line.rrn;
    } else if (line.event == "declined") {
      op.declined = true;
    } else if (line.event == "aborted") {
      op.aborted = true;
    } else if (line.event == "finalised") {
      ++op.finals;
      op.final_amount = line.amount;
    } else if (line.event == "reversed") {
      ++op.reversals;
    } else if (line.event == "repeat" || line.event == "fin_repeat" || line.event == "rejected_old") {
      ++op.repeats;  // answered from memory or refused: no money moved
    } else {
      out.problems.push_back(who + ": unknown ledger event \"" + line.event + "\"");
    }
  }

  for (int64_t number : order) {
    const Op& op = ops[number];
    const std::string ref = std::to_string(number);
    const JournalLink* link = links.byOpRef(ref);
    sim::LedgerEntry e;
    e.op_ref = ref;
    e.external_id = link ? link->external_id : "(no journal intent names VTK operation " + ref + ")";
    e.amount = money(op.approvals > 0 ? op.approved_amount : (link ? link->amount_kopecks : 0));
    e.charges = op.approvals;
    e.reversals = op.reversals;
    e.confirms = op.finals;
    e.purchase_requests = op.approvals + op.repeats + (op.declined ? 1 : 0) + (op.aborted ? 1 : 0);
    if (op.approvals > 0) {
      e.state = op.reversals > 0 ? State::Reversed : op.finals > 0 ? State::Confirmed : State::Approved;
      // The terminal's RRN; failing that, the one the kiosk journalled for this operation's approval. Unknown:
      // a mark no order can carry (the charge is real all the same: the terminal approved it).
      e.transaction.rrn = !op.rrn.empty()                 ? op.rrn
                          : (link && !link->rrn.empty()) ? link->rrn
                                                         : "(unknown RRN of op " + ref + ")";
    } else {
      e.state = op.declined ? State::Declined : op.aborted ? State::Cancelled : State::NotCharged;
    }
    const std::string who = "VTK operation " + ref + " (" + e.external_id + ")";
    if (op.finals > 0 && op.approvals == 0) out.problems.push_back(who + ": finalised, but never approved");
    if (op.finals > 0 && op.approvals > 0 && op.final_amount != op.approved_amount) {
      out.problems.push_back(who + ": FIN for " + std::to_string(op.final_amount) + " kopecks, approved " +
                             std::to_string(op.approved_amount));
    }
    if (op.approvals > 0 && link && link->amount_kopecks != op.approved_amount) {
      out.problems.push_back(who + ": charged " + std::to_string(op.approved_amount) + " kopecks, the intent was " +
                             std::to_string(link->amount_kopecks));
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

// ---- sb_pilot ------------------------------------------------------------------------------------------------------

std::vector<SbPilotLedgerLine> readSbPilotLedger(const std::string& path, std::vector<std::string>& problems) {
  std::vector<SbPilotLedgerLine> out;
  for (const auto& line : readJsonLines(path, problems)) {
    SbPilotLedgerLine l;
    l.op = text(line, "op");
    l.rrn = text(line, "rrn");
    l.request_id = text(line, "request_id");
    bool amount_ok = line.contains("amount") && readKopecks(line["amount"], l.amount);
    if (l.op.empty() || (!amount_ok && l.op != "day_close")) {
      problems.push_back(path + ": a line without op or amount: " + line.dump());
      continue;
    }
    out.push_back(l);
  }
  return out;
}

std::vector<SbPilotLedgerLine> readSbPilotState(const std::string& path, std::vector<std::string>& problems) {
  std::vector<SbPilotLedgerLine> out;
  std::ifstream in(path);
  if (!in) return out;  // the module never ran: nothing moved
  const nlohmann::json state = nlohmann::json::parse(in, nullptr, false);
  if (state.is_discarded() || !state.is_object() || !state.contains("events") || !state["events"].is_array()) {
    problems.push_back(path + ": not a state the fake sb_pilot writes");
    return out;
  }
  for (const auto& event : state["events"]) {
    SbPilotLedgerLine l;
    l.op = text(event, "op");
    l.rrn = text(event, "rrn");
    l.request_id = text(event, "request_id");
    bool amount_ok = event.contains("amount") && readKopecks(event["amount"], l.amount);
    if (l.op.empty() || (!amount_ok && l.op != "day_close")) {
      problems.push_back(path + ": an event without op or amount: " + event.dump());
      continue;
    }
    out.push_back(l);
  }
  return out;
}

PeerCharges sbPilotCharges(const std::vector<SbPilotLedgerLine>& ledger, const JournalLinks& links) {
  PeerCharges out;
  std::map<std::string, size_t> by_rrn;      // a purchase's RRN → its entry
  std::map<std::string, size_t> by_request;  // a purchase's request id → its entry

  for (const auto& line : ledger) {
    if (line.op == "purchase") {
      // The same request id charged again: one operation, two charges.
      if (!line.request_id.empty()) {
        if (auto it = by_request.find(line.request_id); it != by_request.end()) {
          ++out.entries[it->second].charges;
          continue;
        }
      }
      if (line.rrn.empty()) out.problems.push_back("sb_pilot purchase without an RRN: request " + line.request_id);
      if (by_rrn.count(line.rrn)) {
        out.problems.push_back("sb_pilot: two purchases with RRN " + line.rrn + " (the check needs one RRN a sale)");
      }
      sim::LedgerEntry e;
      e.op_ref = line.request_id.empty() ? "rrn:" + line.rrn : line.request_id;
      const JournalLink* link = links.byRrn(line.rrn);
      if (!link) link = links.byOpRef(line.request_id);
      e.external_id = link ? link->external_id : "(no journal record names RRN " + line.rrn + ")";
      e.amount = money(line.amount);
      e.charges = 1;
      e.purchase_requests = 1;
      e.state = State::Confirmed;  // one phase: a purchase that stays is a completed sale
      e.transaction.rrn = line.rrn;
      if (link && link->amount_kopecks != line.amount) {
        out.problems.push_back("sb_pilot RRN " + line.rrn + " (" + e.external_id + "): charged " +
                               std::to_string(line.amount) + " kopecks, the intent was " +
                               std::to_string(link->amount_kopecks));
      }
      by_rrn[line.rrn] = out.entries.size();
      if (!line.request_id.empty()) by_request[line.request_id] = out.entries.size();
      out.entries.push_back(std::move(e));
    } else if (line.op == "cancel" || line.op == "return") {
      auto it = by_rrn.find(line.rrn);
      if (it == by_rrn.end()) {
        // Money given back for a sale this terminal never made: the checks see a reversal without a charge.
        sim::LedgerEntry e;
        e.op_ref = line.op + " of RRN " + line.rrn;
        const JournalLink* link = links.byRrn(line.rrn);
        e.external_id = link ? link->external_id : "(no sale with RRN " + line.rrn + ")";
        e.amount = money(line.amount);
        e.state = State::NotCharged;
        e.reversals = 1;
        out.entries.push_back(std::move(e));
        continue;
      }
      sim::LedgerEntry& sale = out.entries[it->second];
      ++sale.reversals;
      sale.state = State::Reversed;
      const std::string who = "sb_pilot RRN " + line.rrn + " (" + sale.external_id + ")";
      if (sale.reversals > 1) {
        out.problems.push_back(who + ": money given back " + std::to_string(sale.reversals) + " times (" + line.op +
                               ")");
      } else if (line.amount != sale.amount.kopecks()) {
        out.problems.push_back(who + ": " + line.op + " of " + std::to_string(line.amount) + " kopecks, the sale was " +
                               std::to_string(sale.amount.kopecks()));
      }
    } else if (line.op != "day_close") {
      out.problems.push_back("sb_pilot ledger: unknown op \"" + line.op + "\"");
    }
  }
  return out;
}

}  // namespace payment::testing
