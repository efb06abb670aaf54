#ifndef KANGFU_APP_TEST_SUPPORT_HPP_
#define KANGFU_APP_TEST_SUPPORT_HPP_

// Fixtures for the use-case tests: a real SQLite store in memory with a small organisation tree,
// actors of several roles, and an audit sink that records events or fails on demand.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "domain/id_number.hpp"
#include "storage/oversight_store.hpp"
#include "storage/store.hpp"

namespace kangfu::app::testing {

class FakeAudit : public AuditSink {
 public:
  Status Record(const Actor& actor, const AuditEvent& event) override {
    if (fail_) return Status::Error(ErrorCode::kUnavailable, "audit.failed", "审计日志写入失败");
    events_.push_back({actor.username, event});
    return Status::Ok();
  }
  struct Entry {
    std::string username;
    AuditEvent event;
  };
  void set_fail(bool fail) { fail_ = fail; }
  const std::vector<Entry>& events() const { return events_; }

 private:
  bool fail_ = false;
  std::vector<Entry> events_;
};

// A valid identity number born 1980-01-01 with sequence `seq` (0-999).
inline std::string IdNumber(int seq) {
  std::string first17 = "11010119800101";
  std::string digits = std::to_string(seq);
  first17 += std::string(3 - digits.size(), '0') + digits;
  return first17 + *domain::IdNumberCheckChar(first17);
}

inline domain::Date D(const char* text) { return domain::Date::Parse(text).value(); }

// Province (root) → city A → unit A1; province → city B → unit B1.
class AppWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::OpenStore("sqlite::memory:");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    province_ = AddOrg(0, "省纪委监委", storage::OrgLevel::kProvince);
    city_a_ = AddOrg(province_.id, "甲市", storage::OrgLevel::kCity);
    unit_a1_ = AddOrg(city_a_.id, "甲市财政局", storage::OrgLevel::kUnit);
    city_b_ = AddOrg(province_.id, "乙市", storage::OrgLevel::kCity);
    unit_b1_ = AddOrg(city_b_.id, "乙市交通局", storage::OrgLevel::kUnit);
    person_a_ = AddPerson(1, "张三", unit_a1_.id);
    person_b_ = AddPerson(2, "李四", unit_b1_.id);
  }

  storage::Organisation AddOrg(storage::RowId parent, const char* name, storage::OrgLevel level) {
    storage::Organisation org;
    org.parent_id = parent;
    org.name = name;
    org.level = level;
    auto added = store_->AddOrganisation(org);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.value();
  }

  // A party member in `unit` with a valid identity number (sequence `seq`); a leading cadre
  // when `leading_cadre` (mentors and leaders in the aftercare tests).
  storage::Person AddPerson(int seq, const char* name, storage::RowId unit,
                            bool leading_cadre = false) {
    storage::Person person;
    person.id_number = IdNumber(seq);
    person.name = name;
    person.unit_id = unit;
    person.party_member = true;
    person.leading_cadre = leading_cadre;
    auto added = store_->AddPerson(person);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.value();
  }

  storage::Person AddLeader(int seq, const char* name, storage::RowId unit) {
    return AddPerson(seq, name, unit, true);
  }

  // A case with one measure stored directly (bypassing the use cases).
  storage::Measure AddCaseWithMeasure(const storage::Person& person, const char* number,
                                      const char* kind, const char* effective) {
    storage::Case c;
    c.person_id = person.id;
    c.organ_id = province_.id;
    c.decision_number = number;
    c.decision_date = D(effective);
    c.form = 2;
    auto added_case = store_->AddCase(c);
    EXPECT_TRUE(added_case.ok()) << added_case.status().ToString();
    storage::Measure m;
    m.case_id = added_case->id;
    m.kind = kind;
    m.effective = D(effective);
    auto added = store_->AddMeasure(m);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.value();
  }

  // A clearance (澄清正名) of `allegations` about `person`, decided by `organ` on `date`
  // ("untrue" 失实 / "false_accusation" 诬告), proposed by the party organisation and announced
  // in writing; not stored (see AddClearance).
  static storage::ClearanceRow ClearanceOf(const storage::Person& person,
                                           const storage::Organisation& organ,
                                           std::vector<std::string> allegations,
                                           const char* conclusion, const char* date) {
    storage::ClearanceRow c;
    c.person_id = person.id;
    c.organ_id = organ.id;
    c.allegations = std::move(allegations);
    c.conclusion = conclusion;
    c.trigger = "party_proposal";
    c.approver = "市纪委常委会";
    c.methods = {"written"};
    c.date = D(date);
    return c;
  }

  // ClearanceOf, stored directly (bypassing the use cases).
  void AddClearance(const storage::Person& person, const storage::Organisation& organ,
                    std::vector<std::string> allegations, const char* conclusion,
                    const char* date) {
    Result<storage::ClearanceRow> stored = store_->Oversight().AddClearance(
        ClearanceOf(person, organ, std::move(allegations), conclusion, date));
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  }

  // A 容错纠错 decision ("exempt" 免责 / "mitigate" 减责) about `measure` of `person`, stored
  // directly (bypassing the use cases); returned as stored.
  storage::FaultToleranceRow AddFaultToleranceDecision(const storage::Person& person,
                                                       const storage::Measure& measure,
                                                       const char* decision, const char* date) {
    storage::FaultToleranceRow row;
    row.person_id = person.id;
    row.organ_id = province_.id;
    row.measure_id = measure.id;
    row.ground = "reform_trial";
    row.decision = decision;
    row.approver = "省纪委常委会";
    row.date = D(date);
    row.reason = "改革创新中先行先试出现失误";
    row.recorded_by = "cm";
    auto stored = store_->Oversight().AddFaultTolerance(row);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.value();
  }

  Actor MakeActor(Role role, const storage::Organisation& root, const char* username) const {
    Actor actor;
    actor.account_id = 1;
    actor.username = username;
    actor.roles = {role};
    actor.jurisdiction_org = root.id;
    actor.jurisdiction_path = root.path;
    return actor;
  }

  std::unique_ptr<storage::Store> store_;
  FakeAudit audit_;
  storage::Organisation province_, city_a_, unit_a1_, city_b_, unit_b1_;
  storage::Person person_a_, person_b_;
};

}  // namespace kangfu::app::testing

#endif  // KANGFU_APP_TEST_SUPPORT_HPP_
