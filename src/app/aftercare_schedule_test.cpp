// The stored reminder schedule seen from the application: every write replans its subject in
// its own transaction, so that the digest read from the schedule (one grouped count) gives each
// account the same figures as its live workbench on every day; subjects the writes did not plan
// (bulk loads, first start over existing data, a changed policy) are replanned by ReplanStale;
// ledger imports create checklists and plans through the same function as single cases; and
// 谈话函询 replies (clue_reply) are listed from the handling decision.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/aftercare_service.hpp"
#include "app/case_service.hpp"
#include "app/ledger_service.hpp"
#include "app/test_support.hpp"
#include "codec/aftercare/aftercare_json.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"
#include "domain/oversight/oversight.hpp"

namespace kangfu::app {
namespace {

using domain::ReminderKind;
using testing::D;
using testing::IdNumber;

class AftercareScheduleTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    policy_ = codec::ShippedAftercarePolicy().value();
    calendar_ = codec::ShippedWorkCalendar().value();
    cases_ = std::make_unique<CaseService>(*store_, codec::BuiltinCatalogue(),
                                           domain::EngineOptions{}, audit_);
    service_ = std::make_unique<AftercareService>(
        *store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, policy_, calendar_, audit_);
    service_->SetScheduleStamp("p1");
    cases_->SetOnCaseRecorded([this](const Actor& actor, const RecordedCase& recorded) {
      return service_->OnCaseRecorded(actor, recorded, recorded.record.decision_date);
    });
  }

  Actor Manager() const { return MakeActor(Role::kCaseManager, city_a_, "cm"); }

  storage::Case Record(const storage::Person& person, const char* date, const char* kind,
                       std::optional<int> term_months = std::nullopt) {
    CaseInput input;
    input.person_id = person.id;
    input.organ_id = city_a_.id;
    input.decision_number = std::string("甲纪发〔2025〕") + date + "号";
    input.decision_date = D(date);
    MeasureInput m;
    m.kind = kind;
    m.effective = D(date);
    m.term_months = term_months;
    input.measures = {m};
    auto recorded = cases_->CreateCase(Manager(), input);
    EXPECT_TRUE(recorded.ok()) << recorded.status().ToString();
    return recorded.ok() ? recorded->record : storage::Case{};
  }

  // Per kind code: "listed/overdue" from the live workbench (GetWorkbenchLive) and from the
  // stored schedule's digest.
  std::map<std::string, std::string> Live(const Actor& actor, domain::Date day) {
    WorkbenchQuery query;
    query.today = day;
    query.limit = 1000;
    auto bench = service_->GetWorkbenchLive(actor, query);
    EXPECT_TRUE(bench.ok()) << bench.status().ToString();
    std::map<std::string, std::pair<int, int>> counts;
    if (bench.ok()) {
      for (const WorkbenchItem& item : bench->items) {
        auto& c = counts[std::string(domain::ReminderKindCode(item.reminder.kind))];
        ++c.first;
        if (item.reminder.overdue) ++c.second;
      }
    }
    std::map<std::string, std::string> out;
    for (const auto& [kind, c] : counts) {
      out[kind] = std::to_string(c.first) + "/" + std::to_string(c.second);
    }
    return out;
  }
  std::map<std::string, std::string> Stored(const Actor& actor, domain::Date day) {
    auto stale = service_->ReplanStale(day, 100);
    EXPECT_TRUE(stale.ok()) << stale.status().ToString();
    EXPECT_EQ(stale.ok() ? *stale : -1, 0) << "every write replans its subject";
    auto digest = service_->DigestFromSchedule(day);
    EXPECT_TRUE(digest.ok()) << digest.status().ToString();
    std::map<std::string, std::string> out;
    if (!digest.ok()) return out;
    auto totals = service_->SummariseDigest(actor, *digest);
    EXPECT_TRUE(totals.ok()) << totals.status().ToString();
    if (!totals.ok()) return out;
    for (const auto& [kind, count] : *totals) {
      if (count.due + count.overdue == 0) continue;
      out[std::string(domain::ReminderKindCode(kind))] =
          std::to_string(count.due + count.overdue) + "/" + std::to_string(count.overdue);
    }
    return out;
  }

