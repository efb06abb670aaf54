#include "api/aftercare_api.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api/inprocess_test_support.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

using inprocess::D;
using inprocess::Reply;
using inprocess::Session;

// The routes are driven in process through the router and AuthApi::Protect (session cookie and
// CSRF checked as in production); the loopback server is covered by auth_api_test.
class AftercareApiTest : public inprocess::ModuleTest {
 protected:
  void SetUp() override {
    // 2025-08-02 10:00 in Beijing.
    SetUpWorld(1754100000, "2025-08-01T00:00:00Z");
    subject_ = AddPerson(1, "张三", unit_.id);
    leader_ = AddPerson(2, "王局长", unit_.id, "", true);
    deputy_ = AddPerson(3, "赵副局长", unit_.id, "", true);
    for (const auto& [name, role] :
         std::vector<std::pair<std::string, std::string>>{{"cm", "case_manager"},
                                                          {"visitor", "visitor"},
                                                          {"unit", "unit_committee"},
                                                          {"mentor", "mentor"},
                                                          {"orgdept", "org_department"},
                                                          {"admin", "sysadmin"}}) {
      accounts_[name] = AddAccount(name, role, role == "unit_committee" ? unit_.id : city_.id);
    }

    auto api = AftercareApi::Create(*backend_, *auth_, codec::BuiltinCatalogue(),
                                    domain::EngineOptions{}, clock_);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    ASSERT_TRUE(api_->AddRoutes(router_).ok());
    EXPECT_EQ(api_->Today(), D("2025-08-02"));

    // A case (记过, 2025-03-14) recorded the way the server will: the aftercare hook creates the
    // checklist and the plan in the same transaction.
    app::CaseService cases(backend_->store(), codec::BuiltinCatalogue(), domain::EngineOptions{},
                           backend_->audit());
    cases.SetOnCaseRecorded([this](const app::Actor& actor, const app::RecordedCase& recorded) {
      return api_->service().OnCaseRecorded(actor, recorded, api_->Today());
    });
    app::CaseInput input;
    input.person_id = subject_.id;
    input.organ_id = city_.id;
    input.decision_number = "甲纪发〔2025〕3号";
    input.decision_date = D("2025-03-14");
    app::MeasureInput m;
    m.kind = "gov.demerit";
    m.effective = D("2025-03-14");
    input.measures = {m};
    auto login = backend_->accounts().Login("cm", kPassword, {});
    ASSERT_TRUE(login.ok()) << login.status().ToString();
    auto recorded = cases.CreateCase(login->actor, input);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    case_id_ = recorded->record.id;
  }

  std::unique_ptr<AftercareApi> api_;
  storage::Person subject_, leader_, deputy_;
  storage::RowId case_id_ = 0;
};

