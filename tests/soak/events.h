#pragma once
// The child's own account of what it did, one JSON object per line appended to a file that the driver reads.
// Used for the figures (orders attempted, payments tried) and to watch progress; never for the invariants, which
// are checked against the emulator's and the terminal's records.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace soak {

class EventWriter {
 public:
  EventWriter() = default;
  // Opens `path` for appending (created when missing). An empty path writes nothing.
  explicit EventWriter(const std::string& path);
  ~EventWriter();
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  // One line, written with a single write() so that a SIGKILL never leaves half of it behind a later line.
  // Adds "pid" and "t" (wall-clock milliseconds). Safe from any thread.
  void write(nlohmann::json event) const;

 private:
  int fd_ = -1;
};

// Reads the complete lines appended since the previous call; a line that does not parse is skipped.
class EventReader {
 public:
  explicit EventReader(std::string path) : path_(std::move(path)) {}
  std::vector<nlohmann::json> readNew();

 private:
  std::string path_;
  uint64_t offset_ = 0;
  std::string partial_;
};

}  // namespace soak
