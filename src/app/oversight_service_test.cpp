#include "app/oversight_service.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/person_service.hpp"
#include "app/status_service.hpp"
#include "app/test_support.hpp"
#include "app/vetting_service.hpp"
#include "codec/aftercare/calendar_json.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::app {
namespace {

using testing::D;

// Today is Friday 2026-11-27.
class OversightServiceTest : public testing::AppWorld {
 protected:
  void SetUp() override {
    AppWorld::SetUp();
    calendar_ = codec::ShippedWorkCalendar().value();
    service_ = std::make_unique<OversightService>(*store_, calendar_, audit_);
    status_ = std::make_unique<StatusService>(*store_, codec::BuiltinCatalogue(),
                                              domain::EngineOptions{}, audit_);
    cm_ = MakeActor(Role::kCaseManager, city_a_, "cm");
    cm_b_ = MakeActor(Role::kCaseManager, city_b_, "cm_b");
    leader_ = MakeActor(Role::kLeader, city_a_, "leader");
    committee_ = MakeActor(Role::kUnitCommittee, unit_a1_, "committee");
    orgdept_ = MakeActor(Role::kOrgDepartment, city_a_, "orgdept");
  }

  storage::ClueRow Clue() const {
    storage::ClueRow c;
    c.person_id = person_a_.id;
    c.organ_id = city_a_.id;
    c.source = "petition";
    c.summary = "反映其违规收受礼金";
    c.received = D("2026-09-01");
    return c;
  }

  storage::InterviewRow Talk() const {
    storage::InterviewRow t;
    t.organ_id = city_a_.id;
    t.kind = "routine";
    t.date = D("2026-11-02");
    t.interviewers = {{0, "李明", "市纪委副书记"}};
    t.interviewees = {{person_a_.id, true, unit_a1_.id}};
    t.topics = "落实全面从严治党主体责任";
    return t;
  }

  storage::ClearanceRow Clearance() const {
    storage::ClearanceRow c =
        ClearanceOf(person_a_, city_a_, {"反映其违规收受礼金问题", "反映其违规兼职取酬问题"},
                    "false_accusation", "2026-11-20");
    c.approver = "甲市纪委常委会";
    c.methods = {"meeting"};
    c.audience = "甲市财政局全体干部";
    c.referred = true;
    return c;
  }

  domain::VerdictKind Verdict(const storage::Person& person, const char* as_of) {
    StatusQuery query;
    query.person.id = person.id;
    query.as_of = D(as_of);
    query.actions = {domain::Action::kPromote};
    Result<PersonStatus> status = status_->Evaluate(cm_, query);
    EXPECT_TRUE(status.ok()) << status.status().ToString();
    last_status_ = status.ok() ? *status : PersonStatus{};
    return status.ok() ? status->actions[0].verdict : domain::VerdictKind::kAllowed;
  }

  std::vector<storage::Hold> Holds(const storage::Person& person) {
    return store_->LoadHistory(person.id_number)->holds;
  }

  std::vector<std::string> AuditActions() const {
    std::vector<std::string> out;
    for (const auto& entry : audit_.events()) out.push_back(entry.event.action);
    return out;
  }

