#include "app/indicator_service.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/case_service.hpp"
#include "app/test_support.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using testing::D;

// A hand-built year 2025, seen on 2026-01-10 (as of 2025-12-31), province → 甲市 (财政局,
// 交通局) and 乙市 (交通局):
//   P1 张三 甲市财政局  记过 2025-03-14 (form 2): first visit due 2025-09-13, visited 2025-08-01;
//                        mentored from 2025-04-01, talk 2025-04-15 (H1 met, H2 missed), H1 report
//                        submitted 2025-07-10; execution items done.
//   P2 李四 乙市交通局  警告 2025-02-01 (form 2): first visit due 2025-07-31, never visited.
//   P3 王五 甲市交通局  警告 2025-10-01 (form 2, self-report): first visit due 2026-03-31
//                        (not due in 2025), visited 2025-11-01; an escalation overdue since
//                        2025-12-22.
//   P4 赵六 乙市交通局  批评教育 2025-05-01 (form 1): no visit.
//   Vetting replies: 甲市 2025-09-01→09-05 (4 working days, on time, 2 candidates) and
//   2025-09-26→10-13 (7 working days with 国庆 and 调休, 1 day late, 1 candidate); 乙市
//   2025-11-03→11-04 (1 working day, 1 candidate).
class IndicatorServiceTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    policy_ = codec::ShippedAftercarePolicy().value();
    calendar_ = codec::ShippedWorkCalendar().value();
    unit_a2_ = AddOrg(city_a_.id, "甲市交通局", storage::OrgLevel::kUnit);
    p3_ = AddPerson(3, "王五", unit_a2_.id);
    p4_ = AddPerson(4, "赵六", unit_b1_.id);
    cases_ = std::make_unique<CaseService>(*store_, codec::BuiltinCatalogue(),
                                           domain::EngineOptions{}, audit_);
    aftercare_ = std::make_unique<AftercareService>(
        *store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, policy_, calendar_, audit_);
    cases_->SetOnCaseRecorded([this](const Actor& actor, const RecordedCase& recorded) {
      return aftercare_->OnCaseRecorded(actor, recorded, recorded.record.decision_date);
    });
    leader_a_ = AddLeader(10, "王局长", unit_a1_.id);
    deputy_a_ = AddLeader(11, "赵副局长", unit_a1_.id);

    AddCase(person_a_, city_a_, "2025-03-14", "gov.demerit", storage::CaseSource::kPetition);
    AddCase(person_b_, city_b_, "2025-02-01", "party.warning", storage::CaseSource::kAudit);
    AddCase(p3_, city_a_, "2025-10-01", "party.warning", storage::CaseSource::kSelfReport);
    AddCase(p4_, city_b_, "2025-05-01", "first.criticism", storage::CaseSource::kOther);

    Visit(person_a_, "2025-08-01");
    Visit(p3_, "2025-11-01");
    const std::vector<storage::ExecutionItemRow> items =
        store_->Aftercare().ListExecutionItems(person_a_.id).value();
    ASSERT_EQ(items.size(), 3U);  // announce, file, salary
    for (const storage::ExecutionItemRow& item : items) {
      auto updated =
          aftercare_->ConfirmExecution(MakeActor(Role::kCaseManager, province_, "cm"), item.id,
                                       item.version, D("2025-04-10"), "", D("2025-04-10"));
      ASSERT_TRUE(updated.ok()) << updated.status().ToString();
    }

    storage::MentorRow mentor;
    mentor.person_id = person_a_.id;
    mentor.mentor_id = leader_a_.id;
    mentor.assigned_by = unit_a1_.id;
    mentor.start = D("2025-04-01");
    mentor = store_->Aftercare().AddMentor(mentor).value();
    ASSERT_TRUE(
        store_->Aftercare().AddTalk({.assignment_id = mentor.id, .date = D("2025-04-15")}).ok());
    ASSERT_TRUE(
        store_->Aftercare()
            .AddReport(
                {.assignment_id = mentor.id, .year = 2025, .half = 1, .submitted = D("2025-07-10")})
            .ok());

    storage::EscalationRow escalation;
    escalation.person_id = p3_.id;
    escalation.kind = "poor_performance";
    escalation.opened_on = D("2025-12-01");
    escalation.responsible_org = unit_a2_.id;
    escalation.due = D("2025-12-22");
    ASSERT_TRUE(store_->Aftercare().AddEscalation(escalation).ok());

    storage::Account account;
    account.username = "orgdept";
    account.password_hash = "x";
    account.roles = {"org_department"};
    account.jurisdiction_org = province_.id;
    account.password_changed_at = "2025-01-01T00:00:00Z";
    account_ = store_->AddAccount(account).value().id;
    Reply(city_a_, "2025-09-01", "2025-09-08", "2025-09-05", {person_a_, p3_});
    Reply(city_a_, "2025-09-26", "2025-10-10", "2025-10-13", {person_b_});
    Reply(city_b_, "2025-11-03", "2025-11-10", "2025-11-04", {p4_});
    // Not issued, or issued outside 2025: not counted.
    Reply(city_b_, "2025-12-29", "2026-01-08", "", {p4_});
    Reply(city_b_, "2024-12-02", "2024-12-09", "2024-12-03", {p4_});
  }

  void AddCase(const storage::Person& person, const storage::Organisation& organ, const char* date,
               const char* kind, storage::CaseSource source) {
    CaseInput input;
    input.person_id = person.id;
    input.organ_id = organ.id;
    input.decision_number = std::string("纪发") + date;
    input.decision_date = D(date);
    input.source = source;
    MeasureInput m;
    m.kind = kind;
    m.effective = D(date);
    input.measures = {m};
    auto recorded = cases_->CreateCase(MakeActor(Role::kCaseManager, province_, "cm"), input);
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  }

  void Visit(const storage::Person& person, const char* date) {
    VisitInput v;
    v.person_id = person.id;
    v.date = D(date);
    v.visitors = {leader_a_.id, deputy_a_.id};
    v.talked_with = {"subject"};
    v.checked = {"execution"};
    v.grade = "good";
    auto visit =
        aftercare_->RecordVisit(MakeActor(Role::kVisitor, province_, "visitor"), v, D(date));
    ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  }

  void Reply(const storage::Organisation& org, const char* filed, const char* deadline,
             const char* issued, const std::vector<storage::Person>& candidates) {
    storage::VettingRequestRow r;
    r.filing_org = org.id;
    r.filed_by = account_;
    r.requester = "组织部";
    r.purpose = "promotion";
    r.request_date = D(filed);
    r.deadline = D(deadline);
    r.state = "open";
    if (*issued != '\0') {
      r.state = "issued";
      r.approved_by = "leader";
      r.approved_on = D(issued);
      r.issued_by = "cm";
      r.issued_on = D(issued);
      r.letter_number = std::string("复") + issued;
      r.issuer = "省纪委监委";
    }
    auto added = store_->Vetting().AddVettingRequest(r);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    int line = 0;
    for (const storage::Person& p : candidates) {
      ASSERT_TRUE(
          store_->Vetting()
              .AddVettingCandidate({.request_id = added->id, .person_id = p.id, .line = ++line})
              .ok());
    }
  }

  IndicatorService Service() {
    return IndicatorService(*store_, audit_, *aftercare_, policy_, calendar_);
  }
  Actor Leader() const { return MakeActor(Role::kLeader, province_, "leader"); }
  static StatsPeriod Year() { return ParseStatsPeriod("2025", "", "").value(); }
  static domain::Date Today() { return D("2026-01-10"); }

  static const IndicatorFigure& Find(const IndicatorsReport& report, std::string_view code) {
    for (const IndicatorFigure& f : report.indicators) {
      if (f.def->code == code) return f;
    }
    ADD_FAILURE() << "no indicator " << code;
    return report.indicators.front();
  }

  static int64_t DetailValue(const IndicatorValue& value, std::string_view code) {
    for (const IndicatorDetail& d : value.details) {
      if (d.code == code) return d.value;
    }
    ADD_FAILURE() << "no detail " << code;
    return -1;
  }

  domain::AftercarePolicy policy_;
  domain::WorkCalendar calendar_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<AftercareService> aftercare_;
  storage::Organisation unit_a2_;
  storage::Person p3_, p4_, leader_a_, deputy_a_;
  storage::RowId account_ = 0;
};