  // A 谈话函询 decided on `handling` for person_a_, registered by 甲市.
  storage::ClueRow Inquiry(const char* handling) {
    domain::oversight::Clue clue{.source = "petition",
                                 .summary = "反映其违规收受礼金",
                                 .received = D(handling).AddDays(-3),
                                 .handling = "inquiry",
                                 .handling_date = D(handling),
                                 .replied_on = std::nullopt,
                                 .concluded_on = std::nullopt,
                                 .conclusion = ""};
    storage::ClueRow row{
        .person_id = person_a_.id,
        .organ_id = city_a_.id,
        .source = clue.source,
        .summary = clue.summary,
        .received = clue.received,
        .handling = "inquiry",
        .handling_date = clue.handling_date,
        .reply_due = domain::oversight::InquiryReplyDue(
                         clue, calendar_, domain::oversight::kDefaultInquiryReplyWorkingDays)
                         .value(),
        .state = "in_progress",
        .registered_by = "cm"};
    auto added = store_->Oversight().AddClue(row);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : row;
  }

  domain::AftercarePolicy policy_;
  domain::WorkCalendar calendar_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<AftercareService> service_;
};

// A year of writes (cases, a confirmed item, a visit, an escalation, a 谈话函询) with the
// digest compared to the live workbench every fourth day.
TEST_F(AftercareScheduleTest, DigestFromTheScheduleIsTheLiveWorkbenchOnEveryDay) {
  const storage::Person other = AddPerson(11, "赵六", unit_a1_.id);
  const storage::Case first = Record(person_a_, "2025-03-14", "gov.demerit");
  Record(other, "2025-05-20", "party.probation", 12);
  auto plan = store_->Aftercare().GetSchedule(person_a_.id);
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->unit_path, unit_a1_.path);
  EXPECT_EQ((*plan)->stamp, "p1");
  EXPECT_EQ((*plan)->planned_until,
            D("2027-03-14").AddDays(static_cast<int32_t>(person_a_.id % 183)));
  std::vector<std::string> kinds;
  for (const auto& item : (*plan)->items) kinds.push_back(item.kind + " " + item.ref);
  const std::string c = std::to_string(first.id);
  EXPECT_EQ(kinds, (std::vector<std::string>{
                       "execution " + c + ":announce", "execution " + c + ":execution_report",
                       "execution " + c + ":file", "influence_ending " + (*plan)->items[3].ref,
                       "visit first_visit:" + (*plan)->items[3].ref}));

  const storage::Person leader = AddPerson(10, "王局长", unit_a1_.id);
  const Actor cm = Manager();
  int compared = 0;
  for (domain::Date day = D("2025-03-14"); day <= D("2026-06-30"); day = day.AddDays(4)) {
    if (day == D("2025-04-07")) {
      auto items = service_->ListExecution(cm, first.id);
      ASSERT_TRUE(items.ok());
      auto done = service_->ConfirmExecution(cm, (*items)[0].id, (*items)[0].version, day, "", day);
      ASSERT_TRUE(done.ok()) << done.status().ToString();
    }
    if (day == D("2025-08-01")) {
      VisitInput v;
      v.person_id = person_a_.id;
      v.date = day;
      v.visitors = {leader.id, other.id};
      v.talked_with = {"subject", "unit_head"};
      v.checked = {"execution", "attitude"};
      v.findings = "认识到位";
      v.grade = "good";
      auto visit = service_->RecordVisit(MakeActor(Role::kVisitor, city_a_, "visitor"), v, day);
      ASSERT_TRUE(visit.ok()) << visit.status().ToString();
    }
    if (day == D("2025-09-02")) {
      EscalationInput e{.person_id = other.id,
                        .kind = "negative_thinking",
                        .opened_on = day,
                        .description = "情绪低落"};
      auto opened =
          service_->OpenEscalation(MakeActor(Role::kUnitCommittee, unit_a1_, "unit"), e, day);
      ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    }
    if (day == D("2025-10-12")) Inquiry("2025-10-12");  // reply due 10-31
    EXPECT_EQ(Stored(cm, day), Live(cm, day)) << day.ToString();
    ++compared;
  }
  EXPECT_EQ(compared, 119);
  // The 谈话函询 is on both lists, overdue after its 15 working days.
  EXPECT_EQ(Live(cm, D("2025-10-31"))["clue_reply"], "1/0");
  EXPECT_EQ(Live(cm, D("2025-11-03"))["clue_reply"], "1/1");
  EXPECT_EQ(Stored(cm, D("2025-11-03"))["clue_reply"], "1/1");
}

