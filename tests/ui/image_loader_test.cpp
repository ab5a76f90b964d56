// The image loader with a fake byte source and fake textures: placeholders until ready, work off the UI thread,
// a bounded number of uploads per frame, nothing fetched for pictures scrolled past, LRU eviction under a budget,
// broken pictures stay placeholders, late answers after destruction are harmless.
#include <catch2/catch.hpp>

#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "kiosk/app/image_loader.h"
#include "preview/preview_images.h"

using namespace kiosk;
using namespace kiosk::app;
using kiosk::ui::ImageSize;
using kiosk::ui::ImageView;

namespace {

// Answers on its own thread, after the test says so (or at once with `immediate`).
class FakeSource : public ImageBytesSource {
 public:
  void fetch(const std::string& ref, std::function<void(Expected<std::string, std::string>)> done) override {
    std::lock_guard lock(mutex);
    requested.push_back(ref);
    pending.emplace_back(ref, std::move(done));
  }
  // Answers everything asked so far from another thread and waits for it to finish.
  void answerAll() {
    std::vector<std::pair<std::string, std::function<void(Expected<std::string, std::string>)>>> jobs;
    {
      std::lock_guard lock(mutex);
      jobs.swap(pending);
    }
    std::thread worker([&] {
      for (auto& [ref, done] : jobs) done(uitest::previewImageBytes(ref, 200, 100));
    });
    worker.join();
  }
  std::mutex mutex;
  std::vector<std::string> requested;
  std::vector<std::pair<std::string, std::function<void(Expected<std::string, std::string>)>>> pending;
};

class FakeTextures : public TextureFactory {
 public:
  ImTextureID create(const unsigned char*, int, int) override {
    ++created;
    ++alive;
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(created));
  }
  void destroy(ImTextureID) override { --alive; }
  int created = 0;
  int alive = 0;
};

