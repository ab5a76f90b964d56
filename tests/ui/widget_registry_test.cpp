#include <catch2/catch.hpp>

#include "kiosk/ui/widget_registry.h"

using kiosk::ui::WidgetBox;
using kiosk::ui::WidgetInfo;
using kiosk::ui::WidgetRegistry;

namespace {
WidgetInfo info(const char* id, WidgetBox box, WidgetBox visible) {
  WidgetInfo w;
  w.id = id;
  w.box = box;
  w.visible = visible;
  return w;
}
}  // namespace

TEST_CASE("queries answer from the last complete frame; duplicates and covered widgets are told") {
  WidgetRegistry registry;
  registry.beginFrame();
  registry.add(info("a", {0, 0, 10, 10}, {0, 0, 10, 10}));
  registry.add(info("b", {0, 20, 10, 30}, {}));  // scrolled out of view
  registry.noteText("menu.cart");
  CHECK(registry.find("a") == nullptr);  // still being built
  registry.endFrame();
  REQUIRE(registry.find("a"));
  CHECK(registry.reachable("a"));
  CHECK_FALSE(registry.reachable("b"));
  CHECK(registry.textShown("menu.cart"));
  CHECK(registry.duplicates().empty());

  registry.beginFrame();
  registry.add(info("a", {0, 0, 10, 10}, {0, 0, 10, 10}));
  registry.coverAll();
  registry.add(info("ok", {0, 0, 5, 5}, {0, 0, 5, 5}));
  registry.add(info("ok", {0, 0, 6, 6}, {0, 0, 6, 6}));
  registry.endFrame();
  CHECK_FALSE(registry.reachable("a"));
  CHECK(registry.reachable("ok"));
  CHECK(registry.find("ok")->box.x1 == 6.f);
  CHECK(registry.duplicates() == std::vector<std::string>{"ok"});
  CHECK(registry.idsWithPrefix("o") == std::vector<std::string>{"ok"});
  CHECK_FALSE(registry.textShown("menu.cart"));
}
