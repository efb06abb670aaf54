#include "http/server.hpp"

#include <pthread.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "http/dispatcher.hpp"
#include "http/problem.hpp"

namespace kangfu::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

void AppendResponseHead(std::string& head, const Response& response, unsigned version,
                        bool keep_alive, std::size_t content_length) {
  const beast::string_view reason =
      bhttp::obsolete_reason(bhttp::int_to_status(static_cast<unsigned>(response.status)));
  std::size_t size = head.size() + 64 + reason.size();
  for (const auto& [name, value] : response.headers) size += name.size() + value.size() + 4;
  head.reserve(size);
  head += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  AppendDecimal(head, response.status);
  head += ' ';
  head.append(reason.data(), reason.size());
  head += "\r\n";
  for (const auto& [name, value] : response.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (version == 10 && keep_alive) head += "Connection: keep-alive\r\n";
  if (version != 10 && !keep_alive) head += "Connection: close\r\n";
  head += "Content-Length: ";
  AppendDecimal(head, content_length);
  head += "\r\n\r\n";
}

namespace {

class Connection;

std::string ToStdString(beast::string_view text) { return {text.data(), text.size()}; }

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Router router)
      : options_(std::move(options)),
        logger_(options_.logger ? options_.logger : spdlog::default_logger()),
        dispatcher_(
            std::move(router),
            options_.static_dir ? std::optional<StaticFiles>(*options_.static_dir) : std::nullopt,
            logger_) {}

  Status AddBuiltinRoutes();
  Status Start();
  void Stop();
  void Accept();
  void Register(const std::shared_ptr<Connection>& connection);
  void Unregister(Connection* connection);

  // Declaration order matters: the io_context (and so every pending handler, which may own a
  // Connection) is destroyed before the registry those Connections unregister from.
  ServerOptions options_;
  std::shared_ptr<spdlog::logger> logger_;
  Dispatcher dispatcher_;
  Status builtin_status_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable drained_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  bool started_ = false;
  bool stopped_ = false;
  std::uint16_t port_ = 0;
  net::io_context ioc_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  tcp::acceptor acceptor_{net::make_strand(ioc_)};
  std::vector<std::thread> threads_;
};

namespace {

// One client connection. All of its handlers run on its strand.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, Server::Impl& server)
      : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = peer.address().to_string() + ":" + std::to_string(peer.port());
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { server_.Unregister(this); }

