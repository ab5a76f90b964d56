// Writes the seeds of the menu_snapshot fuzz target: the snapshot of each /getmenu answer in the menu target's
// corpus that the codec accepts, as the cache would write it.
// Usage: fuzz_make_snapshot_seeds <menu corpus dir> <snapshot corpus dir>
#include <cstdio>
#include <filesystem>
#include <string>

#include "kiosk/common/atomic_file.h"
#include "kiosk/procart/codec.h"
#include "kiosk/procart/menu_snapshot.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <menu corpus dir> <snapshot corpus dir>\n", argv[0]);
    return 2;
  }
  int written = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    auto text = kiosk::files::readAll(entry.path().string());
    if (!text) continue;
    auto parsed = kiosk::procart::codec::parseMenu(*text);
    if (!parsed) continue;
    std::string out = std::string(argv[2]) + "/" + entry.path().stem().string() + ".snap";
    std::string bytes = kiosk::procart::encodeMenuSnapshot(parsed->menu, parsed->problems, "seed");
    if (std::string error = kiosk::files::writeAtomically(out, bytes); !error.empty()) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return 1;
    }
    ++written;
  }
  std::printf("%d seeds written\n", written);
  return 0;
}
