#include "api/oversight_api.hpp"

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "api/inprocess_test_support.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

using inprocess::D;
using inprocess::Reply;
using inprocess::Session;

constexpr std::array<const char*, 9> kRoles = {"case_manager",   "visitor",        "org_department",
                                               "unit_committee", "mentor",         "leader",
                                               "sysadmin",       "security_admin", "auditor"};

// The routes driven in process through the router and AuthApi::Protect (session cookie and CSRF
// checked as in production), as vetting_api_test does. Every role has an account over 甲市 (the
// records' side, "in_<role>") and one over 乙市 ("out_<role>").
class OversightApiTest : public inprocess::ModuleTest {
 protected:
  void SetUp() override {
    // 2026-11-27 (a Friday) 16:00 in Beijing.
    SetUpWorld(1795766400, "2026-11-01T00:00:00Z");
    person_ = AddPerson(1, "张三", unit_.id);
    outsider_ = AddPerson(2, "吴九", other_.id);
    for (const std::string role : kRoles) {
      AddAccount("in_" + role, role, city_.id, "in_" + role);
      AddAccount("out_" + role, role, other_.id, "out_" + role);
    }
    auto api = OversightApi::Create(*backend_, *auth_, clock_);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    ASSERT_TRUE(api_->AddRoutes(router_).ok());
    EXPECT_EQ(api_->Today(), D("2026-11-27"));
    cm_ = LogIn("in_case_manager");
  }

  // A JSON string body is sent as it is (to test malformed bodies).
  Reply Call(const std::string& method, const std::string& target, const json& body,
             const Session& session) {
    if (body.is_string()) {
      return ModuleTest::Call(method, target, nullptr, session, body.get<std::string>());
    }
    return ModuleTest::Call(method, target, body, session);
  }

  json ClueBody() const {
    return {{"person_id", person_.id},
            {"organ_id", unit_.id},
            {"source", "petition"},
            {"summary", "反映其违规收受礼金"},
            {"received", "2026-09-01"}};
  }
  json TalkBody() const {
    return {{"organ_id", unit_.id},
            {"kind", "reminder"},
            {"date", "2026-11-02"},
            {"interviewers", {{{"name", "李明"}, {"post", "市纪委副书记"}}}},
            {"persons", {{{"person_id", person_.id}}}},
            {"topics", "提醒其注意节日期间廉洁自律"}};
  }
  json ClearanceBody() const {
    return {{"person_id", person_.id},
            {"organ_id", unit_.id},
            {"allegations", {"反映其违规收受礼金问题"}},
            {"conclusion", "untrue"},
            {"trigger", "self_application"},
            {"approver", "甲市纪委常委会"},
            {"methods", {"in_person"}},
            {"audience", "本人及所在单位党组织"},
            {"date", "2026-11-20"}};
  }
  json ToleranceBody() const {
    return {{"person_id", person_.id},
            {"organ_id", unit_.id},
            {"allegation", "先行先试造成损失"},
            {"ground", "exploratory_trial"},
            {"decision", "mitigate"},
            {"approver", "甲市纪委常委会"},
            {"date", "2026-11-20"}};
  }

  // A new record of each kind made by the case manager; returns its id.
  storage::RowId Make(const std::string& path, const json& body) {
    Reply reply = Call("POST", path, body, cm_);
    EXPECT_TRUE(reply.status.ok()) << path << ": " << reply.status.ToString();
    EXPECT_EQ(reply.code, 201);
    return reply.status.ok() ? reply.body["id"].get<storage::RowId>() : 0;
  }

  std::unique_ptr<OversightApi> api_;
  storage::Person person_, outsider_;
  Session cm_;
};

