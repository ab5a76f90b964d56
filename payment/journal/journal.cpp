#include "payment/journal/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "payment/card_data.h"

namespace payment::journal {
namespace {

constexpr const char* kLog = "journal";

std::string errnoText(const std::string& what) { return what + ": " + std::strerror(errno); }

// Room for the records of a few payments (an intent with a large cart is a few kilobytes). Below this the kiosk
// refuses payments: otherwise only a guest's failed payment would reveal a full disk.
constexpr uint64_t kMinFreeBytes = 64 * 1024;

// "" when the file system of `fd` has room, otherwise a reason for staff.
std::string diskFullReason(int fd, const std::string& path) {
  struct statvfs fs{};
  if (::fstatvfs(fd, &fs) != 0) return {};  // cannot tell: the writes will say
  const uint64_t free_bytes = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
  if (free_bytes >= kMinFreeBytes) return {};
  return "the journal's disk is full: " + std::to_string(free_bytes) + " bytes free for " + path + " (at least " +
         std::to_string(kMinFreeBytes) + " needed)";
}

using FrameIndex = std::map<std::string, std::vector<std::pair<size_t, size_t>>>;

// The next offset after `from` where a valid record starts at the beginning of a line; npos when none.
size_t nextValidFrame(const std::string& data, size_t from) {
  for (size_t p = data.find('\n', from); p != std::string::npos; p = data.find('\n', p + 1)) {
    if (p + 1 >= data.size()) break;
    if (parseFrame(data, p + 1).status == FrameStatus::Ok) return p + 1;
  }
  return std::string::npos;
}

}  // namespace

Journal::Journal(JournalOptions options) : options_(std::move(options)) {
  path_ = options_.dir + "/" + options_.file_name;
  std::lock_guard lock(mutex_);
  openLocked();
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::openLocked() {
  entries_.clear();
  next_seq_ = 0;
  std::string dir_error = kiosk::files::makeDirectories(options_.dir, 0750);
  if (!dir_error.empty()) {
    write_error_ = "journal directory unusable: " + dir_error;
    kiosk::log::error(kLog, write_error_);
    return;
  }
  std::string data;
  struct stat st{};
  if (::stat(path_.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      write_error_ = "journal " + path_ + " is not a regular file";
      kiosk::log::error(kLog, write_error_);
      return;
    }
    auto content = kiosk::files::readAll(path_);
    if (!content) {
      write_error_ = "cannot read journal: " + content.error();
      kiosk::log::error(kLog, write_error_);
      return;
    }
    data = std::move(*content);
  }
  FrameIndex frames;
  bool clean = replay(data, &frames);
  if (!openForAppendLocked()) return;
  if (clean && stats_.bytes > options_.compact_above_bytes) compactLocked(data, frames);
}

bool Journal::replay(const std::string& data, FrameIndex* frames) {
  int corrupt_before = stats_.corrupt_records;
  stats_.records = 0;
  size_t pos = 0;
  uint64_t record_index = 0;
  while (pos < data.size()) {
    ParsedFrame frame = parseFrame(data, pos);
    if (frame.status != FrameStatus::Ok) {
      size_t next = nextValidFrame(data, pos);
      if (next == std::string::npos) {
        // Nothing valid after it: a write that power loss cut short. Its step was never acted on.
        uint64_t cut = data.size() - pos;
        std::string note = "torn last record (" + frame.error + "): " + std::to_string(cut) +
                           " bytes truncated at offset " + std::to_string(pos);
        kiosk::log::warn(kLog, note);
        notices_.push_back(note);
        stats_.truncated_bytes += cut;
        int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ::ftruncate(fd, static_cast<off_t>(pos)) != 0 || ::fsync(fd) != 0) {
          write_error_ = errnoText("cannot truncate the torn journal tail of " + path_);
          kiosk::log::error(kLog, write_error_);
        }
        if (fd >= 0) ::close(fd);
        break;
      }
      std::string problem = "damaged journal data at offset " + std::to_string(pos) + " (" +
                            std::to_string(next - pos) + " bytes: " + frame.error +
                            "); a payment step may be missing — check the terminal's records";
      kiosk::log::error(kLog, problem);
      problems_.push_back(problem);
      ++stats_.corrupt_records;
      pos = next;
      continue;
    }
    ++record_index;
    std::string error;
    auto record = decodePayload(frame.payload, error);
    if (record) {
      auto it = entries_.find(record->external_id);
      error = checkTransition(it == entries_.end() ? nullptr : &it->second, *record);
      if (error.empty() && record->type != RecordType::Check) {
        JournalEntry& entry = entries_[record->external_id];
        applyRecord(entry, *record, next_seq_++);
        if (frames) (*frames)[record->external_id].push_back({pos, frame.size});
      } else if (!error.empty() && stats_.corrupt_records > corrupt_before && record->core) {
        // Earlier records of this payment were damaged; this one carries what recovery needs: the payment is picked
        // up from here (a damaged record costs at most itself) instead of being dropped with a paid card in it.
        JournalEntry& entry = entries_[record->external_id];
        resyncFromCore(entry, *record, next_seq_++);
        if (frames) (*frames)[record->external_id].push_back({pos, frame.size});
        std::string note = "journal record #" + std::to_string(record_index) + " (" + recordTypeName(record->type) +
                           ", " + record->external_id + ") applied without the records before it: " + error +
                           (entry.rebuilt ? "; the intent is lost, so an order not yet in the POS is returned" : "");
        kiosk::log::warn(kLog, note);
        problems_.push_back(note);
        error.clear();
      }
    }
    if (!error.empty()) {
      std::string problem = "journal record #" + std::to_string(record_index) + " at offset " + std::to_string(pos) +
                            " not applied: " + error;
      kiosk::log::error(kLog, problem);
      problems_.push_back(problem);
      ++stats_.corrupt_records;
    }
    ++stats_.records;
    pos += frame.size;
  }
  stats_.bytes = std::min<uint64_t>(pos, data.size());
  size_ = stats_.bytes;
  return stats_.corrupt_records == corrupt_before;
}

bool Journal::openForAppendLocked() {
  if (fd_ >= 0) ::close(fd_);
  bool existed = ::access(path_.c_str(), F_OK) == 0;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd_ < 0) {
    write_error_ = errnoText("cannot open the journal " + path_ + " for writing");
    kiosk::log::error(kLog, write_error_);
    return false;
  }
  if (!existed && !kiosk::files::syncDirectory(options_.dir)) {
    write_error_ = errnoText("cannot sync the journal directory " + options_.dir);
    kiosk::log::error(kLog, write_error_);
    return false;
  }
  struct stat st{};
  if (::fstat(fd_, &st) == 0) size_ = static_cast<uint64_t>(st.st_size);
  if (std::string full = diskFullReason(fd_, path_); !full.empty()) kiosk::log::error(kLog, full, ": payments refused");
  return true;
}

