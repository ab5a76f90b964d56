#include "payment/vtk/event_prompts.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace payment::vtk {

TerminalProgress progressForEvent(std::string_view event_name, std::string_view event_number) {
  std::string upper(event_name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  auto has = [&](const char* word) { return upper.find(word) != std::string::npos; };

  TerminalProgress progress;
  progress.terminal_text = std::string(event_name);
  if (!event_number.empty()) progress.terminal_text += progress.terminal_text.empty() ? std::string(event_number)
                                                                                      : " #" + std::string(event_number);
  if (has("REMOVE")) {
    progress.message_key = "payment.remove_card";
    progress.cancellable = false;
  } else if (has("PIN")) {
    progress.message_key = "payment.enter_pin";
  } else if (has("CARD") || has("TAP") || has("INSERT") || has("PRESENT")) {
    progress.message_key = "payment.insert_card";
  } else {
    // Online authorisation and anything we don't recognise: the money may be moving, so no cancel button.
    progress.message_key = "payment.processing";
    progress.cancellable = false;
  }
  return progress;
}

}  // namespace payment::vtk