  const domain::Date kToday = D("2026-11-27");
  domain::WorkCalendar calendar_;
  std::unique_ptr<OversightService> service_;
  std::unique_ptr<StatusService> status_;
  Actor cm_, cm_b_, leader_, committee_, orgdept_;
  PersonStatus last_status_;
};

TEST_F(OversightServiceTest, VerificationPutsThePersonOnHoldAndConclusionReleases) {
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kAllowed);
  storage::ClueRow input = Clue();
  input.handling = "verification";
  input.handling_date = D("2026-10-12");
  Result<ClueView> registered = service_->RegisterClue(cm_, input, kToday);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->row.state, "in_progress");
  EXPECT_EQ(registered->person_name, "张三");
  EXPECT_EQ(registered->organ_name, "甲市");
  EXPECT_EQ(registered->row.registered_by, "cm");
  ASSERT_NE(registered->row.hold_id, 0);
  ASSERT_EQ(Holds(person_a_).size(), 1u);
  EXPECT_EQ(Holds(person_a_)[0].from, D("2026-10-12"));
  EXPECT_EQ(Holds(person_a_)[0].to, std::nullopt);
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kHold);
  ASSERT_EQ(last_status_.actions[0].holds.size(), 1u);
  EXPECT_EQ(last_status_.actions[0].holds[0].label, "问题线索初步核实中");
  EXPECT_EQ(Verdict(person_a_, "2026-10-11"), domain::VerdictKind::kAllowed);

  storage::ClueRow concluded = registered->row;
  concluded.concluded_on = D("2026-11-20");
  concluded.conclusion = "经初步核实，反映问题失实，予以了结";
  Result<ClueView> done =
      service_->UpdateClue(cm_, registered->row.id, registered->row.version, concluded, kToday);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->row.state, "concluded");
  EXPECT_EQ(done->row.version, 2);
  ASSERT_EQ(Holds(person_a_).size(), 1u);
  EXPECT_EQ(Holds(person_a_)[0].to, D("2026-11-19"));
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kAllowed);
  EXPECT_EQ(Verdict(person_a_, "2026-11-19"), domain::VerdictKind::kHold);
  EXPECT_EQ(AuditActions(),
            (std::vector<std::string>{"person.status", "hold.open", "clue.create", "person.status",
                                      "person.status", "hold.close", "clue.update", "person.status",
                                      "person.status"}));

  // A stale version is refused and changes nothing.
  Result<ClueView> stale = service_->UpdateClue(cm_, registered->row.id, 1, concluded, kToday);
  EXPECT_EQ(stale.status().reason(), "record.stale");
}

