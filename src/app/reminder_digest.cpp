#include "app/reminder_digest.hpp"

#include <charconv>
#include <string>

namespace kangfu::app {

Responsible ResponsibleOf(const domain::Reminder& reminder) {
  Responsible who;
  who.mentor = reminder.kind == domain::ReminderKind::kMentorFirstTalk ||
               reminder.kind == domain::ReminderKind::kMentorTalk ||
               reminder.kind == domain::ReminderKind::kMentorReport;
  const std::string& text = reminder.responsible;
  std::from_chars(text.data(), text.data() + text.size(), who.id);  // 0 when not a row id
  return who;
}

void ReminderDigest::Add(const domain::ReminderReport& report, int64_t subjects_in_batch) {
  subjects += subjects_in_batch;
  for (const domain::Reminder& r : report.reminders) {
    ReminderCount& count = counts[ResponsibleOf(r)][r.kind];
    if (r.overdue) {
      ++count.overdue;
    } else {
      ++count.due;
    }
  }
  problems.insert(problems.end(), report.problems.begin(), report.problems.end());
}

}  // namespace kangfu::app
