#include "api/vetting_api.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "api/inprocess_test_support.hpp"
#include "codec/catalogue_json.hpp"

#ifndef KANGFU_VETTING_LETTER_CHECK
#define KANGFU_VETTING_LETTER_CHECK ""
#endif

namespace kangfu::api {
namespace {

using nlohmann::json;

using inprocess::D;
using inprocess::IdNumber;
using inprocess::Reply;
using inprocess::Session;

// The routes are driven in process through the router and AuthApi::Protect (session cookie and
// CSRF checked as in production), as aftercare_api_test does.
class VettingApiTest : public inprocess::ModuleTest {
 protected:
  void SetUp() override {
    // 2026-11-27 (a Friday) 16:00 in Beijing.
    SetUpWorld(1795766400, "2026-11-01T00:00:00Z");
    storage::Store& s = backend_->store();
    clean_ = AddPerson(1, "张三", unit_.id, "副局长");
    over_ = AddPerson(2, "王五", unit_.id, "副局长");
    AddMeasure(over_, "甲纪发〔2024〕1号", "party.warning", "2024-01-10");
    running_ = AddPerson(3, "赵六", unit_.id, "副局长");
    AddMeasure(running_, "甲纪发〔2026〕9号", "gov.demerit", "2026-06-01");
    pending_ = AddPerson(4, "孙七", unit_.id, "副局长");
    storage::Hold hold;
    hold.person_id = pending_.id;
    hold.kind = storage::HoldKind::kCaseReview;
    hold.from = D("2026-10-01");
    ASSERT_TRUE(s.AddHold(hold).ok());
    unsuitable_ = AddPerson(5, "周八", unit_.id, "副局长");
    AddMeasure(unsuitable_, "甲监发〔2025〕2号", "gov.expulsion", "2025-05-01");
    outsider_ = AddPerson(6, "吴九", other_.id, "副局长");
    AddAccountPerRole();
    auto api = VettingApi::Create(*backend_, *auth_, codec::BuiltinCatalogue(),
                                  domain::EngineOptions{}, clock_);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
    ASSERT_TRUE(api_->AddRoutes(router_).ok());
    EXPECT_EQ(api_->Today(), D("2026-11-27"));
  }