TEST_F(IndicatorServiceTest, OverviewGivesEveryIndicatorOfTheSubtree) {
  IndicatorService service = Service();
  const std::size_t audits = audit_.events().size();
  Result<IndicatorsReport> report = service.Overview(Leader(), 0, Year(), Today());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->as_of, D("2025-12-31"));
  ASSERT_EQ(report->indicators.size(), IndicatorCatalogue().size());
  struct Row {
    const char* code;
    int64_t numerator;
    int64_t denominator;
    std::optional<int> tenths;
  };
  const Row rows[] = {
      {"visit_coverage", 1, 2, 500},      // P1 visited, P2 not; P3 due in 2026
      {"visit_recent", 2, 3, 667},        // P1, P2, P3 disciplined since 2024-01-01; P1, P3 seen
      {"mentoring_talks", 1, 2, 500},     // H1 talk held, H2 missed
      {"mentoring_reports", 1, 1, 1000},  // H1 report; H2's is due 2026-01-15
      {"vetting_on_time", 2, 3, 667},     // the 2025-10-13 reply is late
      {"overdue_work", 7, 0, std::nullopt}, {"self_report", 1, 4, 250},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.code);
    const IndicatorFigure& f = Find(*report, row.code);
    EXPECT_EQ(f.value.numerator, row.numerator);
    EXPECT_EQ(f.value.denominator, row.denominator);
    EXPECT_EQ(f.value.Tenths(), row.tenths);
  }
  EXPECT_EQ(Find(*report, "visit_recent").target_percent, std::nullopt);
  const IndicatorValue& vetting = Find(*report, "vetting_on_time").value;
  EXPECT_EQ(DetailValue(vetting, "requests"), 3);
  EXPECT_EQ(DetailValue(vetting, "candidates"), 4);
  EXPECT_EQ(DetailValue(vetting, "median_working_days"), 40);  // 1, 4, 7
  EXPECT_EQ(DetailValue(vetting, "mean_working_days"), 40);
  EXPECT_EQ(DetailValue(vetting, "late"), 1);
  EXPECT_EQ(DetailValue(vetting, "late_percent"), 333);
  EXPECT_EQ(DetailValue(vetting, "calendar_missing"), 0);
  const IndicatorValue& overdue = Find(*report, "overdue_work").value;
  EXPECT_EQ(DetailValue(overdue, "visit"), 1);        // P2
  EXPECT_EQ(DetailValue(overdue, "mentor_talk"), 0);  // H2 talk due 12-31 = as_of: not yet late
  // P2: announce, file (due 2025-02-28), execution report (due 2025-07-31); P3: announce, file.
  EXPECT_EQ(DetailValue(overdue, "execution"), 5);
  EXPECT_EQ(DetailValue(overdue, "escalation"), 1);
  ASSERT_EQ(audit_.events().size(), audits + 1);
  EXPECT_EQ(audit_.events().back().event.action, "statistics.read");
  EXPECT_EQ(audit_.events().back().event.detail, "indicators 2025-01-01..2025-12-31");
}

