#include "codec/reuse/reuse_api_json.hpp"

#include <cmath>
#include <optional>

#include "codec/reuse/reuse_policy_json.hpp"
#include "domain/aftercare/mentoring.hpp"

namespace kangfu::codec {
namespace {

Result<Json> ParseObject(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseJson(text));
  KANGFU_RETURN_IF_ERROR(RequireObject(document, ""));
  return document;
}

// A required positive integer (ids, versions) at `field`.
Result<int64_t> ReadId(const Json& object, std::string_view key, bool allow_zero = false) {
  const std::string field(key);
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    return Status::Invalid(field, "json.missing", "缺少必填项“" + field + "”");
  }
  if (!it->is_number_integer() || it->get<int64_t>() < (allow_zero ? 0 : 1)) {
    return Status::Invalid(field, "json.type", "“" + field + "”应为正整数编号");
  }
  return it->get<int64_t>();
}

Result<int64_t> ReadOptionalId(const Json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return int64_t{0};
  return ReadId(object, key);
}

Result<std::string> ReadText(const Json& object, std::string_view key,
                             const std::string& path = "") {
  KANGFU_ASSIGN_OR_RETURN(std::optional<std::string> text, ReadOptionalString(object, key, path));
  return text.value_or("");
}

OrderedJson OptDate(const std::optional<domain::Date>& d) {
  return d ? OrderedJson(d->ToString()) : OrderedJson();
}

OrderedJson OrNull(const std::string& text) {
  return text.empty() ? OrderedJson() : OrderedJson(text);
}

std::string_view VisitGradeLabel(std::string_view grade) {
  if (grade == "good") return "好";
  if (grade == "fair") return "一般";
  if (grade == "poor") return "较差";
  return {};
}

}  // namespace

Result<ReuseOpenRequest> ParseReuseOpenRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  ReuseOpenRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.person_id, ReadId(document, "person_id"));
  KANGFU_ASSIGN_OR_RETURN(request.override_reason, ReadText(document, "override_reason"));
  return request;
}

Result<app::StepInput> ParseReuseStep(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::StepInput input;
  KANGFU_ASSIGN_OR_RETURN(input.step, ReadInt(document, "step", ""));
  KANGFU_ASSIGN_OR_RETURN(input.organ, ReadText(document, "organ"));
  KANGFU_ASSIGN_OR_RETURN(input.date, ReadOptionalDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(input.opinion, ReadText(document, "opinion"));
  KANGFU_ASSIGN_OR_RETURN(input.document_id, ReadOptionalId(document, "document_id"));
  KANGFU_ASSIGN_OR_RETURN(input.generate_letter,
                          ReadOptionalBool(document, "generate_letter", "", false));
  KANGFU_ASSIGN_OR_RETURN(input.attitude, ReadText(document, "attitude"));
  auto looks = document.find("five_looks");
  if (looks != document.end() && !looks->is_null()) {
    KANGFU_RETURN_IF_ERROR(RequireObject(*looks, "five_looks"));
    app::FiveLooks f;
    KANGFU_ASSIGN_OR_RETURN(f.time, ReadText(*looks, "time", "five_looks"));
    KANGFU_ASSIGN_OR_RETURN(f.cause, ReadText(*looks, "cause", "five_looks"));
    KANGFU_ASSIGN_OR_RETURN(f.performance, ReadText(*looks, "performance", "five_looks"));
    KANGFU_ASSIGN_OR_RETURN(f.sanction_type, ReadText(*looks, "sanction_type", "five_looks"));
    KANGFU_ASSIGN_OR_RETURN(f.nature, ReadText(*looks, "nature", "five_looks"));
    input.five_looks = std::move(f);
  }
  auto evaluation = document.find("evaluation");
  if (evaluation != document.end() && !evaluation->is_null()) {
    KANGFU_RETURN_IF_ERROR(RequireObject(*evaluation, "evaluation"));
    app::DemocraticEvaluation e;
    KANGFU_ASSIGN_OR_RETURN(e.good, ReadInt(*evaluation, "good", "evaluation"));
    KANGFU_ASSIGN_OR_RETURN(e.fairly_good, ReadInt(*evaluation, "fairly_good", "evaluation"));
    KANGFU_ASSIGN_OR_RETURN(e.average, ReadInt(*evaluation, "average", "evaluation"));
    KANGFU_ASSIGN_OR_RETURN(e.poor, ReadInt(*evaluation, "poor", "evaluation"));
    input.evaluation = e;
  }
  KANGFU_ASSIGN_OR_RETURN(input.meeting, ReadText(document, "meeting"));
  KANGFU_ASSIGN_OR_RETURN(input.decision, ReadText(document, "decision"));
  KANGFU_ASSIGN_OR_RETURN(const Json* responsible, ReadArray(document, "responsible", "", true));
  for (std::size_t i = 0; i < responsible->size(); ++i) {
    const Json& name = (*responsible)[i];
    if (!name.is_string()) {
      const std::string field = Path("responsible", i);
      return Status::Invalid(field, "json.type", "“" + field + "”应为人员姓名（文本）");
    }
    input.responsible.push_back(name.get<std::string>());
  }
  KANGFU_ASSIGN_OR_RETURN(input.publicity, ReadText(document, "publicity"));
  return input;
}

Result<app::CommissionOpinionInput> ParseCommissionOpinion(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  app::CommissionOpinionInput input;
  KANGFU_ASSIGN_OR_RETURN(input.organ, ReadText(document, "organ"));
  KANGFU_ASSIGN_OR_RETURN(input.date, ReadOptionalDate(document, "date", ""));
  KANGFU_ASSIGN_OR_RETURN(input.result, ReadText(document, "result"));
  KANGFU_ASSIGN_OR_RETURN(input.opinion, ReadText(document, "opinion"));
  KANGFU_ASSIGN_OR_RETURN(input.document_id, ReadOptionalId(document, "document_id"));
  return input;
}

Result<int64_t> ParseReuseVersion(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  return ReadId(document, "version");
}

Result<VersionReason> ParseVersionReason(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  VersionReason request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version"));
  KANGFU_ASSIGN_OR_RETURN(request.reason, ReadText(document, "reason"));
  return request;
}

Result<AssessmentRequest> ParseAssessmentRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  AssessmentRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.year, ReadInt(document, "year", ""));
  KANGFU_ASSIGN_OR_RETURN(request.grade, ReadString(document, "grade", ""));
  return request;
}