void Journal::compactLocked(const std::string& data, const FrameIndex& frames) {
  std::vector<const JournalEntry*> settled;
  for (const auto& [id, entry] : entries_) {
    if (isFinal(entry.state)) settled.push_back(&entry);
  }
  if (settled.size() <= options_.keep_settled) return;
  std::sort(settled.begin(), settled.end(), [](auto* a, auto* b) { return a->first_seq > b->first_seq; });
  std::map<std::string, bool> dropped;
  for (size_t i = options_.keep_settled; i < settled.size(); ++i) dropped[settled[i]->external_id] = true;

  // Kept records in their original order, byte for byte.
  std::vector<std::pair<size_t, size_t>> kept;
  for (const auto& [id, list] : frames) {
    if (dropped.count(id)) continue;
    kept.insert(kept.end(), list.begin(), list.end());
  }
  std::sort(kept.begin(), kept.end());
  std::string content;
  for (const auto& [offset, size] : kept) content.append(data, offset, size);

  std::string error = kiosk::files::writeAtomically(path_, content, 0640);
  if (!error.empty()) {
    kiosk::log::warn(kLog, "compaction skipped: ", error);  // the old file is still whole
    return;
  }
  std::string note = "compacted: " + std::to_string(dropped.size()) + " settled entries dropped, " +
                     std::to_string(data.size()) + " → " + std::to_string(content.size()) + " bytes";
  kiosk::log::info(kLog, note);
  notices_.push_back(note);
  entries_.clear();
  next_seq_ = 0;
  replay(content, nullptr);
  stats_.compacted = true;
  openForAppendLocked();
}

