#ifndef KANGFU_API_REQUEST_PARAMS_HPP_
#define KANGFU_API_REQUEST_PARAMS_HPP_

// What every /api/v1 module reads from a request's address, the same way everywhere: the query
// parameters and the row ids in the path. One error code for a bad id in any route.

#include <map>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"
#include "storage/records.hpp"

namespace kangfu::api {

// The query parameters, percent-decoded. A repeated name's values are joined with "," so that
// `action=promote&action=salary_step` reads as "promote,salary_step", the list form the codecs
// accept. A name without '=' has the empty value.
std::map<std::string, std::string> QueryParams(const http::Request& request);

// The positive row id in the path parameter `name` ("/persons/{id}"). kInvalidArgument
// "param.id" (field `name`) with a Chinese message quoting the text otherwise.
Result<storage::RowId> PathId(const http::Request& request, std::string_view name);

}  // namespace kangfu::api

#endif  // KANGFU_API_REQUEST_PARAMS_HPP_