struct UnitWant {
  const storage::Organisation* org;
  int rank;
  int64_t numerator;
  int64_t denominator;
};

void ExpectUnits(const IndicatorUnitsReport& report, const std::vector<UnitWant>& want) {
  ASSERT_EQ(report.units.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(report.units[i].org.id, want[i].org->id);
    EXPECT_EQ(report.units[i].rank, want[i].rank);
    EXPECT_EQ(report.units[i].value.numerator, want[i].numerator);
    EXPECT_EQ(report.units[i].value.denominator, want[i].denominator);
  }
}

// Talks, clearances and re-uses count where they were done (the organ that held the talk, made
// the clearance, ran the re-use file), in the period only.
TEST_F(IndicatorServiceTest, GatekeepingWorkCountsWhereItWasDone) {
  auto talk = [&](const storage::Organisation& organ, const char* kind, const char* date,
                  const storage::Person& with, bool principal) {
    storage::InterviewRow row;
    row.organ_id = organ.id;
    row.kind = kind;
    row.date = D(date);
    row.interviewers = {{.account_id = account_, .name = "纪委书记"}};
    row.interviewees = {{.person_id = with.id,
                         .principal_leader = principal,
                         .led_org_id = principal ? unit_a1_.id : 0}};
    row.topics = "履行全面从严治党主体责任";
    ASSERT_TRUE(store_->Oversight().AddInterview(row).ok());
  };
  talk(city_a_, "routine", "2025-04-01", leader_a_, true);
  talk(unit_a1_, "heart_to_heart", "2025-05-01", person_a_, false);
  talk(city_b_, "work", "2024-12-31", p4_, false);  // before the period
  AddClearance(p4_, city_b_, {"收受礼金"}, "untrue", "2025-06-01");
  storage::ReuseFileRow file;
  file.person_id = person_b_.id;
  file.org_id = city_a_.id;
  file.opened_by = account_;
  file.opened_on = D("2025-03-01");
  file.state = "reused";
  file.closed_on = D("2025-09-01");
  ASSERT_TRUE(store_->Reuse().AddReuseFile(file).ok());

  IndicatorService service = Service();
  Result<IndicatorsReport> report = service.Overview(Leader(), 0, Year(), Today());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const IndicatorValue& talks = Find(*report, "interviews").value;
  EXPECT_EQ(talks.numerator, 2);
  EXPECT_EQ(DetailValue(talks, "routine"), 1);
  EXPECT_EQ(DetailValue(talks, "work"), 0);
  EXPECT_EQ(DetailValue(talks, "heart_to_heart"), 1);
  EXPECT_EQ(DetailValue(talks, "principal_leader"), 1);
  EXPECT_EQ(Find(*report, "clearances").value.numerator, 1);
  EXPECT_EQ(Find(*report, "reuses").value.numerator, 1);

  auto by_unit = [&](storage::RowId org, const char* code) {
    Result<IndicatorUnitsReport> units = service.ByUnit(Leader(), org, Year(), code, Today());
    EXPECT_TRUE(units.ok()) << units.status().ToString();
    return units.ok() ? *units : IndicatorUnitsReport();
  };
  // Fewer talks is worse: 乙市 (none in 2025) comes first.
  const IndicatorUnitsReport units = by_unit(0, "interviews");
  ASSERT_EQ(units.units.size(), 2U);
  EXPECT_EQ(units.units[0].org.id, city_b_.id);
  EXPECT_EQ(units.units[0].value.numerator, 0);
  EXPECT_EQ(units.units[1].org.id, city_a_.id);
  EXPECT_EQ(units.units[1].value.numerator, 2);
  EXPECT_EQ(DetailValue(units.units[1].value, "principal_leader"), 1);
  // Within 甲市: the city's own talk is 本级, the bureau's is the unit's.
  const IndicatorUnitsReport a = by_unit(city_a_.id, "interviews");
  EXPECT_EQ(a.own.numerator, 1);
  EXPECT_EQ(a.total.value.numerator, 2);
  const IndicatorUnitsReport cleared = by_unit(0, "clearances");
  ASSERT_EQ(cleared.units.size(), 2U);
  EXPECT_EQ(cleared.units[1].org.id, city_b_.id);
  EXPECT_EQ(cleared.units[1].value.numerator, 1);
}

