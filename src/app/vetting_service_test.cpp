#include "app/vetting_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/test_support.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"
#include "office/xlsx_writer.hpp"

namespace kangfu::app {
namespace {

using testing::D;
using testing::IdNumber;

// Today is Friday 2026-11-27; five working days later is Friday 2026-12-04.
class VettingServiceTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    storage::Account account;
    account.username = "orgdept";
    account.password_hash = "x";
    account.roles = {"org_department"};
    account.jurisdiction_org = city_a_.id;
    account.password_changed_at = "2026-01-01T00:00:00Z";
    auto added = store_->AddAccount(account);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    calendar_ = codec::ShippedWorkCalendar().value();
    status_ = std::make_unique<StatusService>(*store_, codec::BuiltinCatalogue(),
                                              domain::EngineOptions{}, audit_);
    service_ = std::make_unique<VettingService>(*store_, *status_, calendar_, audit_);
    orgdept_ = MakeActor(Role::kOrgDepartment, city_a_, "orgdept");
    orgdept_.account_id = added->id;
    cm_ = MakeActor(Role::kCaseManager, city_a_, "cm");
    leader_ = MakeActor(Role::kLeader, city_a_, "leader");

    // One candidate per answer class (person_a_ has nothing on record).
    over_ = AddPerson(3, "王五", unit_a1_.id);
    AddCaseWithMeasure(over_, "甲纪发〔2024〕1号", "party.warning", "2024-01-10");
    running_ = AddPerson(4, "赵六", unit_a1_.id);
    AddCaseWithMeasure(running_, "甲纪发〔2026〕9号", "gov.demerit", "2026-06-01");
    pending_ = AddPerson(5, "孙七", unit_a1_.id);
    storage::Hold hold;
    hold.person_id = pending_.id;
    hold.kind = storage::HoldKind::kClueVerification;
    hold.from = D("2026-10-01");
    ASSERT_TRUE(store_->AddHold(hold).ok());
    unsuitable_ = AddPerson(6, "周八", unit_a1_.id);
    AddCaseWithMeasure(unsuitable_, "甲监发〔2025〕2号", "gov.expulsion", "2025-05-01");
  }

  VettingFiling Filing() const {
    VettingFiling filing;
    filing.purpose = "promotion";
    filing.requester = "中共甲市委组织部";
    filing.request_ref = "甲组函〔2026〕8号";
    filing.candidates = {{person_a_.id, ""},       {0, over_.id_number}, {0, running_.id_number},
                         {0, pending_.id_number},  {unsuitable_.id, ""}, {0, IdNumber(99)},
                         {0, person_b_.id_number}, {person_a_.id, ""}};
    return filing;
  }

  std::vector<std::string> AuditActions() const {
    std::vector<std::string> actions;
    for (const auto& entry : audit_.events()) {
      if (entry.event.action.starts_with("vetting.")) actions.push_back(entry.event.action);
    }
    return actions;
  }

  const domain::Date today_ = D("2026-11-27");
  domain::WorkCalendar calendar_;
  std::unique_ptr<StatusService> status_;
  std::unique_ptr<VettingService> service_;
  Actor orgdept_, cm_, leader_;
  storage::Person over_, running_, pending_, unsuitable_;
};

