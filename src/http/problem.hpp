#ifndef KANGFU_HTTP_PROBLEM_HPP_
#define KANGFU_HTTP_PROBLEM_HPP_

// RFC 9457 problem details (application/problem+json) from a kangfu::Status.
//
// The body is
//   {"type": "urn:kangfu:problem:<reason>", "title": <Chinese category title>, "status": <http>,
//    "detail": <Status::message()>, "code": <Status::reason()>,
//    "errors": [{"field", "code", "message"}, …], "instance": <request path>,
//    "request_id": <id>}
// `errors` holds the Status's details when it has any, else its own field (when set), else is [].
// The internal message (Status::internal()) is never part of the body; the server logs it.

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"

namespace kangfu::http {

// The one table from error category to HTTP status. A few transport-level reasons refine it
// (they are raised by the server itself, not by use cases):
//   http.body_too_large → 413, http.unsupported_media_type → 415,
//   http.method_not_allowed → 405, http.request_timeout → 408.
int HttpStatusFor(const Status& status);
int HttpStatusFor(ErrorCode code);

// The Chinese title of a category ("请求参数有误" …).
std::string_view ProblemTitle(ErrorCode code);

// Builds the problem+json response for a failed Status. `instance` is the request path.
// An OK status is a caller bug: it is reported as an internal error.
Response ProblemResponse(const Status& status, std::string_view instance,
                         std::string_view request_id);

// Transport-level problems raised by the server.
Status RouteNotFound(std::string_view path);
Status MethodNotAllowed(std::string_view method);
Status BodyTooLarge(std::size_t limit_bytes);
Status UnsupportedMediaType(std::string_view content_type);
Status BadRequest(std::string_view internal);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_PROBLEM_HPP_
