#ifndef KANGFU_API_DICTIONARY_API_HPP_
#define KANGFU_API_DICTIONARY_API_HPP_

// 数据字典: every code list the system uses, with its Chinese label, in one read-only document for
// the administrators' dictionary screen (and any client that needs the labels). Code lists are
// not case data: every authenticated account may read them, whatever its roles.
//
//   GET /api/v1/dictionaries → 200
//     {"catalogue": {"title", "version" (null when not the built-in file), "builtin",
//                    "sources": [{"code", "label"}], "editable": false, "note"},
//      "measures": [{"code", "name", "family", "family_label", "form", "form_label", "effect",
//                    "effect_label", "stated_period", "probation_terms": [months],
//                    "restrictions": [{"action", "action_label", "months" (null = no end)}],
//                    "basis", "confidence", "confidence_label", "note"}],
//      "lists": [{"code", "title", "kind": "rule" | "system", "items": [{"code", "label"}]}]}
//   Errors: 401 "session.invalid" / "session.expired" without a valid session.
//
// The measure catalogue is rule data: it changes only with a rules release (a new product
// version), never through this API. The lists are the server's own code tables (domain, storage,
// app), rendered once at start-up; they change only with the program.

#include <string>

#include "api/auth_api.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "http/router.hpp"

namespace kangfu::api {

// The document above for `catalogue`; `builtin` says whether it is the product's built-in file
// (whose title, version and sources are then reported).
std::string DictionariesJson(const domain::Catalogue& catalogue, bool builtin);

// Adds GET /api/v1/dictionaries. Errors: the router's (duplicate route).
Status AddDictionaryRoutes(http::Router& router, const AuthApi& auth,
                           const domain::Catalogue& catalogue, bool builtin);

}  // namespace kangfu::api

#endif  // KANGFU_API_DICTIONARY_API_HPP_