// The workbench answered from the stored schedule (GetWorkbench) gives exactly what the live
// computation gives (GetWorkbenchLive, the reference): the same items in the same order, the
// same totals and counts per kind — for a province, a city, a county, a unit committee, a mentor
// (its mentees elsewhere and one without a case), an account that is both, with each filter and
// a short page, on days spread over three years of cases loaded in bulk and recorded by hand,
// mentoring, an escalation and a 谈话函询.
TEST_F(AftercareScheduleTest, StoredWorkbenchIsTheLiveWorkbench) {
  const storage::Organisation county = AddOrg(city_a_.id, "甲市东区", storage::OrgLevel::kCounty);
  const storage::Organisation county_unit =
      AddOrg(county.id, "甲市东区水务局", storage::OrgLevel::kUnit);
  const std::vector<storage::RowId> units = {unit_a1_.id, county_unit.id, unit_b1_.id};
  const char* const kinds[] = {"gov.demerit", "party.warning", "gov.demotion",
                               "party.serious_warning"};
  std::vector<storage::Person> subjects;
  for (int i = 0; i < 24; ++i) {
    const std::string name = "对象" + std::to_string(i);
    subjects.push_back(AddPerson(100 + i, name.c_str(), units[i % 3]));
    const std::string number = "批量〔2024〕" + std::to_string(i) + "号";
    const domain::Date date = D("2024-01-05").AddDays(i * 23);
    AddCaseWithMeasure(subjects.back(), number.c_str(), kinds[i % 4], date.ToString().c_str());
    if (i % 5 == 0) {
      const std::string second = "批量〔2025〕" + std::to_string(i) + "号";
      AddCaseWithMeasure(subjects.back(), second.c_str(), kinds[(i + 1) % 4],
                         date.AddDays(200).ToString().c_str());
    }
  }
  Record(person_a_, "2025-03-14", "gov.demerit");
  Record(subjects[4], "2025-05-20", "party.probation", 12);
  // Mentoring: two mentees in the jurisdiction of 甲市, one in 乙市, one without a case.
  const storage::Person leader = AddLeader(90, "王局长", unit_a1_.id);
  const storage::Person no_case = AddPerson(91, "无案人员", unit_a1_.id);
  storage::Account account;
  account.username = "mentor";
  account.password_hash = "x";
  account.roles = {"mentor"};
  account.password_changed_at = "2025-01-01T00:00:00Z";
  const storage::RowId account_id = store_->AddAccount(account).value().id;
  ASSERT_TRUE(service_->ReplanStale(D("2024-01-01"), 1000).ok());
  for (const storage::Person& mentee : {subjects[0], subjects[3], subjects[2], no_case}) {
    ASSERT_TRUE(store_
                    ->InTransaction([&]() -> Status {
                      Status added = store_->Aftercare()
                                         .AddMentor({.person_id = mentee.id,
                                                     .mentor_id = leader.id,
                                                     .mentor_account_id = account_id,
                                                     .assigned_by = city_a_.id,
                                                     .start = D("2024-09-01")})
                                         .status();
                      if (!added.ok()) return added;
                      return service_->Replan(mentee.id, D("2024-09-01"));
                    })
                    .ok());
  }
  // Another mentor's assignment of the same mentee in 乙市: not this mentor's.
  ASSERT_TRUE(store_
                  ->InTransaction([&]() -> Status {
                    Status added = store_->Aftercare()
                                       .AddMentor({.person_id = subjects[2].id,
                                                   .mentor_id = leader.id,
                                                   .assigned_by = city_b_.id,
                                                   .start = D("2024-10-01")})
                                       .status();
                    if (!added.ok()) return added;
                    return service_->Replan(subjects[2].id, D("2024-10-01"));
                  })
                  .ok());
  EscalationInput e{.person_id = subjects[2].id,
                    .kind = "negative_thinking",
                    .opened_on = D("2025-02-10"),
                    .description = "情绪低落"};
  ASSERT_TRUE(
      service_
          ->OpenEscalation(MakeActor(Role::kUnitCommittee, unit_b1_, "unit_b"), e, D("2025-02-10"))
          .ok());
  Inquiry("2025-10-12");

  Actor mentor = MakeActor(Role::kMentor, unit_b1_, "mentor");
  mentor.account_id = account_id;
  Actor both = MakeActor(Role::kCaseManager, city_a_, "mentor");
  both.roles.push_back(Role::kMentor);
  both.account_id = account_id;
  const std::vector<std::pair<std::string, Actor>> actors = {
      {"province", MakeActor(Role::kCaseManager, province_, "pm")},
      {"city", Manager()},
      {"county", MakeActor(Role::kCaseManager, county, "county")},
      {"unit", MakeActor(Role::kUnitCommittee, unit_b1_, "unit_b")},
      {"mentor", mentor},
      {"both", both}};
  std::vector<std::pair<std::string, WorkbenchQuery>> queries(5);
  queries[0].first = "all";
  queries[1].first = "page of 3";
  queries[1].second.limit = 3;
  queries[2].first = "visits and execution";
  queries[2].second.kinds = {ReminderKind::kVisit, ReminderKind::kExecution};
  queries[3].first = "overdue only, page of 4";
  queries[3].second.overdue_only = true;
  queries[3].second.limit = 4;
  queries[4].first = "mentoring, escalations and replies";
  queries[4].second.kinds = {ReminderKind::kMentorTalk, ReminderKind::kMentorFirstTalk,
                             ReminderKind::kMentorReport, ReminderKind::kEscalation,
                             ReminderKind::kClueReply};
  int64_t items_compared = 0;
  int64_t nonempty = 0;
  for (domain::Date day = D("2024-02-01"); day <= D("2026-12-31"); day = day.AddDays(19)) {
    for (const auto& [who, actor] : actors) {
      for (auto& [what, query] : queries) {
        query.today = day;
        std::string where = day.ToString();
        where.append(" ").append(who).append(" ").append(what);
        auto stored = service_->GetWorkbench(actor, query);
        auto live = service_->GetWorkbenchLive(actor, query);
        ASSERT_TRUE(stored.ok()) << where << stored.status().ToString();
        ASSERT_TRUE(live.ok()) << where << live.status().ToString();
        EXPECT_EQ(stored->total, live->total) << where;
        EXPECT_EQ(stored->overdue, live->overdue) << where;
        EXPECT_EQ(stored->by_kind, live->by_kind) << where;
        EXPECT_EQ(stored->problems.size(), live->problems.size()) << where;
        ASSERT_EQ(stored->items.size(), live->items.size()) << where;
        for (std::size_t i = 0; i < live->items.size(); ++i) {
          EXPECT_EQ(stored->items[i].reminder, live->items[i].reminder) << where << " #" << i;
          EXPECT_EQ(stored->items[i].subject_id, live->items[i].subject_id) << where << " #" << i;
          EXPECT_EQ(stored->items[i].subject_name, live->items[i].subject_name) << where;
        }
        items_compared += static_cast<int64_t>(live->items.size());
        if (!live->items.empty()) ++nonempty;
      }
    }
  }
  // The comparison saw real lists (not a run of empty pages), the mentor's among them.
  EXPECT_GT(items_compared, 5000);
  EXPECT_GT(nonempty, 800);
  WorkbenchQuery query;
  query.today = D("2025-03-01");
  auto mine = service_->GetWorkbench(mentor, query).value();
  std::set<std::string> seen;
  for (const WorkbenchItem& item : mine.items) {
    seen.insert(std::string(domain::ReminderKindCode(item.reminder.kind)) + " " +
                item.subject_name);
  }
  // On 2025-03-01 each of the four mentees owes the first talk, the 2024 second-half talk and
  // report (its own assignments only: not the other mentor's of 对象2); 对象2 in 乙市 also has
  // its escalation; 无案人员 (no case) is the mentor's only.
  std::set<std::string> expected = {"escalation 对象2"};
  for (const char* kind : {"mentor_first_talk ", "mentor_talk ", "mentor_report "}) {
    for (const char* name : {"对象0", "对象2", "对象3", "无案人员"}) {
      expected.insert(std::string(kind) + name);
    }
  }
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(mine.total, 13);
  EXPECT_EQ(mine.items.size(), 13u);
}

