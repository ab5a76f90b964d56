#include "ui_harness.h"

#include <fstream>
#include <sstream>

namespace kiosk::uitest {

std::string loadStrings(Strings& strings, const std::string& assets_dir) {
  for (Lang lang : {Lang::Ru, Lang::En}) {
    std::string path = assets_dir + "/i18n/" + std::string(langCode(lang)) + ".json";
    std::ifstream file(path);
    if (!file) return "cannot read " + path;
    std::stringstream text;
    text << file.rdbuf();
    std::string problem = strings.load(lang, text.str());
    if (!problem.empty()) return path + ": " + problem;
  }
  return {};
}

UiHarness::UiHarness(ImVec2 display_size, SessionConfig config, std::shared_ptr<const MenuIndex> menu)
    : display(display_size), session(std::move(config), [n = 0]() mutable { return "ext-" + std::to_string(++n); }) {
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  error = ui.setDisplay(display);
  // No renderer: any texture id will do, the draw lists are built and thrown away.
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  if (error.empty()) error = loadStrings(strings, KIOSK_ASSETS_DIR);
  if (menu) send(ev::MenuLoaded{menu, false});
}

UiHarness::~UiHarness() { ImGui::DestroyContext(context_); }

void UiHarness::send(const Event& event) {
  std::vector<Command> out = session.handle(event, nowMs());
  for (const Command& command : out) {
    commands.push_back(command);
    if (auto* validate = std::get_if<cmd::Validate>(&command); validate && auto_validate) {
      send(ev::ValidateSucceeded{validate->request_id, localValidation(session.state().cart, validation_discount)});
    }
  }
}

void UiHarness::frame(int count) {
  for (int i = 0; i < count; ++i) {
    t += 1.0 / 60.0;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.f / 60.f;
    io.DisplaySize = display;
    std::string font_error;
    if (ui.prepareFrame(session.state(), font_error)) {
      io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
    }
    if (!font_error.empty()) error = font_error;
    if (touch.apply(io, t)) send(ev::Activity{});
    ImGui::NewFrame();
    ui::FrameFacts facts;
    facts.now = nowMs();
    facts.can_pay = session.canPay();
    facts.idle_seconds_left = session.idleCountdownSeconds(nowMs());
    facts.place_name = session.state().lang == Lang::En ? "Burger Point" : "Бургерная «Точка»";
    facts.offer_eat_in = session.config().offer_eat_in;
    facts.offer_take_away = session.config().offer_take_away;
    facts.ask_table_number = session.config().ask_table_number;
    std::vector<Event> events = ui.draw(session.state(), facts, strings, &images);
    ImGui::Render();
    for (const Event& event : events) {
      emitted.push_back(eventName(event));
      send(event);
    }
    send(ev::Tick{});
  }
}

void UiHarness::startOrdering() {
  send(ev::ProcartReachable{true});
  frame();
  tap("attract.start");
}

bool UiHarness::tap(const std::string& id) {
  if (!ui.widgets().reachable(id)) return false;
  const ui::WidgetInfo* info = ui.widgets().find(id);
  float x = info->visible.centerX();
  float y = info->visible.centerY();
  touch.push({app::PointerEvent::Kind::Down, x, y, t, 1});
  frame();
  touch.push({app::PointerEvent::Kind::Up, x, y, t, 1});
  frame(2);
  return true;
}

void UiHarness::drag(float x1, float y1, float x2, float y2, double seconds) {
  touch.push({app::PointerEvent::Kind::Down, x1, y1, t, 1});
  frame();
  int steps = std::max(1, static_cast<int>(seconds * 60.0));
  for (int i = 1; i <= steps; ++i) {
    float f = static_cast<float>(i) / static_cast<float>(steps);
    touch.push({app::PointerEvent::Kind::Move, x1 + (x2 - x1) * f, y1 + (y2 - y1) * f, t, 1});
    frame();
  }
  touch.push({app::PointerEvent::Kind::Up, x2, y2, t, 1});
  frame();
}

void UiHarness::approvePayment() {
  CardTransaction tx;
  tx.rrn = "000000000001";
  tx.auth_code = "123456";
  tx.card_mask = "************1118";
  send(ev::PaymentApproved{tx, session.state().payment.amount});
}

void UiHarness::postOrder(const std::string& number) {
  send(ev::OrderPosted{PostedOrder{"guid-1", number, OrderStatus::New}});
}

}  // namespace kiosk::uitest