TEST_F(IndicatorServiceTest, UnitsAreRankedWorstFirst) {
  IndicatorService service = Service();
  auto by_unit = [&](storage::RowId org, const char* code) {
    Result<IndicatorUnitsReport> report = service.ByUnit(Leader(), org, Year(), code, Today());
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : IndicatorUnitsReport();
  };
  IndicatorUnitsReport r = by_unit(0, "visit_coverage");
  ExpectUnits(r, {{&city_b_, 1, 0, 1}, {&city_a_, 2, 1, 1}});
  EXPECT_EQ(r.total.value.Tenths(), 500);
  EXPECT_EQ(r.own, IndicatorValue{});
  ExpectUnits(by_unit(0, "self_report"), {{&city_b_, 1, 0, 2}, {&city_a_, 2, 1, 2}});
  ExpectUnits(by_unit(0, "overdue_work"), {{&city_b_, 1, 4, 0}, {&city_a_, 2, 3, 0}});
  // Equal rates share a rank; a unit with nothing due is not ranked and comes last.
  ExpectUnits(by_unit(city_a_.id, "visit_recent"), {{&unit_a1_, 1, 1, 1}, {&unit_a2_, 1, 1, 1}});
  ExpectUnits(by_unit(city_a_.id, "mentoring_talks"), {{&unit_a1_, 1, 1, 2}, {&unit_a2_, 0, 0, 0}});
  r = by_unit(0, "vetting_on_time");
  ExpectUnits(r, {{&city_a_, 1, 1, 2}, {&city_b_, 2, 1, 1}});
  EXPECT_EQ(DetailValue(r.units[0].value, "median_working_days"), 55);  // 4 and 7
  EXPECT_EQ(DetailValue(r.units[0].value, "mean_working_days"), 55);
  EXPECT_EQ(DetailValue(r.units[0].value, "late"), 1);
  EXPECT_EQ(DetailValue(r.units[1].value, "median_working_days"), 10);
  EXPECT_EQ(audit_.events().back().event.detail,
            "indicator vetting_on_time 2025-01-01..2025-12-31");
  // A period still running counts up to today.
  r = service.ByUnit(Leader(), 0, Year(), "visit_coverage", D("2025-08-15")).value();
  EXPECT_EQ(r.as_of, D("2025-08-15"));
  ExpectUnits(r, {{&city_b_, 1, 0, 1}, {&city_a_, 0, 0, 0}});  // P1's visit is due 09-13
}

