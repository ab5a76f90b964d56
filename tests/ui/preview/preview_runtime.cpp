#include "preview_runtime.h"

#include <algorithm>
#include <sstream>

#include "../support/ui_harness.h"
#include "../support/ui_test_menu.h"
#include "kiosk/common/atomic_file.h"
#include "kiosk/common/log.h"
#include "preview_images.h"

namespace kiosk::uitest {
namespace {

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string word;
  while (in >> word) out.push_back(word);
  return out;
}

std::optional<OrderStatus> statusNamed(const std::string& name) {
  for (int code = 0; code <= 5; ++code) {
    std::optional<OrderStatus> status = orderStatusFromCode(code);
    if (status && name == orderStatusName(*status)) return status;
  }
  return std::nullopt;
}

}  // namespace

PreviewRuntime::PreviewRuntime(const std::string& assets_dir, std::shared_ptr<const MenuIndex> menu)
    : session_(uiTestConfig(), [n = 0]() mutable { return "preview-" + std::to_string(++n); }),
      menu_(std::move(menu)),
      assets_dir_(assets_dir) {
  load_error_ = loadStrings(strings_, assets_dir);
  initStaff();
  image_worker_ = std::thread([this] {
    while (!stop_) {
      std::optional<ImageJob> job = image_jobs_.pop(std::chrono::milliseconds(100));
      if (!job) continue;
      // The demo menu's picture when there is one on disk, else a made-up one.
      Expected<std::string, std::string> file = files::readAll(assets_dir_ + "/demo/" + job->ref);
      if (file) {
        job->done(std::move(file));
        continue;
      }
      auto made = made_.find(job->ref);
      if (made == made_.end()) made = made_.emplace(job->ref, previewImageBytes(job->ref, 480, 360)).first;
      job->done(made->second);
    }
  });
}

PreviewRuntime::~PreviewRuntime() {
  stop_ = true;
  image_worker_.join();
  pin_worker_.join();
}

std::string PreviewRuntime::placeName(Lang lang) const {
  return lang == Lang::En ? "Burger Point" : "Бургерная «Точка»";
}

void PreviewRuntime::later(Event event, TimeMs delay_ms) { due_.push_back({now_ + delay_ms, std::move(event)}); }

void PreviewRuntime::handle(const Event& event, TimeMs now) {
  for (const Command& command : session_.handle(event, now)) {
    if (const auto* validate = std::get_if<cmd::Validate>(&command)) {
      // What the POS would say, a moment later, for the cart as it is now.
      if (reachable_) {
        later(ev::ValidateSucceeded{validate->request_id, localValidation(session_.state().cart, discount_)}, 250);
      } else {
        ServiceError error;
        error.kind = ErrorKind::Network;
        error.message_key = "error.procart_unreachable";
        error.detail = "preview: sim reachable off";
        later(ev::ValidateFailed{validate->request_id, error}, 250);
      }
    } else if (std::get_if<cmd::Pay>(&command)) {
      later(ev::PaymentProgress{"payment.insert_card", "PRESENT CARD", true}, 400);
    } else if (std::get_if<cmd::CancelPayment>(&command)) {
      later(ev::PaymentCancelled{}, 300);
    }
  }
}

void PreviewRuntime::dispatch(const Event& event, TimeMs now) {
  now_ = now;
  handle(event, now);
}

void PreviewRuntime::pump(TimeMs now) {
  now_ = now;
  if (!started_) {
    started_ = true;
    handle(ev::MenuLoaded{menu_, false}, now);
    handle(ev::ProcartReachable{true}, now);
    menu_loaded_at_ = now;
  }
  std::vector<Due> ready;
  auto split = std::stable_partition(due_.begin(), due_.end(), [&](const Due& d) { return d.at > now; });
  ready.assign(std::make_move_iterator(split), std::make_move_iterator(due_.end()));
  due_.erase(split, due_.end());
  for (const Due& d : ready) handle(d.event, now);
  pumpStaff(now);
  if (!staff_mode_) handle(ev::Tick{}, now);  // staff at work: no guest timers run out under their fingers
}

