#include "kiosk/app/image_loader.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <vector>

#include "kiosk/common/log.h"
#include "kiosk/common/message_queue.h"

namespace kiosk::app {
namespace {

std::string keyOf(const std::string& ref, ui::ImageSize size) {
  return (size == ui::ImageSize::Large ? "L:" : "T:") + ref;
}

}  // namespace

ImageLoaderLimits ImageLoaderLimits::forDisplay(int width, int height) {
  ImageLoaderLimits limits;
  int short_side = std::max(1, std::min(width, height));
  limits.thumb_width = std::max(64, short_side * 36 / 100);
  limits.thumb_height = std::max(48, limits.thumb_width * 2 / 3);
  limits.large_width = std::max(128, width);
  limits.large_height = std::max(96, height / 2);
  return limits;
}

// What the worker and the fetch callbacks share with the UI thread: two queues and a stop flag.
struct ImageLoader::Shared {
  struct Job {
    std::string key;
    uint64_t generation = 0;
    bool fetched = false;
    std::string bytes_or_error;
    DecodeLimits limits;
  };
  struct Result {
    std::string key;
    uint64_t generation = 0;
    bool ok = false;
    DecodedImage image;
    std::string error;
  };
  MessageQueue<Job> jobs;
  MessageQueue<Result> results;
  std::atomic<bool> stop{false};
};

struct ImageLoader::Pending {
  std::string key;
  DecodedImage image;
};

ImageLoader::ImageLoader(ImageBytesSource& source, TextureFactory& textures, ImageLoaderLimits limits)
    : source_(source), textures_(textures), limits_(limits), shared_(std::make_shared<Shared>()) {
  worker_ = std::thread([shared = shared_] {
    while (!shared->stop) {
      std::optional<Shared::Job> job = shared->jobs.pop(std::chrono::milliseconds(100));
      if (!job) continue;
      Shared::Result result;
      result.key = job->key;
      result.generation = job->generation;
      if (!job->fetched) {
        result.error = "fetch failed: " + job->bytes_or_error;
      } else {
        Expected<DecodedImage, std::string> decoded = decodeImage(job->bytes_or_error, job->limits);
        if (decoded) {
          result.ok = true;
          result.image = std::move(decoded.value());
        } else {
          result.error = decoded.error();
        }
      }
      shared->results.push(std::move(result));
    }
  });
}

ImageLoader::~ImageLoader() {
  shared_->stop = true;
  if (worker_.joinable()) worker_.join();
  dropAll();
}

void ImageLoader::dropAll() {
  for (auto& [key, entry] : entries_) {
    if (entry.texture) textures_.destroy(entry.texture);
  }
  entries_.clear();
  pending_uploads_.clear();
  texture_bytes_ = 0;
}

void ImageLoader::setLimits(ImageLoaderLimits limits) {
  limits_ = limits;
  dropAll();
  ++generation_;  // what is in flight now belongs to the old sizes: ignored when it comes back
  in_flight_ = 0;
}

ui::ImageView ImageLoader::get(const std::string& ref, ui::ImageSize size) {
  ui::ImageView view;
  if (ref.empty()) return view;
  std::string key = keyOf(ref, size);
  auto [it, inserted] = entries_.try_emplace(key);
  Entry& entry = it->second;
  if (inserted) {
    entry.ref = ref;
    entry.size = size;
  }
  entry.last_used = frame_;
  switch (entry.state) {
    case State::Wanted:
    case State::Loading:
      view.status = ui::ImageView::Status::Loading;
      break;
    case State::Ready:
      view.status = ui::ImageView::Status::Ready;
      view.texture = entry.texture;
      view.width = entry.width;
      view.height = entry.height;
      break;
    case State::Broken:
      view.status = ui::ImageView::Status::Broken;  // retried by frame() once retry_broken_after_ms has passed
      break;
  }
  return view;
}

void ImageLoader::receiveResults(int64_t now_ms) {
  for (Shared::Result& result : shared_->results.drain()) {
    if (result.generation != generation_) continue;
    --in_flight_;
    auto it = entries_.find(result.key);
    if (it == entries_.end()) continue;
    if (!result.ok) {
      it->second.state = State::Broken;
      it->second.failed_at_ms = now_ms;
      ++stats_.failures;
      log::warn("images", "image ", it->second.ref, ": ", result.error);
      continue;
    }
    pending_uploads_.push_back(std::make_unique<Pending>(Pending{result.key, std::move(result.image)}));
  }
}

void ImageLoader::uploadSome(int64_t now_ms) {
  for (int n = 0; n < limits_.uploads_per_frame && !pending_uploads_.empty(); ++n) {
    std::unique_ptr<Pending> pending = std::move(pending_uploads_.front());
    pending_uploads_.pop_front();
    auto it = entries_.find(pending->key);
    if (it == entries_.end()) continue;
    Entry& entry = it->second;
    const DecodedImage& image = pending->image;
    entry.texture = textures_.create(image.rgba.data(), image.width, image.height);
    if (!entry.texture) {
      entry.state = State::Broken;
      entry.failed_at_ms = now_ms;
      ++stats_.failures;
      continue;
    }
    entry.state = State::Ready;
    entry.width = image.width;
    entry.height = image.height;
    entry.bytes = static_cast<size_t>(image.width) * image.height * 4;
    texture_bytes_ += entry.bytes;
    ++stats_.uploads;
  }
}

void ImageLoader::startFetches() {
  // Most recently asked for first; what was not asked for in this or the previous frame has scrolled away.
  std::vector<std::pair<uint64_t, std::string>> wanted;
  for (auto it = entries_.begin(); it != entries_.end();) {
    Entry& entry = it->second;
    if (entry.state == State::Wanted && entry.last_used + 1 < frame_) {
      it = entries_.erase(it);
      continue;
    }
    if (entry.state == State::Broken && entry.last_used == frame_ &&
        now_ms_ - entry.failed_at_ms >= limits_.retry_broken_after_ms) {
      entry.state = State::Wanted;  // still shown as a placeholder: worth another try
    }
    if (entry.state == State::Wanted) wanted.emplace_back(entry.last_used, it->first);
    ++it;
  }
  std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [used, key] : wanted) {
    if (in_flight_ >= limits_.max_in_flight) break;
    Entry& entry = entries_[key];
    entry.state = State::Loading;
    ++in_flight_;
    ++stats_.fetches;
    DecodeLimits decode{limits_.max_file_bytes, limits_.max_pixels,
                        entry.size == ui::ImageSize::Large ? limits_.large_width : limits_.thumb_width,
                        entry.size == ui::ImageSize::Large ? limits_.large_height : limits_.thumb_height,
                        limits_.max_texture_width, limits_.max_texture_height};
    source_.fetch(entry.ref, [shared = shared_, key = key, generation = generation_,
                              decode](Expected<std::string, std::string> bytes) {
      if (shared->stop) return;
      Shared::Job job;
      job.key = key;
      job.generation = generation;
      job.fetched = bytes.ok();
      job.bytes_or_error = bytes.ok() ? std::move(bytes.value()) : std::move(bytes.error());
      job.limits = decode;
      shared->jobs.push(std::move(job));
    });
  }
}