// Runs frames asking for `refs` each frame until each is ready or broken (at most ~2 s).
void settle(ImageLoader& loader, FakeSource& source, const std::vector<std::string>& refs, int64_t& now) {
  for (int i = 0; i < 400; ++i) {
    bool done = true;
    for (const std::string& ref : refs) {
      ImageView view = loader.get(ref, ImageSize::Thumb);
      if (view.status == ImageView::Status::Loading) done = false;
    }
    loader.frame(now += 16);
    source.answerAll();
    if (done) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

TEST_CASE("an image is a placeholder until fetched, decoded and uploaded; then a scaled texture") {
  FakeSource source;
  FakeTextures textures;
  ImageLoaderLimits limits;
  limits.thumb_width = 100;
  limits.thumb_height = 50;
  ImageLoader loader(source, textures, limits);
  int64_t now = 0;
  CHECK(loader.get("img/a.png", ImageSize::Thumb).status == ImageView::Status::Loading);
  CHECK(loader.get("", ImageSize::Thumb).status == ImageView::Status::None);
  loader.frame(now += 16);
  CHECK(source.requested == std::vector<std::string>{"img/a.png"});
  settle(loader, source, {"img/a.png"}, now);
  ImageView view = loader.get("img/a.png", ImageSize::Thumb);
  REQUIRE(view.ready());
  CHECK(view.width == 100);  // 200×100 scaled to cover 100×50
  CHECK(view.height == 50);
  CHECK(loader.textureCount() == 1);
  CHECK(loader.textureBytes() == 100u * 50u * 4u);
  CHECK_FALSE(loader.busy());
}

TEST_CASE("at most max_in_flight fetches at once, and uploads_per_frame textures per frame") {
  FakeSource source;
  FakeTextures textures;
  ImageLoaderLimits limits;
  limits.max_in_flight = 3;
  limits.uploads_per_frame = 2;
  ImageLoader loader(source, textures, limits);
  int64_t now = 0;
  std::vector<std::string> refs;
  for (int i = 0; i < 8; ++i) refs.push_back("img/" + std::to_string(i) + ".png");
  for (const std::string& ref : refs) loader.get(ref, ImageSize::Thumb);
  loader.frame(now += 16);
  CHECK(source.requested.size() == 3);
  source.answerAll();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the worker decode all three
  for (const std::string& ref : refs) loader.get(ref, ImageSize::Thumb);
  loader.frame(now += 16);
  CHECK(textures.created == 2);  // two of the three decoded ones this frame
  settle(loader, source, refs, now);
  CHECK(textures.created == 8);
}

TEST_CASE("a picture scrolled past before it was fetched is never fetched") {
  FakeSource source;
  FakeTextures textures;
  ImageLoaderLimits limits;
  limits.max_in_flight = 1;
  ImageLoader loader(source, textures, limits);
  int64_t now = 0;
  loader.get("img/first.png", ImageSize::Thumb);
  loader.get("img/passed.png", ImageSize::Thumb);
  loader.frame(now += 16);  // one of them starts
  // Two frames without asking for the other one: it scrolled away.
  loader.frame(now += 16);
  loader.frame(now += 16);
  source.answerAll();
  for (int i = 0; i < 20; ++i) loader.frame(now += 16);
  CHECK(source.requested.size() == 1);
}

TEST_CASE("textures beyond the budget are evicted least recently drawn first, never what is on screen") {
  FakeSource source;
  FakeTextures textures;
  ImageLoaderLimits limits;
  limits.thumb_width = 200;
  limits.thumb_height = 100;
  limits.texture_budget_bytes = 200 * 100 * 4 * 3;  // room for three
  ImageLoader loader(source, textures, limits);
  int64_t now = 0;
  for (int i = 0; i < 5; ++i) {
    settle(loader, source, {"img/" + std::to_string(i) + ".png"}, now);
    loader.frame(now += 16);  // no longer drawn
    loader.frame(now += 16);
  }
  CHECK(textures.alive <= 3);
  CHECK(loader.textureBytes() <= limits.texture_budget_bytes);
  CHECK(loader.stats().evictions >= 2);
  // The oldest went first: 0 and 1 must be fetched again, 4 is still there.
  CHECK(loader.get("img/4.png", ImageSize::Thumb).ready());
  CHECK(loader.get("img/0.png", ImageSize::Thumb).status == ImageView::Status::Loading);
  // What is on screen stays even over budget.
  std::vector<std::string> five;
  for (int i = 0; i < 5; ++i) five.push_back("img/" + std::to_string(i) + ".png");
  settle(loader, source, five, now);
  for (const std::string& ref : five) CHECK(loader.get(ref, ImageSize::Thumb).ready());
}

TEST_CASE("broken and missing pictures stay placeholders and are retried later") {
  FakeSource source;
  FakeTextures textures;
  ImageLoaderLimits limits;
  limits.retry_broken_after_ms = 1000;
  ImageLoader loader(source, textures, limits);
  int64_t now = 0;
  settle(loader, source, {"img/broken.png", "img/missing.png"}, now);
  CHECK(loader.get("img/broken.png", ImageSize::Thumb).status == ImageView::Status::Broken);
  CHECK(loader.get("img/missing.png", ImageSize::Thumb).status == ImageView::Status::Broken);
  CHECK(loader.stats().failures == 2);
  CHECK(textures.created == 0);
  size_t asked = source.requested.size();
  loader.frame(now += 16);
  CHECK(source.requested.size() == asked);  // not hammered
  now += 2000;
  loader.get("img/broken.png", ImageSize::Thumb);
  loader.get("img/broken.png", ImageSize::Thumb);
  loader.frame(now);
  CHECK(source.requested.size() == asked + 1);
}

TEST_CASE("an answer arriving after the loader is gone is harmless") {
  FakeSource source;
  FakeTextures textures;
  {
    ImageLoader loader(source, textures);
    loader.get("img/late.png", ImageSize::Large);
    loader.frame(16);
  }
  source.answerAll();  // the loader was destroyed: the callback must not touch it
  CHECK(source.requested.size() == 1);
}