// 函询回复到期: listed for the registering organisation's accounts from the handling decision,
// due on the 15th working day after it (the National Day holiday does not count, its 调休
// Sundays do), overdue after
// it, gone once the reply is in.
TEST_F(AftercareScheduleTest, ClueReplyWalksItsDates) {
  Record(person_a_, "2025-03-14", "gov.demerit");
  storage::ClueRow clue = Inquiry("2025-09-26");
  // 15 working days: 9-28 and 10-11 are 调休 working days, 10-01..10-08 the holiday.
  ASSERT_EQ(clue.reply_due, D("2025-10-23"));
  struct Row {
    const char* day;
    const char* expected;  // the item on the list of 甲市's case manager, "" when none
  };
  const Actor cm = Manager();
  for (const Row& row :
       {Row{"2025-09-25", ""}, Row{"2025-09-26", "2025-10-23"}, Row{"2025-10-23", "2025-10-23"},
        Row{"2025-10-24", "2025-10-23 overdue"}}) {
    WorkbenchQuery query;
    query.today = D(row.day);
    query.kinds = {ReminderKind::kClueReply};
    auto bench = service_->GetWorkbench(cm, query);
    ASSERT_TRUE(bench.ok()) << bench.status().ToString();
    std::string got;
    for (const WorkbenchItem& item : bench->items) {
      got = item.reminder.due.ToString() + (item.reminder.overdue ? " overdue" : "");
      EXPECT_EQ(item.reminder.ref, std::to_string(clue.id));
      EXPECT_EQ(item.reminder.responsible, std::to_string(city_a_.id));
      EXPECT_EQ(item.subject_name, person_a_.name);
    }
    EXPECT_EQ(got, row.expected) << row.day;
    EXPECT_EQ(bench->by_kind.back(),
              std::make_pair(ReminderKind::kClueReply,
                             int64_t{std::string(row.expected).empty() ? 0 : 1}));
  }
  // Another city's accounts do not see it.
  WorkbenchQuery query;
  query.today = D("2025-10-25");
  auto other = service_->GetWorkbench(MakeActor(Role::kCaseManager, city_b_, "cm_b"), query);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->by_kind.back().second, 0);
  // The reply comes in: gone from both lists.
  clue.replied_on = D("2025-10-20");
  ASSERT_TRUE(store_->Oversight().UpdateClue(clue).ok());
  EXPECT_EQ(Live(cm, D("2025-10-25")).count("clue_reply"), 0u);
  EXPECT_EQ(Stored(cm, D("2025-10-25")).count("clue_reply"), 0u);
}