  void Start() {
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Connection::ReadHeader, shared_from_this()));
  }

  // Called on stop: an idle connection (waiting for its next request) is closed now; one with a
  // request in flight closes after answering it.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->in_request_) {
        beast::error_code ec;
        self->stream_.socket().close(ec);
      }
    });
  }

 private:
  void ReadHeader() {
    if (server_.stopping_) return Close();
    parser_.emplace();
    // The header is read under the larger limit (Beast compares a declared Content-Length with
    // the limit while parsing the header); OnHeader then sets the route's own limit.
    body_limit_ = std::max(server_.options_.body_limit, server_.options_.upload_body_limit);
    parser_->body_limit(body_limit_);
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.header_limit));
    stream_.expires_after(server_.options_.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Connection::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    in_request_ = true;
    stream_.expires_after(server_.options_.read_timeout);
    if (parser_->is_done()) return OnRead({}, 0);
    body_limit_ = BodyLimit();
    if (const boost::optional<std::uint64_t> declared = parser_->content_length();
        declared && *declared > body_limit_) {
      return OnReadError(bhttp::error::body_limit);
    }
    parser_->body_limit(body_limit_);  // a chunked body is checked as it arrives
    if (beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
      // The client waits for this before sending the body (curl does for bodies over 1 KiB).
      auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                          parser_->get().version());
      bhttp::async_write(
          stream_, *interim,
          [self = shared_from_this(), interim](beast::error_code write_error, std::size_t) {
            if (write_error) return self->Close();
            self->ReadBody();
          });
      return;
    }
    ReadBody();
  }

  // The body limit of this request, decided from its head before the body is read: upload
  // routes (Router::MarkUpload) take the larger upload limit, every other route the small one.
  // A body declared no larger than the small limit needs no route lookup.
  std::size_t BodyLimit() const {
    const ServerOptions& options = server_.options_;
    if (options.upload_body_limit <= options.body_limit) return options.body_limit;
    if (parser_->is_header_done()) {
      const boost::optional<std::uint64_t> declared = parser_->content_length();
      if (declared && *declared <= options.body_limit) return options.body_limit;
    }
    const auto& head = parser_->get();
    const beast::string_view target = head.target();
    const std::string_view path(target.data(), std::min(target.find('?'), target.size()));
    const beast::string_view method = head.method_string();
    return server_.dispatcher_.router().IsUpload(std::string_view(method.data(), method.size()),
                                                 path)
               ? options.upload_body_limit
               : options.body_limit;
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      in_request_ = true;
      body_limit_ = BodyLimit();  // the limit of the route, which the answer names
      FillRequestHead();
      return Answer(server_.dispatcher_.Fail(request_, BodyTooLarge(body_limit_)),
                    /*keep_alive=*/false);
    }
    if (ec.category() == beast::error_code(bhttp::error::end_of_stream).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      // A malformed request line, header or chunk: answer 400 and close.
      in_request_ = true;
      FillRequestHead();
      return Answer(server_.dispatcher_.Fail(request_, BadRequest(ec.message())), false);
    }
    // End of stream, timeout, reset or cancellation: nothing to answer.
    Close();
  }

  // Copies what was parsed of the request into request_ (for logging and problem instance).
  void FillRequestHead() {
    const auto& message = parser_->get();
    request_.method = ToStdString(message.method_string());
    request_.target = ToStdString(message.target());
    std::string_view target = request_.target;
    std::size_t question = target.find('?');
    request_.path = std::string(target.substr(0, question));
    request_.query = question == std::string_view::npos ? std::string()
                                                        : std::string(target.substr(question + 1));
    request_.headers.clear();
    for (const auto& field : message) {
      std::string name = ToStdString(field.name_string());
      for (char& c : name) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      request_.headers.emplace_back(std::move(name), ToStdString(field.value()));
    }
    request_.remote = remote_;
  }

  void OnRead(beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return OnReadError(ec);
    FillRequestHead();
    bool keep_alive = parser_->get().keep_alive();
    version_ = parser_->get().version();
    request_.body = std::move(parser_->get().body());
    // A plain route answers at once, here on this connection's strand. A deferred route
    // completes on another thread (the leader of a group commit): the hop brings the rest of
    // the work (rendering the body, headers, metrics, log) and the answer onto this strand, so
    // the leader only posts. request_ is not touched until then.
    server_.dispatcher_.HandleAsync(
        request_,
        [self = shared_from_this(), keep_alive](Response response) {
          self->Answer(std::move(response), keep_alive);
        },
        [self = shared_from_this()](std::function<void()> work) {
          net::post(self->stream_.get_executor(), std::move(work));
        });
  }

  void Answer(Response response, bool keep_alive) {
    close_after_ = !keep_alive || server_.stopping_;
    head_.clear();
    AppendResponseHead(head_, response, version_, !close_after_, response.body.size());
    body_.clear();
    if (request_.method != "HEAD") body_ = std::move(response.body);
    request_ = {};
    stream_.expires_after(server_.options_.read_timeout);
    const std::array<net::const_buffer, 2> out = {net::buffer(head_), net::buffer(body_)};
    net::async_write(stream_, out,
                     beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t /*bytes*/) {
    in_request_ = false;
    head_.clear();
    body_ = {};  // a large body's memory goes back now, not at the next answer
    if (ec) return Close();
    if (close_after_) return LingeringClose();
    ReadHeader();
  }

  // Stop sending, then read and discard what the client still sends (an oversize body) for a
  // short while, so that closing does not reset the connection before it read our answer.
  void LingeringClose() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->Close();
                              self->Drain();
                            });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  Server::Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;  // the answer being written: AppendResponseHead, then the body
  std::string body_;
  Request request_;
  std::string remote_;
  unsigned version_ = 11;
  std::size_t body_limit_ = 0;  // of the request being read
  bool in_request_ = false;
  bool close_after_ = false;
  std::array<char, 4096> discard_{};
};

}  // namespace

void Server::Impl::Register(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  connections_.emplace(connection.get(), connection);
}

void Server::Impl::Unregister(Connection* connection) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection);
  if (connections_.empty()) drained_.notify_all();
}

