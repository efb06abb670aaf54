#include "api/reuse_api.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/inprocess_test_support.hpp"
#include "codec/catalogue_json.hpp"
#include "security/sm3.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;

using inprocess::D;
using inprocess::Reply;
using inprocess::Session;

// The routes are driven in process through the router and AuthApi::Protect (session cookie and
// CSRF checked as in production), as vetting_api_test does.
class ReuseApiTest : public inprocess::ModuleTest {
 protected:
  static constexpr storage::Discipline kIntegrity = storage::Discipline::kIntegrity;

  void SetUp() override {
    // 2026-11-27 (a Friday) 16:00 in Beijing.
    SetUpWorld(1795766400, "2026-11-01T00:00:00Z");
    storage::Store& s = backend_->store();
    visitor_a_ = AddPerson(90, "回访人甲", unit_.id, "副局长");
    visitor_b_ = AddPerson(91, "回访人乙", unit_.id, "副局长");
    subject_ = AddPerson(1, "张三", unit_.id, "副局长");
    AddMeasure(subject_, "甲纪发〔2024〕1号", "party.warning", "2024-06-01", kIntegrity);
    AddVisit(subject_, "2025-03-01");
    storage::Hold hold;
    hold.person_id = subject_.id;
    hold.kind = storage::HoldKind::kCaseReview;
    hold.from = D("2026-10-01");
    hold_ = s.AddHold(hold).value();
    heavy_ = AddPerson(2, "王五", unit_.id, "副局长");
    AddMeasure(heavy_, "甲监发〔2023〕3号", "gov.dismissal_from_post", "2023-01-01", kIntegrity);
    AddVisit(heavy_, "2023-06-01");
    expelled_ = AddPerson(3, "赵六", unit_.id, "副局长");
    AddMeasure(expelled_, "甲监发〔2020〕4号", "gov.expulsion", "2020-01-01", kIntegrity);
    plain_ = AddPerson(4, "孙七", unit_.id, "副局长");
    AddMeasure(plain_, "甲纪发〔2023〕5号", "gov.warning", "2023-01-01", kIntegrity);
    AddVisit(plain_, "2023-05-01");
    outsider_ = AddPerson(
        6, "吴九",
        s.AddOrganisation(
             {.parent_id = other_.id, .name = "乙市交通局", .level = storage::OrgLevel::kUnit})
            .value()
            .id,
        "副局长");
    AddAccountPerRole();
    api_ = std::make_unique<ReuseApi>(*backend_, *auth_, codec::BuiltinCatalogue(),
                                      domain::EngineOptions{}, clock_);
    ASSERT_TRUE(api_->AddRoutes(router_).ok());
    EXPECT_EQ(api_->Today(), D("2026-11-27"));
  }

  void AddVisit(const storage::Person& person, const char* date) {
    storage::VisitRow visit;
    visit.person_id = person.id;
    visit.organ_id = city_.id;
    visit.date = D(date);
    visit.visitors = {visitor_a_.id, visitor_b_.id};
    visit.talked_with = {"subject", "unit_head"};
    visit.checked = {"attitude", "work"};
    visit.grade = "good";
    Result<storage::VisitRow> added = backend_->store().Aftercare().AddVisit(visit);
    ASSERT_TRUE(added.ok()) << added.status().ToString() << added.status().internal();
  }

  static std::string FileUrl(const Reply& reply, const std::string& suffix = "") {
    return "/api/v1/reuse-files/" + std::to_string(reply.body["id"].get<int64_t>()) + suffix;
  }

  static json Step(int step, const char* organ, const char* date, int64_t document_id) {
    return {{"step", step},
            {"organ", organ},
            {"date", date},
            {"opinion", "同意"},
            {"document_id", document_id}};
  }

  std::unique_ptr<ReuseApi> api_;
  storage::Person visitor_a_, visitor_b_, subject_, heavy_, expelled_, plain_, outsider_;
  storage::Hold hold_;
};