// Cases loaded in bulk (no hook) and a changed policy: the subjects are planned by ReplanStale.
TEST_F(AftercareScheduleTest, UnplannedAndStaleSubjectsAreReplanned) {
  AddCaseWithMeasure(person_a_, "省纪发〔2025〕1号", "gov.demerit", "2025-03-14");
  auto unplanned = store_->Aftercare().ListUnplannedSubjects(D("2025-04-01"), "p1", 10);
  ASSERT_TRUE(unplanned.ok());
  EXPECT_EQ(*unplanned, std::vector<storage::RowId>{person_a_.id});
  EXPECT_TRUE(service_->DigestFromSchedule(D("2025-04-01")).value().counts.empty());
  auto replanned = service_->ReplanStale(D("2025-04-01"), 10);
  ASSERT_TRUE(replanned.ok()) << replanned.status().ToString();
  EXPECT_EQ(*replanned, 1);
  EXPECT_EQ(service_->ReplanStale(D("2025-04-01"), 10).value(), 0);
  const Actor province = MakeActor(Role::kCaseManager, province_, "pm");
  EXPECT_EQ(Stored(province, D("2025-04-01")), Live(province, D("2025-04-01")));
  EXPECT_EQ(Stored(province, D("2025-09-20")), Live(province, D("2025-09-20")));

  service_->SetScheduleStamp("p2");
  EXPECT_EQ(service_->ReplanStale(D("2025-04-01"), 10).value(), 1);
  EXPECT_EQ(store_->Aftercare().GetSchedule(person_a_.id).value()->stamp, "p2");
  // Past the horizon: replanned again.
  EXPECT_EQ(service_->ReplanStale(D("2028-01-01"), 10).value(), 1);
}

