// /getmenu, menu_version, /sim/reload_menu, image serving, and the demo menu of assets/demo.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "kiosk/sim/menu_loader.h"
#include "sim_test_support.h"

using namespace sim_test;

TEST_CASE("getmenu serves the menu in the wire shape with money as strings and stock left") {
  TempDir dir;
  RunningSim s(testOptions(dir.path()));
  auto client = s.client();
  json menu = bodyOf(client->Get((std::string("/api/v3/getmenu?token=") + kToken).c_str()));
  CHECK(menu["menu_version"].is_string());
  CHECK(menu["categories"].size() == 5);
  CHECK(menu["categories"][2]["parent_id"] == "drinks");
  REQUIRE(menu["dishes"].size() == 9);
  const json& burger = menu["dishes"][0];
  CHECK(burger["id"] == "101");
  CHECK(burger["price"] == "300.00");
  CHECK(burger["name_en"] == "Burger");
  CHECK(burger["kcal"] == 500);
  CHECK(burger["tags"] == json::array({"beef"}));
  CHECK(burger["image"] == "images/cat.png");
  CHECK(burger["stock"]["type"] == "unlimited");
  CHECK(menu["dishes"][1]["stock"] == json({{"type", "limited"}, {"quantity", 3}}));
  CHECK(menu["dishes"][3]["id"] == "201");  // a numeric id in the file is written as a string
  CHECK(menu["modifier_schemes"][0]["groups"][2]["modifiers"][1]["price"] == "60.50");
  CHECK(menu["combo_schemes"][0]["groups"][0]["items"][1]["price_delta"] == "50.00");
  CHECK_FALSE(menu.contains("discounts"));  // emulator-only
  CHECK(s.sim.requestCount("getmenu") == 1);
}