// Every re-use route × every role × inside / outside the jurisdiction: only the listed accounts
// get past the permission check; inside they reach the use case, outside they learn nothing
// (not found); unauthenticated calls get 401 everywhere. Bodies are chosen so that no call
// changes the state the next one relies on (stale versions, out-of-order steps).
TEST_F(ReuseApiTest, AuthorisationMatrixCoversEveryRouteRoleAndJurisdiction) {
  storage::ReuseStore& r = backend_->store().Reuse();
  const storage::ReuseFileRow inside = r.AddReuseFile({.person_id = plain_.id,
                                                       .org_id = city_.id,
                                                       .opened_by = accounts_["orgdept"],
                                                       .opened_on = D("2026-11-01"),
                                                       .state = "open"})
                                           .value();
  const storage::ReuseFileRow outside = r.AddReuseFile({.person_id = outsider_.id,
                                                        .org_id = other_.id,
                                                        .opened_by = accounts_["orgdept"],
                                                        .opened_on = D("2026-11-01"),
                                                        .state = "open"})
                                            .value();
  auto doc = [&](const storage::ReuseFileRow& f) {
    return r
        .AddReuseDocument({.file_id = f.id,
                           .name = "a.pdf",
                           .content_type = "application/pdf",
                           .hash = std::string(64, '0'),
                           .kind = "upload",
                           .bytes = "%PDF",
                           .uploaded_by = "orgdept",
                           .uploaded_on = D("2026-11-01")})
        .value()
        .id;
  };
  const storage::RowId doc_in = doc(inside), doc_out = doc(outside);

  struct Entry {
    std::string method;
    std::string pattern;
    std::function<std::string(bool)> target;
    json body;
    std::set<std::string> allowed;
    bool jurisdiction = true;  // outside: not found
  };
  const std::set<std::string> readers = {"cm", "orgdept", "unit", "leader"};
  auto file = [&](const char* suffix) {
    return [&, suffix](bool in) {
      return "/api/v1/reuse-files/" + std::to_string(in ? inside.id : outside.id) + suffix;
    };
  };
  auto person = [&](const char* suffix) {
    return [&, suffix](bool in) {
      return "/api/v1/persons/" + std::to_string(in ? plain_.id : outsider_.id) + suffix;
    };
  };
  const std::vector<Entry> matrix = {
      {"GET", "/api/v1/persons/{id}/reuse-check", person("/reuse-check"), nullptr, readers},
      {"POST",
       "/api/v1/persons/{id}/annual-assessments",
       person("/annual-assessments"),
       {{"year", 2025}, {"grade", "excellent"}},
       {"orgdept"}},
      {"GET", "/api/v1/reuse-files", [](bool) { return std::string("/api/v1/reuse-files"); },
       nullptr, readers, false},
      {"POST",
       "/api/v1/reuse-files",
       [](bool) { return std::string("/api/v1/reuse-files"); },
       nullptr,
       {"orgdept"},
       false},
      {"GET", "/api/v1/reuse-files/{id}", file(""), nullptr, readers},
      {"GET", "/api/v1/reuse-files/{id}/evidence", file("/evidence"), nullptr, readers},
      {"POST",
       "/api/v1/reuse-files/{id}/approve-override",
       file("/approve-override"),
       {{"version", 99}},
       {"leader"}},
      {"POST",
       "/api/v1/reuse-files/{id}/steps",
       file("/steps"),
       Step(3, "中共甲市委组织部", "2026-11-20", 1),
       {"orgdept"}},
      {"POST",
       "/api/v1/reuse-files/{id}/commission-opinion",
       file("/commission-opinion"),
       {{"organ", "甲市纪委"}, {"result", "agree"}, {"opinion", "同意"}},
       {"cm"}},
      {"POST",
       "/api/v1/reuse-files/{id}/documents",
       file("/documents?name=b.pdf"),
       json("bytes"),
       {"orgdept", "cm"}},
      {"GET", "/api/v1/reuse-files/{id}/documents/{did}",
       [&](bool in) {
         return "/api/v1/reuse-files/" + std::to_string(in ? inside.id : outside.id) +
                "/documents/" + std::to_string(in ? doc_in : doc_out);
       },
       nullptr, readers},
      {"POST",
       "/api/v1/reuse-files/{id}/withdraw",
       file("/withdraw"),
       {{"version", 99}, {"reason", "调离"}},
       {"orgdept"}},
      {"POST",
       "/api/v1/reuse-files/{id}/decline",
       file("/decline"),
       {{"version", 99}, {"reason", "不同意"}},
       {"orgdept"}},
      {"GET",
       "/api/v1/reuse-policy",
       [](bool) { return std::string("/api/v1/reuse-policy"); },
       nullptr,
       {"cm", "orgdept", "unit", "leader", "secadmin"},
       false},
      {"PUT",
       "/api/v1/reuse-policy",
       [](bool) { return std::string("/api/v1/reuse-policy"); },
       {{"version", 99}, {"policy", json::object()}},
       {"secadmin"},
       false},
  };
  std::set<std::pair<std::string, std::string>> covered;
  for (const Entry& e : matrix) covered.insert({e.method, e.pattern});
  for (const http::RouteInfo& route : router_.Routes()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no matrix entry";
  }
  EXPECT_EQ(covered.size(), router_.Routes().size());

  std::map<std::string, Session> sessions;
  for (const auto& [name, id] : accounts_) sessions[name] = LogIn(name);
  for (const Entry& e : matrix) {
    for (const bool in : {true, false}) {
      // POST /reuse-files names the person in the body.
      json body = e.body;
      if (e.method == "POST" && e.pattern == "/api/v1/reuse-files") {
        body = {{"person_id", in ? plain_.id : outsider_.id}};
      }
      Reply anonymous = Call(e.method, e.target(in), body, {});
      EXPECT_EQ(anonymous.status.code(), ErrorCode::kUnauthenticated) << e.target(in);
      for (const auto& [name, session] : sessions) {
        Reply reply = Call(e.method, e.target(in), body, session);
        const std::string where =
            e.method + " " + e.target(in) + " as " + name + ": " + reply.status.ToString();
        if (!e.allowed.contains(name)) {
          EXPECT_EQ(reply.status.reason(), "auth.forbidden") << where;
          continue;
        }
        EXPECT_NE(reply.status.reason(), "auth.forbidden") << where;
        const bool names_person = e.method == "POST" && e.pattern == "/api/v1/reuse-files";
        if (!in && (e.jurisdiction || names_person)) {
          EXPECT_EQ(reply.status.code(), ErrorCode::kNotFound) << where;
        } else if (e.method == "GET") {
          EXPECT_TRUE(reply.status.ok()) << where;
        }
      }
    }
  }
  // The list of the jurisdiction shows the inside file only.
  Reply listed = Call("GET", "/api/v1/reuse-files", nullptr, sessions["leader"]);
  ASSERT_TRUE(listed.status.ok());
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["id"], inside.id);
}