TEST_F(VettingServiceTest, FullFlowWithEveryAnswerClass) {
  Result<VettingFiled> filed = service_->File(orgdept_, Filing(), today_);
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  const VettingView& filed_view = filed->view;
  EXPECT_EQ(filed_view.request.deadline, D("2026-12-04"));
  EXPECT_EQ(filed_view.request.state, "open");
  EXPECT_EQ(filed_view.request.filing_org, city_a_.id);
  EXPECT_FALSE(filed_view.facts_included);
  EXPECT_FALSE(filed_view.answers_included);
  EXPECT_FALSE(filed_view.overdue);
  EXPECT_EQ(filed_view.working_days, 0);
  ASSERT_EQ(filed_view.candidates.size(), 5u);
  EXPECT_EQ(filed_view.candidates[1].name, "王五");
  EXPECT_EQ(filed_view.candidates[1].unit_name, "甲市财政局");
  // Unknown, outside the jurisdiction, repeated: reported per line, not fatal.
  ASSERT_EQ(filed->rejected.size(), 3u);
  EXPECT_EQ(filed->rejected[0].line, 6);
  EXPECT_EQ(filed->rejected[0].input, IdNumber(99));
  EXPECT_EQ(filed->rejected[0].status.reason(), "person.not_found");
  EXPECT_EQ(filed->rejected[0].status.field(), "candidates[5]");
  EXPECT_EQ(filed->rejected[1].line, 7);
  EXPECT_EQ(filed->rejected[1].status.reason(), "person.not_found");
  EXPECT_EQ(filed->rejected[2].line, 8);
  EXPECT_EQ(filed->rejected[2].input, "#" + std::to_string(person_a_.id));
  EXPECT_EQ(filed->rejected[2].status.reason(), "vetting.duplicate_candidate");
  const storage::RowId id = filed_view.request.id;

  Result<VettingView> drafted = service_->Draft(cm_, id, today_);
  ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
  EXPECT_TRUE(drafted->facts_included);
  std::vector<std::string> classes;
  for (const auto& c : drafted->candidates) classes.push_back(c.row.drafted_class);
  EXPECT_EQ(classes, (std::vector<std::string>{"no_issue", "period_over", "period_running",
                                               "pending_matter", "unsuitable"}));
  // The records and articles behind the drafts.
  nlohmann::json running = nlohmann::json::parse(drafted->candidates[2].row.drafted_basis);
  EXPECT_EQ(running["as_of"], "2026-11-27");
  EXPECT_EQ(running["actions"][0]["action"], "promote");
  EXPECT_EQ(running["actions"][0]["verdict"], "blocked");
  EXPECT_EQ(running["actions"][0]["allowed_from"], "2027-06-01");
  EXPECT_EQ(running["actions"][0]["restrictions"][0]["decision_number"], "甲纪发〔2026〕9号");
  EXPECT_EQ(running["actions"][0]["restrictions"][0]["basis"],
            "《中华人民共和国公职人员政务处分法》第八条、第十九条");
  nlohmann::json over = nlohmann::json::parse(drafted->candidates[1].row.drafted_basis);
  ASSERT_EQ(over["records"].size(), 1u);
  EXPECT_EQ(over["records"][0]["decision_number"], "甲纪发〔2024〕1号");
  nlohmann::json pending = nlohmann::json::parse(drafted->candidates[3].row.drafted_basis);
  EXPECT_EQ(pending["actions"][0]["holds"][0]["kind"], "clue_verification");

  // Approval needs every answer confirmed.
  EXPECT_EQ(service_->Approve(leader_, id, 1, today_).status().reason(), "vetting.unconfirmed");
  for (const auto& c : drafted->candidates) {
    std::string answer = c.row.drafted_class;
    std::string reason;
    if (c.row.person_id == over_.id) {
      Status refused =
          service_->Confirm(cm_, id, c.row.id, c.row.version, "period_running", "", today_)
              .status();
      EXPECT_EQ(refused.reason(), "vetting.reason_required");
      EXPECT_EQ(refused.field(), "reason");
      answer = "period_running";
      reason = "  经集体研究，另有情况需进一步了解 ";
    }
    Result<VettingView> confirmed =
        service_->Confirm(cm_, id, c.row.id, c.row.version, answer, reason, today_);
    ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  }
  Result<VettingView> before = service_->Get(cm_, id, today_);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->confirmed_count, 5);
  EXPECT_EQ(before->candidates[1].row.confirmed_class, "period_running");
  EXPECT_EQ(before->candidates[1].row.change_reason, "经集体研究，另有情况需进一步了解");
  EXPECT_EQ(before->candidates[1].row.confirmed_by, "cm");

  EXPECT_EQ(service_->Issue(cm_, id, 1, "甲纪函〔2026〕3号", "", today_).status().reason(),
            "vetting.not_approved");
  EXPECT_EQ(service_->Approve(leader_, id, 7, today_).status().reason(), "record.stale");
  Result<VettingView> approved = service_->Approve(leader_, id, 1, today_);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->request.state, "approved");
  EXPECT_EQ(approved->request.approved_by, "leader");
  EXPECT_EQ(service_->Confirm(cm_, id, before->candidates[0].row.id, 2, "no_issue", "", today_)
                .status()
                .reason(),
            "vetting.not_open");

  // The organisation department sees neither drafts nor answers before the reply is issued.
  Result<VettingView> waiting = service_->Get(orgdept_, id, today_);
  ASSERT_TRUE(waiting.ok());
  EXPECT_FALSE(waiting->answers_included);
  EXPECT_EQ(service_->Letter(orgdept_, id).status().reason(), "vetting.not_issued");

  EXPECT_EQ(service_->Issue(cm_, id, 2, " ", "", today_).status().reason(),
            "vetting.letter_number_required");
  Result<VettingView> issued =
      service_->Issue(cm_, id, 2, "甲纪函〔2026〕3号", "", D("2026-12-07"));
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->request.state, "issued");
  EXPECT_EQ(issued->request.issuer, "甲市");
  EXPECT_TRUE(issued->overdue);  // issued on Monday 12-07, after the deadline 12-04
  EXPECT_EQ(issued->working_days, 6);

  Result<VettingView> answered = service_->Get(orgdept_, id, D("2026-12-08"));
  ASSERT_TRUE(answered.ok());
  EXPECT_TRUE(answered->answers_included);
  EXPECT_FALSE(answered->facts_included);
  Result<std::string> letter = service_->Letter(orgdept_, id);
  ASSERT_TRUE(letter.ok()) << letter.status().ToString();
  EXPECT_EQ(letter->substr(0, 2), "PK");

  EXPECT_EQ(
      AuditActions(),
      (std::vector<std::string>{
          "vetting.file", "vetting.draft", "vetting.confirm", "vetting.confirm", "vetting.confirm",
          "vetting.confirm", "vetting.confirm", "vetting.read", "vetting.approve", "vetting.read",
          "vetting.issue", "vetting.read", "vetting.letter"}));
}

