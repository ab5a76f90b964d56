// The touch layer against a real ImGui context (default font, no backend): taps fire once on release even when
// shorter than a frame, nothing stays hovered after lift-off, a drag inside a scroll area scrolls and never taps,
// a second finger is ignored, a gliding list is caught without tapping.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <cfloat>

#include "kiosk/app/scroll_areas.h"
#include "kiosk/app/touch_input.h"

using kiosk::app::PointerEvent;
using kiosk::app::Rect;
using kiosk::app::ScrollAreas;
using kiosk::app::TouchInput;
using Kind = PointerEvent::Kind;

namespace {

struct Fixture {
  Fixture() {
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  }
  ~Fixture() { ImGui::DestroyContext(context); }

  // One frame with a button at (100,100)-(300,200) inside a scroll area covering (0,0)-(800,600) when
  // `with_area`; returns whether the button fired.
  bool frame(bool with_area = true) {
    t += 1.0 / 60.0;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.f / 60.f;
    touch.apply(io, t);
    last_pos = io.MousePos;
    last_down = io.MouseDown[0];
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    if (with_area) {
      areas.begin("list", Rect{0, 0, 800, 600});
      areas.setContentHeight("list", 5000.f);
    }
    ImGui::SetCursorScreenPos(ImVec2(100, 100));
    bool pressed = ImGui::Button("card", ImVec2(200, 100));
    hovered = ImGui::IsItemHovered();
    ImGui::End();
    ImGui::Render();
    areas.endFrame();
    if (pressed) ++presses;
    return pressed;
  }
  void push(Kind kind, float x, float y, long long finger = 1) { touch.push({kind, x, y, t, finger}); }

  ImGuiContext* context;
  ScrollAreas areas;
  TouchInput touch{areas};
  double t = 0.0;
  int presses = 0;
  bool hovered = false;
  ImVec2 last_pos;
  bool last_down = false;
};

}  // namespace

TEST_CASE("a tap fires once, on release, even when down and up arrive within one frame") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 150, 150);
  f.push(Kind::Up, 150, 150);
  CHECK_FALSE(f.frame());  // the press
  CHECK(f.last_down);
  CHECK(f.frame());  // the release fires it
  CHECK_FALSE(f.frame());
  CHECK(f.presses == 1);
}

TEST_CASE("after lift-off nothing stays hovered") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 150, 150);
  f.frame();
  CHECK(f.hovered);
  f.push(Kind::Up, 150, 150);
  f.frame();
  f.frame();
  CHECK_FALSE(f.hovered);
  CHECK(f.last_pos.x == -FLT_MAX);
}

TEST_CASE("releasing away from the button does not fire it (outside any scroll area)") {
  Fixture f;
  f.frame(false);
  f.push(Kind::Down, 150, 150);
  f.frame(false);
  f.push(Kind::Move, 500, 500);
  f.frame(false);
  f.push(Kind::Up, 500, 500);
  f.frame(false);
  f.frame(false);
  CHECK(f.presses == 0);
}

TEST_CASE("a drag that starts on the button scrolls the area and never taps, even released over the button") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 150, 190);
  f.frame();
  for (int y = 180; y >= 110; y -= 10) {
    f.push(Kind::Move, 150, static_cast<float>(y));
    f.frame();
  }
  f.push(Kind::Move, 150, 150);  // back over the button
  f.frame();
  f.push(Kind::Up, 150, 150);
  f.frame();
  f.frame();
  CHECK(f.presses == 0);
  REQUIRE(f.areas.find("list"));
  CHECK(f.areas.find("list")->offset() > 0.f);
}

TEST_CASE("small jitter within the slop still taps") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 150, 150);
  f.frame();
  f.push(Kind::Move, 154, 147);
  f.frame();
  f.push(Kind::Up, 154, 147);
  f.frame();
  CHECK(f.presses == 1);
  CHECK(f.areas.find("list")->offset() == 0.f);
}

TEST_CASE("a second finger is ignored while the first is down") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 150, 150, 1);
  f.frame();
  f.push(Kind::Down, 600, 500, 2);
  f.push(Kind::Up, 600, 500, 2);
  f.frame();
  CHECK(f.touch.fingerDown());
  f.push(Kind::Up, 150, 150, 1);
  f.frame();
  CHECK(f.presses == 1);
}

TEST_CASE("touching a fast-gliding list stops it without tapping what is under the finger") {
  Fixture f;
  f.frame();
  f.push(Kind::Down, 400, 500);
  f.frame();
  for (int i = 1; i <= 6; ++i) {
    f.push(Kind::Move, 400, 500.f - 60.f * static_cast<float>(i));
    f.frame();
  }
  f.push(Kind::Up, 400, 140);
  f.frame();
  REQUIRE(f.areas.find("list")->moving());
  f.push(Kind::Down, 150, 150);
  f.frame();
  CHECK_FALSE(f.areas.find("list")->moving());
  f.push(Kind::Up, 150, 150);
  f.frame();
  f.frame();
  CHECK(f.presses == 0);
}

TEST_CASE("the mouse wheel scrolls the area under the pointer") {
  Fixture f;
  f.frame();
  f.touch.push({Kind::Wheel, 400, 300, f.t, -1, -2.f});
  f.frame();
  CHECK(f.areas.find("list")->offset() > 0.f);
}
