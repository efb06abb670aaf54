#ifndef KANGFU_HTTP_MESSAGE_HPP_
#define KANGFU_HTTP_MESSAGE_HPP_

// Kangfu's own request and response types. Handlers, the router and the codecs see only these, so
// that Boost.Beast (slow to compile) stays inside server.cpp.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kangfu::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // upper case, as sent: "GET", "POST", …
  std::string target;  // path and query as sent: "/api/v1/persons/7?as_of=2025-01-01"
  std::string path;    // target without the query: "/api/v1/persons/7"
  std::string query;   // after '?', without it; empty when absent
  Headers headers;     // names in lower case
  std::string body;
  std::string request_id;  // X-Request-Id from the client when well-formed, else generated
  std::string remote;      // peer address "127.0.0.1:53412"
  // Values of the route's `{name}` segments, in pattern order.
  std::vector<std::pair<std::string, std::string>> params;

  // The first value of a header (name case-insensitive); empty when absent.
  std::string_view Header(std::string_view name) const;
  // The value of a path parameter `{name}`; empty when the route has no such parameter.
  std::string_view Param(std::string_view name) const;
  // The percent-decoded value of a query parameter; empty when absent.
  std::string QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;  // set-cookie may appear several times
  std::string body;
  // Set instead of `body` by answers whose encoding costs more than their computing (the
  // engine's status answers): the dispatcher calls it once, when it finishes the response — on
  // the connection's own thread when the transport gives it a hop (Dispatcher::HandleAsync), so
  // that the read batch's leader, which holds the database, does not spend its turn on JSON. It
  // must own what it encodes (it runs after the handler and its locks are gone).
  std::function<std::string()> render_body;

  // Replaces the header `name` (case-insensitive) or appends it.
  void SetHeader(std::string_view name, std::string value);
  // The first value of a header; empty when absent.
  std::string_view Header(std::string_view name) const;

  static Response Json(int status, std::string body);
  // A JSON answer whose body `render` produces later (see render_body).
  static Response JsonLater(int status, std::function<std::string()> render);
  static Response Text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
};

// Decodes %XX and '+' (as a space, form style). Malformed escapes are kept literally.
std::string PercentDecode(std::string_view text);

// ASCII case-insensitive equality of header names.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_MESSAGE_HPP_