// Every route × every role × inside/outside the jurisdiction: only the listed roles, inside, get
// an answer with the record (outside: "…not_found" or an empty list, never the record); the other
// roles get auth.forbidden; unauthenticated calls get 401 everywhere.
TEST_F(OversightApiTest, AuthorisationMatrixCoversEveryRoute) {
  const std::set<std::string> case_manager = {"case_manager"};
  const std::set<std::string> oversight_readers = {"case_manager", "leader"};
  const std::set<std::string> talk_writers = {"case_manager", "unit_committee"};
  const std::set<std::string> talk_readers = {"case_manager", "unit_committee", "leader"};
  struct Entry {
    std::string method;
    std::string pattern;
    std::function<std::string()> target;  // made fresh for each call (PUT needs a new record)
    std::function<json()> body;
    std::set<std::string> allowed;
  };
  const storage::RowId clue = Make("/api/v1/clues", ClueBody());
  const storage::RowId talk = Make("/api/v1/interviews", TalkBody());
  const storage::RowId clearance = Make("/api/v1/clearances", ClearanceBody());
  const storage::RowId tolerance = Make("/api/v1/fault-tolerance", ToleranceBody());
  auto fixed = [](const std::string& target) { return [target] { return target; }; };
  auto none = [] { return json(); };
  auto with_version = [](json body) {
    body["version"] = 1;
    return body;
  };
  auto fresh = [&](const std::string& path, const json& body) {
    return [this, path, body] { return path + "/" + std::to_string(Make(path, body)); };
  };
  const std::string id = std::to_string(clue);
  const std::vector<Entry> matrix = {
      {"GET", "/api/v1/clues", fixed("/api/v1/clues"), none, oversight_readers},
      {"POST", "/api/v1/clues", fixed("/api/v1/clues"), [&] { return ClueBody(); }, case_manager},
      {"GET", "/api/v1/clues/{id}", fixed("/api/v1/clues/" + id), none, oversight_readers},
      {"PUT", "/api/v1/clues/{id}", fresh("/api/v1/clues", ClueBody()),
       [&] { return with_version(ClueBody()); }, case_manager},
      {"GET", "/api/v1/interviews", fixed("/api/v1/interviews"), none, talk_readers},
      {"POST", "/api/v1/interviews", fixed("/api/v1/interviews"), [&] { return TalkBody(); },
       talk_writers},
      {"GET", "/api/v1/interviews/{id}", fixed("/api/v1/interviews/" + std::to_string(talk)), none,
       talk_readers},
      {"PUT", "/api/v1/interviews/{id}", fresh("/api/v1/interviews", TalkBody()),
       [&] { return with_version(TalkBody()); }, talk_writers},
      {"GET", "/api/v1/clearances", fixed("/api/v1/clearances"), none, oversight_readers},
      {"POST", "/api/v1/clearances", fixed("/api/v1/clearances"), [&] { return ClearanceBody(); },
       case_manager},
      {"GET", "/api/v1/clearances/{id}", fixed("/api/v1/clearances/" + std::to_string(clearance)),
       none, oversight_readers},
      {"PUT", "/api/v1/clearances/{id}", fresh("/api/v1/clearances", ClearanceBody()),
       [&] { return with_version(ClearanceBody()); }, case_manager},
      {"GET", "/api/v1/fault-tolerance", fixed("/api/v1/fault-tolerance"), none, oversight_readers},
      {"POST", "/api/v1/fault-tolerance", fixed("/api/v1/fault-tolerance"),
       [&] { return ToleranceBody(); }, case_manager},
      {"GET", "/api/v1/fault-tolerance/{id}",
       fixed("/api/v1/fault-tolerance/" + std::to_string(tolerance)), none, oversight_readers},
      {"PUT", "/api/v1/fault-tolerance/{id}", fresh("/api/v1/fault-tolerance", ToleranceBody()),
       [&] { return with_version(ToleranceBody()); }, case_manager},
      {"GET", "/api/v1/persons/{id}/oversight",
       fixed("/api/v1/persons/" + std::to_string(person_.id) + "/oversight"), none, talk_readers},
  };
  std::set<std::pair<std::string, std::string>> covered;
  for (const Entry& e : matrix) covered.insert({e.method, e.pattern});
  for (const http::RouteInfo& route : router_.Routes()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no matrix entry";
  }
  EXPECT_EQ(covered.size(), router_.Routes().size());

  for (const Entry& e : matrix) {
    Reply anonymous = Call(e.method, e.target(), e.body(), {});
    EXPECT_EQ(anonymous.status.code(), ErrorCode::kUnauthenticated) << e.target();
    for (const std::string role : kRoles) {
      for (const bool inside : {true, false}) {
        const std::string who = (inside ? "in_" : "out_") + role;
        const std::string target = e.target();
        Reply reply = Call(e.method, target, e.body(), LogIn(who));
        std::string where = e.method;
        where.append(" ").append(target).append(" as ").append(who);
        if (!e.allowed.contains(role)) {
          EXPECT_EQ(reply.status.reason(), "auth.forbidden") << where;
          continue;
        }
        // Allowed role: inside it answers with data; outside it never shows the record.
        bool answered = reply.status.ok();
        if (answered && reply.body.contains("total")) answered = reply.body["total"] > 0;
        if (answered && reply.body.contains("clues_included")) {
          answered = !reply.body["clues"].empty() || !reply.body["interviews"].empty();
        }
        EXPECT_EQ(answered, inside) << where << ": " << reply.status.ToString();
        if (!inside && !reply.status.ok()) {
          EXPECT_EQ(reply.status.code(), ErrorCode::kNotFound) << where;
        }
      }
    }
  }
}