// Every aftercare route, with the roles that may use it (others: 403 auth.forbidden, or a 404 when
// the role may act in general but not on this record). Unauthenticated: 401 on every route.
TEST_F(AftercareApiTest, AuthorisationMatrixCoversEveryRoute) {
  struct Entry {
    std::string method;
    std::string pattern;
    std::string target;
    json body;
    std::set<std::string> allowed;  // accounts answered without auth.forbidden
  };
  const std::string person = std::to_string(subject_.id);
  const std::vector<Entry> matrix = {
      {"GET",
       "/api/v1/cases/{id}/execution",
       "/api/v1/cases/" + std::to_string(case_id_) + "/execution",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/execution/{id}/confirm",
       "/api/v1/execution/999/confirm",
       {{"version", 1}, {"done_on", "2025-08-01"}},
       {"cm", "unit"}},
      {"GET",
       "/api/v1/persons/{id}/visit-plan",
       "/api/v1/persons/" + person + "/visit-plan",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/visit-plans/{id}/edits",
       "/api/v1/visit-plans/999/edits",
       {{"version", 1}, {"kind", "remove"}, {"visit_key", "x"}, {"reason", "r"}},
       {"cm"}},
      {"GET",
       "/api/v1/persons/{id}/visits",
       "/api/v1/persons/" + person + "/visits",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/visits",
       "/api/v1/visits",
       {{"person_id", 999}, {"date", "2025-08-01"}},
       {"cm", "visitor"}},
      {"GET",
       "/api/v1/persons/{id}/mentoring",
       "/api/v1/persons/" + person + "/mentoring",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/mentoring",
       "/api/v1/mentoring",
       {{"person_id", 999}, {"mentor_id", 998}, {"start", "2025-08-01"}},
       {"cm", "unit"}},
      {"POST",
       "/api/v1/mentoring/{id}/talks",
       "/api/v1/mentoring/999/talks",
       {{"date", "2025-08-01"}},
       {"unit", "mentor"}},
      {"POST",
       "/api/v1/mentoring/{id}/reports",
       "/api/v1/mentoring/999/reports",
       {{"year", 2025}, {"half", 1}},
       {"unit", "mentor"}},
      {"GET",
       "/api/v1/persons/{id}/escalations",
       "/api/v1/persons/" + person + "/escalations",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/escalations",
       "/api/v1/escalations",
       {{"person_id", 999}, {"kind", "poor_performance"}, {"opened_on", "2025-08-01"}},
       {"cm", "visitor", "unit", "mentor"}},
      {"POST",
       "/api/v1/escalations/{id}/resolve",
       "/api/v1/escalations/999/resolve",
       {{"version", 1}, {"resolved_on", "2025-08-01"}, {"outcome", "handled"}, {"resolution", "r"}},
       {"unit"}},
      {"GET",
       "/api/v1/workbench",
       "/api/v1/workbench",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"GET",
       "/api/v1/workbench/summary",
       "/api/v1/workbench/summary",
       nullptr,
       {"cm", "visitor", "unit", "mentor"}},
      {"GET",
       "/api/v1/aftercare/settings/{name}",
       "/api/v1/aftercare/settings/policy",
       nullptr,
       {"cm", "visitor", "unit", "mentor", "admin"}},
      {"PUT",
       "/api/v1/aftercare/settings/{name}",
       "/api/v1/aftercare/settings/policy",
       {{"version", 0}, {"body", {{"bogus", 1}}}},
       {"admin"}},
  };
  std::set<std::pair<std::string, std::string>> covered;
  for (const Entry& e : matrix) covered.insert({e.method, e.pattern});
  for (const http::RouteInfo& route : router_.Routes()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no matrix entry";
  }
  EXPECT_EQ(covered.size(), router_.Routes().size());

  for (const Entry& e : matrix) {
    Reply anonymous = Call(e.method, e.target, e.body, {});
    EXPECT_EQ(anonymous.status.code(), ErrorCode::kUnauthenticated) << e.target;
    for (const auto& [name, id] : accounts_) {
      Reply reply = Call(e.method, e.target, e.body, LogIn(name));
      const bool forbidden = reply.status.reason() == "auth.forbidden";
      EXPECT_EQ(forbidden, !e.allowed.contains(name))
          << e.method << " " << e.target << " as " << name << ": " << reply.status.ToString();
    }
  }
}