void ImageLoader::evictOverBudget() {
  while (texture_bytes_ > limits_.texture_budget_bytes) {
    auto oldest = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      const Entry& entry = it->second;
      // Never what this or the previous frame drew: its draw data may still refer to the texture.
      if (entry.state != State::Ready || entry.last_used + 1 >= frame_) continue;
      if (oldest == entries_.end() || entry.last_used < oldest->second.last_used) oldest = it;
    }
    if (oldest == entries_.end()) break;  // everything in the budget is on screen: allowed to exceed for now
    textures_.destroy(oldest->second.texture);
    texture_bytes_ -= oldest->second.bytes;
    entries_.erase(oldest);
    ++stats_.evictions;
  }
}

void ImageLoader::frame(int64_t now_ms) {
  now_ms_ = now_ms;
  receiveResults(now_ms);
  uploadSome(now_ms);
  startFetches();
  evictOverBudget();
  last_frame_ = {};
  for (const auto& [key, entry] : entries_) {
    if (entry.last_used != frame_) continue;
    if (entry.state == State::Ready) ++last_frame_.ready;
    if (entry.state == State::Wanted || entry.state == State::Loading) ++last_frame_.loading;
    if (entry.state == State::Broken) ++last_frame_.broken;
  }
  ++frame_;
}

bool ImageLoader::busy() const {
  if (in_flight_ > 0 || !pending_uploads_.empty()) return true;
  return std::any_of(entries_.begin(), entries_.end(), [](const auto& e) { return e.second.state == State::Wanted; });
}

size_t ImageLoader::textureCount() const {
  return static_cast<size_t>(std::count_if(entries_.begin(), entries_.end(),
                                           [](const auto& e) { return e.second.state == State::Ready; }));
}

}  // namespace kiosk::app