TEST_F(OversightApiTest, WritesNeedTheCsrfToken) {
  Session cm = cm_;
  cm.csrf.clear();
  EXPECT_EQ(Call("POST", "/api/v1/clues", ClueBody(), cm).status.reason(), "auth.csrf");
}

// A clue from registration through 初步核实 (the person on hold) to its conclusion.
TEST_F(OversightApiTest, ClueFlowPutsThePersonOnHoldAndReleases) {
  json body = ClueBody();
  body["handling"] = "verification";
  body["handling_date"] = "2026-10-12";
  Reply created = Call("POST", "/api/v1/clues", body, cm_);
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  EXPECT_EQ(created.code, 201);
  EXPECT_EQ(created.body["state"], "in_progress");
  EXPECT_EQ(created.body["state_label"], "办理中");
  EXPECT_EQ(created.body["handling_label"], "初步核实");
  EXPECT_EQ(created.body["source_label"], "信访举报");
  EXPECT_EQ(created.body["person_name"], "张三");
  EXPECT_EQ(created.body["organ_name"], "甲市财政局");
  ASSERT_TRUE(created.body["hold_id"].is_number_integer());
  auto history = backend_->store().LoadHistory(person_.id_number);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->holds.size(), 1u);
  EXPECT_EQ(history->holds[0].to, std::nullopt);

  const std::string target = "/api/v1/clues/" + std::to_string(created.body["id"].get<int>());
  body["version"] = 1;
  body["concluded_on"] = "2026-11-20";
  body["conclusion"] = "经初步核实，反映问题失实";
  Reply concluded = Call("PUT", target, body, cm_);
  ASSERT_TRUE(concluded.status.ok()) << concluded.status.ToString();
  EXPECT_EQ(concluded.body["state"], "concluded");
  EXPECT_EQ(concluded.body["version"], 2);
  history = backend_->store().LoadHistory(person_.id_number);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->holds[0].to, D("2026-11-19"));
  EXPECT_EQ(Call("PUT", target, body, cm_).status.reason(), "record.stale");

  Reply read = Call("GET", target, nullptr, LogIn("in_leader"));
  ASSERT_TRUE(read.status.ok());
  EXPECT_EQ(read.body["conclusion"], "经初步核实，反映问题失实");
  Reply listed = Call("GET", "/api/v1/clues?state=concluded&page_size=5", nullptr, cm_);
  ASSERT_TRUE(listed.status.ok()) << listed.status.ToString();
  EXPECT_EQ(listed.body["total"], 1);
  EXPECT_EQ(listed.body["page_size"], 5);
  EXPECT_EQ(AuditCount("hold.open"), 1);
  EXPECT_EQ(AuditCount("hold.close"), 1);
  EXPECT_EQ(AuditCount("clue.update"), 1);
}

