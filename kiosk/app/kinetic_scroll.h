#pragma once
// Kinetic scrolling along one axis, as guests know it from phones: the content follows the finger, keeps
// gliding after a flick and slows down with constant friction, resists being pulled past an edge (rubber band)
// and springs back to it. Pure: positions in pixels, time in seconds supplied by the caller, no screen.
//
// offset() is how far the content is scrolled: 0 shows its start, maxOffset() its end. Beyond those values the
// content is over-scrolled (rubber band) and returns by itself.
#include <deque>

namespace kiosk::app {

struct KineticParams {
  float deceleration = 2600.f;     // px/s², the constant friction of a glide
  float max_speed = 7000.f;        // px/s, a flick never glides faster
  float min_glide_speed = 60.f;    // px/s, slower releases just stop
  float edge_resistance = 0.45f;   // beyond an edge a drag moves the content this fraction of the finger
  float max_overscroll = 160.f;    // px, how far the content can ever be pulled past an edge
  float edge_friction = 12.f;      // a glide past an edge stops this many times faster
  double bounce_s = 0.3;           // time to spring back to the edge
  double sample_window_s = 0.08;   // the release speed is measured over the finger's last moves
  double hold_still_s = 0.06;      // a finger that rested this long before lifting releases without speed

  // The defaults are tuned for a 32 px font (1080 px wide portrait); scales the distances for another size.
  static KineticParams forEm(float em_px);
};

class KineticScroller {
 public:
  explicit KineticScroller(KineticParams params = {}) : params_(params) {}
  void setParams(KineticParams params) { params_ = params; }

  // Content and viewport lengths; keeps the offset (a shrunken content springs back into range).
  void setExtent(float content, float view);
  float maxOffset() const { return max_offset_; }
  float offset() const { return offset_; }
  float velocity() const { return velocity_; }  // px/s of the content, positive = towards the end

  // Finger down at `finger` (screen coordinate along the axis). Catches a glide in progress.
  void press(float finger, double t);
  // Finger moved: the content follows (rubber band beyond the edges).
  void drag(float finger, double t);
  // Finger lifted: glides on with the finger's recent speed, or springs back when over-scrolled.
  void release(double t);
  // Advances a glide or a bounce to time `t`.
  void update(double t);

  // Jumps to `offset` (clamped to the content), stopping any motion: for "scroll into view".
  void jumpTo(float offset);

  bool dragging() const { return mode_ == Mode::Dragging; }
  // True while gliding or bouncing back (the frame loop keeps drawing).
  bool moving() const { return mode_ == Mode::Gliding || mode_ == Mode::Bouncing; }

 private:
  enum class Mode { Idle, Dragging, Gliding, Bouncing };
  struct Sample {
    double t;
    float finger;
  };

  float overscroll() const;  // signed distance past the nearest edge (0 inside)
  float edgeFor(float offset) const;
  float rubberBand(float raw) const;  // raw drag offset → displayed offset
  void startBounce(double t);
  void stepGlide(double dt);

  KineticParams params_;
  Mode mode_ = Mode::Idle;
  float max_offset_ = 0.f;
  float offset_ = 0.f;
  float velocity_ = 0.f;
  double last_t_ = 0.0;
  // dragging
  float press_finger_ = 0.f;
  float press_offset_ = 0.f;  // unbanded offset at the press
  std::deque<Sample> samples_;
  // bouncing
  float bounce_from_ = 0.f;
  double bounce_start_ = 0.0;
};

}  // namespace kiosk::app
