#include "kiosk/common/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk::files {
namespace {

std::string errnoText(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

std::string parentOf(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

bool syncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string writeAtomically(const std::string& path, std::string_view content, unsigned mode) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return errnoText("cannot create", tmp);
  const char* data = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = errnoText("cannot write", tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return err;
    }
    data += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    std::string err = errnoText("cannot fsync", tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return err;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string err = errnoText("cannot rename onto", path);
    ::unlink(tmp.c_str());
    return err;
  }
  syncDirectory(parentOf(path));
  return {};
}

Expected<std::string, std::string> readAll(const std::string& path) {
  // One allocation of the file's size and large reads: the cached menu and its snapshot are ~10 MB, read at
  // start-up (a stream into an ostringstream grew, copied and took ~100 ms for that).
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Unexpected{errnoText("cannot open", path)};
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    std::string error = errnoText("cannot stat", path);
    ::close(fd);
    return Unexpected{error};
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Unexpected{"cannot read " + path + ": " + std::strerror(EISDIR)};
  }
  std::string content;
  content.resize(st.st_size > 0 ? static_cast<size_t>(st.st_size) : 0);
  size_t filled = 0;
  char probe[4096];  // reads past the expected size land here first: growing the buffer would copy it whole
  for (;;) {
    const bool full = filled == content.size();
    ssize_t n = full ? ::read(fd, probe, sizeof probe) : ::read(fd, content.data() + filled, content.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string error = errnoText("cannot read", path);
      ::close(fd);
      return Unexpected{error};
    }
    if (n == 0) break;
    if (full) content.append(probe, static_cast<size_t>(n));  // the file grew since fstat, or is /proc-like
    filled += static_cast<size_t>(n);
  }
  ::close(fd);
  content.resize(filled);
  return content;
}

std::string makeDirectories(const std::string& path, unsigned mode) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return "cannot create directory " + path + ": " + ec.message();
  ::chmod(path.c_str(), mode);
  return {};
}

}  // namespace kiosk::files
