#ifndef KANGFU_HTTP_JSON_BODY_HPP_
#define KANGFU_HTTP_JSON_BODY_HPP_

#include <nlohmann/json_fwd.hpp>

#include "core/status.hpp"
#include "http/message.hpp"

namespace kangfu::http {

// Parses a JSON request body.
// Success: the parsed document.
// Errors (all invalid_argument, so 4xx): content type other than application/json (any
// parameters such as charset=utf-8 allowed) → "http.unsupported_media_type" (415); empty body or
// malformed JSON → "json.malformed" (400) with the byte offset in the Chinese message.
Result<nlohmann::json> ParseJsonBody(const Request& request);

}  // namespace kangfu::http

#endif  // KANGFU_HTTP_JSON_BODY_HPP_
