#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "kiosk/common/message_queue.h"

using namespace kiosk;
using namespace std::chrono_literals;

TEST_CASE("MessageQueue keeps the order of one producer and loses nothing with several") {
  MessageQueue<int> queue;
  std::vector<std::thread> producers;
  for (int p = 0; p < 4; ++p)
    producers.emplace_back([&queue, p] {
      for (int i = 0; i < 1000; ++i) queue.push(p * 1000 + i);
    });
  for (auto& t : producers) t.join();
  auto items = queue.drain();
  REQUIRE(items.size() == 4000);
  std::vector<int> last(4, -1);
  for (int v : items) {
    int p = v / 1000;
    CHECK(v % 1000 > last[p]);
    last[p] = v % 1000;
  }
  CHECK(queue.empty());
}

TEST_CASE("MessageQueue::pop waits for an item or times out") {
  MessageQueue<int> queue;
  CHECK_FALSE(queue.pop(10ms).has_value());
  std::thread later([&] {
    std::this_thread::sleep_for(20ms);
    queue.push(7);
  });
  auto got = queue.pop(2000ms);
  later.join();
  REQUIRE(got.has_value());
  CHECK(*got == 7);
}
