// Loopback tests: a real server on an ephemeral port, driven by a Beast client.

#include "http/server.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "http/dispatcher.hpp"
#include "http/json_body.hpp"

namespace kangfu::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using ClientResponse = bhttp::response<bhttp::string_body>;

std::shared_ptr<spdlog::logger> QuietLogger() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

// A blocking client over one connection.
class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  }

  ClientResponse Send(bhttp::verb method, const std::string& target, const std::string& body = "",
                      const std::string& content_type = "") {
    bhttp::request<bhttp::string_body> request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket_, request);
    return Read();
  }

  void SendRaw(const std::string& bytes) { net::write(socket_, net::buffer(bytes)); }

  ClientResponse Read() {
    ClientResponse response;
    bhttp::read(socket_, buffer_, response);
    return response;
  }

  // Reads a response to HEAD: headers only, whatever Content-Length says.
  bhttp::response<bhttp::empty_body> ReadHeadResponse() {
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);
    bhttp::read(socket_, buffer_, parser);
    return parser.release();
  }

  // True when the server has closed the connection (read returns end of stream).
  bool ClosedByServer() {
    char byte = 0;
    beast::error_code ec;
    socket_.read_some(net::buffer(&byte, 1), ec);
    return ec == net::error::eof || ec == net::error::connection_reset;
  }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

nlohmann::json Problem(const ClientResponse& response) {
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json; charset=utf-8");
  return nlohmann::json::parse(response.body());
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Router router;
    ASSERT_TRUE(router
                    .Add("POST", "/api/v1/echo",
                         [](Request& request) -> Result<Response> {
                           Result<nlohmann::json> body = ParseJsonBody(request);
                           if (!body.ok()) return std::move(body).TakeStatus();
                           return Response::Json(200, body->dump());
                         })
                    .ok());
    ASSERT_TRUE(router
                    .Add("GET", "/slow",
                         [this](Request&) -> Result<Response> {
                           entered_.set_value();
                           release_.get_future().wait();
                           return Response::Text(200, "done");
                         })
                    .ok());
    ASSERT_TRUE(router
                    .Add("POST", "/upload/{id}",
                         [](Request& request) -> Result<Response> {
                           return Response::Text(200, std::to_string(request.body.size()));
                         })
                    .ok());
    ASSERT_TRUE(router.MarkUpload("POST", "/upload/{id}").ok());
    ASSERT_TRUE(
        router
            .Add("GET", "/deferred/{id}", DeferredHandler([this](Request& request, Done done) {
                   // Answered from a thread of its own, after the handler returned.
                   std::lock_guard lock(answerers_mutex_);
                   answerers_.emplace_back([&request, done = std::move(done)] {
                     done(Response::Text(200, std::string(request.Param("id"))));
                   });
                 }))
            .ok());
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.body_limit = 1024;
    options.upload_body_limit = 4096;
    options.shutdown_timeout = std::chrono::seconds(60);
    options.readiness = [this] { return ready_.load(); };
    options.logger = QuietLogger();
    server_ = std::make_unique<Server>(std::move(options), std::move(router));
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    ASSERT_NE(server_->port(), 0);
  }

  // The answerers first: each holds its connection until its thread ends.
  void TearDown() override {
    for (std::thread& answerer : answerers_) answerer.join();
    server_.reset();
  }

  std::mutex answerers_mutex_;
  std::vector<std::thread> answerers_;
  std::unique_ptr<Server> server_;
  std::promise<void> entered_;
  std::promise<void> release_;
  std::atomic<bool> ready_{true};
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Client client(server_->port());
  for (int i = 0; i < 3; ++i) {
    ClientResponse response = client.Send(bhttp::verb::get, "/healthz");
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "ok\n");
    EXPECT_TRUE(response.keep_alive());
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(response["X-Frame-Options"], "DENY");
    EXPECT_EQ(response["X-Request-Id"].size(), 32U);
  }
  ClientResponse echoed =
      client.Send(bhttp::verb::post, "/api/v1/echo", "{\"名\":\"张三\"}", "application/json");
  EXPECT_EQ(echoed.result_int(), 200);
  EXPECT_EQ(echoed.body(), "{\"名\":\"张三\"}");
}

TEST_F(ServerTest, DeferredRoutesAnswerFromAnotherThreadOnAKeptAliveConnection) {
  Client client(server_->port());
  for (const char* id : {"1", "2", "3"}) {
    ClientResponse response = client.Send(bhttp::verb::get, std::string("/deferred/") + id);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), id);
    EXPECT_TRUE(response.keep_alive());
    EXPECT_EQ(response["X-Frame-Options"], "DENY");
  }
  EXPECT_EQ(client.Send(bhttp::verb::get, "/healthz").body(), "ok\n");
}