// The drafted wording names what was cleared (澄清正名) and what was exempted (容错免责), beside
// the record that still counts; a confirmation without wording keeps the draft.
TEST_F(VettingServiceTest, DraftedWordingCitesClearancesAndExemptions) {
  const storage::Measure exempted =
      AddCaseWithMeasure(over_, "甲纪发〔2025〕6号", "party.serious_warning", "2025-02-01");
  AddFaultToleranceDecision(over_, exempted, "exempt", "2025-03-01");
  AddClearance(over_, city_a_, {"收受礼金", "违规兼职"}, "false_accusation", "2026-04-02");
  VettingFiling filing = Filing();
  filing.candidates = {{over_.id, ""}, {person_a_.id, ""}};
  Result<VettingFiled> filed = service_->File(orgdept_, filing, today_);
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  const storage::RowId id = filed->view.request.id;
  Result<VettingView> drafted = service_->Draft(cm_, id, today_);
  ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
  const storage::VettingCandidateRow& row = drafted->candidates[0].row;
  EXPECT_EQ(row.drafted_class, "period_over");
  EXPECT_EQ(row.drafted_statement,
            "甲纪发〔2024〕1号（2024年1月10日）：警告（党纪），影响期已满；"
            "严重警告（甲纪发〔2025〕6号）所涉问题经认定予以容错免责；"
            "经核查，反映的“收受礼金”、“违规兼职”问题系诬告，已于2026年4月2日予以澄清正名。");
  EXPECT_EQ(row.statement, "");
  Result<VettingView> confirmed =
      service_->Confirm(cm_, id, row.id, row.version, "period_over", "", today_);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->candidates[0].row.statement, row.drafted_statement);
  // A re-draft clears the confirmed wording with the confirmation.
  Result<VettingView> redrafted = service_->Draft(cm_, id, today_);
  ASSERT_TRUE(redrafted.ok());
  EXPECT_EQ(redrafted->candidates[0].row.statement, "");
  EXPECT_EQ(redrafted->candidates[0].row.drafted_statement, row.drafted_statement);
}

