#pragma once
// Made-up dish pictures for the UI preview and the image tests: a plate on a coloured table, the colours derived
// from the reference, encoded as PNG. A reference containing "broken" yields bytes that are not an image;
// "missing" yields a fetch error.
#include <string>

#include "kiosk/common/expected.h"

namespace kiosk::uitest {

Expected<std::string, std::string> previewImageBytes(const std::string& ref, int width = 640, int height = 480);

}  // namespace kiosk::uitest
