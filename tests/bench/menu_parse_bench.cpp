// Menu parsing benchmark: a generated 10,000-dish /getmenu answer (as the emulator serves it) through the codec
// and MenuIndex::build, the way the kiosk receives a menu. Prints time per step (median of runs) and the peak RSS
// growth. Not a test: no limits are asserted; the figures go into docs/PERFORMANCE.md.
//   bench-menu-parse [DISHES] [RUNS]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "big_menu.h"
#include "kiosk/core/menu_index.h"
#include "kiosk/procart/codec.h"
#include "kiosk/procart/menu_snapshot.h"
#include "kiosk/sim/menu_loader.h"
#include "kiosk/sim/menu_wire.h"

namespace {

long peakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int dishes = argc > 1 ? std::stoi(argv[1]) : 10000;
  int runs = argc > 2 ? std::stoi(argv[2]) : 7;
  // The answer is made in a child process, so this process's peak RSS counts only what receiving it costs.
  char path[] = "/tmp/bench-menu-XXXXXX";
  int fd = ::mkstemp(path);
  if (fd < 0) return 1;
  ::close(fd);
  pid_t child = ::fork();
  if (child == 0) {
    std::string file = kiosk::bench::bigMenuFile(KIOSK_ASSETS_DIR "/demo/menu.json", dishes, 500);
    auto sim_menu = procart_sim::parseSimMenu(file);
    if (!sim_menu) {
      std::fprintf(stderr, "generated menu rejected: %s\n", sim_menu.error().c_str());
      ::_exit(1);
    }
    std::ofstream(path) << procart_sim::menuToWire(*sim_menu, {}).dump();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  long rss_before = peakRssKb();
  std::string wire;
  {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    wire = text.str();
  }
  ::unlink(path);

  std::vector<double> parse_ms, index_ms;
  size_t parsed_dishes = 0, problems = 0;
  kiosk::Menu last_parsed;
  for (int run = 0; run < runs; ++run) {
    auto start = std::chrono::steady_clock::now();
    auto parsed = kiosk::procart::codec::parseMenu(wire);
    parse_ms.push_back(msSince(start));
    if (!parsed) {
      std::fprintf(stderr, "codec refused the menu: %s\n", parsed.error().detail.c_str());
      return 1;
    }
    parsed_dishes = parsed->menu.dishes.size();
    problems = parsed->problems.size();
    if (run == runs - 1) last_parsed = parsed->menu;
    start = std::chrono::steady_clock::now();
    auto index = kiosk::MenuIndex::build(std::move(parsed->menu));
    index_ms.push_back(msSince(start));
  }
  long rss_after = peakRssKb();

  // The start-up path: the binary snapshot the cache keeps beside the JSON text (kiosk/procart/menu_snapshot.h).
  auto start = std::chrono::steady_clock::now();
  std::string snapshot = kiosk::procart::encodeMenuSnapshot(last_parsed, {}, "bench");
  double encode_ms = msSince(start);
  std::vector<double> decode_ms;
  for (int run = 0; run < runs; ++run) {
    start = std::chrono::steady_clock::now();
    auto decoded = kiosk::procart::decodeMenuSnapshot(snapshot);
    decode_ms.push_back(msSince(start));
    if (!decoded || decoded->menu.dishes.size() != parsed_dishes) {
      std::fprintf(stderr, "snapshot did not decode to the parsed menu\n");
      return 1;
    }
  }
  std::printf("menu: %zu dishes, %zu bytes of JSON, %zu codec problems\n", parsed_dishes, wire.size(), problems);
  std::printf("codec parseMenu   median %.1f ms (min %.1f) over %d runs\n", median(parse_ms),
              *std::min_element(parse_ms.begin(), parse_ms.end()), runs);
  std::printf("MenuIndex::build  median %.1f ms (min %.1f)\n", median(index_ms),
              *std::min_element(index_ms.begin(), index_ms.end()));
  std::printf("parse + index     median %.1f ms\n", median(parse_ms) + median(index_ms));
  std::printf("snapshot          %.1f MB, encoded in %.1f ms, decoded in median %.1f ms (min %.1f)\n",
              snapshot.size() / 1048576.0, encode_ms, median(decode_ms),
              *std::min_element(decode_ms.begin(), decode_ms.end()));
  std::printf("peak RSS          %.1f MB (before parsing %.1f MB, growth %.1f MB; the JSON text itself %.1f MB)\n",
              rss_after / 1024.0, rss_before / 1024.0, (rss_after - rss_before) / 1024.0, wire.size() / 1048576.0);
  return 0;
}