void PreviewRuntime::fetchImage(const std::string& image_ref,
                                std::function<void(Expected<std::string, std::string>)> done) {
  image_jobs_.push(ImageJob{image_ref, std::move(done)});
}

std::string PreviewRuntime::hook(const std::string& line) {
  std::vector<std::string> w = words(line);
  if (w.size() < 2 || w[0] != "sim") return "the preview takes only \"sim …\" lines";
  const std::string& what = w[1];
  if (std::optional<std::string> staff = staffHook(w)) return *staff;
  const SessionState& s = session_.state();
  if (what == "progress" && w.size() >= 3) {
    bool cancellable = w.size() < 4 || w[3] != "locked";
    std::string text;
    for (size_t i = 4; i < w.size(); ++i) text += (text.empty() ? "" : " ") + w[i];
    handle(ev::PaymentProgress{w[2], text, cancellable}, now_);
  } else if (what == "approve") {
    if (s.phase != Phase::Paying) return "no payment in progress";
    CardTransaction tx{"T1", "000000000001", "123456", "************1118", "MIR", "2024-05-01T12:00:00"};
    handle(ev::PaymentApproved{tx, s.payment.amount}, now_);
  } else if (what == "decline") {
    handle(ev::PaymentDeclined{"05", "DECLINED"}, now_);
  } else if (what == "cancelled") {
    handle(ev::PaymentCancelled{}, now_);
  } else if (what == "failed") {
    handle(ev::PaymentFailed{w.size() > 2 ? w[2] : ""}, now_);
  } else if (what == "post" && w.size() == 3) {
    if (s.phase != Phase::Posting) return "nothing to post (phase " + std::string(phaseName(s.phase)) + ")";
    handle(ev::OrderPosted{PostedOrder{order_guid_, w[2], OrderStatus::New}}, now_);
  } else if (what == "post-failed" && w.size() == 3) {
    handle(ev::OrderPostFailed{w[2] == "reversed", s.payment.amount, ""}, now_);
  } else if (what == "status" && w.size() == 3) {
    std::optional<OrderStatus> status = statusNamed(w[2]);
    if (!status) return "unknown status " + w[2];
    handle(ev::OrderStatusChanged{order_guid_, *status}, now_);
  } else if (what == "reachable" && w.size() == 3) {
    reachable_ = w[2] == "on";
    handle(ev::ProcartReachable{reachable_}, now_);
  } else if (what == "timers" && w.size() == 4) {
    if (s.phase != Phase::Attract) return "timers change only on the attract screen";
    SessionConfig config = session_.config();
    config.idle_prompt_after_ms = std::stoll(w[2]);
    config.idle_reset_after_ms = std::stoll(w[3]);
    session_.setConfig(config);
  } else if (what == "table" && w.size() == 3) {
    if (s.phase != Phase::Attract) return "checkout settings change only on the attract screen";
    SessionConfig config = session_.config();
    config.ask_table_number = w[2] == "on";
    session_.setConfig(config);
  } else if (what == "discount" && w.size() == 3) {
    discount_ = Money::rubles(std::stoll(w[2]));
  } else if (what == "stop" && w.size() == 3) {
    Menu menu = menu_->menu();
    auto dish = std::find_if(menu.dishes.begin(), menu.dishes.end(), [&](const Dish& d) { return d.id == w[2]; });
    if (dish == menu.dishes.end()) return "no dish " + w[2];
    dish->stock = Stock{StockKind::Prohibited, 0};
    menu.version += "+stop-" + w[2];
    menu_ = MenuIndex::build(std::move(menu));
    handle(ev::MenuLoaded{menu_, false}, now_);
    menu_loaded_at_ = now_;
    refreshMenuFacts();
  } else {
    return "unknown preview command \"" + line + "\"";
  }
  return {};
}

}  // namespace kiosk::uitest