TEST_F(ReuseApiTest, WritesNeedTheCsrfToken) {
  Session orgdept = LogIn("orgdept");
  orgdept.csrf.clear();
  Reply reply = Call("POST", "/api/v1/reuse-files", {{"person_id", subject_.id}}, orgdept);
  EXPECT_EQ(reply.status.reason(), "auth.csrf");
}

// A file blocked by a hold; the hold is closed; the file runs through all five steps, and a step
// attempted out of order is refused.
TEST_F(ReuseApiTest, FileBlockedByAHoldThenRunsThroughFiveSteps) {
  const Session orgdept = LogIn("orgdept");
  const Session cm = LogIn("cm");
  const std::string person = "/api/v1/persons/" + std::to_string(subject_.id);

  // The check before acting: the organisation department sees reasons without records.
  Reply check = Call("GET", person + "/reuse-check", nullptr, orgdept);
  ASSERT_TRUE(check.status.ok()) << check.status.ToString();
  EXPECT_EQ(check.body["ready"], false);
  EXPECT_EQ(check.body["facts_included"], false);
  ASSERT_EQ(check.body["preconditions"].size(), 6u);
  EXPECT_EQ(check.body["preconditions"][1], json({{"code", "reuse.period_running"},
                                                  {"label", "影响期已满"},
                                                  {"met", true},
                                                  {"message", nullptr},
                                                  {"refs", json::array()}}));
  EXPECT_EQ(check.body["preconditions"][2],
            json({{"code", "reuse.on_hold"},
                  {"label", "无正在核查或审查调查的问题"},
                  {"met", false},
                  {"message", "有正在核查的问题线索、正在审查调查的问题或停职检查，待查清后再办理"},
                  {"refs", json::array()}}));
  EXPECT_EQ(check.body["eligibility"]["level"], "allowed");
  Reply cm_check = Call("GET", person + "/reuse-check?date=2026-11-27", nullptr, cm);
  ASSERT_TRUE(cm_check.status.ok());
  EXPECT_EQ(cm_check.body["preconditions"][2]["refs"], json({"hold:" + std::to_string(hold_.id)}));
  Reply early = Call("GET", person + "/reuse-check?date=2025-05-31", nullptr, cm);
  ASSERT_TRUE(early.status.ok());
  EXPECT_EQ(early.body["preconditions"][1]["message"],
            "影响期未满，自2025-06-01起方可提出重新使用");
  EXPECT_EQ(Call("GET", person + "/reuse-check?date=2025-02-30", nullptr, cm).status.reason(),
            "param.date");

  Reply opened = Call("POST", "/api/v1/reuse-files", {{"person_id", subject_.id}}, orgdept);
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  EXPECT_EQ(opened.code, 201);
  EXPECT_EQ(opened.body["state"], "open");
  EXPECT_EQ(opened.body["next_step"], 1);
  EXPECT_EQ(opened.body["next_step_label"], "组织人事部门提出意见并征求纪检监察机关意见");
  EXPECT_EQ(opened.body["person_name"], "张三");
  Reply twice = Call("POST", "/api/v1/reuse-files", {{"person_id", subject_.id}}, orgdept);
  EXPECT_EQ(twice.status.reason(), "reuse.file_open");

  // A document uploaded to the file: stored with its name, type, size and SM3 hash.
  const std::string bytes = std::string("%PDF-1.7\n\0\x01\xFF", 12);
  Reply uploaded =
      Call("POST", FileUrl(opened, "/documents?name=%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81.pdf"),
           nullptr, orgdept, bytes, "application/pdf");
  ASSERT_TRUE(uploaded.status.ok()) << uploaded.status.ToString();
  EXPECT_EQ(uploaded.code, 201);
  EXPECT_EQ(uploaded.body["name"], "征求意见.pdf");
  EXPECT_EQ(uploaded.body["size"], 12);
  EXPECT_EQ(uploaded.body["content_type"], "application/pdf");
  EXPECT_EQ(uploaded.body["hash"], security::DigestHex(security::Sm3(bytes).value()));
  EXPECT_EQ(Call("POST", FileUrl(opened, "/documents?name=a%2Fb.pdf"), nullptr, orgdept, bytes,
                 "application/pdf")
                .status.reason(),
            "reuse.document_name");
  const int64_t doc = uploaded.body["id"];

  // Out of order: step 2 before step 1.
  Reply out_of_order = Call("POST", FileUrl(opened, "/steps"),
                            Step(2, "中共甲市委组织部", "2026-11-20", doc), orgdept);
  EXPECT_EQ(out_of_order.status.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(out_of_order.status.reason(), "reuse.step_out_of_order");
  EXPECT_EQ(out_of_order.status.message(),
            "重新使用须按程序依次办理：请先完成第1步“组织人事部门提出意见并征求纪检监察机关意见”，"
            "再办理第2步“深入了解影响期内现实表现和工作业绩”");

  // Step 1 blocked by the hold: each reason listed, no record revealed.
  Reply blocked = Call("POST", FileUrl(opened, "/steps"),
                       Step(1, "中共甲市委组织部", "2026-11-20", doc), orgdept);
  EXPECT_EQ(blocked.status.reason(), "reuse.preconditions");
  ASSERT_EQ(blocked.status.details().size(), 1u);
  EXPECT_EQ(blocked.status.details()[0],
            (FieldError{"preconditions", "reuse.on_hold",
                        "有正在核查的问题线索、正在审查调查的问题或停职检查，待查清后再办理"}));
  EXPECT_EQ(AuditCount("reuse.step", false), 1);
  Reply nothing = Call("GET", FileUrl(opened), nullptr, orgdept);
  EXPECT_EQ(nothing.body["steps"].size(), 0u);

  // The review ends without a case: the hold is closed.
  storage::Hold closed = hold_;
  closed.to = D("2026-11-10");
  ASSERT_TRUE(backend_->store().UpdateHold(closed).ok());

  for (const auto& [body, reason] : std::vector<std::pair<json, std::string>>{
           {{{"step", 1}, {"opinion", "x"}, {"document_id", doc}}, "reuse.organ_required"},
           {{{"step", 1}, {"organ", "组织部"}, {"document_id", doc}}, "reuse.opinion_required"},
           {{{"step", 1}, {"organ", "组织部"}, {"opinion", "x"}}, "reuse.document_required"},
           {{{"step", 1}, {"organ", "组织部"}, {"opinion", "x"}, {"document_id", 999}},
            "reuse_document.not_found"},
           {{{"step", 1},
             {"organ", "组织部"},
             {"opinion", "x"},
             {"document_id", doc},
             {"date", "2026-11-28"}},
            "reuse.step_date_future"},
           {{{"step", 7}, {"organ", "组织部"}, {"opinion", "x"}, {"document_id", doc}},
            "reuse.step_invalid"},
           {{{"organ", "组织部"}}, "json.missing"}}) {
    EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), body, orgdept).status.reason(), reason)
        << body.dump();
  }
  Reply step1 = Call("POST", FileUrl(opened, "/steps"),
                     Step(1, "中共甲市委组织部", "2026-11-20", doc), orgdept);
  ASSERT_TRUE(step1.status.ok()) << step1.status.ToString();
  EXPECT_EQ(step1.code, 201);
  EXPECT_EQ(step1.body["next_step"], 2);
  EXPECT_EQ(step1.body["steps"][0]["document_id"], doc);

  // Step 2 waits for the commission's opinion on step 1.
  json step2 = Step(2, "中共甲市委组织部", "2026-11-23", doc);
  step2["attitude"] = "认识深刻，主动整改";
  step2["five_looks"] = {{"time", "2024年6月受处分，影响期已于2025年6月届满"},
                         {"cause", "工作失职"},
                         {"performance", "影响期内表现良好"},
                         {"sanction_type", "党内警告"},
                         {"nature", ""}};
  step2["evaluation"] = {{"good", 30}, {"fairly_good", 8}, {"average", 2}, {"poor", 0}};
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step2, orgdept).status.reason(),
            "reuse.commission_opinion_missing");
  EXPECT_EQ(
      Call("POST", FileUrl(opened, "/commission-opinion"),
           {{"organ", "中共甲市纪律检查委员会"}, {"result", "maybe"}, {"opinion", "同意"}}, cm)
          .status.reason(),
      "reuse.result_invalid");
  Reply opinion = Call("POST", FileUrl(opened, "/commission-opinion"),
                       {{"organ", "中共甲市纪律检查委员会"},
                        {"date", "2026-11-21"},
                        {"result", "agree"},
                        {"opinion", "未发现影响使用的问题，同意重新使用"}},
                       cm);
  ASSERT_TRUE(opinion.status.ok()) << opinion.status.ToString();
  EXPECT_EQ(opinion.body["steps"][0]["details"]["commission"]["result"], "agree");
  EXPECT_EQ(opinion.body["steps"][0]["details"]["commission"]["by"], "cm");

  Reply no_nature = Call("POST", FileUrl(opened, "/steps"), step2, orgdept);
  EXPECT_EQ(no_nature.status.reason(), "reuse.five_looks_required");
  EXPECT_EQ(no_nature.status.field(), "five_looks.nature");
  step2["five_looks"]["nature"] = "一般性失职错误";
  step2["evaluation"]["poor"] = -1;
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step2, orgdept).status.reason(),
            "reuse.evaluation_invalid");
  step2["evaluation"]["poor"] = 0;
  step2["date"] = "2026-11-19";  // before step 1
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step2, orgdept).status.reason(),
            "reuse.step_date");
  step2["date"] = "2026-11-23";
  Reply second = Call("POST", FileUrl(opened, "/steps"), step2, orgdept);
  ASSERT_TRUE(second.status.ok()) << second.status.ToString();

  // Evidence at step 2 and step 4.
  const std::string assessments = person + "/annual-assessments";
  ASSERT_TRUE(
      Call("POST", assessments, {{"year", 2025}, {"grade", "excellent"}}, orgdept).status.ok());
  ASSERT_TRUE(
      Call("POST", assessments, {{"year", 2024}, {"grade", "competent"}}, orgdept).status.ok());
  EXPECT_EQ(
      Call("POST", assessments, {{"year", 2025}, {"grade", "competent"}}, orgdept).status.reason(),
      "reuse_assessment.duplicate");
  EXPECT_EQ(Call("POST", assessments, {{"year", 2023}, {"grade", "good"}}, orgdept).status.reason(),
            "reuse.assessment_grade");
  EXPECT_EQ(
      Call("POST", assessments, {{"year", 2027}, {"grade", "excellent"}}, orgdept).status.reason(),
      "reuse.assessment_year");
  Reply evidence = Call("GET", FileUrl(opened, "/evidence"), nullptr, orgdept);
  ASSERT_TRUE(evidence.status.ok()) << evidence.status.ToString();
  EXPECT_EQ(evidence.body["attitude"], "认识深刻，主动整改");
  EXPECT_EQ(evidence.body["five_looks"]["sanction_type"], "党内警告");
  EXPECT_EQ(evidence.body["evaluation"]["total"], 40);
  EXPECT_EQ(evidence.body["evaluation"]["good_share_percent"], 95.0);
  EXPECT_EQ(evidence.body["assessments"],
            json({{{"year", 2024}, {"grade", "competent"}, {"grade_label", "称职"}},
                  {{"year", 2025}, {"grade", "excellent"}, {"grade_label", "优秀"}}}));
  EXPECT_EQ(evidence.body["visits"],
            json({{{"date", "2025-03-01"}, {"grade", "good"}, {"grade_label", "好"}}}));
  EXPECT_EQ(evidence.body["mentor_reports"], json::array());

  // Step 3 with a generated letter.
  json step3 = {{"step", 3},
                {"organ", "中共甲市委组织部"},
                {"date", "2026-11-24"},
                {"opinion", "拟重新使用张三同志，请提出意见。"},
                {"generate_letter", true}};
  Reply third = Call("POST", FileUrl(opened, "/steps"), step3, orgdept);
  ASSERT_TRUE(third.status.ok()) << third.status.ToString();
  ASSERT_EQ(third.body["documents"].size(), 2u);
  EXPECT_EQ(third.body["documents"][1]["kind"], "generated");
  EXPECT_EQ(third.body["documents"][1]["name"], "关于张三同志重新使用征求意见的函.docx");
  EXPECT_EQ(third.body["steps"][2]["document_id"], third.body["documents"][1]["id"]);
  // The generated letter opens in python-docx with its title and the opinion.
  Reply letter =
      Call("GET",
           FileUrl(opened,
                   "/documents/" + std::to_string(third.body["documents"][1]["id"].get<int64_t>())),
           nullptr, orgdept);
  ASSERT_TRUE(letter.status.ok()) << letter.status.ToString();
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "reuse_letter_test.docx";
  std::ofstream(path, std::ios::binary) << letter.raw;
  const std::string out = path.string() + ".txt";
  const std::string command =
      std::string("/usr/bin/python3 ") + KANGFU_LETTER_CHECK + " " + path.string() + " > " + out;
  // The command is built from a fixed script path and a temp file name, not from input.
  ASSERT_EQ(std::system(command.c_str()), 0) << command;  // NOLINT(bugprone-command-processor)
  std::ifstream text_file(out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(text_file, line);) lines.push_back(line);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "关于张三同志重新使用征求意见的函"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "拟重新使用张三同志，请提出意见。"), lines.end());

  // Step 4: the collective decision and who answers for it; step 5 makes it public.
  json step4 = Step(4, "中共甲市委", "2026-11-25", doc);
  step4["meeting"] = "市委常委会2026年第30次会议";
  step4["decision"] = "reuse";
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step4, orgdept).status.reason(),
            "reuse.responsible_required");
  step4["responsible"] = {"李书记", "陈部长"};
  Reply fourth = Call("POST", FileUrl(opened, "/steps"), step4, orgdept);
  ASSERT_TRUE(fourth.status.ok()) << fourth.status.ToString();
  EXPECT_EQ(fourth.body["steps"][3]["details"]["responsible"], json({"李书记", "陈部长"}));
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step4, orgdept).status.reason(),
            "reuse.step_done");
  json step5 = Step(5, "中共甲市委组织部", "2026-11-26", doc);
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step5, orgdept).status.reason(),
            "reuse.publicity_required");
  step5["publicity"] = "在甲市财政局内公示5个工作日";
  Reply fifth = Call("POST", FileUrl(opened, "/steps"), step5, orgdept);
  ASSERT_TRUE(fifth.status.ok()) << fifth.status.ToString();
  EXPECT_EQ(fifth.body["state"], "reused");
  EXPECT_EQ(fifth.body["state_label"], "已重新使用");
  EXPECT_EQ(fifth.body["closed_on"], "2026-11-26");
  EXPECT_EQ(fifth.body["next_step"], 0);
  EXPECT_EQ(fifth.body["steps"].size(), 5u);
  EXPECT_EQ(Call("POST", FileUrl(opened, "/withdraw"), {{"version", 2}, {"reason", "x"}}, orgdept)
                .status.reason(),
            "reuse.closed");

  Reply download = Call("GET", FileUrl(opened, "/documents/" + std::to_string(doc)), nullptr, cm);
  ASSERT_TRUE(download.status.ok()) << download.status.ToString();
  EXPECT_EQ(download.raw, bytes);
  EXPECT_EQ(download.content_type, "application/pdf");
  EXPECT_EQ(AuditCount("reuse.step", true), 5);
  EXPECT_EQ(AuditCount("reuse.commission_opinion", true), 1);
  EXPECT_EQ(AuditCount("reuse.upload", true), 1);
  EXPECT_EQ(AuditCount("reuse.complete", true), 1);
  EXPECT_EQ(AuditCount("reuse.check", true), 3);
  EXPECT_EQ(AuditCount("reuse.document", true), 2);  // the uploaded file and the letter, read
  EXPECT_EQ(AuditCount("reuse.evidence", true), 1);
}

