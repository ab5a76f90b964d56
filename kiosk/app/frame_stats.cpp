#include "kiosk/app/frame_stats.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <numeric>

namespace kiosk::app {

double Samples::mean() const {
  if (values_.empty()) return 0.0;
  return std::accumulate(values_.begin(), values_.end(), 0.0) / static_cast<double>(values_.size());
}

double Samples::percentile(double p) const {
  if (values_.empty()) return 0.0;
  std::vector<double> sorted = values_;
  std::sort(sorted.begin(), sorted.end());
  size_t at = static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

std::string Samples::describe() const {
  char text[160];
  std::snprintf(text, sizeof text, "mean %.2f ms, median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", mean(),
                percentile(50), percentile(95), percentile(99), percentile(100));
  return text;
}

std::string FrameStats::summary() const {
  return "frames " + std::to_string(frame_.count()) + "\n  wall time per frame (no waiting): " + frame_.describe() +
         "\n  UI thread CPU per frame (present included): " + thread_cpu_.describe() +
         "\n  building the UI: " + ui_.describe() + "\n  rasterising (" + std::to_string(raster_.count()) +
         " frames that changed): " + raster_.describe();
}

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double peakRssMb() {
  FILE* status = std::fopen("/proc/self/status", "r");
  if (!status) return 0.0;
  char line[256];
  double mb = 0.0;
  while (std::fgets(line, sizeof line, status)) {
    long kb = 0;
    if (std::strncmp(line, "VmHWM:", 6) == 0 && std::sscanf(line + 6, "%ld", &kb) == 1) mb = static_cast<double>(kb) / 1024.0;
  }
  std::fclose(status);
  return mb;
}

}  // namespace kiosk::app
