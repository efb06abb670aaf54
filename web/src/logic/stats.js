// Turns the statistics responses into chart series. The adapters accept the plain shapes a
// counting endpoint is likely to return ({items: [...]}, a bare array or a keyed object), so the
// screen keeps working while the statistics API settles.

export const FORM_LABELS = ['第一种形态', '第二种形态', '第三种形态', '第四种形态'];

function itemsOf(data) {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.items)) return data.items;
  if (data && Array.isArray(data.rows)) return data.rows;
  return null;
}

function countOf(item) {
  for (const key of ['count', 'cases', 'total', 'value', 'person_times']) {
    if (typeof item[key] === 'number') return item[key];
  }
  return 0;
}

// → [n1, n2, n3, n4] (人次 per form).
export function formCounts(data) {
  const out = [0, 0, 0, 0];
  // The statistics API (src/api/stats_api.hpp): {"figures": {"total", "forms": [{form, count, share}]}}.
  if (data && data.figures) return formCounts(data.figures.forms);
  const items = itemsOf(data);
  if (items) {
    for (const item of items) {
      const form = Number(item.form);
      if (form >= 1 && form <= 4) out[form - 1] += countOf(item);
    }
    return out;
  }
  const source = (data && (data.forms || data.counts)) || data || {};
  if (Array.isArray(source)) return [0, 1, 2, 3].map((i) => Number(source[i]) || 0);
  for (let f = 1; f <= 4; f += 1) {
    const v = source[f] ?? source[String(f)] ?? source[`form${f}`] ?? source[`form_${f}`];
    out[f - 1] = Number(v) || 0;
  }
  return out;
}

export function pieData(counts) {
  return counts.map((value, i) => ({ name: FORM_LABELS[i], value }));
}

export function sharePercent(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total === 0 ? 0 : Math.round((c * 1000) / total) / 10));
}

// The server's shares ({"forms": [{form, share: {percent: "59.1"}}]}, largest-remainder rounded
// so that they add up to 100.0) → [p1, p2, p3, p4] as numbers; null when the response has none.
export function serverShares(data) {
  const forms = data && data.figures && data.figures.forms;
  if (!Array.isArray(forms)) return null;
  const out = [0, 0, 0, 0];
  for (const f of forms) {
    if (f.form >= 1 && f.form <= 4 && f.share) out[f.form - 1] = Number(f.share.percent) || 0;
  }
  return out;
}

// → {names: [unit names], series: [[form1 per unit], … 4]}.
export function unitSeries(data) {
  if (data && Array.isArray(data.units)) {
    // {"units": [{rank, org: {name}, figures}], "own": Figures (本级)}
    const rows = data.units.map((u) => ({ name: u.org && u.org.name, forms: formCounts(u.figures && u.figures.forms) }));
    const own = data.own ? formCounts(data.own.forms) : [0, 0, 0, 0];
    if (own.some((n) => n > 0)) rows.push({ name: '本级', forms: own });
    return {
      names: rows.map((r) => r.name || ''),
      series: [0, 1, 2, 3].map((i) => rows.map((r) => r.forms[i])),
    };
  }
  const items = itemsOf(data) || [];
  const names = [];
  const series = [[], [], [], []];
  for (const item of items) {
    names.push(item.unit_name || item.name || item.organisation_name || String(item.unit_id ?? ''));
    const forms = formCounts(item.forms ? { forms: item.forms } : item.items ? item : item.by_form || item);
    const total = countOf(item);
    const sum = forms.reduce((a, b) => a + b, 0);
    // A unit row with only a total is drawn as one bar in the first series.
    if (sum === 0 && total > 0) forms[0] = total;
    forms.forEach((v, i) => series[i].push(v));
  }
  return { names, series };
}

// → {months: ['2026-01', …], series: [[per month] × 4]}.
export function trendSeries(data) {
  if (data && Array.isArray(data.months)) {
    // {"months": [{month, figures}]}
    const rows = data.months.map((m) => formCounts(m.figures && m.figures.forms));
    return { months: data.months.map((m) => m.month), series: [0, 1, 2, 3].map((i) => rows.map((r) => r[i])) };
  }
  const items = itemsOf(data) || [];
  const months = [];
  const series = [[], [], [], []];
  for (const item of items) {
    months.push(item.month || item.period || item.label || '');
    const forms = formCounts(item.forms ? { forms: item.forms } : item);
    forms.forEach((v, i) => series[i].push(v));
  }
  return { months, series };
}
