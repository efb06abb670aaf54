// 数据字典 (GET /api/v1/dictionaries): the texts of the measure table and the search over the
// code lists. The server owns every label; this only arranges them for the screen.

// "提拔职务、晋升职级或进一步使用 12个月；…" — what a measure restricts and for how long.
export function restrictionText(measure) {
  const rules = (measure && measure.restrictions) || [];
  if (rules.length === 0) return '无';
  return rules
    .map((r) => `${r.action_label || r.action} ${r.months === null || r.months === undefined ? '无期限' : `${r.months}个月`}`)
    .join('；');
}

// "12个月、24个月" for 留党察看; "" otherwise.
export function probationText(measure) {
  const terms = (measure && measure.probation_terms) || [];
  return terms.map((m) => `${m}个月`).join('、');
}

// The catalogue's title line: "处分处理措施目录（第 1 版）".
export function catalogueTitle(header) {
  if (!header) return '';
  const title = header.title || '处分处理措施目录';
  if (header.version === null || header.version === undefined) return `${title}（非系统内置版本）`;
  return `${title}（第 ${header.version} 版）`;
}

function matches(text, keyword) {
  return String(text || '').toLowerCase().includes(keyword);
}

// The measures whose code, name, form, family or article contain `keyword` (case-insensitive,
// trimmed); all of them for an empty keyword.
export function filterMeasures(measures, keyword) {
  const k = (keyword || '').trim().toLowerCase();
  const list = measures || [];
  if (!k) return list;
  return list.filter((m) =>
    [m.code, m.name, m.form_label, m.family_label, m.basis].some((t) => matches(t, k)),
  );
}

// The lists, each with only the items whose code or label contain `keyword`; a list whose title
// matches keeps all its items; lists left empty are dropped. `count` is the number of items kept.
export function filterLists(lists, keyword) {
  const k = (keyword || '').trim().toLowerCase();
  const out = [];
  for (const list of lists || []) {
    const items = !k || matches(list.title, k) || matches(list.code, k)
      ? list.items
      : list.items.filter((i) => matches(i.code, k) || matches(i.label, k));
    if (items.length) out.push({ ...list, items, count: items.length });
  }
  return out;
}

export const LIST_KINDS = {
  rule: { label: '规则数据', type: 'warning' },
  system: { label: '系统代码', type: 'info' },
};