TEST_F(VettingServiceTest, PermissionsJurisdictionAndInput) {
  EXPECT_EQ(service_->File(cm_, Filing(), today_).status().reason(), "auth.forbidden");
  VettingFiling bad = Filing();
  bad.purpose = "party";
  EXPECT_EQ(service_->File(orgdept_, bad, today_).status().reason(), "vetting.purpose_invalid");
  bad = Filing();
  bad.requester = "  ";
  EXPECT_EQ(service_->File(orgdept_, bad, today_).status().field(), "requester");
  bad = Filing();
  bad.request_date = D("2026-11-28");
  EXPECT_EQ(service_->File(orgdept_, bad, today_).status().reason(), "vetting.request_date");
  bad = Filing();
  bad.candidates.clear();
  EXPECT_EQ(service_->File(orgdept_, bad, today_).status().reason(), "vetting.batch_size");
  bad.candidates = {{0, IdNumber(98)}, {0, person_b_.id_number}};
  Status none = service_->File(orgdept_, bad, today_).status();
  EXPECT_EQ(none.reason(), "vetting.no_candidates");
  EXPECT_EQ(none.message(), "名单中的人员均未能核对（共2行），请核对身份证号码后重新提交");
  bad = Filing();
  bad.request_date = D("2027-12-27");  // the calendar does not cover 2028
  Status uncovered = service_->File(orgdept_, bad, D("2027-12-31")).status();
  EXPECT_EQ(uncovered.reason(), "calendar.year_not_covered");

  Result<VettingFiled> filed = service_->File(orgdept_, Filing(), today_);
  ASSERT_TRUE(filed.ok());
  const storage::RowId id = filed->view.request.id;
  EXPECT_EQ(service_->Draft(orgdept_, id, today_).status().reason(), "auth.forbidden");
  EXPECT_EQ(service_->Approve(cm_, id, 1, today_).status().reason(), "auth.forbidden");
  const Actor other_cm = MakeActor(Role::kCaseManager, city_b_, "cm_b");
  EXPECT_EQ(service_->Get(other_cm, id, today_).status().reason(), "vetting.not_found");
  EXPECT_EQ(service_->Draft(other_cm, id, today_).status().reason(), "vetting.not_found");
  const Actor auditor = MakeActor(Role::kAuditor, province_, "auditor");
  EXPECT_EQ(service_->Get(auditor, id, today_).status().reason(), "auth.forbidden");

  const auto& candidate = filed->view.candidates[0].row;
  EXPECT_EQ(service_->Confirm(cm_, id, candidate.id, 1, "no_issue", "", today_).status().reason(),
            "vetting.not_drafted");
  ASSERT_TRUE(service_->Draft(cm_, id, today_).ok());
  EXPECT_EQ(service_->Confirm(cm_, id, candidate.id, 2, "fine", "", today_).status().field(),
            "answer");
  EXPECT_EQ(service_->Confirm(cm_, id, candidate.id, 1, "no_issue", "", today_).status().reason(),
            "record.stale");
  EXPECT_EQ(service_->Confirm(cm_, id, 999, 1, "no_issue", "", today_).status().reason(),
            "vetting_candidate.not_found");

  // Lists: the jurisdiction's requests; overdue ones after the deadline.
  Result<std::vector<VettingView>> list = service_->List(orgdept_, false, today_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].candidate_count, 5);
  EXPECT_TRUE((*list)[0].candidates.empty());
  EXPECT_TRUE(service_->List(orgdept_, true, today_)->empty());
  EXPECT_EQ(service_->List(orgdept_, true, D("2026-12-07"))->size(), 1u);
  EXPECT_TRUE(service_->List(other_cm, false, today_)->empty());
}

