#include "kiosk/runtime/image_store.h"

#include <cstdint>
#include <cstdio>

#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"

namespace kiosk {
namespace {

constexpr int kImageWorkers = 2;

std::string extensionOf(const std::string& ref) {
  auto dot = ref.find_last_of('.');
  if (dot == std::string::npos) return ".img";
  std::string ext = ref.substr(dot);
  for (const char* known : {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"})
    if (ext == known) return ext;
  return ".img";
}

}  // namespace

ImageStore::ImageStore(procart::ProcartClient& client, std::string cache_dir)
    : client_(client), cache_dir_(std::move(cache_dir)), pool_(kImageWorkers) {
  if (!cache_dir_.empty()) {
    std::string error = files::makeDirectories(cache_dir_);
    if (!error.empty()) log::warn("images", "no image cache: ", error);
  }
}

std::string ImageStore::cacheFileName(const std::string& ref) {
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char c : ref) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char name[32];
  std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
  return name + extensionOf(ref);
}

void ImageStore::fetch(const std::string& ref, Done done) {
  pool_.post([this, ref, done = std::move(done)] {
    std::string path = cache_dir_.empty() ? std::string() : cache_dir_ + "/" + cacheFileName(ref);
    if (!path.empty()) {
      auto cached = files::readAll(path);
      if (cached.ok() && !cached->empty()) {
        done(std::move(*cached));
        return;
      }
    }
    auto fetched = client_.fetchImage(ref);
    if (!fetched.ok()) {
      done(Unexpected{ref + ": " + fetched.error().detail});
      return;
    }
    if (!path.empty()) {
      std::string error = files::writeAtomically(path, *fetched);
      if (!error.empty()) log::warn("images", "cannot cache ", ref, ": ", error);
    }
    done(std::move(*fetched));
  });
}

}  // namespace kiosk
