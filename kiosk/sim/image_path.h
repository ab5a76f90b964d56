#pragma once
// Menu images are served from the `images/` folder next to the menu file. A request names a file inside it;
// anything that could leave the folder (.., an absolute path, a backslash, a symlink pointing out) is refused.
#include <string>
#include <string_view>

namespace procart_sim {

enum class ImageLookup { Found, Refused, NotFound };

struct ImageFile {
  ImageLookup result = ImageLookup::NotFound;
  std::string path;          // Found: the file to send
  std::string content_type;  // Found: from the extension
};

ImageFile findImage(const std::string& images_dir, std::string_view name);

}  // namespace procart_sim
