#pragma once
// CPU time spent per frame (input, pump, drawing, rendering; not the wait for the next frame), summarised at
// exit with --frame-stats.
#include <string>
#include <vector>

namespace kiosk::app {

// One series of durations (milliseconds).
class Samples {
 public:
  void add(double ms) { values_.push_back(ms); }
  size_t count() const { return values_.size(); }
  double mean() const;
  double percentile(double p) const;  // 0..100
  // "mean 3.10 ms, median 2.90 ms, p95 4.80 ms, p99 6.00 ms, max 12.00 ms"
  std::string describe() const;

 private:
  std::vector<double> values_;
};

class FrameStats {
 public:
  void add(double frame_ms) { frame_.add(frame_ms); }      // wall time, everything but the wait for the next frame
  void addThreadCpu(double ms) { thread_cpu_.add(ms); }    // CPU of the UI thread for the frame, present included
  void addUi(double ms) { ui_.add(ms); }                   // building the UI: layout, widgets, draw lists
  void addRaster(double ms) { raster_.add(ms); }           // the renderer turning draw lists into pixels
  size_t count() const { return frame_.count(); }
  std::string summary() const;

 private:
  Samples frame_, thread_cpu_, ui_, raster_;
};

// CPU time of the calling thread, in milliseconds.
double threadCpuMs();
// The process's peak resident set size in MB (VmHWM; 0 when unknown).
double peakRssMb();

}  // namespace kiosk::app
