#pragma once
// CRC-32 (IEEE 802.3, the zlib/PNG polynomial) over journal record payloads.
#include <cstdint>
#include <string_view>

namespace payment::journal {

uint32_t crc32(std::string_view data);

}  // namespace payment::journal
