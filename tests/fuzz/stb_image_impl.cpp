// stb_image, stb_image_resize and stb_image_write compiled into the image fuzz target (instrumented), instead of
// Debian's prebuilt libstb.so. Same header files as the library is built from (package libstb-dev).
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