std::string Journal::append(JournalRecord record) {
  // Appends are serialised by append_mutex_; the state (mutex_) is held only to check the record and to apply it,
  // never across the write and fsync, so readers (the staff view, /health) do not wait for the disk.
  std::unique_lock writing(append_mutex_);
  int fd = -1;
  uint64_t size_before = 0;
  {
    std::lock_guard lock(mutex_);
    if (fd_ < 0) return write_error_.empty() ? "journal not open" : write_error_;
    if (record.at.empty()) record.at = localTimestamp();
    if (record.type == RecordType::Approved) record.slip = maskPanRuns(record.slip);
    auto it = entries_.find(record.external_id);
    std::string rule = checkTransition(it == entries_.end() ? nullptr : &it->second, record);
    if (!rule.empty()) return rule;
    if (it != entries_.end() && record.type != RecordType::Check) record.core = coreFor(it->second, record);
    fd = fd_;
    size_before = size_;
  }
  // A new payment needs room for all its records; the payments in flight keep the last of the space.
  if (record.type == RecordType::Intent) {
    if (std::string full = diskFullReason(fd, path_); !full.empty()) {
      kiosk::log::error(kLog, full, ": payment ", record.external_id, " not started");
      return full;
    }
  }

  const std::string frame = encodeFrame(record);
  const char* data = frame.data();
  size_t left = frame.size();
  std::string failure;
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = errnoText("cannot write the journal " + path_);
      break;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (failure.empty() && options_.before_sync) options_.before_sync(record);
  if (failure.empty() && ::fdatasync(fd) != 0) failure = errnoText("cannot fsync the journal " + path_);
  if (!failure.empty()) {
    // Cut a partial record back off, so the file never ends in a record we did not finish.
    if (::ftruncate(fd, static_cast<off_t>(size_before)) != 0) failure += "; and cannot cut it back";
    kiosk::log::error(kLog, failure);
    std::lock_guard lock(mutex_);
    write_error_ = failure;
    return failure;
  }
  {
    std::lock_guard lock(mutex_);
    size_ = size_before + frame.size();
    ++stats_.records;
    stats_.bytes = size_;
    write_error_.clear();
    if (record.type != RecordType::Check) applyRecord(entries_[record.external_id], record, next_seq_++);
  }
  writing.unlock();
  if (options_.after_append) options_.after_append(record);
  return {};
}

bool Journal::canAcceptPayments() const {
  std::lock_guard lock(mutex_);
  return fd_ >= 0 && write_error_.empty() && diskFullReason(fd_, path_).empty();
}

std::string Journal::refuseReason() const {
  std::lock_guard lock(mutex_);
  if (fd_ < 0 && write_error_.empty()) return "journal not open";
  if (!write_error_.empty() || fd_ < 0) return write_error_;
  return diskFullReason(fd_, path_);  // checked each time: a disk fills up (and is cleaned up) while the kiosk runs
}

std::string Journal::recheck() {
  {
    std::lock_guard writing(append_mutex_);  // no append may use the descriptor while it is reopened
    std::lock_guard lock(mutex_);
    // Nothing failed to write: whether payments are accepted depends on the free space alone.
    if (fd_ >= 0 && write_error_.empty()) return diskFullReason(fd_, path_);
    if (fd_ < 0) {
      write_error_.clear();
      openLocked();
      if (fd_ < 0) return write_error_;
    }
  }
  JournalRecord probe;
  probe.type = RecordType::Check;
  std::string error = append(probe);
  if (error.empty()) return refuseReason();  // written, but the disk may still be too full for new payments
  return error;
}

std::optional<JournalEntry> Journal::entry(const std::string& external_id) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(external_id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

std::vector<JournalEntry> Journal::openEntries() const {
  std::lock_guard lock(mutex_);
  std::vector<JournalEntry> out;
  for (const auto& [id, entry] : entries_) {
    if (!isFinal(entry.state)) out.push_back(entry);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first_seq < b.first_seq; });
  return out;
}

std::vector<JournalEntry> Journal::lastPayments(size_t count) const {
  std::lock_guard lock(mutex_);
  std::vector<JournalEntry> out;
  for (const auto& [id, entry] : entries_) out.push_back(entry);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first_seq > b.first_seq; });
  if (out.size() > count) out.resize(count);
  return out;
}

std::vector<std::string> Journal::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::vector<std::string> Journal::notices() const {
  std::lock_guard lock(mutex_);
  return notices_;
}

JournalStats Journal::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::string Journal::path() const { return path_; }

}  // namespace payment::journal
