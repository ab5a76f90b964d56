#include "tests/drivers/vtk_emulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kiosk/common/atomic_file.h"
#include "payment/vtk/frame.h"
#include "payment/vtk/message.h"

namespace vtkemu {

using payment::vtk::FrameReader;
using payment::vtk::VtkMessage;
namespace tag = payment::vtk::tag;
namespace msg = payment::vtk::msg;
using Clock = std::chrono::steady_clock;

std::optional<std::vector<Step>> parseScript(std::string_view text, std::string& error) {
  std::vector<Step> steps;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(',', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string item(text.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) continue;
    Step step;
    std::string name = item, arg;
    if (auto colon = item.find(':'); colon != std::string::npos) {
      name = item.substr(0, colon);
      arg = item.substr(colon + 1);
    }
    if (name == "approve") step.behaviour = Behaviour::Approve;
    else if (name == "decline") step.behaviour = Behaviour::Decline;
    else if (name == "never") step.behaviour = Behaviour::NeverAnswer;
    else if (name == "late") {
      step.behaviour = Behaviour::AnswerLate;
      auto value = payment::vtk::parseDecimal(arg);
      if (!value || *value > 600000) {
        error = "late:<ms> needs a delay in milliseconds, got \"" + arg + "\"";
        return std::nullopt;
      }
      step.delay_ms = static_cast<int>(*value);
    } else if (name == "drop") step.behaviour = Behaviour::DropAfterApprove;
    else if (name == "wait_abort") step.behaviour = Behaviour::WaitForAbort;
    else if (name == "cancel_at_terminal") step.behaviour = Behaviour::CancelAtTerminal;
    else if (name == "malformed") step.behaviour = Behaviour::Malformed;
    else if (name == "bad_discriminator") step.behaviour = Behaviour::BadDiscriminator;
    else if (name == "truncated") step.behaviour = Behaviour::Truncated;
    else {
      error = "unknown behaviour \"" + name + "\"";
      return std::nullopt;
    }
    steps.push_back(step);
  }
  return steps;
}

std::vector<LedgerEntry> readLedger(const std::string& state_dir) {
  std::vector<LedgerEntry> entries;
  std::ifstream in(state_dir + "/vtk-ledger.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    entries.push_back({j.value("event", ""), j.value("op", int64_t{0}), j.value("amount", int64_t{0})});
  }
  return entries;
}

size_t countEvents(const std::vector<LedgerEntry>& ledger, std::string_view event) {
  size_t n = 0;
  for (const auto& e : ledger) n += e.event == event;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// The terminal's state and its reactions, run on the emulator's single thread.
// ---------------------------------------------------------------------------------------------------------------

struct VtkEmulator::Impl {
  // Non-volatile memory: the last operation and its result.
  struct Stored {
    int64_t last_op = 0;
    int64_t requested = 0;
    int64_t approved = 0;
    std::string phase = "none";  // pending, authorised, declined, aborted, finalised, reversed
    std::string receipt;
  } stored;

  EmulatorOptions& options;
  std::deque<Step> script;
  int client = -1;
  FrameReader reader{payment::vtk::kVmcToPos};
  int idl_answers_this_connection = 0;
  std::optional<Step> current;  // behaviour of the pending operation
  std::optional<Clock::time_point> late_answer_at;

  explicit Impl(EmulatorOptions& o) : options(o), script(o.script.begin(), o.script.end()) { load(); }

  std::string statePath() const { return options.state_dir + "/vtk-terminal-state.json"; }

  void load() {
    stored.last_op = options.start_operation;
    auto text = kiosk::files::readAll(statePath());
    if (!text) return;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;
    stored.last_op = j.value("last_op", stored.last_op);
    stored.requested = j.value("requested", int64_t{0});
    stored.approved = j.value("approved", int64_t{0});
    stored.phase = j.value("phase", std::string("none"));
    stored.receipt = j.value("receipt", std::string());
    // A terminal restarted mid-operation has lost the guest: that operation ended without money.
    if (stored.phase == "pending") stored.phase = "aborted";
  }

  void save() {
    nlohmann::json j = {{"last_op", stored.last_op},     {"requested", stored.requested},
                        {"approved", stored.approved},   {"phase", stored.phase},
                        {"receipt", stored.receipt}};
    kiosk::files::writeAtomically(statePath(), j.dump());
  }

  void ledger(const char* event, int64_t op, int64_t amount) {
    std::ofstream out(options.state_dir + "/vtk-ledger.jsonl", std::ios::app);
    out << nlohmann::json{{"event", event}, {"op", op}, {"amount", amount}}.dump() << "\n";
  }

  // ---- sending ----

  void sendRaw(const std::string& bytes) {
    if (client < 0) return;
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(client, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        dropClient();
        return;
      }
      sent += static_cast<size_t>(n);
    }
  }

  void send(const VtkMessage& m) { sendRaw(payment::vtk::encodeFrame(payment::vtk::kPosToVmc, m)); }

  void dropClient() {
    if (client >= 0) ::close(client);
    client = -1;
    reader = FrameReader(payment::vtk::kVmcToPos);
  }

  std::string receiptFor(int64_t op, int64_t amount, bool approved) const {
    std::ostringstream r;
    if (options.full_pan_in_receipt) r << "CARD NO 5469380012341118\n";
    r << "VENDOTEK TEST TERMINAL\nTERMINAL:00012345\nOPERATION:" << op << "\nAMOUNT:" << amount << "\n";
    if (approved) {
      r << "RESULT:APPROVED\nCARD:MC\nPAN:************1118\nAUTH ID:A1B2C3\nRRN:0288100" << (10000 + op % 90000)
        << "\nRESPONSE CODE:000\n";
    } else {
      r << "RESULT:DECLINED\nCARD:VISA\nPAN:************4242\nRESPONSE CODE:116\n";
    }
    return r.str();
  }

  VtkMessage vrpAnswer() const {
    VtkMessage m(msg::kVendRequest);
    m.setNumber(tag::kOperationNumber, stored.last_op);
    const bool approved = stored.phase == "authorised" || stored.phase == "finalised";
    m.setNumber(tag::kAmount, approved ? stored.approved : 0);
    if (!stored.receipt.empty()) m.set(tag::kReceipt, stored.receipt);
    return m;
  }

  void sendEvent(const char* name, int number) {
    if (!options.send_events) return;
    VtkMessage m(msg::kIdle);
    m.set(tag::kEventName, name).setNumber(tag::kEventNumber, number);
    send(m);
  }

  // The bank said yes: remember it before telling anyone (as the terminal's non-volatile memory would).
  void authorise() {
    stored.phase = "authorised";
    stored.approved = stored.requested;
    stored.receipt = receiptFor(stored.last_op, stored.requested, true);
    save();
    ledger("approved", stored.last_op, stored.approved);
  }

  void abortOperation() {
    stored.phase = "aborted";
    stored.receipt.clear();
    save();
    ledger("aborted", stored.last_op, 0);
    current.reset();
    late_answer_at.reset();
  }

  // ---- receiving ----

  void onIdle(const VtkMessage&) {
    if (!options.answer_keepalive && idl_answers_this_connection > 0) return;
    ++idl_answers_this_connection;
    VtkMessage answer(msg::kIdle);
    answer.setNumber(tag::kOperationNumber, stored.last_op);
    if (options.operation_timeout_s > 0) answer.setNumber(tag::kOperationTimeout, options.operation_timeout_s);
    if (options.unset_clock) answer.set(tag::kLocalTime, "19700101T0000+0000");
    send(answer);
  }

  void onVendRequest(const VtkMessage& m) {
    const auto op = m.number(tag::kOperationNumber);
    const auto amount = m.number(tag::kAmount);
    if (!op || !amount) return;  // a terminal ignores a request it cannot read
    if (*op == stored.last_op && stored.phase != "none") {
      // The same number again: repeat the stored result, never charge again.
      ledger("repeat", *op, stored.approved);
      if (stored.phase != "pending") send(vrpAnswer());
      return;
    }
    if (*op < stored.last_op) {
      ledger("rejected_old", *op, *amount);
      VtkMessage refusal(msg::kVendRequest);
      refusal.setNumber(tag::kOperationNumber, *op).setNumber(tag::kAmount, 0);
      send(refusal);
      return;
    }
    stored.last_op = *op;
    stored.requested = *amount;
    stored.approved = 0;
    stored.phase = "pending";
    stored.receipt.clear();
    save();
    Step step = script.empty() ? Step{} : script.front();
    if (!script.empty()) script.pop_front();
    current = step;
    switch (step.behaviour) {
      case Behaviour::Approve:
        sendEvent("PRESENT CARD", 1);
        sendEvent("ENTER PIN", 2);
        authorise();
        current.reset();
        send(vrpAnswer());
        break;
      case Behaviour::Decline:
        sendEvent("PRESENT CARD", 1);
        stored.phase = "declined";
        stored.receipt = receiptFor(stored.last_op, stored.requested, false);
        save();
        ledger("declined", stored.last_op, 0);
        current.reset();
        send(vrpAnswer());
        break;
      case Behaviour::NeverAnswer:
        break;
      case Behaviour::AnswerLate:
        late_answer_at = Clock::now() + std::chrono::milliseconds(step.delay_ms);
        break;
      case Behaviour::DropAfterApprove:
        authorise();
        current.reset();
        dropClient();
        break;
      case Behaviour::WaitForAbort:
        sendEvent("PRESENT CARD", 1);
        break;
      case Behaviour::CancelAtTerminal:
        sendEvent("PRESENT CARD", 1);
        abortOperation();
        send(VtkMessage(msg::kAbort).setNumber(tag::kOperationNumber, stored.last_op));
        break;
      case Behaviour::Malformed: {
        authorise();
        current.reset();
        // Claims a 0x40-byte value where 3 bytes follow.
        const std::string tlv = std::string("\x01\x03VRP\x04\x40", 7) + "123";
        std::string frame;
        frame.push_back(0);
        frame.push_back(static_cast<char>(tlv.size() + 2));
        frame += "\x97\xFB";
        frame += tlv;
        sendRaw(frame);
        break;
      }
      case Behaviour::BadDiscriminator: {
        authorise();
        current.reset();
        sendRaw(payment::vtk::encodeFrame(payment::vtk::kVmcToPos, vrpAnswer()));
        break;
      }
      case Behaviour::Truncated: {
        authorise();
        current.reset();
        const std::string frame = payment::vtk::encodeFrame(payment::vtk::kPosToVmc, vrpAnswer());
        sendRaw(frame.substr(0, frame.size() / 2));
        dropClient();
        break;
      }
    }
  }

  void onAbort(const VtkMessage&) {
    if (stored.phase != "pending" || !current) return;
    if (current->behaviour == Behaviour::WaitForAbort) {
      abortOperation();
      send(VtkMessage(msg::kAbort).setNumber(tag::kOperationNumber, stored.last_op));
    }
    // NeverAnswer and AnswerLate: the terminal is busy with the bank and does not react.
  }

  void onFinalise(const VtkMessage& m) {
    const auto op = m.number(tag::kOperationNumber);
    const auto amount = m.number(tag::kAmount);
    if (!op || !amount) return;
    VtkMessage answer(msg::kFinalise);
    answer.setNumber(tag::kOperationNumber, *op);
    if (*op != stored.last_op || stored.phase == "pending") {
      if (stored.phase == "pending") return;  // still authorising: no answer yet
      answer.setNumber(tag::kAmount, 0);
      send(answer);
      return;
    }
    if (stored.phase == "authorised") {
      if (*amount == stored.approved) {
        stored.phase = "finalised";
        save();
        ledger("finalised", *op, *amount);
        answer.setNumber(tag::kAmount, *amount);
      } else if (*amount == 0) {
        stored.phase = "reversed";
        save();
        ledger("reversed", *op, stored.approved);
        answer.setNumber(tag::kAmount, 0);
      } else {
        answer.setNumber(tag::kAmount, 0);
      }
    } else if (stored.phase == "finalised") {
      ledger("fin_repeat", *op, stored.approved);
      answer.setNumber(tag::kAmount, stored.approved);
    } else {
      answer.setNumber(tag::kAmount, 0);  // declined, aborted or reversed: nothing to finalise
    }
    send(answer);
  }

  void onTimer() {
    if (late_answer_at && Clock::now() >= *late_answer_at) {
      late_answer_at.reset();
      current.reset();
      authorise();
      send(vrpAnswer());  // if the kiosk is gone, the result stays stored
    }
  }
};

// ---------------------------------------------------------------------------------------------------------------

VtkEmulator::VtkEmulator(EmulatorOptions options) : options_(std::move(options)) {}

VtkEmulator::~VtkEmulator() { stop(); }

bool VtkEmulator::start(std::string& error) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(options_.port);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 4) != 0) {
    error = std::string("bind/listen: ") + std::strerror(errno);
    ::close(listen_fd_);
    listen_fd_ = -1;
    return false;
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  if (::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  impl_ = new Impl(options_);
  thread_ = std::thread([this] { run(); });
  return true;
}

void VtkEmulator::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  [[maybe_unused]] ssize_t n = ::write(wake_pipe_[1], "x", 1);
  thread_.join();
  if (impl_) impl_->dropClient();
  delete impl_;
  impl_ = nullptr;
  for (int* fd : {&listen_fd_, &wake_pipe_[0], &wake_pipe_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

size_t VtkEmulator::received(std::string_view name) const {
  std::lock_guard lock(stats_mutex_);
  size_t n = 0;
  for (const auto& m : received_) n += m.name == name;
  return n;
}

std::optional<VtkMessage> VtkEmulator::lastReceived(std::string_view name) const {
  std::lock_guard lock(stats_mutex_);
  for (auto it = received_.rbegin(); it != received_.rend(); ++it)
    if (it->name == name) return *it;
  return std::nullopt;
}

void VtkEmulator::run() {
  Impl& t = *impl_;
  char buffer[4096];
  while (!stopping_) {
    pollfd fds[3] = {{wake_pipe_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}, {t.client, POLLIN, 0}};
    const int count = t.client >= 0 ? 3 : 2;
    ::poll(fds, count, 10);
    if (stopping_) break;
    if (fds[1].revents & POLLIN) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // events and answer go out at once
        t.dropClient();  // one kiosk at a time; a new connection replaces the old one
        t.client = fd;
        t.idl_answers_this_connection = 0;
        ++connections_;
      }
    }
    if (count == 3 && t.client >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::recv(t.client, buffer, sizeof buffer, 0);
      if (n <= 0) {
        ++closed_by_kiosk_;
        t.dropClient();
      } else {
        t.reader.feed(std::string_view(buffer, static_cast<size_t>(n)));
        while (t.client >= 0) {
          VtkMessage m;
          std::string error;
          const auto status = t.reader.next(m, error);
          if (status == FrameReader::Status::NeedMore) break;
          if (status == FrameReader::Status::Error) {
            t.dropClient();
            break;
          }
          {
            std::lock_guard lock(stats_mutex_);
            received_.push_back(m);
          }
          if (m.name == msg::kIdle) t.onIdle(m);
          else if (m.name == msg::kVendRequest) t.onVendRequest(m);
          else if (m.name == msg::kAbort) t.onAbort(m);
          else if (m.name == msg::kFinalise) t.onFinalise(m);
          else if (m.name == msg::kDisabled) t.send(VtkMessage(msg::kDisabled));
        }
      }
    }
    t.onTimer();
  }
}

}  // namespace vtkemu
