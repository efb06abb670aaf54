#include "http/router.hpp"

#include <algorithm>
#include <future>
#include <memory>
#include <set>

namespace kangfu::http {

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  // path starts with '/'; "/" has one empty segment, "/a/" has "a" and "".
  std::size_t start = 1;
  while (true) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(path.substr(start));
      break;
    }
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool ValidParamName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

Status Router::Add(std::string method, std::string pattern, DeferredHandler handler) {
  auto shared = std::make_shared<const DeferredHandler>(handler);
  Handler waiting = [shared](Request& request) -> Result<Response> {
    std::promise<Result<Response>> answer;
    std::future<Result<Response>> answered = answer.get_future();
    (*shared)(request, [&answer](Result<Response> result) { answer.set_value(std::move(result)); });
    return answered.get();
  };
  KANGFU_RETURN_IF_ERROR(Add(std::move(method), std::move(pattern), std::move(waiting)));
  routes_.back().deferred = std::move(handler);
  return Status::Ok();
}

Status Router::Add(std::string method, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') {
    return Status::Invalid("pattern", "route.invalid", "路由路径必须以 / 开头：" + pattern);
  }
  Route route;
  std::set<std::string, std::less<>> names;
  for (std::string_view part : SplitPath(pattern)) {
    Segment segment;
    if (!part.empty() && part.front() == '{') {
      if (part.back() != '}' || !ValidParamName(part.substr(1, part.size() - 2))) {
        return Status::Invalid("pattern", "route.invalid", "路由参数格式错误：" + pattern);
      }
      segment.text = std::string(part.substr(1, part.size() - 2));
      segment.is_param = true;
      if (!names.insert(segment.text).second) {
        return Status::Invalid("pattern", "route.invalid", "路由参数重名：" + pattern);
      }
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        return Status::Invalid("pattern", "route.invalid", "路由参数格式错误：" + pattern);
      }
      segment.text = std::string(part);
    }
    route.segments.push_back(std::move(segment));
  }
  for (const Route& existing : routes_) {
    if (existing.info.method != method || existing.segments.size() != route.segments.size()) {
      continue;
    }
    bool same = true;
    for (std::size_t i = 0; i < route.segments.size() && same; ++i) {
      const Segment& a = existing.segments[i];
      const Segment& b = route.segments[i];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) {
      std::string message = "路由重复：";
      message += method;
      message += ' ';
      message += pattern;
      return Status::Error(ErrorCode::kAlreadyExists, "route.duplicate", std::move(message),
                           "pattern");
    }
  }
  route.info = RouteInfo{std::move(method), std::move(pattern)};
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
  return Status::Ok();
}

bool Router::MatchSegments(const Route& route, const std::vector<std::string_view>& parts,
                           std::vector<std::pair<std::string, std::string>>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = route.segments[i];
    if (segment.is_param) {
      if (parts[i].empty()) return false;
    } else if (segment.text != parts[i]) {
      return false;
    }
  }
  if (params != nullptr) {
    params->clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (route.segments[i].is_param) {
        params->emplace_back(route.segments[i].text, PercentDecode(parts[i]));
      }
    }
  }
  return true;
}

bool Router::MoreSpecific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return false;
}

const Router::Route* Router::Find(std::string_view method,
                                  const std::vector<std::string_view>& parts,
                                  std::vector<std::string>* allowed) const {
  std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (!MatchSegments(route, parts, nullptr)) continue;
    if (route.info.method == wanted) {
      if (best == nullptr || MoreSpecific(route, *best)) best = &route;
    } else if (allowed != nullptr &&
               std::find(allowed->begin(), allowed->end(), route.info.method) == allowed->end()) {
      allowed->push_back(route.info.method);
    }
  }
  return best;
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  if (path.empty() || path.front() != '/') return result;
  std::vector<std::string_view> parts = SplitPath(path);
  const Route* best = Find(method, parts, &result.allowed);
  if (best != nullptr) {
    result.kind = RouteMatch::Kind::kFound;
    result.handler = &best->handler;
    if (best->deferred) result.deferred = &best->deferred;
    result.pattern = best->info.pattern;
    result.upload = best->upload;
    result.allowed.clear();
    MatchSegments(*best, parts, &result.params);
    return result;
  }
  if (!result.allowed.empty()) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    std::sort(result.allowed.begin(), result.allowed.end());
  }
  return result;
}

Status Router::MarkUpload(std::string_view method, std::string_view pattern) {
  for (Route& route : routes_) {
    if (route.info.method == method && route.info.pattern == pattern) {
      route.upload = true;
      return Status::Ok();
    }
  }
  std::string message = "未找到要设为上传的路由：";
  message += method;
  message += ' ';
  message += pattern;
  return Status::NotFound("route.unknown", std::move(message), "pattern");
}

bool Router::IsUpload(std::string_view method, std::string_view path) const {
  if (path.empty() || path.front() != '/') return false;
  const Route* route = Find(method, SplitPath(path), nullptr);
  return route != nullptr && route->upload;
}

std::vector<RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const Route& route : routes_) out.push_back(route.info);
  return out;
}

}  // namespace kangfu::http
