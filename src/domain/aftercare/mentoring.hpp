#ifndef KANGFU_DOMAIN_AFTERCARE_MENTORING_HPP_
#define KANGFU_DOMAIN_AFTERCARE_MENTORING_HPP_

// 教育帮带: a mentor's assignment, its validation, and compliance per calendar half-year.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/aftercare_policy.hpp"
#include "domain/date.hpp"

namespace kangfu::domain {

struct MentorAssignment {
  std::string id;
  std::string subject_id;
  std::string mentor_id;
  std::string assigned_by;  // the organisation whose committee assigned the mentor
  Date start;               // the day of assignment
  std::optional<Date> end;  // last day of the mentoring period; nullopt while it runs

  friend bool operator==(const MentorAssignment&, const MentorAssignment&) = default;
};

// Facts about the proposed mentor on the start date, established by the caller (app layer) from
// the organisation tree, the posts and the rules engine.
struct MentorFacts {
  bool leads_subject_unit = false;  // a leader of the subject's unit
  bool leads_parent_unit = false;   // … or of the level above
  bool under_influence_period = false;
  bool on_hold = false;  // clue under verification, case under review, suspension
};

// OK, or kInvalidArgument with the first problem as the status and all of them in details():
//   mentor.missing            no mentor chosen                                ("mentor_id")
//   mentor.is_subject         the mentor is the subject                       ("mentor_id")
//   mentor.not_leader         not a leader of the subject's unit or the level above ("mentor_id")
//   mentor.under_influence    the mentor is under an influence period         ("mentor_id")
//   mentor.on_hold            the mentor is on hold                           ("mentor_id")
//   mentor.assigner_missing   no assigning organisation                       ("assigned_by")
//   mentor.period_invalid     end before start                                ("end")
Status ValidateMentorAssignment(const MentorAssignment& assignment, const MentorFacts& facts);

// A mentor's half-year report (帮带情况报告), for the half-year it covers.
struct MentorReport {
  int year = 0;
  int half = 1;  // 1 = January–June, 2 = July–December
  Date submitted;

  friend bool operator==(const MentorReport&, const MentorReport&) = default;
};

struct HalfYearCompliance {
  int year = 0;
  int half = 1;
  Date from;  // the part of the half-year inside the mentoring period
  Date to;
  // Last day for this half-year's talk(s): `to`, except for the half-year of the assignment,
  // whose talk may also be the first talk when that is due after `to` (an assignment on 20
  // December is met by a talk up to 19 January).
  Date talk_due;
  int talks = 0;  // talks dated in [from, talk_due]
  bool talk_met = false;
  bool talk_overdue = false;       // today > talk_due and not met
  std::optional<Date> report_due;  // nullopt when the policy asks no reports
  std::optional<Date> report_submitted;
  bool report_overdue = false;

  friend bool operator==(const HalfYearCompliance&, const HalfYearCompliance&) = default;
};

struct MentoringCompliance {
  Date first_talk_due;              // start + first_talk_within_months - 1 day
  std::optional<Date> first_talk;   // the first talk on or after start
  bool first_talk_late = false;     // held, but after first_talk_due
  bool first_talk_overdue = false;  // not held and today > first_talk_due
  // Every half-year of the period that has begun by `today`, in order.
  std::vector<HalfYearCompliance> half_years;
  int half_years_due = 0;        // half-years whose talk_due is before today
  int half_years_with_talk = 0;  // … of which the talk requirement was met

  friend bool operator==(const MentoringCompliance&, const MentoringCompliance&) = default;
};

// Compliance of one assignment as seen on `today`. Talks and reports outside the period are
// ignored; a report counts for the half-year it names. Nothing is due on its due date itself:
// overdue means today is after the due date.
MentoringCompliance ComputeMentoringCompliance(const MentorAssignment& assignment,
                                               std::span<const Date> talks,
                                               std::span<const MentorReport> reports,
                                               const MentoringPolicy& policy, Date today);

// "2025年上半年" / "2025年下半年".
std::string HalfYearLabel(int year, int half);

}  // namespace kangfu::domain

#endif  // KANGFU_DOMAIN_AFTERCARE_MENTORING_HPP_