TEST_CASE("menu_version changes only when the menu file's content changes") {
  TempDir dir;
  auto options = testOptions(dir.path());
  RunningSim s(options);
  auto client = s.client();
  std::string path = std::string("/api/v3/getmenu?token=") + kToken;
  std::string v1 = bodyOf(client->Get(path.c_str()))["menu_version"];
  CHECK(bodyOf(client->Get(path.c_str()))["menu_version"] == v1);

  CHECK(s.sim.menuVersion() == v1);
  json reload = bodyOf(client->Post("/sim/reload_menu", "", "application/json"));
  CHECK(reload["changed"] == false);
  CHECK(reload["menu_version"] == v1);

  // Same content rewritten: same version. Different content: a new version and the new price.
  writeFile(options.menu_file, readFile(options.menu_file));
  CHECK(s.sim.reloadMenu());
  CHECK(bodyOf(client->Get(path.c_str()))["menu_version"] == v1);
  std::string text = readFile(options.menu_file);
  text.replace(text.find("\"300.00\""), 8, "\"310.00\"");
  writeFile(options.menu_file, text);
  reload = bodyOf(client->Post("/sim/reload_menu", "", "application/json"));
  CHECK(reload["changed"] == true);
  json menu = bodyOf(client->Get(path.c_str()));
  CHECK(menu["menu_version"] != v1);
  CHECK(menu["dishes"][0]["price"] == "310.00");

  // A broken file is refused and the served menu stays as it was.
  writeFile(options.menu_file, "{ broken");
  auto refused = client->Post("/sim/reload_menu", "", "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(bodyOf(refused)["error"]["code"] == "menu_invalid");
  CHECK_FALSE(s.sim.reloadMenu());
  CHECK(bodyOf(client->Get(path.c_str()))["menu_version"] == menu["menu_version"]);
}

TEST_CASE("getmenu-latency makes /getmenu take 0.5 to 2 s") {
  TempDir dir;
  auto options = testOptions(dir.path());
  options.getmenu_latency = true;
  RunningSim s(options);
  auto client = s.client();
  auto started = std::chrono::steady_clock::now();
  auto res = client->Get((std::string("/api/v3/getmenu?token=") + kToken).c_str());
  auto took = std::chrono::steady_clock::now() - started;
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(took >= std::chrono::milliseconds(500));
  CHECK(took < std::chrono::milliseconds(2500));
}

TEST_CASE("images are served from images/ next to the menu — traversal is refused") {
  TempDir dir;
  auto options = testOptions(dir.path());
  // A PNG-named file outside images/, and a symlink inside images/ pointing at it.
  writeFile(dir.path() + "/outside.png", "not for you");
  std::filesystem::create_symlink(dir.path() + "/outside.png", dir.path() + "/images/link.png");
  std::filesystem::create_directory(dir.path() + "/images/sub");
  std::filesystem::copy_file(dir.path() + "/images/cat.png", dir.path() + "/images/sub/cat.png");
  RunningSim s(options);
  auto client = s.client();

  auto image = client->Get("/api/v3/images/cat.png");
  REQUIRE(image);
  CHECK(image->status == 200);
  CHECK(image->get_header_value("Content-Type") == "image/png");
  CHECK(image->body == readFile(dir.path() + "/images/cat.png"));
  auto nested = client->Get("/api/v3/images/sub/cat.png");
  REQUIRE(nested);
  CHECK(nested->status == 200);

  for (const char* bad :
       {"/api/v3/images/../outside.png", "/api/v3/images/%2e%2e/outside.png", "/api/v3/images/..%2foutside.png",
        "/api/v3/images/sub/../../outside.png", "/api/v3/images/link.png", "/api/v3/images/..%5coutside.png",
        "/api/v3/images/%2fetc/passwd.png", "/api/v3/images/../menu.json"}) {
    auto res = client->Get(bad);
    INFO(bad);
    REQUIRE(res);
    CHECK((res->status == 400 || res->status == 404));
    CHECK(res->body.find("not for you") == std::string::npos);
  }
  auto missing = client->Get("/api/v3/images/nope.png");
  REQUIRE(missing);
  CHECK(missing->status == 404);
}

TEST_CASE("the demo menu loads and has what the demo needs") {
  std::string base = std::string(KIOSK_ASSETS_DIR) + "/demo";
  auto menu = procart_sim::loadSimMenu(base + "/menu.json");
  INFO((menu ? "" : menu.error()));
  REQUIRE(menu);
  CHECK(menu->dishes.size() >= 40);
  CHECK(menu->categories.size() >= 6);
  CHECK(menu->combo_schemes.size() >= 3);
  CHECK_FALSE(menu->discounts.empty());
  int limited = 0, prohibited = 0, premium_choices = 0;
  for (const auto& d : menu->dishes) {
    limited += d.stock == procart_sim::StockType::Limited;
    prohibited += d.stock == procart_sim::StockType::Prohibited;
    CHECK_FALSE(d.name_en.empty());
    CHECK_FALSE(d.description.empty());
  }
  for (const auto& scheme : menu->combo_schemes) {
    for (const auto& group : scheme.groups) {
      CHECK_FALSE(group.default_dish_id.empty());
      for (const auto& item : group.items) premium_choices += item.price_delta > 0;
    }
  }
  CHECK(limited >= 2);
  CHECK(prohibited >= 1);
  CHECK(premium_choices >= 3);
  // Required and optional modifier groups, and a counter modifier.
  bool required = false, optional = false, counter = false;
  for (const auto& scheme : menu->modifier_schemes) {
    for (const auto& group : scheme.groups) {
      required = required || group.min >= 1;
      optional = optional || group.min == 0;
      for (const auto& m : group.modifiers) counter = counter || m.max_count >= 3;
    }
  }
  CHECK(required);
  CHECK(optional);
  CHECK(counter);

  // Every image the menu names exists, is a 512x384 PNG and stays well below 100 KB.
  std::set<std::string> images;
  for (const auto& d : menu->dishes) images.insert(d.image);
  for (const auto& c : menu->categories) images.insert(c.image);
  for (const auto& image : images) {
    INFO(image);
    std::string bytes = readFile(base + "/" + image);
    REQUIRE(bytes.size() > 24);
    CHECK(bytes.size() < 100 * 1024);
    CHECK(bytes.compare(1, 3, "PNG") == 0);
    auto be32 = [&](size_t at) {
      return (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at])) << 24) |
             (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
             (static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
             static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + 3]));
    };
    CHECK(be32(16) == 512);  // IHDR width
    CHECK(be32(20) == 384);  // IHDR height
  }
  CHECK(std::filesystem::exists(base + "/images/hero-burger.png"));
  CHECK(std::filesystem::exists(base + "/make-images.sh"));
}

TEST_CASE("the demo menu is served and a demo combo validates at the expected price") {
  procart_sim::Options options;
  options.menu_file = std::string(KIOSK_ASSETS_DIR) + "/demo/menu.json";
  options.token = kToken;
  options.lifecycle = "";
  RunningSim s(options);
  auto client = s.client();
  json menu = bodyOf(client->Get((std::string("/api/v3/getmenu?token=") + kToken).c_str()));
  CHECK(menu["dishes"].size() >= 40);
  // Classic combo 599 + double cheeseburger +150 (medium, extra cheese ×2 = 80) + wedges +20 + cola 0.5 l +40.
  json line = {
      {"dish_id", "x01"},
      {"quantity", 1},
      {"combo",
       {{{"group_id", "main"},
         {"dish_id", "b03"},
         {"modifiers", {{{"id", "done_medium"}}, {{"id", "extra_cheese"}, {"quantity", 2}}}}},
        {{"group_id", "side"}, {"dish_id", "s02"}, {"modifiers", {{{"id", "fries_standard"}}}}},
        {{"group_id", "drink"}, {"dish_id", "d01"}, {"modifiers", {{{"id", "cold_05"}}, {{"id", "ice_yes"}}}}}}}};
  json answer = bodyOf(postJson(*client, "/api/v3/validate", orderBody(json::array({line}))));
  INFO(answer.dump());
  CHECK(answer["total"] == "889.00");
  auto image = client->Get("/api/v3/images/burger-classic.png");
  REQUIRE(image);
  CHECK(image->status == 200);
}
