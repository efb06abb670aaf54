#ifndef KANGFU_HTTP_ROUTER_HPP_
#define KANGFU_HTTP_ROUTER_HPP_

// A small explicit router: routes are added in code (no static registration), matched by method
// and a path pattern whose segments are literals or `{name}` parameters. The router can list its
// routes so that a test can check that every route has an authorisation entry.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "http/message.hpp"

namespace kangfu::http {

// A handler answers a request, or fails with a Status that the server renders as problem+json
// (and whose internal message it logs). Exceptions escaping a handler become internal errors.
using Handler = std::function<Result<Response>(Request&)>;

// A deferred handler answers later, possibly on another thread, so that the server's thread need
// not wait (e.g. for a group commit): it calls `done` exactly once, and must not throw after
// calling it. The request stays valid (and untouched by the server) until `done` is called.
using Done = std::function<void(Result<Response>)>;
using DeferredHandler = std::function<void(Request&, Done)>;

struct RouteInfo {
  std::string method;   // "GET"
  std::string pattern;  // "/api/v1/persons/{id}"

  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

// The outcome of matching one request.
struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Handler* handler = nullptr;  // set when kFound (for a deferred route: waits for it)
  const DeferredHandler* deferred = nullptr;  // set when kFound and the route is deferred
  std::string pattern;                        // the matched pattern when kFound (the metrics label)
  std::vector<std::pair<std::string, std::string>> params;  // when kFound
  std::vector<std::string> allowed;  // methods that exist for the path when kMethodNotAllowed
  bool upload = false;  // when kFound: the route takes files (the larger body limit applies)
};

class Router {
 public:
  // Adds a route. Fails with invalid_argument "route.invalid" when the pattern does not start
  // with '/', has an empty or malformed `{}` segment, or repeats a parameter name; fails with
  // already_exists "route.duplicate" when the same method and an equivalent pattern (same
  // literals, parameters at the same places) is already registered.
  Status Add(std::string method, std::string pattern, Handler handler);
  // Adds a deferred route (same checks). RouteMatch::handler then calls it and blocks until it
  // answered, for callers that want an answer in hand (tests); the server uses
  // RouteMatch::deferred.
  Status Add(std::string method, std::string pattern, DeferredHandler handler);

  // Matches a decoded path. Literal segments win over parameters at the same depth, so
  // "/persons/search" and "/persons/{id}" can coexist. A HEAD request matches a GET route.
  // Parameter values are percent-decoded. Trailing slashes are significant ("/a/" ≠ "/a").
  RouteMatch Match(std::string_view method, std::string_view path) const;

  // Marks the route `method` `pattern` (as registered) as an upload route: the server reads its
  // body with ServerOptions::upload_body_limit instead of body_limit. kNotFound "route.unknown"
  // when no such route is registered (so a renamed route cannot silently lose its limit).
  Status MarkUpload(std::string_view method, std::string_view pattern);

  // Whether a request for `method` `path` goes to an upload route (decided from the request
  // head, before its body is read).
  bool IsUpload(std::string_view method, std::string_view path) const;

  // Every route in registration order.
  std::vector<RouteInfo> Routes() const;

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  struct Route {
    RouteInfo info;
    std::vector<Segment> segments;
    Handler handler;
    DeferredHandler deferred;  // empty for a plain route
    bool upload = false;
  };
  const Route* Find(std::string_view method, const std::vector<std::string_view>& parts,
                    std::vector<std::string>* allowed) const;
  static bool MatchSegments(const Route& route, const std::vector<std::string_view>& parts,
                            std::vector<std::pair<std::string, std::string>>* params);
  // Lower is more specific: literals before parameters, compared segment by segment.
  static bool MoreSpecific(const Route& a, const Route& b);

  std::vector<Route> routes_;
};

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_ROUTER_HPP_
