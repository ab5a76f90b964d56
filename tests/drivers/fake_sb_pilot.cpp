// fake_sb_pilot: stands in for Sber's sb_pilot in tests. Called the same way (`1 <kopecks>`, `3 <kopecks> 0 QSELECT
// <RRN>`, `7`) from the working directory, it reads what to do from ./fake-sb-pilot.json:
//
//   {"mode": "approve"}                       write e and p (KOI8-R), print "return:0", exit 0
//   {"mode": "decline", "code": "4119", "text": "Нет связи"}
//   {"mode": "return_code_only", "code": "2000"}   print return:<code>, write no e
//   {"mode": "no_output"}                     print "return:0", write nothing
//   {"mode": "stale"}                         write an approved e dated an hour ago, print "return:0"
//   {"mode": "garbage"}                       write binary junk into e
//   {"mode": "hang", "spawn_helper": true, "ignore_term": false}   sleep (with a helper child) until killed
//   {"mode": "crash_segv"} / {"mode": "crash_abort"}   die by a signal before writing anything
//   {"mode": "crash_after_result"}            write an approved e and p, then SIGSEGV
// Common options: "exit_status" (default 0), "print_return" (default true), "return_code" (print this code
// instead of the real one), "encoding": "utf-8" to write UTF-8,
// "slip_full_pan": true to print an unmasked card number on the slip,
// "sequence": [ {...}, {...} ] to use one entry per invocation (the last one repeats).
//
// Every invocation is appended to ./fake-sb-pilot.log (its arguments); approvals and returns to
// ./fake-sb-pilot-ledger.jsonl, which tests read.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "payment/sbpilot/koi8r.h"

namespace {

std::string readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int invocationCount() {
  std::ifstream in("fake-sb-pilot.log");
  int n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

void writeFile(const char* path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string encode(const std::string& utf8, bool koi8r) {
  if (!koi8r) return utf8;
  auto converted = payment::sbpilot::utf8ToKoi8r(utf8);
  if (!converted) {
    std::fprintf(stderr, "fake_sb_pilot: text not expressible in KOI8-R\n");
    std::exit(3);
  }
  return *converted;
}

std::string approvedResult(const std::string& rrn, const char* text) {
  std::ostringstream e;
  e << "0," << text << "\n"
    << "************1234\n"   // masked card
    << "AB1234\n"             // auth code
    << "0042\n"               // operation number
    << "00012345\n"           // terminal id
    << "20240115123045\n"     // date-time
    << rrn << "\n"            // RRN
    << "9F8E7D6C5B4A39281706\n"  // card hash
    << "780000123456\n";      // merchant id
  return e.str();
}

// Dies by SIGSEGV like a crashing program. The default action is restored first: under ASan (the sanitizer build)
// its own handler would otherwise catch the signal and exit with status 1.
[[noreturn]] void dieBySegv() {
  ::signal(SIGSEGV, SIG_DFL);
  ::raise(SIGSEGV);
  std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const int invocation = invocationCount();
  {
    std::ofstream log("fake-sb-pilot.log", std::ios::app);
    for (size_t i = 0; i < args.size(); ++i) log << (i ? " " : "") << args[i];
    log << "\n";
  }

  nlohmann::json control = nlohmann::json::parse(readFile("fake-sb-pilot.json"), nullptr, false);
  if (control.is_discarded() || !control.is_object()) control = nlohmann::json::object();
  if (control.contains("sequence") && control["sequence"].is_array() && !control["sequence"].empty()) {
    const auto& seq = control["sequence"];
    control = seq[std::min<size_t>(static_cast<size_t>(invocation), seq.size() - 1)];
  }
  const std::string mode = control.value("mode", "approve");
  const bool koi8r = control.value("encoding", "koi8-r") != "utf-8";
  const int exit_status = control.value("exit_status", 0);
  const bool print_return = control.value("print_return", true);
  const std::string op = args.empty() ? "" : args[0];
  const std::string amount = args.size() > 1 ? args[1] : "0";

  auto ledger = [&](const std::string& what, const std::string& rrn) {
    std::ofstream out("fake-sb-pilot-ledger.jsonl", std::ios::app);
    out << nlohmann::json{{"op", what}, {"amount", amount}, {"rrn", rrn}}.dump() << "\n";
  };
  auto finish = [&](const std::string& code) {
    const std::string printed = control.value("return_code", code);
    if (print_return) std::printf("some sb_pilot chatter\nreturn:%s\n", printed.c_str());
    std::fflush(stdout);
    return exit_status;
  };
  auto writeApproved = [&](const std::string& rrn) {
    const char* text = op == "7" ? "Сверка итогов выполнена" : "ОДОБРЕНО";
    writeFile("e", encode(approvedResult(rrn, text), koi8r));
    std::string slip = op == "7" ? "СВЕРКА ИТОГОВ\nТЕРМИНАЛ 00012345\nИТОГО ОПЕРАЦИЙ: 3\n"
                                 : "ПАО СБЕРБАНК\nОПЛАТА\nСУММА (руб): " + amount + " коп.\nКАРТА МИР ************1234\n" +
                                       "КОД АВТОРИЗАЦИИ: AB1234\nRRN: " + rrn + "\nОДОБРЕНО\n";
    if (control.value("slip_full_pan", false)) slip += "НОМЕР КАРТЫ 4276380012345678\n";  // a badly set up module
    writeFile("p", encode(slip, koi8r));
  };

  if (mode == "hang") {
    if (control.value("ignore_term", false)) ::signal(SIGTERM, SIG_IGN);
    if (control.value("spawn_helper", false)) {
      const pid_t helper = ::fork();
      if (helper == 0) {
        for (int i = 0; i < 600; ++i) ::sleep(1);
        return 0;
      }
      writeFile("helper.pid", std::to_string(helper));
    }
    for (int i = 0; i < 600; ++i) ::sleep(1);
    return 0;
  }
  if (mode == "crash_segv") dieBySegv();
  if (mode == "crash_abort") std::abort();

  const std::string rrn = op == "3" && !args.empty() ? args.back() : "4123456789" + std::to_string(10 + invocation % 90);
  if (mode == "approve" || mode == "crash_after_result") {
    writeApproved(rrn);
    if (op == "1") ledger("purchase", rrn);
    else if (op == "3") ledger("return", rrn);
    else if (op == "7") ledger("day_close", "");
    if (mode == "crash_after_result") dieBySegv();
    return finish("0");
  }
  if (mode == "decline") {
    const std::string code = control.value("code", "4119");
    const std::string text = control.value("text", "Нет связи с банком");
    writeFile("e", encode(code + "," + text + "\n", koi8r));
    return finish(code);
  }
  if (mode == "return_code_only") return finish(control.value("code", "2000"));
  if (mode == "no_output") return finish("0");
  if (mode == "stale") {
    writeApproved(rrn);
    const timespec hour_ago[2] = {{::time(nullptr) - 3600, 0}, {::time(nullptr) - 3600, 0}};
    ::utimensat(AT_FDCWD, "e", hour_ago, 0);
    ::utimensat(AT_FDCWD, "p", hour_ago, 0);
    return finish("0");
  }
  if (mode == "garbage") {
    writeFile("e", std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 18));
    if (print_return) std::printf("garbage written\n");
    return exit_status;
  }
  std::fprintf(stderr, "fake_sb_pilot: unknown mode %s\n", mode.c_str());
  return 4;
}