// The daily run counts every subject's items per responsible; each account's summary holds what
// its jurisdiction answers for.
TEST_F(AftercareApiTest, DailyRunFeedsEachAccountsSummary) {
  Reply before = Call("GET", "/api/v1/workbench/summary", nullptr, LogIn("unit"));
  ASSERT_TRUE(before.status.ok()) << before.status.ToString();
  EXPECT_EQ(before.body["computed"], false);
  EXPECT_EQ(before.body["as_of"], nullptr);
  EXPECT_EQ(before.body["total"], 0);

  Result<app::ReminderDigest> run = api_->RunDigest(D("2025-08-02"), 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->subjects, 1);
  EXPECT_TRUE(run->problems.empty());

  // The unit executes the decision: announcing and filing, overdue since 4-13 (as the workbench).
  Reply unit = Call("GET", "/api/v1/workbench/summary", nullptr, LogIn("unit"));
  ASSERT_TRUE(unit.status.ok()) << unit.status.ToString();
  EXPECT_EQ(unit.body["computed"], true);
  EXPECT_EQ(unit.body["as_of"], "2025-08-02");
  EXPECT_EQ(unit.body["by_kind"]["execution"], json({{"due", 0}, {"overdue", 2}}));
  EXPECT_EQ(unit.body["by_kind"]["visit"], json({{"due", 0}, {"overdue", 0}}));
  EXPECT_EQ(unit.body["overdue"], 2);
  EXPECT_EQ(unit.body["total"], 2);
  // The city commission decided: the first visit (window open since the decision, due 9-13) is
  // its item, and the unit below it adds its execution items to the city's jurisdiction.
  Reply city = Call("GET", "/api/v1/workbench/summary", nullptr, LogIn("cm"));
  ASSERT_TRUE(city.status.ok()) << city.status.ToString();
  EXPECT_EQ(city.body["by_kind"]["visit"], json({{"due", 1}, {"overdue", 0}}));
  EXPECT_EQ(city.body["by_kind"]["execution"], json({{"due", 0}, {"overdue", 2}}));
  // The same numbers as the live workbench of that account.
  Reply live = Call("GET", "/api/v1/workbench", nullptr, LogIn("cm"));
  ASSERT_TRUE(live.status.ok()) << live.status.ToString();
  EXPECT_EQ(live.body["total"], city.body["total"]);
  EXPECT_EQ(live.body["overdue"], city.body["overdue"]);
  // A mentor with no assignment has nothing waiting.
  Reply mentor = Call("GET", "/api/v1/workbench/summary", nullptr, LogIn("mentor"));
  ASSERT_TRUE(mentor.status.ok()) << mentor.status.ToString();
  EXPECT_EQ(mentor.body["total"], 0);
}

TEST_F(AftercareApiTest, WritesNeedTheCsrfToken) {
  Session visitor = LogIn("visitor");
  visitor.csrf.clear();
  Reply reply = Call("POST", "/api/v1/visits", {{"person_id", subject_.id}}, visitor);
  EXPECT_EQ(reply.status.reason(), "auth.csrf");
}

