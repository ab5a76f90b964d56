#pragma once
// The kiosk application: one UI thread running the frame loop over a Runtime (kiosk/runtime/runtime.h).
// Each frame: SDL events → touch layer, Runtime::pump(), the UI draws the session's state, the guest's events go
// to Runtime::dispatch(), images upload, the SDL_Renderer presents. Nothing in the loop waits on the network,
// the disk or the terminal. An optional script (script.h) drives it and takes screenshots.
#include <functional>
#include <string>

#include "kiosk/app/app_options.h"
#include "kiosk/runtime/runtime.h"

namespace kiosk::app {

class KioskApp {
 public:
  KioskApp(Runtime& runtime, AppOptions options) : runtime_(runtime), options_(std::move(options)) {}

  // Where a script's "sim …" and "procart …" lines go (the simulators of demo mode). Returns "" when done, else
  // why not. Without a hook they go to Runtime::scriptCommand().
  using ScriptHook = std::function<std::string(const std::string& line)>;
  void setScriptHook(ScriptHook hook) { hook_ = std::move(hook); }

  // Opens the window and runs until the window is closed, SIGINT/SIGTERM, --max-seconds, the script's end, or
  // Runtime::restartRequested() (staff tapped "Restart"). Returns the process exit code: 0 (a script passed, or a
  // restart was requested), 1 (a script failed), 2 (could not start).
  int run();

 private:
  Runtime& runtime_;
  AppOptions options_;
  ScriptHook hook_;
};

// Milliseconds of a monotonic clock (the TimeMs the session and the runtime use).
TimeMs monotonicMs();

}  // namespace kiosk::app
