#ifndef KANGFU_CODEC_REUSE_REUSE_POLICY_JSON_HPP_
#define KANGFU_CODEC_REUSE_REUSE_POLICY_JSON_HPP_

// The re-use eligibility policy (domain/reuse/reuse.hpp) as JSON, as stored and as the API shows
// it:
//   {"measures": {"party.warning": "allowed", "gov.demotion": "override", …},
//    "disciplines": {"political": "allowed", …},
//    "unknown_measure": "override", "max_document_bytes": 10485760}
// Levels: "allowed" | "override" | "excluded". Absent members take the shipped default's value.

#include <string>
#include <string_view>

#include "codec/json_reader.hpp"
#include "domain/reuse/reuse.hpp"

namespace kangfu::codec {

// Errors: "json.malformed", "json.type" (the member), "reuse_policy.level" (measures.<code>,
// disciplines.<code>, unknown_measure) for an unknown level. The codes are not checked against
// the catalogue here (domain::ValidateReusePolicy does).
Result<domain::ReusePolicy> ParseReusePolicy(std::string_view text);
Result<domain::ReusePolicy> ReusePolicyFromJson(const Json& document);
OrderedJson ReusePolicyToJson(const domain::ReusePolicy& policy);

}  // namespace kangfu::codec

#endif  // KANGFU_CODEC_REUSE_REUSE_POLICY_JSON_HPP_