TEST_F(OversightServiceTest, ShelvingClosesTheHoldAndVerifyingAgainOpensAnother) {
  storage::ClueRow input = Clue();
  input.handling = "shelved";
  input.handling_date = D("2026-09-10");
  Result<ClueView> clue = service_->RegisterClue(cm_, input, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  EXPECT_EQ(clue->row.hold_id, 0);
  EXPECT_TRUE(Holds(person_a_).empty());

  storage::ClueRow verify = clue->row;
  verify.handling = "verification";
  verify.handling_date = D("2026-10-15");
  clue = service_->UpdateClue(cm_, clue->row.id, clue->row.version, verify, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kHold);

  storage::ClueRow shelve = clue->row;
  shelve.handling = "shelved";
  shelve.handling_date = D("2026-11-16");
  clue = service_->UpdateClue(cm_, clue->row.id, clue->row.version, shelve, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  ASSERT_EQ(Holds(person_a_).size(), 1u);
  EXPECT_EQ(Holds(person_a_)[0].to, D("2026-11-15"));
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kAllowed);

  storage::ClueRow again = clue->row;
  again.handling = "verification";
  again.handling_date = D("2026-11-25");
  clue = service_->UpdateClue(cm_, clue->row.id, clue->row.version, again, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  ASSERT_EQ(Holds(person_a_).size(), 2u);
  EXPECT_EQ(Holds(person_a_)[1].from, D("2026-11-25"));
  EXPECT_EQ(clue->row.hold_id, Holds(person_a_)[1].id);
}

TEST_F(OversightServiceTest, ClosedConcludesAtOnce) {
  storage::ClueRow input = Clue();
  input.handling = "closed";
  input.handling_date = D("2026-09-03");
  input.conclusion = "反映问题不具体，予以了结";
  Result<ClueView> clue = service_->RegisterClue(cm_, input, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  EXPECT_EQ(clue->row.state, "concluded");
  EXPECT_EQ(clue->row.concluded_on, D("2026-09-03"));
}

TEST_F(OversightServiceTest, InquiryReplyDueInWorkingDaysAndOverdueList) {
  // 2026-09-24 (Thursday): 25-27 September and 1-7 October off, 10 October (Saturday) worked.
  storage::ClueRow holiday = Clue();
  holiday.handling = "inquiry";
  holiday.handling_date = D("2026-09-24");
  holiday.replied_on = D("2026-10-20");
  Result<ClueView> answered = service_->RegisterClue(cm_, holiday, kToday);
  ASSERT_TRUE(answered.ok()) << answered.status().ToString();
  EXPECT_EQ(answered->row.reply_due, D("2026-10-22"));
  EXPECT_FALSE(answered->reply_overdue);

  storage::ClueRow late = Clue();
  late.received = D("2026-10-30");
  late.handling = "inquiry";
  late.handling_date = D("2026-11-02");  // Monday; 15 working days later: Monday 23 November
  Result<ClueView> waiting = service_->RegisterClue(cm_, late, kToday);
  ASSERT_TRUE(waiting.ok()) << waiting.status().ToString();
  EXPECT_EQ(waiting->row.reply_due, D("2026-11-23"));
  EXPECT_TRUE(waiting->reply_overdue);

  OversightListQuery query;
  query.overdue = true;
  Result<OversightList<ClueView>> overdue = service_->ListClues(cm_, query, kToday);
  ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
  ASSERT_EQ(overdue->total, 1);
  EXPECT_EQ(overdue->items[0].row.id, waiting->row.id);
  // Not yet overdue on the due day itself.
  overdue = service_->ListClues(cm_, query, D("2026-11-23"));
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(overdue->total, 0);

  storage::ClueRow replied = waiting->row;
  replied.replied_on = D("2026-11-26");
  ASSERT_TRUE(service_->UpdateClue(cm_, waiting->row.id, 1, replied, kToday).ok());
  overdue = service_->ListClues(cm_, query, kToday);
  ASSERT_TRUE(overdue.ok());
  EXPECT_EQ(overdue->total, 0);
}

TEST_F(OversightServiceTest, BadInputIsRefusedAndNothingIsWritten) {
  storage::ClueRow reply_before = Clue();
  reply_before.handling = "inquiry";
  reply_before.handling_date = D("2026-09-02");
  reply_before.replied_on = D("2026-08-30");
  Result<ClueView> clue = service_->RegisterClue(cm_, reply_before, kToday);
  EXPECT_EQ(clue.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(clue.status().reason(), "clue.reply_date");
  EXPECT_EQ(clue.status().field(), "replied_on");

  storage::ClueRow verify_bad = Clue();
  verify_bad.handling = "verification";
  verify_bad.handling_date = D("2026-08-01");  // before the clue came in
  EXPECT_EQ(service_->RegisterClue(cm_, verify_bad, kToday).status().reason(),
            "clue.handling_before_received");

  storage::InterviewRow talk = Talk();
  talk.kind = "chat";
  Result<InterviewView> recorded = service_->RecordInterview(cm_, talk, kToday);
  EXPECT_EQ(recorded.status().reason(), "interview.kind_invalid");
  EXPECT_EQ(recorded.status().field(), "kind");

  storage::ClearanceRow clearance = Clearance();
  clearance.allegations.clear();
  Result<ClearanceView> cleared = service_->RecordClearance(cm_, clearance, kToday);
  EXPECT_EQ(cleared.status().reason(), "clearance.allegations_required");
  EXPECT_EQ(cleared.status().field(), "allegations");

  storage::FaultToleranceRow tolerance;
  tolerance.person_id = person_a_.id;
  tolerance.organ_id = city_a_.id;
  tolerance.allegation = "先行先试造成损失";
  tolerance.ground = "luck";
  tolerance.decision = "exempt";
  tolerance.approver = "甲市纪委常委会";
  tolerance.date = D("2026-11-01");
  EXPECT_EQ(service_->RecordFaultTolerance(cm_, tolerance, kToday).status().reason(),
            "fault_tolerance.ground_invalid");

  OversightListQuery all;
  EXPECT_EQ(service_->ListClues(cm_, all, kToday)->total, 0);
  EXPECT_EQ(service_->ListInterviews(cm_, all)->total, 0);
  EXPECT_EQ(service_->ListClearances(cm_, all)->total, 0);
  EXPECT_EQ(service_->ListFaultTolerance(cm_, all)->total, 0);
  EXPECT_TRUE(Holds(person_a_).empty());
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"oversight.list", "oversight.list",
                                                      "oversight.list", "oversight.list"}));
}

TEST_F(OversightServiceTest, PermissionsAndJurisdiction) {
  // Outside the jurisdiction: the person and the organisation do not exist for the actor.
  storage::ClueRow clue = Clue();
  Result<ClueView> refused = service_->RegisterClue(cm_b_, clue, kToday);
  EXPECT_EQ(refused.status().reason(), "person.not_found");
  EXPECT_EQ(refused.status().field(), "person_id");
  clue.organ_id = city_b_.id;
  refused = service_->RegisterClue(cm_, clue, kToday);
  EXPECT_EQ(refused.status().reason(), "organisation.not_found");
  EXPECT_EQ(refused.status().field(), "organ_id");

  Result<ClueView> mine = service_->RegisterClue(cm_, Clue(), kToday);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(service_->GetClue(cm_b_, mine->row.id, kToday).status().reason(), "clue.not_found");
  EXPECT_TRUE(service_->GetClue(leader_, mine->row.id, kToday).ok());
  // Leaders read, never write; the unit committee and the organisation department see no clue.
  EXPECT_EQ(service_->RegisterClue(leader_, Clue(), kToday).status().reason(), "auth.forbidden");
  EXPECT_EQ(service_->GetClue(committee_, mine->row.id, kToday).status().reason(),
            "auth.forbidden");
  EXPECT_EQ(service_->ListClues(orgdept_, {}, kToday).status().reason(), "auth.forbidden");
  EXPECT_EQ(service_->PersonRecords(orgdept_, person_a_.id, kToday).status().reason(),
            "auth.forbidden");
  // The unit committee records talks in its own unit, and sees talks only.
  storage::InterviewRow talk = Talk();
  talk.organ_id = unit_a1_.id;
  talk.kind = "heart_to_heart";
  talk.interviewees = {{person_a_.id, false, 0}};
  Result<InterviewView> recorded = service_->RecordInterview(committee_, talk, kToday);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  Result<PersonOversight> file = service_->PersonRecords(committee_, person_a_.id, kToday);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_FALSE(file->clues_included);
  EXPECT_TRUE(file->clues.empty());
  ASSERT_EQ(file->interviews.size(), 1u);
  file = service_->PersonRecords(cm_, person_a_.id, kToday);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->clues.size(), 1u);
  EXPECT_EQ(file->interviews.size(), 1u);
  EXPECT_EQ(service_->RecordInterview(leader_, talk, kToday).status().reason(), "auth.forbidden");
  EXPECT_EQ(service_->PersonRecords(cm_b_, person_a_.id, kToday).status().reason(),
            "person.not_found");
  // Page bounds.
  OversightListQuery page;
  page.page = 0;
  EXPECT_EQ(service_->ListClues(cm_, page, kToday).status().reason(), "page.number");
  page.page = 1;
  page.page_size = 101;
  EXPECT_EQ(service_->ListClues(cm_, page, kToday).status().reason(), "page.size");
  page.page_size = 20;
  page.org_id = city_b_.id;
  EXPECT_EQ(service_->ListClues(cm_, page, kToday).status().field(), "org_id");
}

