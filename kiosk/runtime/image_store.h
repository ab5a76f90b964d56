#pragma once
// Menu images: the disk cache first (so images show while ProCart is down), else ProCart, then cached.
// Runs on its own small worker pool so an image burst never delays a /validate.
#include <functional>
#include <memory>
#include <string>

#include "kiosk/common/expected.h"
#include "kiosk/procart/client.h"
#include "kiosk/procart/worker_pool.h"

namespace kiosk {

class ImageStore {
 public:
  using Done = std::function<void(Expected<std::string, std::string>)>;

  // `client` must outlive the store. `cache_dir` empty: no disk cache.
  ImageStore(procart::ProcartClient& client, std::string cache_dir);

  // `done` runs on a worker thread.
  void fetch(const std::string& ref, Done done);

  // The cache file for a reference (a hash of it, keeping a known image extension).
  static std::string cacheFileName(const std::string& ref);

 private:
  procart::ProcartClient& client_;
  std::string cache_dir_;
  procart::WorkerPool pool_;  // last member: joined first
};

}  // namespace kiosk
