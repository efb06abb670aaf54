#ifndef KANGFU_HTTP_SERVER_HPP_
#define KANGFU_HTTP_SERVER_HPP_

// The HTTP/1.1 server (Boost.Beast inside server.cpp only). Keep-alive, a pool of threads running
// one io_context, limits on header and body size, idle and read timeouts, and a graceful stop:
// stop accepting, close idle connections, let requests in flight finish (each then closes its
// connection), and give up after the shutdown timeout.
//
// Built-in routes (added to the router given to the constructor):
//   GET /healthz  200 "ok" while the process runs
//   GET /readyz   200 when the readiness callback returns true (or there is none), else 503
//   GET /metrics  Prometheus text

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace spdlog {
class logger;  // NOLINT(readability-identifier-naming): spdlog's own name
}  // namespace spdlog

namespace kangfu::http {

class Dispatcher;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                          // 0 picks a free port (see Server::port())
  int threads = 0;                                    // 0: one per hardware thread
  std::size_t body_limit = std::size_t{1024} * 1024;  // JSON and every other route
  // Routes marked with Router::MarkUpload (file uploads: ledger imports, spreadsheets,
  // documents); decided per request from its head, before the body is read.
  std::size_t upload_body_limit = std::size_t{64} * 1024 * 1024;
  std::size_t header_limit = std::size_t{16} * 1024;
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};  // one whole request
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};  // keep-alive wait
  std::chrono::milliseconds shutdown_timeout{std::chrono::seconds(20)};
  std::optional<std::filesystem::path> static_dir;
  std::function<bool()> readiness;         // null: always ready
  std::shared_ptr<spdlog::logger> logger;  // null: spdlog's default logger
  // Called once by Start() with the bound port, before the workers run (e.g. to print the URL).
  std::function<void(std::uint16_t port)> on_listening;
};

class Server {
 public:
  // Adds the built-in routes to `router`. Fails (Start() returns the error) only when `router`
  // already has one of them.
  Server(ServerOptions options, Router router);
  ~Server();  // Stop()s if still running.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the worker threads; returns at once.
  // Errors: unavailable "server.listen_failed" (address in use, bad address, permission) with the
  // Chinese reason; failed_precondition "server.started" when called twice.
  Status Start();

  // The bound port (useful with port 0); 0 before Start().
  std::uint16_t port() const;

  // Graceful stop; blocks until every connection has closed or the shutdown timeout passed, then
  // joins the workers. Safe to call more than once and from any thread except a worker.
  void Stop();

  // True from the moment Stop() begins.
  bool stopping() const;

  // Starts, waits for SIGTERM or SIGINT, then Stop()s. The signals are blocked in every thread
  // and taken with sigwait, so no handler runs in a worker. Returns Start()'s error, if any.
  // Threads the program starts before this call must be started after BlockStopSignals().
  Status RunUntilSignalled();

  Dispatcher& dispatcher();

  class Impl;  // Opaque; public only so that server.cpp's connection class can name it.

 private:
  std::unique_ptr<Impl> impl_;
};

// Sets spdlog's default logger to `level` ("info" …; unknown names mean "info") with a
// timestamped key=value pattern, the format of every log line the server writes.
void ConfigureDefaultLogger(std::string_view level);

// Blocks SIGTERM and SIGINT in the calling thread, and so in every thread it starts afterwards,
// leaving them to Server::RunUntilSignalled's sigwait. A thread started before this would take
// the signal with its default action and end the process without a graceful stop.
void BlockStopSignals();

// The status line and header block of `response` as HTTP/1.x puts them on the wire (`version`
// 10 or 11), ending in the empty line: its headers in order, Content-Length `content_length`
// (a HEAD answer states the length of the body it leaves out), and the Connection header that
// `keep_alive` needs at that version ("close" on 1.1, "keep-alive" on 1.0, none otherwise). One
// string, sent with the body in one write: building Beast's header fields (an allocation per
// field) and running its serializer cost a tenth of the server's CPU per answer. Appended to
// `out`, whose memory a connection reuses from answer to answer.
void AppendResponseHead(std::string& out, const Response& response, unsigned version,
                        bool keep_alive, std::size_t content_length);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_SERVER_HPP_