// 差异化的分类管理: a heavier sanction is refused without an override, accepted with one and its
// reason (audited), and step 1 waits for a leader's approval; an expulsion is never proposed.
TEST_F(ReuseApiTest, HeavierSanctionNeedsAnApprovedOverride) {
  const Session orgdept = LogIn("orgdept");
  const Session leader = LogIn("leader");
  Reply refused = Call("POST", "/api/v1/reuse-files", {{"person_id", heavy_.id}}, orgdept);
  EXPECT_EQ(refused.status.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(refused.status.reason(), "reuse.override_required");
  EXPECT_EQ(refused.status.field(), "override_reason");
  ASSERT_EQ(refused.status.details().size(), 1u);
  EXPECT_EQ(refused.status.details()[0].message,
            "受到“撤职”处理，须写明特别理由并经领导批准后方可提出重新使用");
  EXPECT_EQ(AuditCount("reuse.open", false), 1);

  Reply opened =
      Call("POST", "/api/v1/reuse-files",
           {{"person_id", heavy_.id}, {"override_reason", "影响期内表现突出，专业急需"}}, orgdept);
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  EXPECT_EQ(opened.body["override_pending"], true);
  EXPECT_EQ(opened.body["override_reason"], "影响期内表现突出，专业急需");
  EXPECT_EQ(AuditCount("reuse.override", true), 1);

  Reply upload = Call("POST", FileUrl(opened, "/documents?name=a.pdf"), nullptr, orgdept, "%PDF",
                      "application/pdf");
  ASSERT_TRUE(upload.status.ok());
  const json step1 = Step(1, "中共甲市委组织部", "2026-11-27", upload.body["id"]);
  EXPECT_EQ(Call("POST", FileUrl(opened, "/steps"), step1, orgdept).status.reason(),
            "reuse.override_unapproved");
  EXPECT_EQ(
      Call("POST", FileUrl(opened, "/approve-override"), {{"version", 9}}, leader).status.reason(),
      "record.stale");
  Reply approved = Call("POST", FileUrl(opened, "/approve-override"), {{"version", 1}}, leader);
  ASSERT_TRUE(approved.status.ok()) << approved.status.ToString();
  EXPECT_EQ(approved.body["override_pending"], false);
  EXPECT_EQ(approved.body["override_approved_by"], "leader");
  EXPECT_EQ(AuditCount("reuse.override_approve", true), 1);
  EXPECT_EQ(
      Call("POST", FileUrl(opened, "/approve-override"), {{"version", 2}}, leader).status.reason(),
      "reuse.no_override");
  Reply step = Call("POST", FileUrl(opened, "/steps"), step1, orgdept);
  ASSERT_TRUE(step.status.ok()) << step.status.ToString();

  Reply excluded = Call("POST", "/api/v1/reuse-files",
                        {{"person_id", expelled_.id}, {"override_reason", "理由"}}, orgdept);
  EXPECT_EQ(excluded.status.reason(), "reuse.ineligible");
  Reply check = Call("GET", "/api/v1/persons/" + std::to_string(expelled_.id) + "/reuse-check",
                     nullptr, LogIn("cm"));
  ASSERT_TRUE(check.status.ok());
  EXPECT_EQ(check.body["eligibility"]["level"], "excluded");
  EXPECT_EQ(check.body["ready"], false);
  EXPECT_FALSE(check.body["eligibility"]["findings"][0]["ref"].is_null());
}

TEST_F(ReuseApiTest, WithdrawAndDeclineCloseTheFile) {
  const Session orgdept = LogIn("orgdept");
  Reply opened = Call("POST", "/api/v1/reuse-files", {{"person_id", plain_.id}}, orgdept);
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  Reply no_reason =
      Call("POST", FileUrl(opened, "/withdraw"), {{"version", 1}, {"reason", " "}}, orgdept);
  EXPECT_EQ(no_reason.status.reason(), "reuse.reason_required");
  Reply withdrawn =
      Call("POST", FileUrl(opened, "/withdraw"), {{"version", 1}, {"reason", "本人调离"}}, orgdept);
  ASSERT_TRUE(withdrawn.status.ok()) << withdrawn.status.ToString();
  EXPECT_EQ(withdrawn.body["state"], "withdrawn");
  EXPECT_EQ(withdrawn.body["close_reason"], "本人调离");
  Reply again = Call("POST", "/api/v1/reuse-files", {{"person_id", plain_.id}}, orgdept);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  Reply declined = Call("POST", FileUrl(again, "/decline"),
                        {{"version", 1}, {"reason", "民主测评结果较差，暂不重新使用"}}, orgdept);
  ASSERT_TRUE(declined.status.ok()) << declined.status.ToString();
  EXPECT_EQ(declined.body["state"], "not_reused");
  EXPECT_EQ(declined.body["state_label"], "决定不重新使用");
  EXPECT_EQ(AuditCount("reuse.withdraw", true), 1);
  EXPECT_EQ(AuditCount("reuse.decline", true), 1);
  EXPECT_EQ(Call("GET", "/api/v1/reuse-files/abc", nullptr, orgdept).status.reason(), "param.id");
}

// The security administrator edits the eligibility policy (audited); the change takes effect.
TEST_F(ReuseApiTest, SecurityAdministratorEditsThePolicy) {
  const Session secadmin = LogIn("secadmin");
  Reply shipped = Call("GET", "/api/v1/reuse-policy", nullptr, secadmin);
  ASSERT_TRUE(shipped.status.ok()) << shipped.status.ToString();
  EXPECT_EQ(shipped.body["version"], 0);
  EXPECT_EQ(shipped.body["policy"]["measures"]["gov.dismissal_from_post"], "override");
  EXPECT_EQ(shipped.body["policy"]["measures"]["party.expulsion"], "excluded");

  json policy = shipped.body["policy"];
  policy["measures"]["no.such"] = "allowed";
  Reply bad = Call("PUT", "/api/v1/reuse-policy", {{"version", 0}, {"policy", policy}}, secadmin);
  EXPECT_EQ(bad.status.reason(), "reuse_policy.measure_unknown");
  EXPECT_EQ(bad.status.field(), "measures.no.such");
  policy["measures"].erase("no.such");
  policy["measures"]["gov.dismissal_from_post"] = "sometimes";
  bad = Call("PUT", "/api/v1/reuse-policy", {{"version", 0}, {"policy", policy}}, secadmin);
  EXPECT_EQ(bad.status.reason(), "reuse_policy.level");
  EXPECT_EQ(bad.status.field(), "policy.measures.gov.dismissal_from_post");
  policy["measures"]["gov.dismissal_from_post"] = "allowed";
  Reply stored =
      Call("PUT", "/api/v1/reuse-policy", {{"version", 0}, {"policy", policy}}, secadmin);
  ASSERT_TRUE(stored.status.ok()) << stored.status.ToString();
  EXPECT_EQ(stored.body["version"], 1);
  EXPECT_EQ(AuditCount("reuse.policy", true), 1);
  EXPECT_EQ(Call("PUT", "/api/v1/reuse-policy", {{"version", 0}, {"policy", policy}}, secadmin)
                .status.reason(),
            "setting.exists");

  Reply opened = Call("POST", "/api/v1/reuse-files", {{"person_id", heavy_.id}}, LogIn("orgdept"));
  ASSERT_TRUE(opened.status.ok()) << opened.status.ToString();
  EXPECT_EQ(opened.body["override_pending"], false);
}

}  // namespace
}  // namespace kangfu::api
