#include "tests/soak/events.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

namespace soak {

EventWriter::EventWriter(const std::string& path) {
  if (!path.empty()) fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

EventWriter::~EventWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void EventWriter::write(nlohmann::json event) const {
  if (fd_ < 0) return;
  event["pid"] = static_cast<int64_t>(::getpid());
  event["t"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  std::string line = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // O_APPEND: each write lands whole at the end of the file.
  ssize_t written = ::write(fd_, line.data(), line.size());
  (void)written;  // losing a progress line is harmless; the invariants do not read this file
}

std::vector<nlohmann::json> EventReader::readNew() {
  std::vector<nlohmann::json> out;
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  char buffer[65536];
  while (true) {
    ssize_t n = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(offset_));
    if (n <= 0) break;
    offset_ += static_cast<uint64_t>(n);
    partial_.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  size_t start = 0;
  for (size_t end = partial_.find('\n'); end != std::string::npos; end = partial_.find('\n', start)) {
    auto line = nlohmann::json::parse(partial_.begin() + static_cast<std::ptrdiff_t>(start),
                                      partial_.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
    if (!line.is_discarded() && line.is_object()) out.push_back(std::move(line));
    start = end + 1;
  }
  partial_.erase(0, start);
  return out;
}

}  // namespace soak
