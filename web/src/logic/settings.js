// The administrator's aftercare settings (PUT /api/v1/aftercare/settings/{policy|calendar}): the
// holiday calendar's yearly notices (放假 and 调休上班 days) checked as domain/aftercare/calendar.cpp
// checks them, and the server's field paths ("body.years.2027.work[0]") mapped onto the screens.
import { isValidDate } from './validation.js';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

// 0 = Sunday … 6 = Saturday, for a valid "YYYY-MM-DD".
export function weekday(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function weekdayLabel(date) {
  return isValidDate(date) ? WEEKDAYS[weekday(date)] : '';
}

export function isWeekend(date) {
  const w = weekday(date);
  return w === 0 || w === 6;
}

function addDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

// Every day from `from` to `to`, both included ([] when to < from); at most 60 days, the longest
// holiday span plus slack, so that a mistyped year cannot produce thousands of days.
export function expandRange(from, to) {
  if (!isValidDate(from) || !isValidDate(to) || to < from) return [];
  const out = [];
  for (let d = from; d <= to && out.length < 60; d = addDay(d)) out.push(d);
  return out;
}

// Adds days to a sorted list, without repeats.
export function addDays(list, days) {
  return [...new Set([...list, ...days])].sort();
}

// Problems of one year's notice as the server would report them, keyed by the server's field
// ("years.2027.off[3]"), in the order of calendar.cpp's checks: a day of another year, a working
// day that is not a weekend day, a day listed twice or both off and working.
export function checkYear(year, { off = [], work = [] }) {
  const errors = {};
  const prefix = `years.${year}`;
  if (!/^\d{4}$/.test(String(year))) {
    errors[prefix] = `“${year}”不是有效的年份，年份应为四位数字，如“2025”。`;
    return errors;
  }
  const seen = new Map();
  const check = (name, list) => {
    list.forEach((day, i) => {
      const field = `${prefix}.${name}[${i}]`;
      if (!isValidDate(day)) {
        errors[field] = `“${day}”不是有效的日期，请按“YYYY-MM-DD”填写。`;
      } else if (!day.startsWith(`${year}-`)) {
        errors[field] = `${day} 不属于${year}年，请在该年份下填写。`;
      } else if (name === 'work' && !isWeekend(day)) {
        errors[field] = `${day} 是${weekdayLabel(day)}，本来就是工作日，调休上班日只能是周六或周日。`;
      } else if (seen.has(day)) {
        const where = seen.get(day) === 'off' ? '放假日期' : '调休上班日期';
        errors[field] = `${day} 已在${where}中列出，同一天不能重复列出。`;
      } else {
        seen.set(day, name);
      }
    });
  };
  check('off', off);
  check('work', work);
  return errors;
}

// The next year to add: one after the last covered year (or this year when none).
export function nextYear(years, today = new Date()) {
  const numbers = Object.keys(years || {}).map(Number).filter(Number.isInteger);
  return numbers.length ? Math.max(...numbers) + 1 : today.getUTCFullYear();
}

// The calendar file to PUT: the loaded document with `years` replaced, each list sorted.
export function calendarBody(document, years) {
  const out = { ...(document || {}) };
  out.years = {};
  for (const y of Object.keys(years).sort()) {
    out.years[y] = { off: [...years[y].off].sort(), work: [...years[y].work].sort() };
  }
  return out;
}

// The server's field for a setting's body ("body.visit.rules[0].due_months") as the screen's
// form prop ("visit.rules.0.due_months"); '' for the document as a whole.
export function settingFieldProp(field) {
  return String(field || '')
    .replace(/^body\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1');
}

// For the calendar screen: where a server field points — {year, list, index} (list 'off' or
// 'work', index a number or null), or null for anything else.
export function calendarFieldTarget(field) {
  const m = /^(?:body\.)?years\.([^.[\]]+)(?:\.(off|work)(?:\[(\d+)\])?)?$/.exec(String(field || ''));
  if (!m) return null;
  return { year: m[1], list: m[2] || null, index: m[3] === undefined ? null : Number(m[3]) };
}

// Local checks of the policy values the screen edits: {prop: message} with the server's wording
// (domain/aftercare/aftercare_policy.cpp).
export function checkPolicy(policy) {
  const errors = {};
  const visit = policy.visit || {};
  const mentoring = policy.mentoring || {};
  const escalation = policy.escalation || {};
  const need = (prop, value, min, what) => {
    if (!Number.isInteger(value) || value < min) errors[prop] = `策略字段“${prop}”${what}。`;
  };
  need('visit.min_visitors', visit.min_visitors, 1, '至少为1');
  if (visit.max_visits_per_year !== null && visit.max_visits_per_year !== undefined) {
    need('visit.max_visits_per_year', visit.max_visits_per_year, 1, '至少为1（不限制时请留空）');
  }
  const target = visit.coverage_target_percent;
  if (target !== null && target !== undefined && !(Number.isInteger(target) && target >= 0 && target <= 100)) {
    errors['visit.coverage_target_percent'] = '策略字段“visit.coverage_target_percent”应在0至100之间。';
  }
  need('visit.coverage_lookback_years', visit.coverage_lookback_years, 1, '至少为1');
  need('mentoring.first_talk_within_months', mentoring.first_talk_within_months, 1, '至少为1');
  need('mentoring.talks_per_half_year', mentoring.talks_per_half_year, 1, '至少为1');
  need('mentoring.report_due_days_after_half_year', mentoring.report_due_days_after_half_year, 0, '不能为负数');
  need('escalation.deadline_working_days', escalation.deadline_working_days, 1, '至少为1');
  (visit.rules || []).forEach((rule, i) => {
    if (!(rule.title || '').trim()) errors[`visit.rules.${i}.title`] = `策略规则“${rule.id}”缺少中文名称。`;
  });
  return errors;
}