TEST_F(OversightServiceTest, TalksWithPrincipalLeadersAndListFilters) {
  Result<InterviewView> first = service_->RecordInterview(cm_, Talk(), kToday);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->person_names, (std::vector<std::string>{"张三"}));
  EXPECT_EQ(first->row.recorded_by, "cm");

  storage::InterviewRow not_lower = Talk();
  not_lower.interviewees = {{person_a_.id, true, city_a_.id}};  // the talk's own organisation
  Result<InterviewView> refused = service_->RecordInterview(cm_, not_lower, kToday);
  EXPECT_EQ(refused.status().reason(), "interview.led_org_not_lower");
  EXPECT_EQ(refused.status().field(), "persons[0].led_org_id");
  storage::InterviewRow no_org = Talk();
  no_org.interviewees = {{person_a_.id, true, 0}};
  EXPECT_EQ(service_->RecordInterview(cm_, no_org, kToday).status().reason(),
            "interview.led_org_required");

  storage::InterviewRow second = Talk();
  second.kind = "reminder";
  second.date = D("2026-11-20");
  second.interviewees = {{person_a_.id, false, 0}};
  ASSERT_TRUE(service_->RecordInterview(cm_, second, kToday).ok());

  OversightListQuery query;
  query.principal_only = true;
  Result<OversightList<InterviewView>> list = service_->ListInterviews(leader_, query);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].row.id, first->row.id);
  query = {};
  query.kind = "reminder";
  query.from = D("2026-11-10");
  list = service_->ListInterviews(leader_, query);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 1);
  query = {};
  query.person_id = person_a_.id;
  query.page_size = 1;
  query.page = 2;
  list = service_->ListInterviews(cm_, query);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 2);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].row.id, first->row.id);  // newest first: page 2 holds the older one

  storage::InterviewRow edited = first->row;
  edited.follow_up = "12月底前报送整改报告";
  Result<InterviewView> updated = service_->UpdateInterview(cm_, first->row.id, 1, edited, kToday);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->row.follow_up, "12月底前报送整改报告");
  EXPECT_EQ(updated->row.version, 2);
}

