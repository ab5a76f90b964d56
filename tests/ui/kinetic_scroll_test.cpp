// Kinetic scrolling without a screen: following the finger, the glide after a flick (constant friction), the
// rubber band at the edges and the bounce back, catching a glide.
#include <catch2/catch.hpp>

#include <cmath>

#include "kiosk/app/kinetic_scroll.h"

using kiosk::app::KineticParams;
using kiosk::app::KineticScroller;

namespace {

// A finger moving from `from` to `to` over `seconds`, sampled at 120 Hz, starting at time `t0`; returns the end time.
double swipe(KineticScroller& s, float from, float to, double seconds, double t0 = 0.0) {
  s.press(from, t0);
  int steps = static_cast<int>(seconds * 120.0);
  for (int i = 1; i <= steps; ++i) {
    double t = t0 + seconds * i / steps;
    s.drag(from + (to - from) * static_cast<float>(i) / static_cast<float>(steps), t);
  }
  return t0 + seconds;
}

// Advances in 60 Hz frames until the scroller rests (or `limit` seconds pass); returns the time it came to rest.
double settle(KineticScroller& s, double t, double limit = 10.0) {
  double end = t + limit;
  while (s.moving() && t < end) {
    t += 1.0 / 60.0;
    s.update(t);
  }
  return t;
}

}  // namespace

TEST_CASE("the content follows the finger one to one inside its range") {
  KineticScroller s;
  s.setExtent(5000.f, 1000.f);
  REQUIRE(s.maxOffset() == 4000.f);
  s.press(800.f, 0.0);
  s.drag(700.f, 0.05);
  CHECK(s.offset() == Approx(100.f));  // finger up by 100 → content scrolled 100 towards its end
  s.drag(750.f, 0.1);
  CHECK(s.offset() == Approx(50.f));
}

TEST_CASE("a flick glides on and stops after v²/2a with constant friction") {
  KineticParams params;
  KineticScroller s(params);
  s.setExtent(100000.f, 1000.f);
  double t = swipe(s, 1000.f, 700.f, 0.1);  // 3000 px/s
  s.release(t + 0.005);
  REQUIRE(s.moving());
  CHECK(s.velocity() == Approx(3000.f).epsilon(0.05));
  float released_at = s.offset();
  settle(s, t + 0.005);
  CHECK_FALSE(s.moving());
  float expected = 3000.f * 3000.f / (2.f * params.deceleration);
  CHECK(s.offset() - released_at == Approx(expected).epsilon(0.05));
}

TEST_CASE("a finger that rests before lifting does not fling") {
  KineticScroller s;
  s.setExtent(10000.f, 1000.f);
  double t = swipe(s, 1000.f, 600.f, 0.1);
  float before = s.offset();
  s.release(t + 0.3);  // held still for 300 ms
  CHECK_FALSE(s.moving());
  CHECK(s.offset() == before);
}

TEST_CASE("the glide never exceeds the maximum speed") {
  KineticParams params;
  KineticScroller s(params);
  s.setExtent(1e7f, 1000.f);
  double t = swipe(s, 1500.f, 0.f, 0.05);  // 30 000 px/s
  s.release(t);
  CHECK(std::fabs(s.velocity()) <= params.max_speed);
}

TEST_CASE("pulling past the start is resisted and springs back") {
  KineticParams params;
  KineticScroller s(params);
  s.setExtent(3000.f, 1000.f);
  s.press(500.f, 0.0);
  s.drag(600.f, 0.1);  // finger down by 100 at the top: over-scroll
  CHECK(s.offset() < 0.f);
  CHECK(-s.offset() < 100.f * params.edge_resistance + 1.f);  // resisted
  s.drag(5000.f, 0.2);  // pulled very far
  CHECK(-s.offset() <= params.max_overscroll);
  s.release(0.5);
  CHECK(s.moving());  // bouncing
  double rest = settle(s, 0.5);
  CHECK(s.offset() == 0.f);
  CHECK(rest - 0.5 <= params.bounce_s + 0.05);
}

TEST_CASE("a fast glide into the end overshoots a little, then returns to the end") {
  KineticParams params;
  KineticScroller s(params);
  s.setExtent(1500.f, 1000.f);  // 500 px of range
  double t = swipe(s, 1000.f, 700.f, 0.05);  // 6000 px/s towards the end
  s.release(t);
  float peak = s.offset();
  double now = t;
  while (s.moving() && now < t + 5.0) {
    now += 1.0 / 120.0;
    s.update(now);
    peak = std::max(peak, s.offset());
  }
  CHECK(peak > s.maxOffset());                           // the rubber band showed
  CHECK(peak <= s.maxOffset() + params.max_overscroll);  // but never beyond its limit
  CHECK(s.offset() == s.maxOffset());                    // and it came back
}

TEST_CASE("touching a gliding list catches it") {
  KineticScroller s;
  s.setExtent(100000.f, 1000.f);
  double t = swipe(s, 1000.f, 600.f, 0.1);
  s.release(t);
  s.update(t + 0.1);
  REQUIRE(s.moving());
  float caught_at = s.offset();
  s.press(500.f, t + 0.1);
  CHECK_FALSE(s.moving());
  s.release(t + 0.2);
  s.update(t + 1.0);
  CHECK(s.offset() == caught_at);
}

TEST_CASE("a shorter content brings a resting list back into range; jumpTo clamps") {
  KineticScroller s;
  s.setExtent(5000.f, 1000.f);
  s.jumpTo(3500.f);
  CHECK(s.offset() == 3500.f);
  s.setExtent(2000.f, 1000.f);
  CHECK(s.offset() == 1000.f);
  s.jumpTo(-50.f);
  CHECK(s.offset() == 0.f);
  s.setExtent(500.f, 1000.f);  // content shorter than the view: nothing to scroll
  CHECK(s.maxOffset() == 0.f);
}

TEST_CASE("parameters scale with the font size") {
  KineticParams base;
  KineticParams big = KineticParams::forEm(64.f);
  CHECK(big.deceleration == Approx(base.deceleration * 2.f));
  CHECK(big.max_overscroll == Approx(base.max_overscroll * 2.f));
  CHECK(big.bounce_s == base.bounce_s);
}
