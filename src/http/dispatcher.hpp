#ifndef KANGFU_HTTP_DISPATCHER_HPP_
#define KANGFU_HTTP_DISPATCHER_HPP_

// The transport-independent half of the server: turns a parsed Request into a Response.
// Routing, static files, problem+json for every failure, security headers, request ids,
// metrics and the access log all happen here, so they are tested without sockets.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace spdlog {
class logger;  // NOLINT(readability-identifier-naming): spdlog's own name
}  // namespace spdlog

namespace kangfu::http {

// The headers added to every response (a handler may not remove them).
//   Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; base-uri 'self';
//                            form-action 'self'; object-src 'none'
//   X-Content-Type-Options: nosniff, X-Frame-Options: DENY, Referrer-Policy: no-referrer,
//   Cross-Origin-Opener-Policy: same-origin
// and Cache-Control: no-store unless the response set its own.
void AddSecurityHeaders(Response& response);

// A request id from the client is kept when it is 1–128 characters of [A-Za-z0-9._:-];
// otherwise a random 128-bit hex id is generated.
bool IsAcceptableRequestId(std::string_view id);
std::string NewRequestId();

class Dispatcher {
 public:
  // `logger` may be null: spdlog's default logger is used. `static_files` may be empty.
  Dispatcher(Router router, std::optional<StaticFiles> static_files,
             std::shared_ptr<spdlog::logger> logger);

  // Answers one request. Never throws. Sets request.request_id. The body of a HEAD response is
  // kept (the transport sends only its length).
  Response Handle(Request& request);

  // The same, for a transport that need not wait: `answer` gets the response, at once for a
  // plain route, or later (possibly on another thread) for a deferred one
  // (Router::Add(DeferredHandler)). `request` must stay valid and untouched until then.
  // A deferred route completes on its handler's thread (the read batch's leader, holding the
  // database); with `hop`, the finishing of its response — a body to render (render_body),
  // security headers, metrics, the access log — and `answer` are handed to `hop` instead, which
  // runs them where the transport wants them (the connection's executor). Without it (tests,
  // Handle) they run on the completing thread.
  using Hop = std::function<void(std::function<void()>)>;
  void HandleAsync(Request& request, std::function<void(Response)> answer, Hop hop = {});

  // The response for a transport-level failure (oversize body, unparsable request): a
  // problem+json with security headers, counted and logged like any other request.
  Response Fail(Request& request, const Status& status);

  Router& router() { return router_; }
  Metrics& metrics() { return metrics_; }

 private:
  // Sets the request id and counts the request as started.
  std::chrono::steady_clock::time_point Begin(Request& request);
  Response Answer(Request& request, RouteMatch match,
                  std::chrono::steady_clock::time_point started);
  Response Finish(Request& request, Result<Response> result, std::string_view route,
                  std::chrono::steady_clock::time_point started);

  Router router_;
  std::optional<StaticFiles> static_files_;
  std::shared_ptr<spdlog::logger> logger_;
  Metrics metrics_;
};

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_DISPATCHER_HPP_