TEST_F(OversightApiTest, OverdueInquiryRepliesAreListed) {
  json body = ClueBody();
  body["received"] = "2026-10-30";
  body["handling"] = "inquiry";
  body["handling_date"] = "2026-11-02";
  Reply created = Call("POST", "/api/v1/clues", body, cm_);
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  EXPECT_EQ(created.body["reply_due"], "2026-11-23");
  EXPECT_EQ(created.body["reply_overdue"], true);
  Reply overdue = Call("GET", "/api/v1/clues?overdue=true", nullptr, LogIn("in_leader"));
  ASSERT_TRUE(overdue.status.ok());
  ASSERT_EQ(overdue.body["items"].size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/clues?overdue=yes", nullptr, cm_).status.reason(),
            "param.boolean");
}

// Bad input of each kind: refused with the code and field, nothing written.
TEST_F(OversightApiTest, BadInputIsRefusedAndNothingIsWritten) {
  struct Case {
    std::string path;
    json body;
    std::string reason;
    std::string field;
  };
  json reply_before = ClueBody();
  reply_before["handling"] = "inquiry";
  reply_before["handling_date"] = "2026-09-02";
  reply_before["replied_on"] = "2026-08-31";
  json unknown_kind = TalkBody();
  unknown_kind["kind"] = "chat";
  json no_allegations = ClearanceBody();
  no_allegations["allegations"] = json::array();
  json no_persons = TalkBody();
  no_persons.erase("persons");
  json bad_date = ClueBody();
  bad_date["received"] = "2026-02-30";
  json outsider = ClueBody();
  outsider["person_id"] = outsider_.id;
  json bad_ground = ToleranceBody();
  bad_ground["ground"] = "luck";
  json bad_allegation = ClearanceBody();
  bad_allegation["allegations"] = {"甲", 3};
  const std::vector<Case> cases = {
      {"/api/v1/clues", reply_before, "clue.reply_date", "replied_on"},
      {"/api/v1/interviews", unknown_kind, "interview.kind_invalid", "kind"},
      {"/api/v1/clearances", no_allegations, "clearance.allegations_required", "allegations"},
      {"/api/v1/interviews", no_persons, "json.missing", "persons"},
      {"/api/v1/clues", bad_date, "date.invalid", "received"},
      {"/api/v1/clues", outsider, "person.not_found", "person_id"},
      {"/api/v1/fault-tolerance", bad_ground, "fault_tolerance.ground_invalid", "ground"},
      {"/api/v1/clearances", bad_allegation, "json.type", "allegations[1]"},
      {"/api/v1/clues", json("{not json"), "json.malformed", ""},
  };
  for (const Case& c : cases) {
    Reply reply = Call("POST", c.path, c.body, cm_);
    EXPECT_EQ(reply.status.reason(), c.reason) << c.path << " " << c.body.dump();
    EXPECT_EQ(reply.status.field(), c.field) << c.path << " " << c.body.dump();
  }
  for (const char* list :
       {"/api/v1/clues", "/api/v1/interviews", "/api/v1/clearances", "/api/v1/fault-tolerance"}) {
    Reply reply = Call("GET", list, nullptr, cm_);
    ASSERT_TRUE(reply.status.ok()) << list;
    EXPECT_EQ(reply.body["total"], 0) << list;
  }
  EXPECT_TRUE(backend_->store().LoadHistory(person_.id_number)->holds.empty());
  EXPECT_EQ(Call("GET", "/api/v1/clues/abc", nullptr, cm_).status.reason(), "param.id");
  EXPECT_EQ(Call("GET", "/api/v1/clues/999", nullptr, cm_).status.reason(), "clue.not_found");
  EXPECT_EQ(Call("GET", "/api/v1/clues?from=2026-13-01", nullptr, cm_).status.reason(),
            "param.date");
  EXPECT_EQ(Call("GET", "/api/v1/clues?page=x", nullptr, cm_).status.reason(), "param.integer");
  EXPECT_EQ(Call("GET", "/api/v1/clues?page=0", nullptr, cm_).status.reason(), "page.number");
  json missing_version = ClueBody();
  EXPECT_EQ(Call("PUT", "/api/v1/clues/1", missing_version, cm_).status.reason(), "json.missing");
}