Result<PolicyRequest> ParsePolicyRequest(std::string_view text) {
  KANGFU_ASSIGN_OR_RETURN(Json document, ParseObject(text));
  PolicyRequest request;
  KANGFU_ASSIGN_OR_RETURN(request.version, ReadId(document, "version", true));
  auto policy = document.find("policy");
  if (policy == document.end() || policy->is_null()) {
    return Status::Invalid("policy", "json.missing", "缺少必填项“policy”");
  }
  Result<domain::ReusePolicy> parsed = ReusePolicyFromJson(*policy);
  if (!parsed.ok()) {
    Status status = parsed.status();
    status.PrefixField("policy");
    return status;
  }
  request.policy = std::move(parsed).value();
  return request;
}

Result<std::optional<domain::Date>> ParseReuseCheckParams(
    const std::map<std::string, std::string>& params) {
  auto it = params.find("date");
  if (it == params.end() || it->second.empty()) return std::optional<domain::Date>();
  Result<domain::Date> date = domain::Date::Parse(it->second);
  if (!date.ok()) {
    return Status::Invalid("date", "param.date", "参数“date”应为有效日期（YYYY-MM-DD）");
  }
  return std::optional<domain::Date>(*date);
}

OrderedJson ReuseDocumentToJson(const storage::ReuseDocumentRow& d) {
  return {{"id", d.id},
          {"name", d.name},
          {"content_type", d.content_type},
          {"size", d.size},
          {"hash", d.hash},
          {"kind", d.kind},
          {"uploaded_by", d.uploaded_by},
          {"uploaded_on", d.uploaded_on.ToString()}};
}

OrderedJson ReuseFileToJson(const app::ReuseFileView& view, bool with_documents) {
  const storage::ReuseFileRow& f = view.file;
  OrderedJson steps = OrderedJson::array();
  for (const storage::ReuseStepRow& s : view.steps) {
    OrderedJson details = OrderedJson::parse(s.details, nullptr, false);
    if (details.is_discarded()) details = OrderedJson::object();
    steps.push_back(
        {{"step", s.step},
         {"label", domain::ReuseStepLabel(s.step)},
         {"organ", s.organ},
         {"date", s.date.ToString()},
         {"opinion", s.opinion},
         {"document_id", s.document_id == 0 ? OrderedJson() : OrderedJson(s.document_id)},
         {"details", details},
         {"recorded_by", s.recorded_by},
         {"version", s.version}});
  }
  OrderedJson out{{"id", f.id},
                  {"person_id", f.person_id},
                  {"person_name", view.person_name},
                  {"unit_name", view.unit_name},
                  {"state", f.state},
                  {"state_label", app::ReuseStateLabel(f.state)},
                  {"opened_on", f.opened_on.ToString()},
                  {"next_step", view.next_step},
                  {"next_step_label", domain::ReuseStepLabel(view.next_step)},
                  {"override_reason", OrNull(f.override_reason)},
                  {"override_pending", view.override_required},
                  {"override_approved_by", OrNull(f.override_approved_by)},
                  {"override_approved_on", OptDate(f.override_approved_on)},
                  {"closed_on", OptDate(f.closed_on)},
                  {"close_reason", OrNull(f.close_reason)},
                  {"version", f.version},
                  {"steps", steps}};
  if (with_documents) {
    OrderedJson documents = OrderedJson::array();
    for (const storage::ReuseDocumentRow& d : view.documents) {
      documents.push_back(ReuseDocumentToJson(d));
    }
    out["documents"] = documents;
  }
  return out;
}

