#pragma once
// Menu images for the screens, without ever stalling a frame. The UI asks every frame for what it shows
// (get()); what is asked for is fetched (Runtime::fetchImage behind ImageBytesSource), decoded and scaled down on a
// worker thread (image_decode.h), and turned into textures on the UI thread a few per frame (frame()). Textures
// beyond a memory budget are evicted least-recently-drawn first; broken images show the placeholder and are
// retried after a while. Images a guest scrolled past before they were fetched are never fetched.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "kiosk/app/image_decode.h"
#include "kiosk/common/expected.h"
#include "kiosk/ui/image_source.h"

namespace kiosk::app {

// Where the encoded bytes of an image come from. `done` may run on any thread, at any later time.
class ImageBytesSource {
 public:
  virtual ~ImageBytesSource() = default;
  virtual void fetch(const std::string& ref, std::function<void(Expected<std::string, std::string>)> done) = 0;
};

// Makes and frees textures from RGBA pixels (SDL_Renderer in the app; a counter in tests). UI thread only.
class TextureFactory {
 public:
  virtual ~TextureFactory() = default;
  virtual ImTextureID create(const unsigned char* rgba, int width, int height) = 0;  // nullptr on failure
  virtual void destroy(ImTextureID texture) = 0;
};

struct ImageLoaderLimits {
  size_t max_file_bytes = 8u << 20;
  int64_t max_pixels = 16'000'000;
  int thumb_width = 384, thumb_height = 256;    // card-sized pictures are scaled to cover this box
  int large_width = 1080, large_height = 960;   // the dish picture, attract images
  int max_texture_width = 0, max_texture_height = 0;  // the renderer's largest texture (0: no limit)
  size_t texture_budget_bytes = 32u << 20;  // ≈ 80 card pictures at 1080×1920
  int uploads_per_frame = 2;
  int max_in_flight = 4;  // fetched or being decoded at once
  int64_t retry_broken_after_ms = 60'000;

  // Boxes for a display: thumbnails a third of the short side wide, large pictures the display's width.
  static ImageLoaderLimits forDisplay(int width, int height);
};

class ImageLoader final : public ui::ImageSource {
 public:
  ImageLoader(ImageBytesSource& source, TextureFactory& textures, ImageLoaderLimits limits = {});
  ~ImageLoader() override;
  ImageLoader(const ImageLoader&) = delete;
  ImageLoader& operator=(const ImageLoader&) = delete;

  ui::ImageView get(const std::string& ref, ui::ImageSize size) override;

  // Once per frame on the UI thread, after the frame was drawn: uploads decoded images (uploads_per_frame at
  // most), starts fetching what this frame asked for, evicts beyond the budget.
  void frame(int64_t now_ms);
  // New limits (the display changed): every texture is dropped and fetched again when asked for.
  void setLimits(ImageLoaderLimits limits);

  bool busy() const;  // something is being fetched, decoded or uploaded: keep drawing frames
  size_t textureBytes() const { return texture_bytes_; }
  size_t textureCount() const;
  struct Stats {
    uint64_t fetches = 0, uploads = 0, failures = 0, evictions = 0;
  };
  Stats stats() const { return stats_; }
  // The pictures the last frame asked for: textures, still on their way, or placeholders for good (broken, too
  // large, missing) until retried.
  struct FrameCounts {
    int ready = 0, loading = 0, broken = 0;
  };
  FrameCounts lastFrame() const { return last_frame_; }

 private:
  enum class State { Wanted, Loading, Ready, Broken };
  struct Entry {
    std::string ref;
    ui::ImageSize size = ui::ImageSize::Thumb;
    State state = State::Wanted;
    ImTextureID texture = nullptr;
    int width = 0, height = 0;
    size_t bytes = 0;
    uint64_t last_used = 0;  // frame number it was last drawn (or asked for) in
    int64_t failed_at_ms = 0;
  };
  struct Shared;

  void receiveResults(int64_t now_ms);
  void uploadSome(int64_t now_ms);
  void startFetches();
  void evictOverBudget();
  void dropAll();

  ImageBytesSource& source_;
  TextureFactory& textures_;
  ImageLoaderLimits limits_;
  std::shared_ptr<Shared> shared_;  // outlives the loader when a fetch answers late
  std::thread worker_;
  std::map<std::string, Entry> entries_;  // by "<size>:<ref>"
  struct Pending;
  std::deque<std::unique_ptr<Pending>> pending_uploads_;
  int in_flight_ = 0;
  uint64_t frame_ = 1;
  uint64_t generation_ = 1;
  size_t texture_bytes_ = 0;
  int64_t now_ms_ = 0;
  Stats stats_;
  FrameCounts last_frame_;
};

}  // namespace kiosk::app
