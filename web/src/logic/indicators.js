// The work indicators (src/api/indicators_api.hpp) as the statistics screen shows them: one bar
// per rate, the counts beside them, and one indicator ranked per unit, worst first.

// {"indicators": [Indicator]} → [{code, label, kind, percent (number | null), numerator,
// denominator, fraction ("1 / 2"), target (number | null), details ("回复件数 3；…")}].
export function indicatorCards(data) {
  const list = (data && Array.isArray(data.indicators)) ? data.indicators : [];
  return list.map((i) => ({
    code: i.code,
    label: i.label,
    kind: i.kind,
    percent: i.percent === null || i.percent === undefined ? null : Number(i.percent),
    numerator: i.numerator,
    denominator: i.denominator,
    fraction: i.kind === 'rate' ? `${i.numerator} / ${i.denominator}` : String(i.numerator),
    target: typeof i.target_percent === 'number' ? i.target_percent : null,
    details: detailText(i.details),
  }));
}

// [{label, value}] → "回复件数 3；办理用时中位数（工作日） 4"; zero-valued details are kept (a
// zero is an answer).
export function detailText(details) {
  if (!Array.isArray(details)) return '';
  return details.map((d) => `${d.label} ${d.value}`).join('；');
}

// The rates for a bar chart: {names, values} in the order given; an indicator with nothing due
// has no bar (null).
export function rateSeries(cards) {
  const rates = cards.filter((c) => c.kind === 'rate');
  return { names: rates.map((c) => c.label), values: rates.map((c) => c.percent) };
}

// {"units": [{rank, org, value}], "own", "indicator"} → table rows, worst first as the server
// ranked them; 本级 last when it has anything.
export function rankingRows(data) {
  if (!data || !Array.isArray(data.units)) return [];
  const rate = data.indicator && data.indicator.kind === 'rate';
  const row = (rank, name, v) => ({
    rank: rank === null || rank === undefined ? '—' : rank,
    name,
    numerator: v.numerator,
    denominator: rate ? v.denominator : null,
    percent: v.percent === null || v.percent === undefined ? null : Number(v.percent),
    shown: rate ? (v.percent === null || v.percent === undefined ? '无应办事项' : `${v.percent}%`) : String(v.numerator),
  });
  const rows = data.units.map((u) => row(u.rank, (u.org && u.org.name) || '', u.value || {}));
  const own = data.own || {};
  if ((rate ? own.denominator : own.numerator) > 0) rows.push(row(null, '本级', own));
  return rows;
}

// Bars of the ranking: the rate (or the count) of each ranked unit, worst first.
export function rankingSeries(rows) {
  const ranked = rows.filter((r) => r.rank !== '—');
  return {
    names: ranked.map((r) => r.name),
    values: ranked.map((r) => (r.denominator === null ? r.numerator : r.percent)),
  };
}

// The .xlsx download of the overview (code null) or of one indicator per unit.
export function indicatorExportUrl(code, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  params.set('format', 'xlsx');
  if (code) {
    params.set('indicator', code);
    return `/api/v1/statistics/indicators/by-unit?${params}`;
  }
  return `/api/v1/statistics/indicators?${params}`;
}