TEST_F(IndicatorServiceTest, RefusesUnknownIndicatorsOutsidersAndTheUnauthorised) {
  IndicatorService service = Service();
  const std::size_t audits = audit_.events().size();
  Result<IndicatorUnitsReport> unknown = service.ByUnit(Leader(), 0, Year(), "petitions", Today());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().reason(), "indicator.unknown");
  EXPECT_EQ(unknown.status().field(), "indicator");
  for (Role role : {Role::kSysAdmin, Role::kSecurityAdmin, Role::kAuditor, Role::kMentor}) {
    EXPECT_EQ(
        service.Overview(MakeActor(role, province_, "x"), 0, Year(), Today()).status().reason(),
        "auth.forbidden");
  }
  const Actor city_b_leader = MakeActor(Role::kLeader, city_b_, "b");
  for (storage::RowId org : {city_a_.id, unit_a1_.id, storage::RowId{999999}}) {
    Result<IndicatorUnitsReport> outside =
        service.ByUnit(city_b_leader, org, Year(), "visit_coverage", Today());
    EXPECT_EQ(outside.status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(outside.status().reason(), "organisation.not_found");
    EXPECT_EQ(outside.status().field(), "org");
  }
  EXPECT_EQ(audit_.events().size(), audits);
  audit_.set_fail(true);
  EXPECT_EQ(service.Overview(city_b_leader, 0, Year(), Today()).status().reason(), "audit.failed");
}

}  // namespace
}  // namespace kangfu::app
