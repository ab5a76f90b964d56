#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "kiosk/common/atomic_file.h"

namespace fs = std::filesystem;
using namespace kiosk;

namespace {
std::string freshDir(const char* name) {
  auto dir = fs::temp_directory_path() / (std::string("kiosk-test-") + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}
}  // namespace

TEST_CASE("writeAtomically replaces the whole content and leaves no temp file") {
  auto dir = freshDir("atomic");
  auto path = dir + "/menu.json";
  REQUIRE(files::writeAtomically(path, "first").empty());
  REQUIRE(files::writeAtomically(path, "second, longer").empty());
  auto read = files::readAll(path);
  REQUIRE(read.ok());
  CHECK(*read == "second, longer");
  int entries = 0;
  for (auto& e : fs::directory_iterator(dir)) { (void)e; ++entries; }
  CHECK(entries == 1);
  fs::remove_all(dir);
}

TEST_CASE("writeAtomically reports a directory it cannot write to") {
  auto err = files::writeAtomically("/nonexistent-dir-for-kiosk/x.json", "x");
  CHECK_FALSE(err.empty());
  CHECK(err.find("/nonexistent-dir-for-kiosk") != std::string::npos);
}

TEST_CASE("readAll names the missing file") {
  auto read = files::readAll("/nonexistent-dir-for-kiosk/y.json");
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().find("y.json") != std::string::npos);
}

TEST_CASE("makeDirectories creates nested directories with the mode asked") {
  auto dir = freshDir("mkdir");
  auto nested = dir + "/a/b/c";
  REQUIRE(files::makeDirectories(nested, 0700).empty());
  struct stat st {};
  REQUIRE(::stat(nested.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  fs::remove_all(dir);
}