TEST_F(OversightServiceTest, ExemptedMeasureNoLongerRestricts) {
  storage::Measure warning =
      AddCaseWithMeasure(person_a_, "甲纪发〔2026〕3号", "party.warning", "2026-06-01");
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kBlocked);

  storage::FaultToleranceRow input;
  input.person_id = person_a_.id;
  input.organ_id = city_a_.id;
  input.measure_id = warning.id;
  input.ground = "reform_trial";
  input.decision = "exempt";
  input.approver = "甲市纪委常委会";
  input.date = D("2026-11-10");
  input.reason = "改革创新中先行先试出现失误，符合容错情形";
  Result<FaultToleranceView> decided = service_->RecordFaultTolerance(cm_, input, kToday);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->measure_kind, "party.warning");
  EXPECT_EQ(decided->decision_number, "甲纪发〔2026〕3号");

  // Like a revoked measure: no restriction from its start, whatever the date asked.
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kAllowed);
  EXPECT_EQ(Verdict(person_a_, "2026-07-01"), domain::VerdictKind::kAllowed);
  ASSERT_EQ(last_status_.exemptions.size(), 1u);
  const ExemptionFact& fact = last_status_.exemptions[0];
  EXPECT_EQ(fact.fault_tolerance_id, decided->row.id);
  EXPECT_EQ(fact.measure_id, warning.id);
  EXPECT_EQ(fact.decision_number, "甲纪发〔2026〕3号");
  EXPECT_EQ(fact.ground_label,
            "把干部在推进改革中因缺乏经验、先行先试出现的失误错误，同明知故犯的违纪违法行为"
            "区分开来");
  EXPECT_EQ(fact.date, D("2026-11-10"));

  // The person's file cites the decision.
  PersonService persons(*store_, audit_);
  Result<PersonFile> file = persons.ReadFile(cm_, person_a_.id);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->fault_tolerance.size(), 1u);
  EXPECT_EQ(file->fault_tolerance[0].measure_id, warning.id);
  // A unit committee reads case facts but not the oversight records.
  file = persons.ReadFile(committee_, person_a_.id);
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->fault_tolerance.empty());

  // 减责 does not lift the restriction.
  storage::FaultToleranceRow mitigate = decided->row;
  mitigate.decision = "mitigate";
  ASSERT_TRUE(service_->UpdateFaultTolerance(cm_, decided->row.id, 1, mitigate, kToday).ok());
  EXPECT_EQ(Verdict(person_a_, "2026-11-27"), domain::VerdictKind::kBlocked);

  // A measure of someone else, or a decision before the measure, is refused.
  storage::Measure other =
      AddCaseWithMeasure(person_b_, "乙纪发〔2026〕1号", "party.warning", "2026-06-01");
  storage::FaultToleranceRow wrong = input;
  wrong.measure_id = other.id;
  EXPECT_EQ(service_->RecordFaultTolerance(cm_, wrong, kToday).status().reason(),
            "fault_tolerance.measure_other_person");
  wrong = input;
  wrong.date = D("2026-05-01");
  EXPECT_EQ(service_->RecordFaultTolerance(cm_, wrong, kToday).status().reason(),
            "fault_tolerance.date_before_measure");
}

