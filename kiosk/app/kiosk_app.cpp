#include "kiosk/app/kiosk_app.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <backends/imgui_impl_sdlrenderer.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "kiosk/app/draw_fingerprint.h"
#include "kiosk/app/frame_stats.h"
#include "kiosk/app/image_loader.h"
#include "kiosk/app/screenshot.h"
#include "kiosk/app/script_runner.h"
#include "kiosk/app/sdl_draw.h"
#include "kiosk/app/sdl_textures.h"
#include "kiosk/app/sdl_touch.h"
#include "kiosk/app/sdl_window.h"
#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "kiosk/ui/kiosk_ui.h"

namespace kiosk::app {

TimeMs monotonicMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

namespace {

double monotonicSeconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

constexpr double kActiveFrameS = 1.0 / 60.0;
constexpr double kIdleFrameS = 1.0 / 20.0;  // nothing moves: a slower beat keeps the runtime pumped, the CPU cool
constexpr double kActiveAfterInputS = 1.5;

class RuntimeImages final : public ImageBytesSource {
 public:
  explicit RuntimeImages(Runtime& runtime) : runtime_(runtime) {}
  void fetch(const std::string& ref, std::function<void(Expected<std::string, std::string>)> done) override {
    runtime_.fetchImage(ref, std::move(done));
  }

 private:
  Runtime& runtime_;
};

// Everything that lives while the window is open.
struct Loop final : ScriptWorld {
  Loop(Runtime& runtime, const AppOptions& options, const KioskApp::ScriptHook& hook, SdlWindow& window)
      : runtime(runtime), options(options), hook_fn(hook), window(window), drawer(window.renderer()),
        textures(window.renderer()), images(bytes_source, textures) {}

  Runtime& runtime;
  const AppOptions& options;
  const KioskApp::ScriptHook& hook_fn;
  SdlWindow& window;
  ScrollAreas scrolls;
  TouchInput input{scrolls};
  ui::KioskUi ui{scrolls};
  RuntimeImages bytes_source{runtime};
  SdlDrawer drawer;
  SdlTextureFactory textures;
  ImageLoader images;
  std::unique_ptr<ScriptRunner> script;
  std::string screenshot_name;
  std::optional<std::string> screenshot_result;
  int width = 0, height = 0;

  // ---- ScriptWorld ----
  const SessionState& state() const override { return runtime.state(); }
  const ui::WidgetRegistry& widgets() const override { return ui.widgets(); }
  // What the last frame showed: a guest screen, an availability screen or staff mode.
  std::string screen() const override {
    return ui.screen().empty() ? std::string(ui::screenName(runtime.state())) : ui.screen();
  }
  void touch(const PointerEvent& event) override { input.push(event); }
  bool touchIdle() const override { return input.idle(); }
  bool scrollIntoView(const ui::WidgetInfo& widget) override {
    KineticScroller* scroller = scrolls.find(widget.scroll_area);
    const Rect* rect = scrolls.rectOf(widget.scroll_area);
    if (!scroller || !rect) return false;
    scroller->jumpTo(scroller->offset() + (widget.box.y0 - rect->y0) - rect->height() * 0.25f);
    return true;
  }
  void dispatch(const Event& event) override { runtime.dispatch(event, monotonicMs()); }
  void requestScreenshot(const std::string& name) override {
    screenshot_name = name;
    screenshot_result.reset();
  }
  std::optional<std::string> screenshotDone() override { return screenshot_result; }
  std::string hook(const std::string& line) override {
    return hook_fn ? hook_fn(line) : runtime.scriptCommand(line);
  }
  Pictures pictures() const override {
    ImageLoader::FrameCounts counts = images.lastFrame();
    return {counts.ready, counts.loading, counts.broken};
  }

  // Fonts and image sizes for the current drawable size.
  std::string fitDisplay() {
    int w = 0, h = 0;
    window.size(w, h);
    if (w == width && h == height) return {};
    width = w;
    height = h;
    std::string error = ui.setDisplay(ImVec2(static_cast<float>(w), static_cast<float>(h)), options.ui_scale,
                                      options.font_dir.empty() ? ui::kDefaultFontDir : options.font_dir);
    if (!error.empty()) return error;
    if (std::string upload = uploadFonts(); !upload.empty()) return upload;
    input.setParams(TouchParams::forEm(ui.em()));
    ImageLoaderLimits limits = ImageLoaderLimits::forDisplay(w, h);
    limits.max_texture_width = textures.maxWidth();
    limits.max_texture_height = textures.maxHeight();
    images.setLimits(limits);
    return {};
  }

