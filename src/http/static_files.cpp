#include "http/static_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace kangfu::http {

namespace {

std::string_view Extension(std::string_view name) {
  std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(dot);
}

}  // namespace

std::string_view StaticFiles::ContentType(std::string_view file_name) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".pdf", "application/pdf"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
  };
  std::string_view extension = Extension(file_name);
  for (const auto& [ext, type] : kTypes) {
    if (ext == extension) return type;
  }
  return "application/octet-stream";
}

bool StaticFiles::IsHashedAsset(std::string_view file_name) {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string_view stem = file_name.substr(0, dot);
  auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  // A content hash has a digit; a word such as "component" does not, and wrongly calling a file
  // immutable is the harmful mistake (browsers would keep a stale copy for a year).
  std::size_t separator = stem.find_last_of("-.");
  if (separator == std::string_view::npos) return false;
  std::string_view hash = stem.substr(separator + 1);
  if (hash.size() >= 8 && std::all_of(hash.begin(), hash.end(), is_word) &&
      std::any_of(hash.begin(), hash.end(), is_digit)) {
    return true;
  }
  // Rollup's default hash is 8 characters of base64url, which may itself contain '-'
  // ("index-B-x9aZ_1.js"): accept a separator followed by exactly 8 such characters.
  constexpr std::size_t kRollupHash = 8;
  if (stem.size() <= kRollupHash) return false;
  char before = stem[stem.size() - kRollupHash - 1];
  if (before != '-' && before != '.') return false;
  std::string_view tail = stem.substr(stem.size() - kRollupHash);
  return std::all_of(tail.begin(), tail.end(), [&](char c) { return is_word(c) || c == '-'; }) &&
         std::any_of(tail.begin(), tail.end(), is_digit);
}

std::optional<Response> StaticFiles::ServeFile(const std::filesystem::path& file,
                                               bool immutable) const {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  std::string name = file.filename().string();
  Response response = Response::Text(200, std::move(content).str(), std::string(ContentType(name)));
  response.SetHeader("Cache-Control",
                     immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

std::optional<Response> StaticFiles::Serve(std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view relative = path.substr(1);
  if (relative.empty() || relative == "index.html") return ServeFile(root_ / "index.html", false);
  std::string_view name = relative.substr(relative.rfind('/') + 1);
  std::optional<Response> file =
      ServeFile(root_ / std::filesystem::path(relative), IsHashedAsset(name));
  if (file) return file;
  bool is_api = path.rfind("/api/", 0) == 0 || path == "/api";
  if (!is_api && Extension(name).empty()) return ServeFile(root_ / "index.html", false);
  return std::nullopt;
}

}  // namespace kangfu::http