TEST_F(AftercareApiTest, VisitsWorkbenchAndEscalationsOverHttp) {
  const Session visitor = LogIn("visitor");
  json visit = {{"person_id", subject_.id},
                {"date", "2025-08-01"},
                {"visitors", {leader_.id}},
                {"talked_with", {"subject", "unit_head"}},
                {"checked", {"execution", "attitude"}},
                {"findings", "认识到位"},
                {"grade", "good"}};
  Reply refused = Call("POST", "/api/v1/visits", visit, visitor);
  EXPECT_EQ(refused.status.reason(), "visit.too_few_visitors");
  EXPECT_EQ(refused.status.field(), "visitors");
  EXPECT_EQ(refused.status.message(), "回访人员应不少于2人，请补充回访人员。");

  visit["visitors"] = {leader_.id, deputy_.id};
  Reply created = Call("POST", "/api/v1/visits", visit, visitor);
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  EXPECT_EQ(created.code, 201);
  EXPECT_EQ(created.body["grade_label"], "好");
  EXPECT_EQ(created.body["organ_id"], city_.id);
  EXPECT_EQ(created.body["clue_hold_id"], nullptr);

  Reply plan = Call("GET", "/api/v1/persons/" + std::to_string(subject_.id) + "/visit-plan",
                    nullptr, LogIn("cm"));
  ASSERT_TRUE(plan.status.ok()) << plan.status.ToString();
  ASSERT_EQ(plan.body["visits"].size(), 1u);
  EXPECT_EQ(plan.body["visits"][0]["fulfilled_on"], "2025-08-01");

  // The unit's work on 2025-08-02: announcing and filing are overdue since 4-13; the report to
  // the deciding organ (due 9-13) is not listed before 30 days ahead.
  Reply bench = Call("GET", "/api/v1/workbench?kind=execution", nullptr, LogIn("unit"));
  ASSERT_TRUE(bench.status.ok()) << bench.status.ToString();
  EXPECT_EQ(bench.body["as_of"], "2025-08-02");
  EXPECT_EQ(bench.body["total"], 2);
  EXPECT_EQ(bench.body["overdue"], 2);
  EXPECT_EQ(bench.body["by_kind"]["execution"], 2);
  EXPECT_EQ(bench.body["by_kind"]["visit"], 0);
  EXPECT_EQ(bench.body["items"][0]["subject_name"], "张三");
  Reply bad_kind = Call("GET", "/api/v1/workbench?kind=party", nullptr, LogIn("unit"));
  EXPECT_EQ(bad_kind.status.reason(), "reminder.kind_unknown");

  Reply opened = Call("POST", "/api/v1/escalations",
                      {{"person_id", subject_.id},
                       {"kind", "new_violation_sign"},
                       {"opened_on", "2025-08-01"},
                       {"description", "接受宴请"}},
                      visitor);
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  EXPECT_EQ(opened.body["due"], "2025-08-22");  // 15 working days after Friday 8-1
  EXPECT_EQ(opened.body["kind_label"], "新的违规违纪苗头");
  Reply resolved =
      Call("POST",
           "/api/v1/escalations/" + std::to_string(opened.body["id"].get<int64_t>()) + "/resolve",
           {{"version", 1},
            {"resolved_on", "2025-08-02"},
            {"outcome", "referred"},
            {"resolution", "已向市纪委监委反映"}},
           LogIn("unit"));
  ASSERT_TRUE(resolved.status.ok()) << resolved.status.ToString();
  EXPECT_EQ(resolved.body["outcome"], "referred");
  EXPECT_EQ(resolved.body["version"], 2);
}

TEST_F(AftercareApiTest, AdministratorReplacesThePolicy) {
  const Session admin = LogIn("admin");
  Reply shipped = Call("GET", "/api/v1/aftercare/settings/policy", nullptr, admin);
  ASSERT_TRUE(shipped.status.ok()) << shipped.status.ToString();
  EXPECT_EQ(shipped.body["shipped"], true);
  json policy = shipped.body["body"];
  policy["escalation"]["deadline_working_days"] = 5;

  Reply bad =
      Call("PUT", "/api/v1/aftercare/settings/policy",
           {{"version", 0}, {"body", {{"escalation", {{"deadline_working_days", "x"}}}}}}, admin);
  EXPECT_EQ(bad.status.reason(), "policy.type_invalid");
  EXPECT_EQ(bad.status.field(), "body.escalation.deadline_working_days");

  Reply saved =
      Call("PUT", "/api/v1/aftercare/settings/policy", {{"version", 0}, {"body", policy}}, admin);
  ASSERT_TRUE(saved.status.ok()) << saved.status.ToString();
  EXPECT_EQ(saved.body["version"], 1);
  Reply stale =
      Call("PUT", "/api/v1/aftercare/settings/policy", {{"version", 0}, {"body", policy}}, admin);
  EXPECT_EQ(stale.status.reason(), "setting.exists");
  Reply unknown = Call("GET", "/api/v1/aftercare/settings/colours", nullptr, admin);
  EXPECT_EQ(unknown.status.reason(), "setting.unknown");

  // The new deadline applies at once: 5 working days after Friday 8-1.
  Reply opened =
      Call("POST", "/api/v1/escalations",
           {{"person_id", subject_.id}, {"kind", "poor_performance"}, {"opened_on", "2025-08-01"}},
           LogIn("unit"));
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  EXPECT_EQ(opened.body["due"], "2025-08-08");
}

}  // namespace
}  // namespace kangfu::api