// The candidate list as a spreadsheet: the 身份证号码 column under its header, blanks skipped.
TEST(ReadCandidateTableTest, ReadsTheIdNumberColumnOfAnXlsx) {
  office::Table sheet{.sheet_name = "名单",
                      .columns = {{.header = "姓名"}, {.header = "身份证号码"}},
                      .rows = {{std::string("张三"), IdNumber(1)},
                               {std::string("李四"), std::string("")},
                               {std::string("王五"), std::string(" 11010519491231002x ")}}};
  Result<std::string> bytes = office::WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  Result<CandidateTable> table = ReadCandidateTable(*bytes);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->id_numbers, (std::vector<std::string>{IdNumber(1), "11010519491231002X"}));
  EXPECT_EQ(table->rows, (std::vector<int>{2, 4}));

  office::Table no_column{.sheet_name = "名单", .columns = {{.header = "姓名"}}, .rows = {}};
  Status refused = ReadCandidateTable(office::WriteXlsx({no_column}).value()).status();
  EXPECT_EQ(refused.reason(), "vetting.table_no_id_column");
  EXPECT_EQ(refused.field(), "file");
  std::string many = "身份证号码\n";
  for (std::size_t i = 0; i <= kMaxVettingCandidates; ++i) many += IdNumber(1) + "\n";
  EXPECT_EQ(ReadCandidateTable(many).status().reason(), "vetting.batch_size");
}

// A list as organisation departments send it (a title row, eight columns, a footer after blank
// rows): 1,000 candidates are read whole; 2,000 are refused by count, with the batch message,
// not by a row-number limit. Both files are far below the server's default 1 MB request body.
TEST(ReadCandidateTableTest, RealisticListsAreReadOrRefusedByCount) {
  struct Row {
    std::size_t candidates;
    const char* reason;  // "" = read
  };
  for (const Row& row : {Row{1000, ""}, Row{2000, "vetting.batch_size"}}) {
    SCOPED_TRACE(row.candidates);
    office::Table sheet{
        .sheet_name = "名单",
        .columns = {{.header = "拟提拔人选名单"}, {}, {}, {}, {}, {}, {}, {}},
        .rows = {{std::string("序号"), std::string("姓名"), std::string("性别"),
                  std::string("出生年月"), std::string("身份证号码"),
                  std::string("现工作单位及职务"), std::string("拟任职务"), std::string("备注")}}};
    for (std::size_t i = 0; i < row.candidates; ++i) {
      sheet.rows.push_back({static_cast<int64_t>(i + 1), std::string("张三"), std::string("男"),
                            std::string("1980.05"), IdNumber(static_cast<int>(i % 1000)),
                            std::string("某市财政局预算科科长"), std::string("某市财政局副局长"),
                            std::monostate{}});
    }
    sheet.rows.resize(sheet.rows.size() + 150);  // blank rows, then the footer
    sheet.rows.push_back(
        {std::string("制表人：李四"), std::monostate{}, std::string("2026年11月27日")});
    Result<std::string> bytes = office::WriteXlsx({sheet});
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    EXPECT_LT(bytes->size(), std::size_t{1024} * 1024);
    Result<CandidateTable> table = ReadCandidateTable(*bytes);
    if (*row.reason == '\0') {
      ASSERT_TRUE(table.ok()) << table.status().ToString();
      ASSERT_EQ(table->id_numbers.size(), row.candidates);
      EXPECT_EQ(table->id_numbers.front(), IdNumber(0));
      EXPECT_EQ(table->id_numbers.back(), IdNumber(999));
      EXPECT_EQ(table->rows.front(), 3);
      EXPECT_EQ(table->rows.back(), static_cast<int>(row.candidates) + 2);
    } else {
      EXPECT_EQ(table.status().reason(), row.reason);
      EXPECT_EQ(table.status().field(), "file");
    }
  }
}

}  // namespace
}  // namespace kangfu::app
