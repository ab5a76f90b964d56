#include "kiosk/app/kinetic_scroll.h"

#include <algorithm>
#include <cmath>

namespace kiosk::app {
namespace {

float signOf(float v) { return v < 0.f ? -1.f : (v > 0.f ? 1.f : 0.f); }

}  // namespace

KineticParams KineticParams::forEm(float em_px) {
  KineticParams p;
  float scale = em_px > 0.f ? em_px / 32.f : 1.f;
  p.deceleration *= scale;
  p.max_speed *= scale;
  p.min_glide_speed *= scale;
  p.max_overscroll *= scale;
  return p;
}

void KineticScroller::setExtent(float content, float view) {
  max_offset_ = std::max(0.f, content - view);
  // A list that got shorter while at rest jumps into range; a moving one settles through its glide or bounce.
  if (mode_ == Mode::Idle) offset_ = std::clamp(offset_, 0.f, max_offset_);
}

float KineticScroller::edgeFor(float offset) const { return std::clamp(offset, 0.f, max_offset_); }

float KineticScroller::overscroll() const { return offset_ - edgeFor(offset_); }

float KineticScroller::rubberBand(float raw) const {
  float edge = edgeFor(raw);
  float past = std::fabs(raw - edge);
  if (past == 0.f) return raw;
  // Asymptotic: follows the finger at `edge_resistance` at first, never beyond max_overscroll.
  float limit = params_.max_overscroll;
  float banded = limit * (1.f - 1.f / (past * params_.edge_resistance / limit + 1.f));
  return edge + signOf(raw - edge) * banded;
}

void KineticScroller::press(float finger, double t) {
  // The raw (un-banded) offset that shows the content where it is now, so catching a bounce does not jump.
  float edge = edgeFor(offset_);
  float shown = std::fabs(offset_ - edge);
  float limit = params_.max_overscroll;
  float raw_past = shown <= 0.f ? 0.f
                                : (limit / std::max(limit - shown, 1e-3f) - 1.f) * limit / params_.edge_resistance;
  mode_ = Mode::Dragging;
  velocity_ = 0.f;
  press_finger_ = finger;
  press_offset_ = edge + signOf(offset_ - edge) * raw_past;
  samples_.clear();
  samples_.push_back({t, finger});
  last_t_ = t;
}

void KineticScroller::drag(float finger, double t) {
  if (mode_ != Mode::Dragging) return;
  offset_ = rubberBand(press_offset_ + (press_finger_ - finger));
  samples_.push_back({t, finger});
  while (samples_.size() > 2 && samples_.front().t < t - params_.sample_window_s) samples_.pop_front();
  last_t_ = t;
}

void KineticScroller::release(double t) {
  if (mode_ != Mode::Dragging) return;
  velocity_ = 0.f;
  const Sample& last = samples_.back();
  if (samples_.size() >= 2 && t - last.t < params_.hold_still_s) {
    const Sample& first = samples_.front();
    double span = last.t - first.t;
    if (span > 1e-4) velocity_ = static_cast<float>((first.finger - last.finger) / span);
  }
  velocity_ = std::clamp(velocity_, -params_.max_speed, params_.max_speed);
  samples_.clear();
  last_t_ = t;
  if (overscroll() != 0.f) {
    startBounce(t);
  } else if (std::fabs(velocity_) >= params_.min_glide_speed) {
    mode_ = Mode::Gliding;
  } else {
    velocity_ = 0.f;
    mode_ = Mode::Idle;
  }
}

void KineticScroller::startBounce(double t) {
  velocity_ = 0.f;
  mode_ = Mode::Bouncing;
  bounce_from_ = offset_;
  bounce_start_ = t;
}

void KineticScroller::stepGlide(double dt) {
  float over = overscroll();
  float deceleration = params_.deceleration;
  if (over != 0.f && signOf(over) == signOf(velocity_)) deceleration *= params_.edge_friction;
  float speed = std::fabs(velocity_);
  float slower = speed - deceleration * static_cast<float>(dt);
  if (slower <= 0.f) {
    dt = speed / deceleration;  // stops within this step
    slower = 0.f;
  }
  float next_velocity = signOf(velocity_) * slower;
  offset_ += (velocity_ + next_velocity) * 0.5f * static_cast<float>(dt);
  velocity_ = next_velocity;
  float past = overscroll();
  if (std::fabs(past) >= params_.max_overscroll) {
    offset_ = edgeFor(offset_) + signOf(past) * params_.max_overscroll;
    velocity_ = 0.f;
  }
}

void KineticScroller::update(double t) {
  if (t <= last_t_) return;
  if (mode_ == Mode::Gliding) {
    constexpr double kStep = 1.0 / 240.0;  // small fixed steps: the edge friction switches on exactly at the edge
    double now = last_t_;
    while (now < t && mode_ == Mode::Gliding) {
      double dt = std::min(kStep, t - now);
      stepGlide(dt);
      now += dt;
      if (velocity_ == 0.f) {
        if (overscroll() != 0.f) {
          startBounce(now);
        } else {
          mode_ = Mode::Idle;
        }
      }
    }
  }
  if (mode_ == Mode::Bouncing) {
    double progress = (t - bounce_start_) / params_.bounce_s;
    float edge = edgeFor(bounce_from_);
    if (progress >= 1.0) {
      offset_ = edge;
      mode_ = Mode::Idle;
    } else {
      float remaining = static_cast<float>(std::pow(1.0 - std::max(progress, 0.0), 3.0));  // ease-out cubic
      offset_ = edge + (bounce_from_ - edge) * remaining;
    }
  }
  last_t_ = t;
}

void KineticScroller::jumpTo(float offset) {
  mode_ = Mode::Idle;
  velocity_ = 0.f;
  samples_.clear();
  offset_ = edgeFor(offset);
}

}  // namespace kiosk::app