// A ledger import gives its new cases what CaseService gives a case recorded by hand: the
// checklist, the visit plan and the stored schedule, in the import's transaction — but of an
// older case's checklist only the items still due on the day of the import.
TEST_F(AftercareScheduleTest, LedgerImportCreatesChecklistAndPlan) {
  LedgerService ledger(*store_, codec::BuiltinCatalogue(), domain::EngineOptions{}, audit_);
  ledger.SetOnCasesRecorded([this](const Actor& actor, std::span<const RecordedCase> recorded,
                                   std::span<const storage::RowId> changed) {
    return service_->OnCasesRecorded(actor, recorded, changed, D("2025-03-20"));
  });
  const std::string csv =
      "身份证号,姓名,所在单位,是否党员,决定机关,决定文号,决定日期,违纪类别,处分处理措施,生效日期,"
      "留党察看期限（月）\n" +
      IdNumber(7) + ",王五,甲市财政局,是,甲市,甲纪发〔2025〕9号,2025-03-14,廉洁纪律,gov.demerit," +
      "2025-03-14,\n" + IdNumber(8) +
      ",赵六,甲市财政局,是,甲市,甲纪发〔2024〕30号,2024-11-01,廉洁纪律,gov.demerit,2024-11-01,\n" +
      IdNumber(9) +
      ",孙七,甲市财政局,是,甲市,甲纪发〔2023〕2号,2023-02-01,廉洁纪律,gov.demerit,2023-02-01,\n";
  LedgerImportOptions options;
  options.today = D("2025-03-20");
  auto result = ledger.Import(Manager(), csv, options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->imported) << (result->errors.empty() ? "" : result->errors[0].message);
  storage::PersonQuery query{.root_org_id = city_a_.id};
  query.name_contains = "王五";
  auto persons = store_->ListPersons(query);
  ASSERT_TRUE(persons.ok());
  ASSERT_EQ(persons->persons.size(), 1u);
  const storage::RowId imported = persons->persons[0].id;
  auto items = store_->Aftercare().ListExecutionItems(imported);
  ASSERT_TRUE(items.ok());
  std::vector<std::string> codes;
  for (const auto& item : *items) codes.push_back(item.code + "@" + item.due.ToString());
  // The same checklist as 张三's case recorded by hand (aftercare_service_test).
  EXPECT_EQ(codes, (std::vector<std::string>{"announce@2025-04-13", "file@2025-04-13",
                                             "execution_report@2025-09-13"}));
  // Decided 2024-11-01: announcing and filing were due 2024-11-30, before the import; the
  // executing unit's report (2025-04-30) is still due. Decided 2023-02-01: nothing left due.
  auto items_of = [&](const char* name) {
    storage::PersonQuery by_name{.root_org_id = city_a_.id};
    by_name.name_contains = name;
    const auto listed =
        store_->Aftercare().ListExecutionItems(store_->ListPersons(by_name)->persons.at(0).id);
    std::vector<std::string> out;
    for (const auto& item : listed.value()) out.push_back(item.code + "@" + item.due.ToString());
    return out;
  };
  EXPECT_EQ(items_of("赵六"), std::vector<std::string>{"execution_report@2025-04-30"});
  EXPECT_EQ(items_of("孙七"), std::vector<std::string>{});
  // The reminders leave out the same lapsed items, and the visits due before the import (孙七's
  // first visit was due 2023-07-31); 赵六's first visit (due 2025-04-30) and report remain.
  auto scheduled_of = [&](const char* name) {
    storage::PersonQuery by_name{.root_org_id = city_a_.id};
    by_name.name_contains = name;
    const storage::RowId id = store_->ListPersons(by_name)->persons.at(0).id;
    const auto schedule = store_->Aftercare().GetSchedule(id);
    std::vector<std::string> out;
    for (const auto& item : schedule.value().value().items) {
      out.push_back(item.kind + " " + item.ref + "@" + item.due.ToString());
    }
    return std::make_pair(id, out);
  };
  // (An influence period that ended before the import stays planned: its notice window is past,
  // so it is never listed.)
  EXPECT_EQ(scheduled_of("赵六").second,
            (std::vector<std::string>{"execution 2:execution_report@2025-04-30",
                                      "influence_ending 2@2025-10-31",
                                      "visit first_visit:2@2025-04-30"}));
  const auto [sun, sun_items] = scheduled_of("孙七");
  EXPECT_EQ(sun_items, std::vector<std::string>{"influence_ending 3@2024-01-31"});
  auto plans = store_->Aftercare().ListVisitPlans(imported);
  ASSERT_TRUE(plans.ok());
  ASSERT_EQ(plans->size(), 1u);
  EXPECT_EQ((*plans)[0].organ_id, city_a_.id);
  auto schedule = store_->Aftercare().GetSchedule(imported);
  ASSERT_TRUE(schedule.ok() && schedule->has_value());
  EXPECT_EQ((*schedule)->items.size(), 5u);
  ASSERT_GE(audit_.events().size(), 2u);
  const AuditEvent& init = audit_.events()[audit_.events().size() - 2].event;
  EXPECT_EQ(init.action, "aftercare.init");
  const nlohmann::json counts = nlohmann::json::parse(init.after_json);
  EXPECT_EQ(counts["execution_items"], 4);
  EXPECT_EQ(counts["execution_items_lapsed"], 5);
  EXPECT_EQ(audit_.events().back().event.action, "ledger.import");
  EXPECT_EQ(Stored(Manager(), D("2025-09-20")), Live(Manager(), D("2025-09-20")));
  // The person file shows the skipped visit with the reason.
  auto plan = service_->GetVisitPlan(Manager(), sun);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->rows.size(), 1u);
  EXPECT_EQ(plan->rows[0].imported_on, D("2025-03-20"));
  EXPECT_TRUE(plan->plan.visits.empty());
  ASSERT_EQ(plan->plan.skipped.size(), 1u);
  EXPECT_EQ(plan->plan.skipped[0].due, D("2023-07-31"));
  EXPECT_EQ(plan->plan.skipped[0].note,
            "回访期限在台账导入（2025-03-20）之前，属纸质台账管理期间，未列入本系统回访计划");
}

}  // namespace
}  // namespace kangfu::app