TEST_F(OversightApiTest, TalksClearancesAndTheFileOfAPerson) {
  json talk = TalkBody();
  talk["organ_id"] = city_.id;
  talk["kind"] = "work";
  talk["persons"] = {
      {{"person_id", person_.id}, {"principal_leader", true}, {"led_org_id", unit_.id}}};
  talk["interviewers"] = {{{"account_id", 1}}};
  Reply created = Call("POST", "/api/v1/interviews", talk, LogIn("in_unit_committee"));
  ASSERT_TRUE(created.status.ok()) << created.status.ToString();
  EXPECT_EQ(created.body["kind_label"], "工作式约谈");
  EXPECT_EQ(created.body["principal_leader"], true);
  EXPECT_EQ(created.body["persons"][0]["name"], "张三");
  EXPECT_EQ(created.body["interviewers"][0]["name"], "in_case_manager");  // the account's name
  Reply principal =
      Call("GET", "/api/v1/interviews?principal=true&kind=work", nullptr, LogIn("in_leader"));
  ASSERT_TRUE(principal.status.ok());
  EXPECT_EQ(principal.body["total"], 1);
  Reply none = Call("GET", "/api/v1/interviews?to=2026-11-01", nullptr, LogIn("in_leader"));
  ASSERT_TRUE(none.status.ok());
  EXPECT_EQ(none.body["total"], 0);

  Reply cleared = Call("POST", "/api/v1/clearances", ClearanceBody(), cm_);
  ASSERT_TRUE(cleared.status.ok()) << cleared.status.ToString();
  EXPECT_EQ(cleared.body["methods"], json({"written", "in_person"}));
  EXPECT_EQ(cleared.body["method_labels"], json({"书面", "当面"}));
  EXPECT_EQ(cleared.body["conclusion_label"], "失实");
  EXPECT_EQ(cleared.body["trigger_label"], "本人申请");

  const std::string file = "/api/v1/persons/" + std::to_string(person_.id) + "/oversight";
  Reply full = Call("GET", file, nullptr, cm_);
  ASSERT_TRUE(full.status.ok()) << full.status.ToString();
  EXPECT_EQ(full.body["clearances"].size(), 1u);
  EXPECT_EQ(full.body["interviews"].size(), 1u);
  Reply talks_only = Call("GET", file, nullptr, LogIn("in_unit_committee"));
  ASSERT_TRUE(talks_only.status.ok());
  EXPECT_EQ(talks_only.body["clues_included"], false);
  EXPECT_TRUE(talks_only.body["clearances"].empty());
  EXPECT_EQ(talks_only.body["interviews"].size(), 1u);
  EXPECT_EQ(
      Call("GET", "/api/v1/persons/" + std::to_string(outsider_.id) + "/oversight", nullptr, cm_)
          .status.reason(),
      "person.not_found");
}

TEST_F(OversightApiTest, ExemptionLiftsTheRestrictionAndIsCited) {
  const storage::RowId measure =
      AddMeasure(person_, "甲纪发〔2026〕3号", "party.warning", "2026-06-01");
  json body = ToleranceBody();
  body.erase("allegation");
  body["measure_id"] = measure;
  body["decision"] = "exempt";
  Reply decided = Call("POST", "/api/v1/fault-tolerance", body, cm_);
  ASSERT_TRUE(decided.status.ok()) << decided.status.ToString();
  EXPECT_EQ(decided.body["decision_label"], "免责");
  EXPECT_EQ(decided.body["decision_number"], "甲纪发〔2026〕3号");
  EXPECT_EQ(decided.body["ground_label"],
            "把尚无明确限制的探索性试验中的失误错误，同明令禁止后依然我行我素的违纪违法行为"
            "区分开来");
  body["person_id"] = outsider_.id;
  EXPECT_EQ(Call("POST", "/api/v1/fault-tolerance", body, cm_).status.reason(), "person.not_found");
}

}  // namespace
}  // namespace kangfu::api
