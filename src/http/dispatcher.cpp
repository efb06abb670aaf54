#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <array>
#include <random>

#include "http/problem.hpp"

namespace kangfu::http {

void AddSecurityHeaders(Response& response) {
  response.SetHeader("Content-Security-Policy",
                     "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
                     "form-action 'self'; object-src 'none'");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Referrer-Policy", "no-referrer");
  response.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (response.Header("Cache-Control").empty()) response.SetHeader("Cache-Control", "no-store");
}

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // Request ids correlate log lines; they are not secrets, so a per-thread PRNG is enough.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t half = 0; half < 2; ++half) {
    std::uint64_t bits = engine();
    for (std::size_t i = 0; i < 16; ++i) {
      id[half * 16 + i] = kHex[bits & 0xF];
      bits >>= 4;
    }
  }
  return id;
}

Dispatcher::Dispatcher(Router router, std::optional<StaticFiles> static_files,
                       std::shared_ptr<spdlog::logger> logger)
    : router_(std::move(router)),
      static_files_(std::move(static_files)),
      logger_(logger ? std::move(logger) : spdlog::default_logger()) {}

std::chrono::steady_clock::time_point Dispatcher::Begin(Request& request) {
  auto started = std::chrono::steady_clock::now();
  metrics_.RequestStarted();
  std::string_view client_id = request.Header("x-request-id");
  request.request_id = IsAcceptableRequestId(client_id) ? std::string(client_id) : NewRequestId();
  return started;
}

Response Dispatcher::Handle(Request& request) {
  auto started = Begin(request);
  return Answer(request, router_.Match(request.method, request.path), started);
}

void Dispatcher::HandleAsync(Request& request, std::function<void(Response)> answer, Hop hop) {
  auto started = Begin(request);
  RouteMatch match = router_.Match(request.method, request.path);
  if (match.kind != RouteMatch::Kind::kFound || match.deferred == nullptr) {
    answer(Answer(request, std::move(match), started));
    return;
  }
  request.params = std::move(match.params);
  auto finish = [this, &request, route = std::move(match.pattern), started,
                 answer = std::move(answer), hop = std::move(hop)](Result<Response> result) {
    if (!hop) {
      answer(Finish(request, std::move(result), route, started));
      return;
    }
    // Copies: `finish` itself may be gone (its owner destroyed) before the hop runs this.
    hop([this, &request, route, started, answer, result = std::move(result)]() mutable {
      answer(Finish(request, std::move(result), route, started));
    });
  };
  // A deferred handler throws only before it called `done` (its contract).
  try {
    (*match.deferred)(request, finish);
  } catch (const std::exception& e) {
    finish(Status::Internal(std::string("handler threw: ") + e.what()));
  } catch (...) {
    finish(Status::Internal("handler threw a non-standard exception"));
  }
}

Response Dispatcher::Answer(Request& request, RouteMatch match,
                            std::chrono::steady_clock::time_point started) {
  switch (match.kind) {
    case RouteMatch::Kind::kFound: {
      request.params = std::move(match.params);
      Result<Response> result = Status::Internal("handler did not run");
      try {
        result = (*match.handler)(request);
      } catch (const std::exception& e) {
        result = Status::Internal(std::string("handler threw: ") + e.what());
      } catch (...) {
        result = Status::Internal("handler threw a non-standard exception");
      }
      return Finish(request, std::move(result), match.pattern, started);
    }
    case RouteMatch::Kind::kMethodNotAllowed: {
      Response response = Finish(request, MethodNotAllowed(request.method), "unmatched", started);
      std::string allow;
      for (const std::string& method : match.allowed) {
        if (!allow.empty()) allow += ", ";
        allow += method;
      }
      response.SetHeader("Allow", allow);
      return response;
    }
    case RouteMatch::Kind::kNotFound:
      break;
  }
  if (static_files_ && (request.method == "GET" || request.method == "HEAD")) {
    if (std::optional<Response> file = static_files_->Serve(request.path)) {
      return Finish(request, std::move(*file), "static", started);
    }
  }
  return Finish(request, RouteNotFound(request.path), "unmatched", started);
}

Response Dispatcher::Fail(Request& request, const Status& status) {
  auto started = std::chrono::steady_clock::now();
  metrics_.RequestStarted();
  if (request.request_id.empty()) {
    std::string_view client_id = request.Header("x-request-id");
    request.request_id = IsAcceptableRequestId(client_id) ? std::string(client_id) : NewRequestId();
  }
  return Finish(request, status, "unmatched", started);
}

Response Dispatcher::Finish(Request& request, Result<Response> result, std::string_view route,
                            std::chrono::steady_clock::time_point started) {
  if (result.ok() && result->render_body) {
    // Rendered here, outside the handler's own guard: a throw (nlohmann refuses invalid UTF-8)
    // must become a 500 like any handler's, not escape into the transport's thread.
    try {
      result->body = result->render_body();
      result->render_body = nullptr;
    } catch (const std::exception& e) {
      result = Status::Internal(std::string("rendering the body threw: ") + e.what());
    } catch (...) {
      result = Status::Internal("rendering the body threw a non-standard exception");
    }
  }
  Response response;
  if (result.ok()) {
    response = std::move(result).value();
  } else {
    const Status& status = result.status();
    response = ProblemResponse(status, request.path, request.request_id);
    if (response.status >= 500) {
      logger_->error("request_id={} problem={} internal=\"{}\"", request.request_id,
                     status.reason(), status.internal());
    } else if (!status.internal().empty()) {
      logger_->info("request_id={} problem={} internal=\"{}\"", request.request_id, status.reason(),
                    status.internal());
    }
  }
  AddSecurityHeaders(response);
  response.SetHeader("X-Request-Id", request.request_id);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.Observe(request.method, route, response.status, seconds);
  metrics_.RequestFinished();
  logger_->info(
      "request_id={} method={} path=\"{}\" route=\"{}\" status={} duration_ms={:.3f} bytes={} "
      "remote={}",
      request.request_id, request.method, request.path, route, response.status, seconds * 1000,
      response.body.size(), request.remote);
  return response;
}

}  // namespace kangfu::http
