#ifndef KANGFU_HTTP_STATIC_FILES_HPP_
#define KANGFU_HTTP_STATIC_FILES_HPP_

// Serves the built web front end from a directory.
//   - "/" and "/index.html" serve index.html with Cache-Control: no-cache (it names the assets).
//   - Hashed assets (a name like "index-3f9a1c2b.js" or "app.3f9a1c2b.css": a '-' or '.' then at
//     least 8 characters of [A-Za-z0-9_], or exactly 8 of [A-Za-z0-9_-] as Rollup's default
//     base64url hash, in either case with at least one digit, before the extension) are
//     immutable: Cache-Control: public, max-age=31536000, immutable. Other files: no-cache.
//   - A path without an extension that names no file (a front-end route such as "/persons/7")
//     serves index.html, so deep links work; paths under /api/ never fall back.
//   - Paths with "..", a backslash or a NUL, and anything that is not a regular file inside the
//     root, are not served.

#include <filesystem>
#include <optional>
#include <string_view>

#include "http/message.hpp"

namespace kangfu::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

  // The response for a GET of the decoded `path`, or nullopt when nothing is served for it (the
  // caller answers 404). HEAD callers drop the body themselves.
  std::optional<Response> Serve(std::string_view path) const;

  // The Content-Type for a file name, by extension; application/octet-stream when unknown.
  static std::string_view ContentType(std::string_view file_name);
  static bool IsHashedAsset(std::string_view file_name);

 private:
  std::optional<Response> ServeFile(const std::filesystem::path& file, bool immutable) const;

  std::filesystem::path root_;
};

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_STATIC_FILES_HPP_
