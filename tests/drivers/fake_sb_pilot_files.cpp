#include "tests/drivers/fake_sb_pilot_files.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <stdexcept>

namespace fake_sb_pilot {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void writeAll(int fd, const std::string& content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path);
    done += static_cast<size_t>(n);
  }
}

}  // namespace

std::optional<std::string> toKoi8r(const std::string& utf8) {
  iconv_t cd = ::iconv_open("KOI8-R", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv cannot convert UTF-8 to KOI8-R");
  std::string out(utf8.size(), '\0');  // a KOI8-R character is never longer than its UTF-8 form
  char* in = const_cast<char*>(utf8.data());  // iconv's signature; the input is not modified
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t converted = ::iconv(cd, &in, &in_left, &out_ptr, &out_left);
  ::iconv_close(cd);
  // Without //TRANSLIT glibc refuses an unmappable character (EILSEQ); a non-zero count would mean a lossy mapping.
  if (converted != 0 || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

std::optional<std::string> readWholeFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return std::nullopt;
  if (fd < 0) fail("cannot open", path);
  std::string content;
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      fail("cannot read", path);
    }
    if (n == 0) break;
    content.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return content;
}

void overwriteFile(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", path);
  writeAll(fd, content, path);
  ::close(fd);
}

void replaceFileAtomically(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", temp);
  writeAll(fd, content, temp);
  if (::fsync(fd) != 0) fail("cannot fsync", temp);
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("cannot rename onto", path);
}

void appendLine(const std::string& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot open", path);
  writeAll(fd, line + "\n", path);
  ::close(fd);
}

void backdate(const std::string& path, long seconds_ago) {
  const std::time_t then = std::time(nullptr) - seconds_ago;
  const timespec times[2] = {{then, 0}, {then, 0}};
  if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) fail("cannot set the time of", path);
}

}  // namespace fake_sb_pilot
