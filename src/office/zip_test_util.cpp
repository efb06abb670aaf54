#include "office/zip_test_util.hpp"

#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace kangfu::office::testing {

std::string MakeZip(const ZipEntries& entries) {
  std::string path = "/tmp/kangfu-zip-test-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) std::abort();
  close(fd);
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_TRUNCATE, &error);
  if (zip == nullptr) std::abort();
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
      std::abort();
    }
  }
  if (zip_close(zip) != 0) std::abort();
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unlink(path.c_str());
  return bytes;
}

std::string ReadZipEntry(const std::string& zip_bytes, const std::string& name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(zip_bytes.data(), zip_bytes.size(), 0, &error);
  zip_t* zip = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    if (source != nullptr) zip_source_free(source);
    return "<missing>";
  }
  std::string content = "<missing>";
  zip_stat_t stat;
  if (zip_stat(zip, name.c_str(), 0, &stat) == 0) {
    zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
    if (file != nullptr) {
      content.assign(stat.size, '\0');
      zip_int64_t got = zip_fread(file, content.data(), content.size());
      if (got < 0) content = "<missing>";
      zip_fclose(file);
    }
  }
  zip_discard(zip);
  return content;
}

}  // namespace kangfu::office::testing
