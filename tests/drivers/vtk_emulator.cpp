#include "tests/drivers/vtk_emulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/drivers/vtk_terminal_model.h"

namespace vtkemu {

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
      auto value = parseDecimal(arg);
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

std::vector<std::string> readViolations(const std::string& state_dir) {
  std::vector<std::string> violations;
  std::ifstream in(state_dir + "/vtk-violations.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    violations.push_back(j.value("violation", ""));
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------------------------
// The socket side: one kiosk connection at a time, frames in, the terminal's answers out.
// ---------------------------------------------------------------------------------------------------------------

class VtkEmulator::Link : public TerminalLink {
 public:
  explicit Link(VtkEmulator& emulator) : emulator_(emulator) {}
  ~Link() override { drop(); }

  bool connected() const override { return fd >= 0; }

  void send(const Message& message) override {
    if (fd < 0) return;
    {
      // Logged before the bytes go out, so a test that has read the answer finds it in the log.
      std::lock_guard lock(emulator_.log_mutex_);
      emulator_.sent_.push_back({message, Clock::now()});
    }
    sendRaw(encodeTcpFrame(kTerminalToKiosk, message));
  }

  void sendRaw(const std::string& bytes) override {
    size_t sent = 0;
    while (fd >= 0 && sent < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        drop();
        return;
      }
      sent += static_cast<size_t>(n);
    }
  }

  void drop() override {
    if (fd >= 0) ::close(fd);
    fd = -1;
    reader.reset();
  }

  int fd = -1;
  TcpFrameReader reader{kKioskToTerminal};

 private:
  VtkEmulator& emulator_;
};

VtkEmulator::VtkEmulator(EmulatorOptions options) : options_(std::move(options)) {}

VtkEmulator::~VtkEmulator() { stop(); }

bool VtkEmulator::start(std::string& error) {
  struct stat st {};
  if (options_.state_dir.empty() || ::stat(options_.state_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    error = "the state directory \"" + options_.state_dir + "\" does not exist";
    return false;
  }
  if (options_.keepalive_s <= 0 || options_.operation_timeout_s <= 0) {
    error = "keep-alive and operation timeout must be positive seconds (got " + std::to_string(options_.keepalive_s) +
            " and " + std::to_string(options_.operation_timeout_s) + ")";
    return false;
  }
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
    ::close(listen_fd_);
    listen_fd_ = -1;
    return false;
  }
  link_ = std::make_unique<Link>(*this);
  terminal_ = std::make_unique<Terminal>(options_, *link_, [this](const std::string& text) {
    std::lock_guard lock(log_mutex_);
    violations_.push_back(text);
  });
  thread_ = std::thread([this] { run(); });
  return true;
}

void VtkEmulator::stop() {
  if (thread_.joinable()) {
    stopping_ = true;
    [[maybe_unused]] ssize_t n = ::write(wake_pipe_[1], "x", 1);
    thread_.join();
  }
  terminal_.reset();
  link_.reset();
  for (int* fd : {&listen_fd_, &wake_pipe_[0], &wake_pipe_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
}

size_t VtkEmulator::received(std::string_view name) const {
  std::lock_guard lock(log_mutex_);
  size_t n = 0;
  for (const auto& m : received_) n += m.message.name == name;
  return n;
}

std::optional<Message> VtkEmulator::lastReceived(std::string_view name) const {
  std::lock_guard lock(log_mutex_);
  for (auto it = received_.rbegin(); it != received_.rend(); ++it)
    if (it->message.name == name) return it->message;
  return std::nullopt;
}

std::vector<Message> VtkEmulator::receivedAll() const {
  std::lock_guard lock(log_mutex_);
  std::vector<Message> out;
  for (const auto& m : received_) out.push_back(m.message);
  return out;
}

std::vector<TimedMessage> VtkEmulator::receivedLog() const {
  std::lock_guard lock(log_mutex_);
  return received_;
}

std::vector<TimedMessage> VtkEmulator::sentLog() const {
  std::lock_guard lock(log_mutex_);
  return sent_;
}

std::vector<std::string> VtkEmulator::violations() const {
  std::lock_guard lock(log_mutex_);
  return violations_;
}

void VtkEmulator::run() {
  Link& link = *link_;
  Terminal& terminal = *terminal_;
  char buffer[4096];
  while (!stopping_) {
    pollfd fds[3] = {{wake_pipe_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}, {link.fd, POLLIN, 0}};
    const int count = link.connected() ? 3 : 2;
    ::poll(fds, count, 10);  // the 10 ms tick drives the late answer
    if (stopping_) break;
    if (fds[1].revents & POLLIN) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0) {
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        link.drop();  // one kiosk at a time; a new connection replaces the old one
        link.fd = fd;
        terminal.onConnect();
        ++connections_;
        fds[2].revents = 0;  // that poll result was about the old connection
      }
    }
    if (count == 3 && link.connected() && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::recv(link.fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        ++closed_by_kiosk_;
        link.drop();
      } else {
        link.reader.feed(std::string_view(buffer, static_cast<size_t>(n)));
        while (link.connected()) {
          ReadResult r = link.reader.next();
          if (r.status == ReadResult::Status::NeedMore) break;
          if (r.status == ReadResult::Status::Error) {
            terminal.onUnreadableFrame(r.error);
            break;
          }
          {
            std::lock_guard lock(log_mutex_);
            received_.push_back({r.message, Clock::now()});
          }
          terminal.onMessage(r.message);
        }
      }
    }
    terminal.onTimer(Clock::now());
  }
}

}  // namespace vtkemu