  static std::string uploadFonts() {
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    if (!ImGui_ImplSDLRenderer_CreateFontsTexture()) return "could not upload the font atlas";
    ImGui::GetIO().Fonts->ClearTexData();  // the renderer has the pixels now; ImGui needs only the glyph data
    return {};
  }

  // Before a frame: the atlas must hold the sizes of the mode (regular or accessibility) the frame is drawn in.
  std::string fitMode() {
    std::string error;
    if (ui.prepareFrame(runtime.state(), error)) return uploadFonts();
    return error;
  }

  void writePendingScreenshot() {
    if (screenshot_name.empty()) return;
    if (options.screenshots_dir.empty()) {
      screenshot_result = "no --screenshots directory was given";
    } else {
      std::string path = options.screenshots_dir + "/" + screenshot_name + ".png";
      screenshot_result = writeScreenshot(window.renderer(), path);
      if (screenshot_result->empty()) log::info("app", "screenshot ", path);
    }
    screenshot_name.clear();
  }
};

}  // namespace

int KioskApp::run() {
  std::vector<ScriptStep> steps;
  if (!options_.script_path.empty()) {
    Expected<std::string, std::string> text = files::readAll(options_.script_path);
    if (!text) {
      std::fprintf(stderr, "kiosk: %s\n", text.error().c_str());
      return 2;
    }
    Expected<std::vector<ScriptStep>, std::string> parsed = parseScript(*text);
    if (!parsed) {
      std::fprintf(stderr, "kiosk: %s: %s\n", options_.script_path.c_str(), parsed.error().c_str());
      return 2;
    }
    steps = std::move(*parsed);
  }
  if (!options_.screenshots_dir.empty()) {
    std::string error = files::makeDirectories(options_.screenshots_dir);
    if (!error.empty()) {
      std::fprintf(stderr, "kiosk: %s\n", error.c_str());
      return 2;
    }
  }

  SdlWindow window;
  WindowOptions window_options;
  window_options.windowed = options_.windowed;
  window_options.width = options_.width;
  window_options.height = options_.height;
  window_options.title = "Kiosk";
  std::string error = window.open(window_options);
  if (!error.empty()) {
    std::fprintf(stderr, "kiosk: %s\n", error.c_str());
    return 2;
  }
  // Guests touch; a cursor would only distract. A development window keeps the mouse pointer.
  SDL_ShowCursor(options_.windowed ? SDL_ENABLE : SDL_DISABLE);

  IMGUI_CHECKVERSION();
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ImGui_ImplSDL2_InitForSDLRenderer(window.window());
  ImGui_ImplSDLRenderer_Init(window.renderer());

  int exit_code = 0;
  {
    Loop loop(runtime_, options_, hook_, window);
    if (!steps.empty()) loop.script = std::make_unique<ScriptRunner>(std::move(steps), loop);
    FrameStats stats;
    uint64_t shown_fingerprint = 0;  // of what the screen shows now (0: nothing yet, or must be redrawn)
    double started = monotonicSeconds();
    double last_input = started;
    std::clock_t cpu_started = std::clock();
    bool running = true;
    while (running) {
      double frame_start = monotonicSeconds();
      double frame_cpu_start = threadCpuMs();
      if (std::string fit = loop.fitDisplay(); !fit.empty()) {
        std::fprintf(stderr, "kiosk: %s\n", fit.c_str());
        exit_code = 2;
        break;
      }
      SDL_Event event;
      while (SDL_PollEvent(&event)) {
        if (event.type == SDL_QUIT) running = false;
        if (event.type == SDL_KEYDOWN && event.key.keysym.sym == SDLK_ESCAPE && options_.windowed) running = false;
        if (event.type == SDL_WINDOWEVENT) shown_fingerprint = 0;  // exposed, resized, restored: draw again
        PointerEvent pointer;
        if (pointerFromSdl(event, loop.width, loop.height, frame_start, pointer)) {
          loop.input.push(pointer);
          last_input = frame_start;
        } else if (event.type != SDL_MOUSEMOTION && event.type != SDL_MOUSEBUTTONDOWN &&
                   event.type != SDL_MOUSEBUTTONUP && event.type != SDL_MOUSEWHEEL) {
          ImGui_ImplSDL2_ProcessEvent(&event);  // window and keyboard events; the pointer is ours
        }
      }
      TimeMs now = monotonicMs();
      runtime_.pump(now);
      double ui_start = monotonicSeconds();

      if (std::string fit = loop.fitMode(); !fit.empty()) {
        std::fprintf(stderr, "kiosk: %s\n", fit.c_str());
        exit_code = 2;
        break;
      }
      ImGui_ImplSDLRenderer_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      if (loop.input.apply(io, frame_start)) runtime_.dispatch(ev::Activity{}, now);
      ImGui::NewFrame();
      const SessionState& state = runtime_.state();
      ui::FrameFacts facts;
      facts.now = now;
      facts.can_pay = runtime_.session().canPay();
      facts.idle_seconds_left = runtime_.session().idleCountdownSeconds(now);
      facts.place_name = runtime_.placeName(state.lang);
      const SessionConfig& config = runtime_.session().config();
      facts.offer_eat_in = config.offer_eat_in;
      facts.offer_take_away = config.offer_take_away;
      facts.ask_table_number = config.ask_table_number;
      std::vector<Event> events = loop.ui.draw(state, facts, runtime_.strings(), &loop.images, &runtime_);
      ImGui::Render();
      for (const Event& guest_event : events) runtime_.dispatch(guest_event, now);
      loop.images.frame(now);

      stats.addUi((monotonicSeconds() - ui_start) * 1000.0);
      // Rasterise and present only a frame that differs from what the screen shows (or one a screenshot needs).
      uint64_t fingerprint = drawFingerprint(*ImGui::GetDrawData());
      bool draw = fingerprint != shown_fingerprint || !loop.screenshot_name.empty();
      if (draw) {
        const ui::Palette& colors = loop.ui.theme().color;
        ImVec4 bg = ImGui::ColorConvertU32ToFloat4(colors.background);
        SDL_SetRenderDrawColor(window.renderer(), static_cast<Uint8>(bg.x * 255), static_cast<Uint8>(bg.y * 255),
                               static_cast<Uint8>(bg.z * 255), 255);
        double raster_start = monotonicSeconds();
        SDL_RenderClear(window.renderer());
        loop.drawer.render(ImGui::GetDrawData());
        stats.addRaster((monotonicSeconds() - raster_start) * 1000.0);
        loop.writePendingScreenshot();
      }
      stats.add((monotonicSeconds() - frame_start) * 1000.0);
      if (draw) {
        SDL_RenderPresent(window.renderer());
        shown_fingerprint = fingerprint;
      }
      stats.addThreadCpu(threadCpuMs() - frame_cpu_start);

      if (loop.script) {
        ScriptRunner::Status status = loop.script->step(static_cast<double>(monotonicMs()));
        if (status == ScriptRunner::Status::Passed) {
          std::printf("kiosk: script passed (%zu steps)\n", loop.script->stepsDone());
          running = false;
        } else if (status == ScriptRunner::Status::Failed) {
          std::fprintf(stderr, "kiosk: script failed: %s\n", loop.script->failure().c_str());
          exit_code = 1;
          running = false;
        }
      }
      // Staff asked for a restart: leave cleanly with 0; systemd (Restart=always) starts the kiosk again.
      if (runtime_.restartRequested()) {
        std::printf("kiosk: restart requested by staff\n");
        exit_code = 0;
        running = false;
      }
      double after = monotonicSeconds();
      if (options_.max_seconds > 0 && after - started >= options_.max_seconds) running = false;

      // Pacing: vsync paces a real display; otherwise (software, dummy driver) cap the rate, and slow down while
      // nothing moves. A touch wakes the loop at once.
      // A presented frame on a vsync display already waited; a skipped one did not.
      bool active = loop.script || !loop.input.idle() || loop.input.fingerDown() || loop.scrolls.active() ||
                    loop.images.busy() || after - last_input < kActiveAfterInputS;
      double budget = active ? kActiveFrameS : kIdleFrameS;
      double left = budget - (after - frame_start);
      if (running && left > 0.001 && (!draw || !window.vsync() || !active)) {
        SDL_WaitEventTimeout(nullptr, static_cast<int>(left * 1000.0));
      }
    }
    if (options_.frame_stats) {
      double cpu_s = static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC;
      std::printf("kiosk: %s\n  process CPU %.2f s over %.1f s (all threads); peak RSS %.1f MB; textures %zu (%.1f MB)\n",
                  stats.summary().c_str(), cpu_s, monotonicSeconds() - started, peakRssMb(),
                  loop.images.textureCount(), static_cast<double>(loop.images.textureBytes()) / (1024.0 * 1024.0));
    }
  }
  ImGui_ImplSDLRenderer_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext(context);
  return exit_code;
}

}  // namespace kiosk::app