OrderedJson ReuseCheckToJson(const app::ReuseCheck& check) {
  OrderedJson preconditions = OrderedJson::array();
  for (const domain::PreconditionResult& p : check.preconditions) {
    preconditions.push_back({{"code", p.code},
                             {"label", p.label},
                             {"met", p.met},
                             {"message", OrNull(p.message)},
                             {"refs", p.refs}});
  }
  OrderedJson findings = OrderedJson::array();
  for (const domain::EligibilityFinding& f : check.eligibility.findings) {
    findings.push_back({{"level", domain::ReuseEligibilityCode(f.level)},
                        {"code", f.reason},
                        {"message", f.message},
                        {"ref", OrNull(f.ref)}});
  }
  return {{"person_id", check.person_id},
          {"name", check.name},
          {"as_of", check.as_of.ToString()},
          {"ready", check.ready},
          {"facts_included", check.facts_included},
          {"preconditions", preconditions},
          {"eligibility",
           {{"level", domain::ReuseEligibilityCode(check.eligibility.level)},
            {"label", domain::ReuseEligibilityLabel(check.eligibility.level)},
            {"findings", findings}}}};
}

OrderedJson AssessmentToJson(const storage::ReuseAssessmentRow& row) {
  return {{"id", row.id},
          {"person_id", row.person_id},
          {"year", row.year},
          {"grade", row.grade},
          {"grade_label", app::AssessmentGradeLabel(row.grade)}};
}

OrderedJson ReuseEvidenceToJson(const app::ReuseEvidence& e) {
  OrderedJson looks;
  if (e.five_looks) {
    looks = {{"time", e.five_looks->time},
             {"cause", e.five_looks->cause},
             {"performance", e.five_looks->performance},
             {"sanction_type", e.five_looks->sanction_type},
             {"nature", e.five_looks->nature}};
  }
  OrderedJson evaluation;
  if (e.evaluation) {
    const app::DemocraticEvaluation& v = *e.evaluation;
    const int total = v.good + v.fairly_good + v.average + v.poor;
    // The share of 好 and 较好 together, in per cent with one decimal.
    const double share =
        total == 0 ? 0.0 : std::round((v.good + v.fairly_good) * 1000.0 / total) / 10.0;
    evaluation = {{"good", v.good},       {"fairly_good", v.fairly_good},
                  {"average", v.average}, {"poor", v.poor},
                  {"total", total},       {"good_share_percent", share}};
  }
  OrderedJson assessments = OrderedJson::array();
  for (const storage::ReuseAssessmentRow& a : e.assessments) {
    assessments.push_back({{"year", a.year},
                           {"grade", a.grade},
                           {"grade_label", app::AssessmentGradeLabel(a.grade)}});
  }
  OrderedJson visits = OrderedJson::array();
  for (const app::ReuseEvidence::Visit& v : e.visits) {
    visits.push_back({{"date", v.date.ToString()},
                      {"grade", v.grade},
                      {"grade_label", VisitGradeLabel(v.grade)}});
  }
  OrderedJson reports = OrderedJson::array();
  for (const app::ReuseEvidence::Report& r : e.mentor_reports) {
    reports.push_back({{"year", r.year},
                       {"half", r.half},
                       {"label", domain::HalfYearLabel(r.year, r.half)},
                       {"submitted", r.submitted.ToString()},
                       {"summary", OrNull(r.summary)}});
  }
  return {{"file_id", e.file_id},     {"attitude", OrNull(e.attitude)}, {"five_looks", looks},
          {"evaluation", evaluation}, {"assessments", assessments},     {"visits", visits},
          {"mentor_reports", reports}};
}

OrderedJson PolicyResponseToJson(const domain::ReusePolicy& policy, int64_t version) {
  return {{"version", version}, {"policy", ReusePolicyToJson(policy)}};
}

}  // namespace kangfu::codec
