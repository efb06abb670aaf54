#ifndef KANGFU_OFFICE_ZIP_TEST_UTIL_HPP_
#define KANGFU_OFFICE_ZIP_TEST_UTIL_HPP_

// Test helpers: build a zip archive in memory from (name, content) pairs, and read one entry back.

#include <string>
#include <utility>
#include <vector>

namespace kangfu::office::testing {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Returns the zip bytes; aborts the test program on a libzip failure (a test setup bug).
std::string MakeZip(const ZipEntries& entries);

// Returns the entry's content, or "<missing>" when there is no such entry.
std::string ReadZipEntry(const std::string& zip_bytes, const std::string& name);

}  // namespace kangfu::office::testing

#endif  // KANGFU_OFFICE_ZIP_TEST_UTIL_HPP_
