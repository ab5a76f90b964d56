#pragma once
// A complete, valid pair of files that sets every key to something other than its default.
#include <string>

namespace ops_test {

inline const char* const kValidConfigJson = R"json({
  // comments are allowed
  "kiosk_id": "K2",
  "log_level": "debug",
  "procart": {
    "url": "http://10.0.0.5:11111/api/v3/",
    "token_location": "header:X-Procart-Token",
    "connect_timeout_ms": 2000,
    "request_timeout_ms": 8000,
    "menu_timeout_ms": 40000,
    "menu_refresh_s": 300,
    "status_poll_s": 3
  },
  "callback": {
    "listen_address": "10.0.0.21",
    "listen_port": 9200,
    "public_url": "http://kiosk2.local:9200",
    "allow_from": ["procart", "10.0.1.0/24", "10.0.0.7"]
  },
  "order": {
    "eat_in_category_id": "1001",
    "take_away_category_id": 1002,
    "offer_eat_in": true,
    "offer_take_away": true,
    "ask_table_number": true,
    "table_code": "77",
    "short_comment_template": "Киоск 2 №{number}",
    "currency_id": "5"
  },
  "terminal": {
    "driver": "vtk",
    "params": {"host": "10.0.0.50", "port": 62801, "nested": {"a": [1, 2]}}
  },
  "ui": {
    "languages": ["en", "ru"],
    "default_language": "en",
    "place_name": {"ru": "Бургерная на Невском", "en": "Burgers on Nevsky"},
    "idle_prompt_s": 60,
    "idle_reset_s": 30,
    "done_reset_s": 15,
    "upsell_enabled": false,
    "upsell_rules": [
      {"suggest_category_id": "drinks", "unless_cart_has_category_ids": ["drinks", 42], "message_key": "upsell.add_drink"},
      {"suggest_category_id": 7}
    ],
    "accessibility_default": true,
    "opening_hours": {"mon": "09:00-22:00", "fri": "10:00-02:00", "sun": "closed"},
    "out_of_order": true
  },
  "paths": {"cache_dir": "/tmp/kiosk-cache", "state_dir": "/srv/kiosk-state"},
  "health": {"listen": "127.0.0.1:9190"}
})json";

inline const char* const kValidSecretsJson = R"json({
  "procart": {"token": "3f2c8a7e-1b4d-4c6f-9a8e-7d5b3c1a2f00"},
  "callback": {"secret": "0123456789abcdef0123"},
  "pins": {"staff": "", "admin": ""}
})json";

}  // namespace ops_test
