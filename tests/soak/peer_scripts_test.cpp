// Each soak behaviour becomes a fault the peer really has, of the same money meaning (charged or not, answer lost
// or not), and the peers accept every step the mapping can produce.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/drivers/vtk_emulator.h"
#include "tests/soak/peer_scripts.h"
#include "tests/soak/plan.h"

namespace {

std::set<std::string> vtkLabelsFor(const std::string& behaviour) {
  soak::Rng rng(7, "peer-scripts-test");
  std::set<std::string> labels;
  for (int i = 0; i < 200; ++i) labels.insert(soak::vtkStepFor(behaviour, 3000, i, rng).label);
  return labels;
}

std::set<std::string> sbPilotTokensFor(const std::string& behaviour) {
  soak::Rng rng(7, "peer-scripts-test");
  std::set<std::string> tokens;
  for (int i = 0; i < 200; ++i) tokens.insert(soak::sbPilotStepFor(behaviour, i, rng).token);
  return tokens;
}

}  // namespace

TEST_CASE("peer scripts: VTK plays each soak behaviour with a fault of the same meaning") {
  CHECK(vtkLabelsFor("approve") == std::set<std::string>{"approve"});
  CHECK(vtkLabelsFor("decline:51") == std::set<std::string>{"decline"});
  CHECK(vtkLabelsFor("delay:400") == std::set<std::string>{"late", "cancel_at_terminal"});
  CHECK(vtkLabelsFor("timeout") == std::set<std::string>{"late_past_timeout"});
  // charged, and the answer never arrives whole
  CHECK(vtkLabelsFor("lost_answer") == std::set<std::string>{"drop", "truncated", "malformed", "bad_discriminator"});
  CHECK(vtkLabelsFor("disconnect") == std::set<std::string>{"wait_abort"});

  soak::Rng rng(1, "x");
  for (int i = 0; i < 50; ++i) {
    std::string token = soak::vtkStepFor("delay:400", 3000, i, rng).token;
    CHECK((token == "late:400" || token == "cancel_at_terminal"));  // the guest's own delay
  }
  // Silent past the kiosk's deadline (the operation timeout), and only then approved.
  for (int i = 0; i < 50; ++i) {
    std::string token = soak::vtkStepFor("timeout", 3000, i, rng).token;
    int delay = std::stoi(token.substr(token.find(':') + 1));
    CHECK(delay > 3000);
  }
}

TEST_CASE("peer scripts: the VTK emulator accepts every step of a whole round's script") {
  soak::Rng plan_rng(20240502, "terminal/1");
  soak::Rng rng(20240502, "vtk-steps");
  std::string text;
  int n = 0;
  for (const auto& behaviour : soak::terminalScript(plan_rng, 400)) {
    text += (text.empty() ? "" : ",") + soak::vtkStepFor(behaviour, 3000, n++, rng).token;
  }
  std::string error;
  auto steps = vtkemu::parseScript(text, error);
  INFO(error);
  REQUIRE(steps);
  CHECK(steps->size() == 400);
}

TEST_CASE("peer scripts: sb_pilot plays each soak behaviour with a mode of the same meaning") {
  CHECK(sbPilotTokensFor("approve") == std::set<std::string>{"approve"});
  CHECK(sbPilotTokensFor("decline:05") == std::set<std::string>{"decline:05"});
  CHECK(sbPilotTokensFor("delay:300") == std::set<std::string>{"approve", "decline:2000"});
  CHECK(sbPilotTokensFor("timeout") == std::set<std::string>{"hang"});
  CHECK(sbPilotTokensFor("lost_answer") ==
        std::set<std::string>{"lost_answer", "crash_after_approval", "crash_after_result"});
  CHECK(sbPilotTokensFor("disconnect") == std::set<std::string>{"crash_segv", "crash_abort", "garbage", "no_output"});
  // The faults of one kind take turns: any three lost answers in a row meet all three.
  soak::Rng rng(3, "y");
  std::set<std::string> three;
  for (int i = 5; i < 8; ++i) three.insert(soak::sbPilotStepFor("lost_answer", i, rng).token);
  CHECK(three.size() == 3);
}

TEST_CASE("peer scripts: the fake sb_pilot accepts every entry of a whole round's purchase_script") {
  char dir[] = "/tmp/soak-sbpilot-script-XXXXXX";
  REQUIRE(::mkdtemp(dir));
  soak::Rng plan_rng(20240503, "terminal/1");
  soak::Rng rng(20240503, "sbpilot-steps");
  nlohmann::json modes = nlohmann::json::array();
  int n = 0;
  for (const auto& behaviour : soak::terminalScript(plan_rng, 400)) {
    modes.push_back(soak::sbPilotStepFor(behaviour, n++, rng).token);
  }
  {
    std::ofstream control(std::string(dir) + "/fake-sb-pilot.json");
    control << nlohmann::json{{"purchase_script", modes}}.dump();
  }
  // The fake checks its whole control file at every run and refuses a bad one (exit 64) before anything moves; a
  // day close moves no money.
  std::string command = std::string("cd ") + dir + " && " + FAKE_SB_PILOT_PATH + " 7 > out.txt 2>&1";
  int status = std::system(command.c_str());
  std::ifstream out(std::string(dir) + "/out.txt");
  std::string output((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  INFO(output);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::filesystem::remove_all(dir);
}
