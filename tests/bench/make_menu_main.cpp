// bench-make-menu DISHES IMAGES > menu.json: a generated menu file for the emulator (`procart-sim --menu`,
// `kiosk --demo --demo-menu`), for start-up, frame-time and memory measurements.
#include <cstdio>
#include <string>

#include "big_menu.h"

int main(int argc, char** argv) {
  int dishes = argc > 1 ? std::stoi(argv[1]) : 10000;
  int images = argc > 2 ? std::stoi(argv[2]) : 500;
  std::fputs(kiosk::bench::bigMenuFile(KIOSK_ASSETS_DIR "/demo/menu.json", dishes, images).c_str(), stdout);
  return 0;
}