  std::unique_ptr<VettingApi> api_;
  storage::Person clean_, over_, running_, pending_, unsuitable_, outsider_;
};

// Every vetting route × every role: only the listed accounts are answered without
// auth.forbidden; unauthenticated calls get 401 everywhere.
TEST_F(VettingApiTest, AuthorisationMatrixCoversEveryRoute) {
  struct Entry {
    std::string method;
    std::string pattern;
    std::string target;
    json body;
    std::set<std::string> allowed;
  };
  const std::set<std::string> readers = {"cm", "orgdept", "leader"};
  const std::vector<Entry> matrix = {
      {"POST",
       "/api/v1/vetting-requests",
       "/api/v1/vetting-requests",
       {{"purpose", "promotion"}, {"requester", "中共甲市委组织部"}, {"id_numbers", IdNumber(99)}},
       {"orgdept"}},
      {"POST",
       "/api/v1/vetting-requests/candidate-table",
       "/api/v1/vetting-requests/candidate-table",
       json("身份证号码"),
       {"orgdept"}},
      {"GET", "/api/v1/vetting-requests", "/api/v1/vetting-requests", nullptr, readers},
      {"GET", "/api/v1/vetting-requests/{id}", "/api/v1/vetting-requests/999", nullptr, readers},
      {"POST",
       "/api/v1/vetting-requests/{id}/draft",
       "/api/v1/vetting-requests/999/draft",
       nullptr,
       {"cm"}},
      {"POST",
       "/api/v1/vetting-requests/{id}/candidates/{cid}/confirm",
       "/api/v1/vetting-requests/999/candidates/998/confirm",
       {{"version", 1}, {"answer", "no_issue"}},
       {"cm"}},
      {"POST",
       "/api/v1/vetting-requests/{id}/approve",
       "/api/v1/vetting-requests/999/approve",
       json{{"version", 1}},
       {"leader"}},
      {"POST",
       "/api/v1/vetting-requests/{id}/issue",
       "/api/v1/vetting-requests/999/issue",
       {{"version", 1}, {"letter_number", "甲纪函〔2026〕3号"}},
       {"cm"}},
      {"GET", "/api/v1/vetting-requests/{id}/letter.docx",
       "/api/v1/vetting-requests/999/letter.docx", nullptr, readers},
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

TEST_F(VettingApiTest, WritesNeedTheCsrfToken) {
  Session orgdept = LogIn("orgdept");
  orgdept.csrf.clear();
  Reply reply = Call("POST", "/api/v1/vetting-requests", {{"purpose", "promotion"}}, orgdept);
  EXPECT_EQ(reply.status.reason(), "auth.csrf");
}

// A batch request with a candidate in every answer class, from filing to the reply letter.
TEST_F(VettingApiTest, BatchRequestFromFilingToLetter) {
  const Session orgdept = LogIn("orgdept");
  const Session cm = LogIn("cm");
  const Session leader = LogIn("leader");
  Reply filed = Call(
      "POST", "/api/v1/vetting-requests",
      {{"purpose", "promotion"},
       {"requester", "中共甲市委组织部"},
       {"request_ref", "甲组函〔2026〕8号"},
       {"candidates", {{{"person_id", clean_.id}}, {{"id_number", over_.id_number}}}},
       {"id_numbers", running_.id_number + "\n" + pending_.id_number + "，" +
                          unsuitable_.id_number + "、" + IdNumber(99) + " " + outsider_.id_number}},
      orgdept);
  ASSERT_TRUE(filed.status.ok()) << filed.status.ToString();
  EXPECT_EQ(filed.code, 201);
  const json& request = filed.body["request"];
  EXPECT_EQ(request["deadline"], "2026-12-04");
  EXPECT_EQ(request["state"], "open");
  EXPECT_EQ(request["state_label"], "办理中");
  EXPECT_EQ(request["purpose_label"], "提拔");
  EXPECT_EQ(request["candidate_count"], 5);
  EXPECT_EQ(request["candidates"][0]["answer"], nullptr);
  EXPECT_FALSE(request["candidates"][0].contains("basis"));
  ASSERT_EQ(filed.body["rejected"].size(), 2u);
  EXPECT_EQ(filed.body["rejected"][0],
            json({{"line", 6},
                  {"input", IdNumber(99)},
                  {"code", "person.not_found"},
                  {"field", "candidates[5]"},
                  {"message", "未找到该人员，请核对身份证号码（或不在管辖范围内）"}}));
  EXPECT_EQ(filed.body["rejected"][1]["input"], outsider_.id_number);
  const std::string base = "/api/v1/vetting-requests/" + std::to_string(request["id"].get<int>());

  Reply drafted = Call("POST", base + "/draft", nullptr, cm);
  ASSERT_TRUE(drafted.status.ok()) << drafted.status.ToString();
  std::vector<std::string> classes;
  for (const json& c : drafted.body["candidates"]) classes.push_back(c["drafted"]);
  EXPECT_EQ(classes, (std::vector<std::string>{"no_issue", "period_over", "period_running",
                                               "pending_matter", "unsuitable"}));
  // The wording each answer's letter row will carry, drafted from the same facts: the record and
  // its influence period, or the matter still open (named by kind only).
  std::vector<std::string> statements;
  for (const json& c : drafted.body["candidates"]) statements.push_back(c["drafted_statement"]);
  EXPECT_EQ(
      statements,
      (std::vector<std::string>{
          "本机关无其处分记录，无正在核查的问题线索。",
          "甲纪发〔2024〕1号（2024年1月10日）：警告（党纪），影响期已满。",
          "甲纪发〔2026〕9号（2026年6月1日）：记过，影响期至2027年5月31日。", "正在接受审查调查。",
          "甲监发〔2025〕2号（2025年5月1日）：开除（政务），影响使用无确定终期。"}));
  EXPECT_EQ(drafted.body["candidates"][0]["statement"], nullptr);
  EXPECT_EQ(drafted.body["candidates"][3]["basis"]["actions"][0]["holds"][0]["label"],
            "立案审查调查中");
  EXPECT_EQ(drafted.body["candidates"][2]["basis"]["actions"][0]["restrictions"][0]["measure_name"],
            "记过");

  for (const json& c : drafted.body["candidates"]) {
    const std::string target =
        base + "/candidates/" + std::to_string(c["id"].get<int>()) + "/confirm";
    json body = {{"version", c["version"]}, {"answer", c["drafted"]}};
    if (c["person_id"] == clean_.id) {
      body["answer"] = "pending_matter";
      Reply refused = Call("POST", target, body, cm);
      EXPECT_EQ(refused.status.reason(), "vetting.reason_required");
      EXPECT_EQ(refused.status.field(), "reason");
      body["reason"] = "收到新的信访举报，正在初步核实";
      // The case manager rewords the letter's row; blank or overlong wording is refused.
      body["statement"] = " \n ";
      Reply blank = Call("POST", target, body, cm);
      EXPECT_EQ(blank.status.reason(), "vetting.statement_required");
      EXPECT_EQ(blank.status.field(), "statement");
      std::string overlong;
      for (int i = 0; i < 501; ++i) overlong += "查";
      body["statement"] = overlong;
      Reply too_long = Call("POST", target, body, cm);
      EXPECT_EQ(too_long.status.reason(), "vetting.statement_too_long");
      EXPECT_EQ(too_long.status.message(), "有关情况最多500个字，请精简后再确认");
      body["statement"] = overlong.substr(3);  // 500 characters: accepted, then reworded
      Reply longest = Call("POST", target, body, cm);
      ASSERT_TRUE(longest.status.ok()) << longest.status.ToString();
      body["version"] = c["version"].get<int>() + 1;
      body["statement"] = " 收到反映其问题的信访举报，正在初步核实。 ";
    }
    Reply confirmed = Call("POST", target, body, cm);
    ASSERT_TRUE(confirmed.status.ok()) << confirmed.status.ToString();
  }
  Reply approved = Call("POST", base + "/approve", {{"version", 1}}, leader);
  ASSERT_TRUE(approved.status.ok()) << approved.status.ToString();
  EXPECT_EQ(approved.body["state"], "approved");
  EXPECT_EQ(approved.body["confirmed_count"], 5);
  EXPECT_EQ(approved.body["candidates"][0]["change_reason"], "收到新的信访举报，正在初步核实");
  EXPECT_EQ(approved.body["candidates"][0]["statement"],
            "收到反映其问题的信访举报，正在初步核实。");
  EXPECT_EQ(approved.body["candidates"][1]["statement"],
            "甲纪发〔2024〕1号（2024年1月10日）：警告（党纪），影响期已满。");

  Reply early = Call("GET", base + "/letter.docx", nullptr, orgdept);
  EXPECT_EQ(early.status.reason(), "vetting.not_issued");
  Reply hidden = Call("GET", base, nullptr, orgdept);
  ASSERT_TRUE(hidden.status.ok());
  EXPECT_EQ(hidden.body["candidates"][0]["answer"], nullptr);
  EXPECT_EQ(hidden.body["candidates"][0]["statement"], nullptr);

  Reply stale = Call("POST", base + "/issue", {{"version", 1}, {"letter_number", "x"}}, cm);
  EXPECT_EQ(stale.status.reason(), "record.stale");
  Reply issued = Call("POST", base + "/issue",
                      {{"version", 2},
                       {"letter_number", "甲纪函〔2026〕3号"},
                       {"issuer", "中共甲市纪律检查委员会"}},
                      cm);
  ASSERT_TRUE(issued.status.ok()) << issued.status.ToString();
  EXPECT_EQ(issued.body["state"], "issued");
  EXPECT_EQ(issued.body["issued_on"], "2026-11-27");
  EXPECT_EQ(issued.body["overdue"], false);
  EXPECT_EQ(issued.body["working_days"], 0);

  // The organisation department now sees the answers — and still no case facts.
  Reply answers = Call("GET", base, nullptr, orgdept);
  ASSERT_TRUE(answers.status.ok());
  const json& first = answers.body["candidates"][0];
  EXPECT_EQ(first["answer_label"],
            "有正在核查的问题线索或正在审查调查，建议暂缓使用（待查清后再作答复）");
  EXPECT_EQ(first["statement"], "收到反映其问题的信访举报，正在初步核实。");
  for (const char* hidden_member :
       {"drafted", "basis", "drafted_statement", "change_reason", "confirmed_by", "drafted_on"}) {
    EXPECT_FALSE(first.contains(hidden_member)) << hidden_member;
  }
  Reply listed = Call("GET", "/api/v1/vetting-requests?overdue=false", nullptr, orgdept);
  ASSERT_TRUE(listed.status.ok());
  EXPECT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v1/vetting-requests?overdue=1", nullptr, orgdept).status.reason(),
            "param.boolean");

  Reply letter = Call("GET", base + "/letter.docx", nullptr, orgdept);
  ASSERT_TRUE(letter.status.ok()) << letter.status.ToString();
  EXPECT_EQ(letter.content_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(AuditCount("vetting.letter"), 1);
  EXPECT_EQ(AuditCount("vetting.confirm"), 6);
  EXPECT_EQ(AuditCount("person.status"), 5);  // the drafts read five files

  // The letter opens in python-docx with the answers in its table.
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "vetting_reply_test.docx";
  std::ofstream(path, std::ios::binary) << letter.raw;
  const std::string out = path.string() + ".txt";
  const std::string command = std::string("/usr/bin/python3 ") + KANGFU_VETTING_LETTER_CHECK + " " +
                              path.string() + " > " + out;
  // The command is built from a fixed script path and a temp file name, not from input.
  ASSERT_EQ(std::system(command.c_str()), 0) << command;  // NOLINT(bugprone-command-processor)
  std::ifstream text_file(out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(text_file, line);) lines.push_back(line);
  const std::vector<std::string> expected_start = {
      "中共甲市纪律检查委员会",
      "甲纪函〔2026〕3号",
      "",
      "关于张三等5名同志党风廉政情况的回复",
      "",
      "中共甲市委组织部：",
      std::string(
          "你单位2026年11月27日来函（甲组函〔2026〕8号）就张三等5名同志提拔征求党风廉政意见。") +
          "经研究，现将有关情况回复如下："};
  ASSERT_GE(lines.size(), expected_start.size());
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.begin() + 7), expected_start);
  const std::string pending_answer =
      "有正在核查的问题线索或正在审查调查，建议暂缓使用（待查清后再作答复）";
  // Each row: number, name, unit and post, the confirmed wording, the answer.
  auto row = [](const char* head, const std::string& wording, const std::string& answer) {
    return std::string(head) + " | 甲市财政局副局长 | " + wording + " | " + answer;
  };
  const std::vector<std::string> table_rows = {
      "序号 | 姓名 | 单位及职务 | 有关情况 | 答复意见",
      row("1 | 张三", "收到反映其问题的信访举报，正在初步核实。", pending_answer),
      row("2 | 王五", "甲纪发〔2024〕1号（2024年1月10日）：警告（党纪），影响期已满。",
          "有处分记录但影响期已满，无影响使用的问题"),
      row("3 | 赵六", "甲纪发〔2026〕9号（2026年6月1日）：记过，影响期至2027年5月31日。",
          "影响期未满，建议暂缓使用"),
      row("4 | 孙七", "正在接受审查调查。", pending_answer),
      row("5 | 周八", "甲监发〔2025〕2号（2025年5月1日）：开除（政务），影响使用无确定终期。",
          "不宜使用")};
  ASSERT_GE(lines.size(), table_rows.size());
  EXPECT_EQ(std::vector<std::string>(lines.end() - 6, lines.end()), table_rows);

  // For pre-printed letterhead: the same letter without the red organ mark.
  Reply plain = Call("GET", base + "/letter.docx?red_header=false", nullptr, orgdept);
  ASSERT_TRUE(plain.status.ok()) << plain.status.ToString();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << plain.raw;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;  // NOLINT(bugprone-command-processor)
  std::ifstream plain_file(out);
  std::vector<std::string> plain_lines;
  for (std::string line; std::getline(plain_file, line);) plain_lines.push_back(line);
  ASSERT_EQ(plain_lines.size(), lines.size() - 1);
  EXPECT_EQ(std::vector<std::string>(plain_lines.begin(), plain_lines.begin() + 6),
            std::vector<std::string>(expected_start.begin() + 1, expected_start.end()));
  EXPECT_EQ(Call("GET", base + "/letter.docx?red_header=no", nullptr, orgdept).status.reason(),
            "param.boolean");
  EXPECT_EQ(AuditCount("vetting.letter"), 2);
  std::filesystem::remove(path);
  std::filesystem::remove(out);
}

// An uploaded list (here a CSV as Excel saves it) gives the numbers to file with.
TEST_F(VettingApiTest, CandidateTableUpload) {
  const Session orgdept = LogIn("orgdept");
  http::Request request;
  request.method = "POST";
  request.target = request.path = "/api/v1/vetting-requests/candidate-table";
  request.headers = {{"cookie", orgdept.cookie}, {"x-csrf-token", orgdept.csrf}};
  request.body = "\xEF\xBB\xBF拟任人选名单\n序号,姓名,身份证号码\n1,张三," + clean_.id_number +
                 "\n2,李四,\n3,王五, " + over_.id_number + " \n";
  http::RouteMatch match = router_.Match("POST", request.path);
  ASSERT_EQ(match.kind, http::RouteMatch::Kind::kFound);
  Result<http::Response> response = (*match.handler)(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  json body = json::parse(response->body);
  EXPECT_EQ(body["id_numbers"], json({clean_.id_number, over_.id_number}));
  EXPECT_EQ(body["rows"], json({3, 5}));

  request.body = "姓名,单位\n张三,甲市财政局\n";
  Result<http::Response> refused = (*match.handler)(request);
  EXPECT_EQ(refused.status().reason(), "vetting.table_no_id_column");
  EXPECT_EQ(refused.status().field(), "file");
  request.body = std::string(
      "PK\x03\x04"
      "broken");
  EXPECT_EQ((*match.handler)(request).status().reason(), "xlsx.not_zip");
}

TEST_F(VettingApiTest, OverdueRequestsAreListed) {
  const Session orgdept = LogIn("orgdept");
  Reply filed = Call("POST", "/api/v1/vetting-requests",
                     {{"purpose", "nomination"},
                      {"requester", "中共甲市委组织部"},
                      {"request_date", "2026-11-16"},
                      {"id_numbers", clean_.id_number}},
                     orgdept);
  ASSERT_TRUE(filed.status.ok()) << filed.status.ToString();
  EXPECT_EQ(filed.body["request"]["deadline"], "2026-11-23");
  EXPECT_EQ(filed.body["request"]["overdue"], true);
  EXPECT_EQ(filed.body["request"]["working_days"], 9);
  Reply overdue = Call("GET", "/api/v1/vetting-requests?overdue=true", nullptr, LogIn("leader"));
  ASSERT_TRUE(overdue.status.ok());
  ASSERT_EQ(overdue.body["items"].size(), 1u);
  EXPECT_FALSE(overdue.body["items"][0].contains("candidates"));
  Reply bad = Call("POST", "/api/v1/vetting-requests/abc/draft", nullptr, LogIn("cm"));
  EXPECT_EQ(bad.status.reason(), "param.id");
}

}  // namespace
}  // namespace kangfu::api