TEST_F(OversightServiceTest, ClearanceNeedsAConcludedClueOfThePersonAndIsCitedInVetting) {
  storage::ClueRow input = Clue();
  input.handling = "verification";
  input.handling_date = D("2026-09-10");
  Result<ClueView> clue = service_->RegisterClue(cm_, input, kToday);
  ASSERT_TRUE(clue.ok()) << clue.status().ToString();
  storage::ClearanceRow clearance = Clearance();
  clearance.clue_id = clue->row.id;
  Result<ClearanceView> refused = service_->RecordClearance(cm_, clearance, kToday);
  EXPECT_EQ(refused.status().reason(), "clearance.clue_not_concluded");
  EXPECT_EQ(refused.status().field(), "clue_id");

  storage::ClueRow done = clue->row;
  done.concluded_on = D("2026-11-10");
  done.conclusion = "经初步核实，反映问题系诬告";
  ASSERT_TRUE(service_->UpdateClue(cm_, clue->row.id, 1, done, kToday).ok());
  Result<ClearanceView> cleared = service_->RecordClearance(cm_, clearance, kToday);
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_EQ(cleared->row.methods, (std::vector<std::string>{"written", "meeting"}));

  // The vetting draft cites the clearance as such: each allegation, the conclusion.
  storage::Account account;
  account.username = "orgdept";
  account.password_hash = "x";
  account.roles = {"org_department"};
  account.jurisdiction_org = city_a_.id;
  account.password_changed_at = "2026-01-01T00:00:00Z";
  auto added = store_->AddAccount(account);
  ASSERT_TRUE(added.ok());
  orgdept_.account_id = added->id;
  VettingService vetting(*store_, *status_, calendar_, audit_);
  VettingFiling filing;
  filing.purpose = "promotion";
  filing.requester = "中共甲市委组织部";
  filing.candidates = {{person_a_.id, ""}};
  Result<VettingFiled> filed = vetting.File(orgdept_, filing, kToday);
  ASSERT_TRUE(filed.ok()) << filed.status().ToString();
  Result<VettingView> drafted = vetting.Draft(cm_, filed->view.request.id, kToday);
  ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
  ASSERT_EQ(drafted->candidates.size(), 1u);
  EXPECT_EQ(drafted->candidates[0].row.drafted_class, "no_issue");
  nlohmann::json basis = nlohmann::json::parse(drafted->candidates[0].row.drafted_basis);
  ASSERT_EQ(basis["clearances"].size(), 1u);
  EXPECT_EQ(basis["clearances"][0]["statement"],
            "经核查，反映的“反映其违规收受礼金问题”、“反映其违规兼职取酬问题”问题系诬告，"
            "已于2026-11-20予以澄清正名");
  EXPECT_EQ(basis["clearances"][0]["methods"], nlohmann::json({"书面", "会议"}));
}

}  // namespace
}  // namespace kangfu::app