TEST_F(ServerTest, OversizeBodyIs413Problem) {
  Client client(server_->port());
  ClientResponse response =
      client.Send(bhttp::verb::post, "/api/v1/echo", std::string(2048, 'x'), "application/json");
  EXPECT_EQ(response.result_int(), 413);
  nlohmann::json problem = Problem(response);
  EXPECT_EQ(problem["code"], "http.body_too_large");
  EXPECT_EQ(problem["status"], 413);
  EXPECT_EQ(problem["instance"], "/api/v1/echo");
  EXPECT_FALSE(response.keep_alive());
}

TEST_F(ServerTest, UploadRoutesTakeTheUploadLimit) {
  struct Case {
    std::string target;
    std::size_t size;
    int status;
    const char* limit;  // in the 413 detail
  };
  const Case cases[] = {
      {"/upload/7", 3000, 200, ""},  // above the small limit, within the upload limit
      {"/upload/7?name=a.xlsx", 4096, 200, ""},
      {"/upload/7", 4097, 413, "4"},
      {"/api/v1/echo", 1025, 413, "1"},  // a JSON route keeps the small limit
      {"/upload/7/x", 2048, 413, "1"},   // no such route: the small limit
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target + " " + std::to_string(c.size));
    Client client(server_->port());
    ClientResponse response =
        client.Send(bhttp::verb::post, c.target, std::string(c.size, 'x'), "text/csv");
    EXPECT_EQ(response.result_int(), c.status);
    if (c.status == 200) {
      EXPECT_EQ(response.body(), std::to_string(c.size));
    } else {
      EXPECT_EQ(Problem(response)["detail"],
                std::string("请求内容过大，不能超过 ") + c.limit + " KB，请减少数据量后重试");
    }
  }
}

TEST_F(ServerTest, ChunkedUploadTakesTheUploadLimit) {
  Client client(server_->port());
  std::string chunk(800, 'x');
  client.SendRaw(
      "POST /upload/1 HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
      "Transfer-Encoding: chunked\r\n\r\n320\r\n" +
      chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "1600");
}

TEST_F(ServerTest, ChunkedOversizeBodyIs413Problem) {
  Client client(server_->port());
  std::string chunk(800, 'x');
  client.SendRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n320\r\n" +
      chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_EQ(Problem(response)["code"], "http.body_too_large");
}

TEST_F(ServerTest, ClientErrorsAreProblemsNever500) {
  struct Case {
    bhttp::verb method;
    std::string target;
    std::string body;
    std::string content_type;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {bhttp::verb::get, "/api/v1/nothing", "", "", 404, "http.route_not_found"},
      {bhttp::verb::post, "/api/v1/echo", "{\"a\":", "application/json", 400, "json.malformed"},
      {bhttp::verb::post, "/api/v1/echo", "{}", "text/plain", 415, "http.unsupported_media_type"},
      {bhttp::verb::delete_, "/api/v1/echo", "", "", 405, "http.method_not_allowed"},
  };
  Client client(server_->port());  // problems keep the connection alive
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target + " " + c.code);
    ClientResponse response = client.Send(c.method, c.target, c.body, c.content_type);
    EXPECT_EQ(response.result_int(), c.status);
    nlohmann::json problem = Problem(response);
    EXPECT_EQ(problem["code"], c.code);
    EXPECT_EQ(problem["status"], c.status);
    EXPECT_EQ(problem["request_id"], std::string(response["X-Request-Id"]));
    EXPECT_EQ(response["Content-Security-Policy"].substr(0, 19), "default-src 'self';");
  }
}

TEST_F(ServerTest, MalformedRequestIs400ProblemAndCloses) {
  Client client(server_->port());
  client.SendRaw("GET /healthz HTTP/1.1\r\nBad Header Line\r\n\r\n");
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_EQ(Problem(response)["code"], "http.bad_request");
  EXPECT_TRUE(client.ClosedByServer());
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  Client client(server_->port());
  client.SendRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\nExpect: 100-continue\r\n\r\n");
  ClientResponse interim = client.Read();
  EXPECT_EQ(interim.result_int(), 100);
  client.SendRaw("[1,2,3]");
  ClientResponse response = client.Read();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "[1,2,3]");
}

TEST_F(ServerTest, RequestIdFromClientIsEchoed) {
  Client client(server_->port());
  client.SendRaw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\n\r\n");
  EXPECT_EQ(client.Read()["X-Request-Id"], "abc-123");
}