Status Server::Impl::AddBuiltinRoutes() {
  Router& router = dispatcher_.router();
  KANGFU_RETURN_IF_ERROR(router.Add(
      "GET", "/healthz", [](Request&) -> Result<Response> { return Response::Text(200, "ok\n"); }));
  KANGFU_RETURN_IF_ERROR(router.Add("GET", "/readyz", [this](Request&) -> Result<Response> {
    bool ready = !stopping_ && (!options_.readiness || options_.readiness());
    if (!ready) {
      return Status::Error(ErrorCode::kUnavailable, "server.not_ready",
                           "服务尚未就绪或正在停止，请稍后重试");
    }
    return Response::Text(200, "ready\n");
  }));
  return router.Add("GET", "/metrics", [this](Request&) -> Result<Response> {
    return Response::Text(200, dispatcher_.metrics().Render(),
                          "text/plain; version=0.0.4; charset=utf-8");
  });
}

Status Server::Impl::Start() {
  if (started_) {
    return Status::Error(ErrorCode::kFailedPrecondition, "server.started",
                         "服务已启动，不能重复启动");
  }
  KANGFU_RETURN_IF_ERROR(builtin_status_);
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(options_.address, ec);
  if (ec) {
    return Status::Error(ErrorCode::kUnavailable, "server.listen_failed",
                         "监听地址无效：" + options_.address, "listen");
  }
  tcp::endpoint endpoint(address, options_.port);
  auto fail = [&](std::string_view step) {
    return Status::Error(ErrorCode::kUnavailable, "server.listen_failed",
                         "无法在 " + options_.address + ":" + std::to_string(options_.port) +
                             " 上监听（" + ec.message() + "），请检查端口是否已被占用",
                         "listen")
        .WithInternal(std::string(step) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return fail("reuse_address");
  acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  port_ = acceptor_.local_endpoint(ec).port();
  started_ = true;
  if (options_.on_listening) options_.on_listening(port_);
  work_.emplace(ioc_.get_executor());
  Accept();
  int count = options_.threads > 0
                  ? options_.threads
                  : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  threads_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { ioc_.run(); });
  logger_->info("event=listening address={} port={} threads={}", options_.address, port_, count);
  return Status::Ok();
}

void Server::Impl::Accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      logger_->warn("event=accept_failed error=\"{}\"", ec.message());
    } else if (!stopping_) {
      auto connection = std::make_shared<Connection>(std::move(socket), *this);
      Register(connection);
      connection->Start();
    }
    if (!stopping_) Accept();
  });
}

void Server::Impl::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!started_ || stopped_) return;
    stopped_ = true;
  }
  stopping_ = true;
  logger_->info("event=stopping");
  std::promise<void> closed;
  net::post(acceptor_.get_executor(), [this, &closed] {
    beast::error_code ec;
    acceptor_.close(ec);
    closed.set_value();
  });
  closed.get_future().wait();
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [raw, weak] : connections_) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
  }
  for (auto& connection : live) connection->CloseIfIdle();
  live.clear();
  {
    std::unique_lock lock(mutex_);
    bool drained =
        drained_.wait_for(lock, options_.shutdown_timeout, [this] { return connections_.empty(); });
    if (!drained) {
      logger_->warn("event=shutdown_timeout connections={}", connections_.size());
    }
  }
  work_.reset();
  ioc_.stop();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  logger_->info("event=stopped");
}

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {
  impl_->builtin_status_ = impl_->AddBuiltinRoutes();
}

Server::~Server() { Stop(); }

Status Server::Start() { return impl_->Start(); }

std::uint16_t Server::port() const { return impl_->port_; }

void Server::Stop() { impl_->Stop(); }

bool Server::stopping() const { return impl_->stopping_; }

Dispatcher& Server::dispatcher() { return impl_->dispatcher_; }

void ConfigureDefaultLogger(std::string_view level) {
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");
}

namespace {

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  return signals;
}

}  // namespace

void BlockStopSignals() {
  const sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

Status Server::RunUntilSignalled() {
  const sigset_t signals = StopSignals();
  // Blocked before the workers start, so they inherit the mask and only sigwait sees them.
  BlockStopSignals();
  KANGFU_RETURN_IF_ERROR(Start());
  int received = 0;
  sigwait(&signals, &received);
  impl_->logger_->info("event=signal signal={}", received);
  Stop();
  return Status::Ok();
}

}  // namespace kangfu::http
