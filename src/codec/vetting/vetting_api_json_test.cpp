#include "codec/vetting/vetting_api_json.hpp"

#include <gtest/gtest.h>

namespace kangfu::codec {
namespace {

TEST(VettingApiJsonTest, SplitsPastedIdNumbers) {
  EXPECT_EQ(SplitIdNumbers(" 11010519491231002x,440524198001010013；320102199001011232、\n"
                           "a，b;c\t\r\nd "),
            (std::vector<std::string>{"11010519491231002X", "440524198001010013",
                                      "320102199001011232", "a", "b", "c", "d"}));
  EXPECT_TRUE(SplitIdNumbers(" ,;\n、").empty());
}

TEST(VettingApiJsonTest, ParsesAFiling) {
  Result<app::VettingFiling> filing = ParseVettingFiling(
      R"({"purpose":"promotion","requester":"中共甲市委组织部","request_date":"2026-11-20",
          "candidates":[{"person_id":7},{"id_number":"11010519491231002x"}],
          "id_numbers":"440524198001010013\n320102199001011232"})");
  ASSERT_TRUE(filing.ok()) << filing.status().ToString();
  EXPECT_EQ(filing->purpose, "promotion");
  EXPECT_EQ(filing->request_date, domain::Date::Parse("2026-11-20").value());
  ASSERT_EQ(filing->candidates.size(), 4u);
  EXPECT_EQ(filing->candidates[0].id, 7);
  EXPECT_EQ(filing->candidates[1].id_number, "11010519491231002X");
  EXPECT_EQ(filing->candidates[3].id_number, "320102199001011232");
}

TEST(VettingApiJsonTest, RejectsBadFilings) {
  struct Case {
    const char* body;
    const char* reason;
    const char* field;
  };
  for (
      const Case& c : std::vector<Case>{
          {R"({"requester":"x"})", "json.missing", "purpose"},
          {R"({"purpose":"promotion"})", "json.missing", "requester"},
          {R"({"purpose":"promotion","requester":"x","request_date":"2026-02-30"})", "date.invalid",
           "request_date"},
          {R"({"purpose":"promotion","requester":"x","candidates":[{}]})", "vetting.candidate_ref",
           "candidates[0]"},
          {R"({"purpose":"promotion","requester":"x","candidates":[{"person_id":1,"id_number":"1"}]})",
           "vetting.candidate_ref", "candidates[0]"},
          {R"({"purpose":"promotion","requester":"x","candidates":[{"person_id":-1}]})",
           "json.type", "candidates[0].person_id"},
          {R"({"purpose":"promotion","requester":"x","candidates":[3]})", "json.type",
           "candidates[0]"},
          {R"([1])", "json.type", ""},
      }) {
    Status status = ParseVettingFiling(c.body).status();
    EXPECT_EQ(status.reason(), c.reason) << c.body << " " << status.ToString();
    EXPECT_EQ(status.field(), c.field) << c.body;
  }
}

TEST(VettingApiJsonTest, ParsesStepBodies) {
  Result<ConfirmAnswerRequest> confirm =
      ParseConfirmAnswerRequest(R"({"version":2,"answer":"no_issue","reason":"r"})");
  ASSERT_TRUE(confirm.ok());
  EXPECT_EQ(confirm->version, 2);
  EXPECT_EQ(confirm->answer, "no_issue");
  EXPECT_EQ(confirm->reason, "r");
  EXPECT_EQ(confirm->statement, std::nullopt);  // absent: the drafted wording
  Result<ConfirmAnswerRequest> reworded = ParseConfirmAnswerRequest(
      R"({"version":2,"answer":"no_issue","statement":"经核查，未发现问题。"})");
  ASSERT_TRUE(reworded.ok());
  EXPECT_EQ(reworded->statement, std::optional<std::string>("经核查，未发现问题。"));
  EXPECT_EQ(
      ParseConfirmAnswerRequest(R"({"version":2,"answer":"no_issue","statement":null})")->statement,
      std::nullopt);
  Status wrong =
      ParseConfirmAnswerRequest(R"({"version":2,"answer":"no_issue","statement":5})").status();
  EXPECT_EQ(wrong.reason(), "json.type");
  EXPECT_EQ(wrong.field(), "statement");
  EXPECT_EQ(ParseConfirmAnswerRequest(R"({"version":2})").status().field(), "answer");
  EXPECT_EQ(ParseApproveRequest(R"({"version":0})").status().reason(), "json.type");
  EXPECT_EQ(*ParseApproveRequest(R"({"version":3})"), 3);
  Result<IssueRequest> issue = ParseIssueRequest(R"({"version":1,"letter_number":"甲纪函1号"})");
  ASSERT_TRUE(issue.ok());
  EXPECT_EQ(issue->issuer, "");
  EXPECT_EQ(*ParseVettingListParams({{"overdue", "true"}}), true);
  EXPECT_EQ(*ParseVettingListParams({}), false);
  EXPECT_EQ(ParseVettingListParams({{"overdue", "yes"}}).status().reason(), "param.boolean");
  EXPECT_EQ(*ParseLetterParams({}), true);
  EXPECT_EQ(*ParseLetterParams({{"red_header", ""}}), true);
  EXPECT_EQ(*ParseLetterParams({{"red_header", "false"}}), false);
  EXPECT_EQ(*ParseLetterParams({{"red_header", "true"}}), true);
  Status refused = ParseLetterParams({{"red_header", "0"}}).status();
  EXPECT_EQ(refused.reason(), "param.boolean");
  EXPECT_EQ(refused.field(), "red_header");
}

TEST(VettingApiJsonTest, HidesFactsAndUnissuedAnswers) {
  app::VettingView view;
  view.request.id = 4;
  view.request.purpose = "nomination";
  view.request.state = "approved";
  view.request.request_date = domain::Date::Parse("2026-11-27").value();
  view.request.deadline = domain::Date::Parse("2026-12-04").value();
  view.request.version = 2;
  app::VettingCandidateView c;
  c.row.id = 9;
  c.row.drafted_class = "period_running";
  c.row.drafted_basis = R"({"actions":[]})";
  c.row.confirmed_class = "period_running";
  c.name = "赵六";
  view.candidates = {c};
  OrderedJson outside = VettingToJson(view, true);
  EXPECT_EQ(outside["purpose_label"], "推荐党代表、人大代表、政协委员");
  EXPECT_EQ(outside["state_label"], "已审批");
  EXPECT_EQ(outside["working_days"], nullptr);
  EXPECT_EQ(outside["candidates"][0]["answer"], nullptr);
  EXPECT_FALSE(outside["candidates"][0].contains("drafted"));
  EXPECT_FALSE(outside["candidates"][0].contains("basis"));
  view.answers_included = true;
  OrderedJson answered = VettingToJson(view, true);
  EXPECT_EQ(answered["candidates"][0]["answer_label"], "影响期未满，建议暂缓使用");
  EXPECT_FALSE(answered["candidates"][0].contains("basis"));
  view.facts_included = true;
  OrderedJson inside = VettingToJson(view, true);
  EXPECT_EQ(inside["candidates"][0]["basis"]["actions"], OrderedJson::array());
  EXPECT_EQ(inside["candidates"][0]["drafted"], "period_running");
  EXPECT_FALSE(VettingToJson(view, false).contains("candidates"));
}

}  // namespace
}  // namespace kangfu::codec