TEST_F(ServerTest, ReadinessAndMetrics) {
  Client client(server_->port());
  EXPECT_EQ(client.Send(bhttp::verb::get, "/readyz").result_int(), 200);
  ready_ = false;
  ClientResponse not_ready = client.Send(bhttp::verb::get, "/readyz");
  EXPECT_EQ(not_ready.result_int(), 503);
  EXPECT_EQ(Problem(not_ready)["code"], "server.not_ready");
  (void)client.Send(bhttp::verb::get, "/nothing");
  (void)client.Send(bhttp::verb::get, "/nothing");  // the same series again: counted, not added
  int rendered = 0;
  server_->dispatcher().metrics().AddSource([&rendered] {
    ++rendered;
    return std::string("# TYPE kangfu_test_total counter\nkangfu_test_total 7\n");
  });
  ClientResponse metrics = client.Send(bhttp::verb::get, "/metrics");
  EXPECT_EQ(metrics.result_int(), 200);
  EXPECT_EQ(metrics[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics.body();
  EXPECT_NE(
      text.find("kangfu_http_requests_total{method=\"GET\",route=\"/readyz\",status=\"200\"} 1\n"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find("kangfu_http_requests_total{method=\"GET\",route=\"/readyz\",status=\"503\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "kangfu_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 2\n"),
      std::string::npos);
  // A source added later (the database's batches) ends the text, rendered at each request.
  EXPECT_TRUE(text.ends_with("# TYPE kangfu_test_total counter\nkangfu_test_total 7\n")) << text;
  EXPECT_EQ(rendered, 1);
  EXPECT_NE(
      text.find(
          "kangfu_http_request_duration_seconds_count{method=\"GET\",route=\"unmatched\"} 2\n"),
      std::string::npos);
}

TEST_F(ServerTest, HeadSendsLengthWithoutBody) {
  Client client(server_->port());
  client.SendRaw("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  bhttp::response<bhttp::empty_body> head = client.ReadHeadResponse();
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[bhttp::field::content_length], "3");
  // Had the server sent a body after the HEAD response, it would corrupt this next response.
  ClientResponse next = client.Send(bhttp::verb::get, "/healthz");
  EXPECT_EQ(next.result_int(), 200);
  EXPECT_EQ(next.body(), "ok\n");
}

TEST_F(ServerTest, GracefulStopFinishesTheRequestInFlight) {
  Client idle(server_->port());
  EXPECT_EQ(idle.Send(bhttp::verb::get, "/healthz").result_int(), 200);

  std::future<ClientResponse> in_flight = std::async(std::launch::async, [this] {
    Client client(server_->port());
    return client.Send(bhttp::verb::get, "/slow");
  });
  entered_.get_future().wait();  // the handler is running
  std::thread stopper([this] { server_->Stop(); });
  while (!server_->stopping()) std::this_thread::yield();
  EXPECT_TRUE(idle.ClosedByServer());  // idle keep-alive connections are closed at once
  release_.set_value();
  ClientResponse response = in_flight.get();
  stopper.join();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "done");
  EXPECT_FALSE(response.keep_alive());                                 // told to go away
  EXPECT_THROW(Client{server_->port()}, boost::system::system_error);  // no longer accepting
}

TEST(ServerStartTest, PortInUseIsReported) {
  ServerOptions first_options;
  first_options.port = 0;
  first_options.threads = 1;
  first_options.logger = QuietLogger();
  Server first(first_options, Router{});
  ASSERT_TRUE(first.Start().ok());
  ServerOptions second_options = first_options;
  second_options.port = first.port();
  Server second(second_options, Router{});
  Status status = second.Start();
  EXPECT_EQ(status.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(status.reason(), "server.listen_failed");
  EXPECT_EQ(status.field(), "listen");
  ServerOptions bad_options = first_options;
  bad_options.address = "not-an-address";
  Server bad(bad_options, Router{});
  EXPECT_EQ(bad.Start().message(), "监听地址无效：not-an-address");
}

TEST(ResponseHeadTest, IsTheStatusLineTheHeadersInOrderAndTheLength) {
  Response response = Response::Json(201, R"({"id":1})");
  response.headers.emplace_back("Set-Cookie", "a=1");
  response.headers.emplace_back("Set-Cookie", "b=2");
  std::string head = "left alone ";
  AppendResponseHead(head, response, 11, true, response.body.size());
  EXPECT_EQ(head,
            "left alone HTTP/1.1 201 Created\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Set-Cookie: a=1\r\n"
            "Set-Cookie: b=2\r\n"
            "Content-Length: 8\r\n"
            "\r\n");
}

TEST(ResponseHeadTest, SaysWhatTheConnectionDoesAtEachVersion) {
  struct Case {
    unsigned version;
    bool keep_alive;
    const char* expected;
  };
  // HTTP/1.1 keeps a connection unless told "close"; HTTP/1.0 closes it unless told "keep-alive".
  const Case cases[] = {
      {11, true, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"},
      {11, false, "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"},
      {10, true, "HTTP/1.0 404 Not Found\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"},
      {10, false, "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"},
  };
  Response response;
  response.status = 404;
  for (const Case& c : cases) {
    std::string head;
    AppendResponseHead(head, response, c.version, c.keep_alive, 0);
    EXPECT_EQ(head, c.expected) << c.version << " " << c.keep_alive;
  }
  // A status without a standard phrase keeps its number; the phrase is Beast's placeholder.
  response.status = 299;
  std::string head;
  AppendResponseHead(head, response, 11, true, 12345);
  EXPECT_EQ(head, "HTTP/1.1 299 <unknown-status>\r\nContent-Length: 12345\r\n\r\n");
}

}  // namespace
}  // namespace kangfu::http
