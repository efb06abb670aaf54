#include "app/record_json.hpp"

#include <nlohmann/json.hpp>

namespace kangfu::app {
namespace {

using Json = nlohmann::ordered_json;

Json DateOrNull(const std::optional<domain::Date>& date) {
  return date ? Json(date->ToString()) : Json(nullptr);
}
Json IntOrNull(const std::optional<int>& value) { return value ? Json(*value) : Json(nullptr); }

Json MeasureJson(const storage::Measure& m) {
  Json json;
  json["id"] = m.id;
  json["case_id"] = m.case_id;
  json["kind"] = m.kind;
  json["effective"] = m.effective.ToString();
  json["term_months"] = IntOrNull(m.term_months);
  json["extended_on"] = DateOrNull(m.extended_on);
  json["outcome"] =
      m.outcome ? Json(*m.outcome == storage::OutcomeKind::kRestored ? "restored" : "expelled")
                : Json(nullptr);
  json["outcome_date"] = DateOrNull(m.outcome_date);
  json["ended"] = DateOrNull(m.ended);
  json["period_months"] = IntOrNull(m.period_months);
  json["revoked"] = m.revoked;
  json["version"] = m.version;
  return json;
}

}  // namespace

std::string CaseSnapshot(const storage::Case& c, const std::vector<storage::Measure>& measures) {
  Json json;
  json["id"] = c.id;
  json["person_id"] = c.person_id;
  json["organ_id"] = c.organ_id;
  json["unit_id"] = c.unit_id;
  json["decision_number"] = c.decision_number;
  json["decision_date"] = c.decision_date.ToString();
  json["discipline"] = storage::DisciplineCode(c.discipline);
  json["source"] = storage::CaseSourceCode(c.source);
  json["form"] = c.form;
  json["version"] = c.version;
  Json list = Json::array();
  for (const storage::Measure& m : measures) list.push_back(MeasureJson(m));
  json["measures"] = list;
  return json.dump();
}

std::string MeasureSnapshot(const storage::Measure& measure) { return MeasureJson(measure).dump(); }

std::string HoldSnapshot(const storage::Hold& hold) {
  Json json;
  json["id"] = hold.id;
  json["person_id"] = hold.person_id;
  json["kind"] = storage::HoldKindCode(hold.kind);
  json["from"] = hold.from.ToString();
  json["to"] = DateOrNull(hold.to);
  json["version"] = hold.version;
  return json.dump();
}

std::string PersonSnapshot(const storage::Person& person) {
  Json json;
  json["id"] = person.id;
  json["id_number"] = person.id_number;
  json["name"] = person.name;
  json["unit_id"] = person.unit_id;
  json["post"] = person.post;
  json["post_level"] = person.post_level;
  json["party_member"] = person.party_member;
  json["civil_servant"] = person.civil_servant;
  json["leading_cadre"] = person.leading_cadre;
  json["version"] = person.version;
  return json.dump();
}

}  // namespace kangfu::app
