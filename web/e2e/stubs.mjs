// Stand-ins for the API routes other modules are still building (organisations, catalogue,
// persons, cases, statistics), in the shapes of src/codec/api_json.hpp, so that the screens can
// be driven in the browser now. Every other request reaches the real server. When a route lands
// on main, delete its entry here and assert on the demo data instead.
import fs from 'node:fs';
import path from 'node:path';
import { repoDir } from './server.mjs';

const catalogue = JSON.parse(fs.readFileSync(path.join(repoDir, 'data/catalogue.json'), 'utf8'));

export const ORGANISATIONS = [
  {
    id: 1, parent_id: null, name: '江南省', level: 'province', version: 1,
    children: [
      {
        id: 2, parent_id: 1, name: '江州市', level: 'city', version: 1,
        children: [
          { id: 3, parent_id: 2, name: '江州市纪委监委', level: 'unit', version: 1, children: [] },
          { id: 4, parent_id: 2, name: '江州市财政局', level: 'unit', version: 1, children: [] },
        ],
      },
    ],
  },
];

export const PERSON = {
  id: 1, id_number: '369900196605105187', name: '贾勇', unit_id: 4, post: '预算科科长',
  post_level: '四级调研员', party_member: true, civil_servant: true, leading_cadre: false, version: 1,
};

const FILE = {
  person: PERSON,
  cases: [
    {
      id: 11, person_id: 1, organ_id: 3, unit_id: 4, decision_number: '江纪发〔2026〕3号',
      decision_date: '2026-03-01', discipline: 'integrity', discipline_label: '廉洁纪律',
      source: 'petition', source_label: '信访举报', form: 2, version: 1,
      measures: [
        { id: 21, case_id: 11, kind: 'party.serious_warning', effective: '2026-03-02', term_months: null,
          extended_on: null, outcome: null, ended: null, period_months: null, revoked: null, version: 1 },
      ],
    },
  ],
  holds: [],
};

function status(asOf) {
  const blocked = asOf < '2027-09-02';
  return {
    person: { id: 1, name: PERSON.name, id_number: PERSON.id_number },
    as_of: asOf,
    facts_included: true,
    answers: [
      {
        action: 'promote', action_label: '提拔职务、晋升职级或进一步使用',
        verdict: blocked ? 'blocked' : 'allowed', verdict_label: blocked ? '影响期未满' : '不受影响',
        allowed_from: '2027-09-02', summary: blocked ? '严重警告影响期内不得提拔' : '影响期已满',
        restrictions: blocked
          ? [{ measure_id: 21, measure_kind: 'party.serious_warning', measure_name: '严重警告', case_id: 11,
              decision_number: '江纪发〔2026〕3号', from: '2026-03-02', to: '2027-09-01',
              basis: '《中国共产党纪律处分条例》第十条' }]
          : [],
        holds: [],
      },
    ],
  };
}

function preview(body) {
  const forms = (body.measures || []).map((m) => (catalogue.measures.find((k) => k.code === m.kind) || {}).form || 0);
  const restrictions = (body.measures || []).flatMap((m, i) => {
    const kind = catalogue.measures.find((k) => k.code === m.kind);
    return (kind ? kind.restrictions : []).map((r) => ({
      measure_index: i, action: r.action, from: m.effective, to: r.months ? '（按月计算）' : null, basis: kind.basis,
    }));
  });
  return { form: Math.max(0, ...forms), restrictions };
}

function problem(status, code, detail, errors) {
  return { status, contentType: 'application/problem+json; charset=utf-8',
    body: JSON.stringify({ type: `urn:kangfu:problem:${code}`, title: '请求内容有误', status, detail, code, errors }) };
}

function json(body, status = 200) {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

const STATS = {
  forms: { items: [{ form: 1, count: 236 }, { form: 2, count: 114 }, { form: 3, count: 26 }, { form: 4, count: 24 }] },
  trend: { items: ['2026-01', '2026-02', '2026-03'].map((month, i) => ({ month, forms: [10 + i, 5, 1, i] })) },
  'by-unit': { items: [{ unit_name: '江州市财政局', forms: [12, 4, 1, 0] }, { unit_name: '江州市教育局', forms: [8, 6, 2, 1] }] },
};

// Answers a pending route, or null to let the request reach the server.
function answer(method, pathname, search, body) {
  if (method === 'GET' && pathname === '/api/v1/organisations') return json(ORGANISATIONS);
  if (method === 'GET' && pathname === '/api/v1/catalogue') return json(catalogue);
  if (method === 'GET' && pathname === '/api/v1/persons') {
    return json({ items: [PERSON], total: 1, page: Number(search.get('page') || 1), page_size: Number(search.get('page_size') || 20) });
  }
  if (method === 'GET' && pathname === '/api/v1/persons/1') return json(FILE);
  if (method === 'GET' && pathname === '/api/v1/persons/1/status') return json(status(search.get('as_of')));
  if (method === 'POST' && pathname === '/api/v1/cases:preview') return json(preview(body));
  if (method === 'POST' && pathname === '/api/v1/cases') {
    const m = (body.measures || [])[0] || {};
    if (m.extended_on) {
      return problem(422, 'probation.extension_date', '延长察看期的决定日期须在原察看期内', [
        { field: 'measures[0].extended_on', code: 'probation.extension_date',
          message: `延长察看期的决定日期须在原察看期内（${m.effective} 起一年内）` },
      ]);
    }
    return json({ ...FILE.cases[0], id: 12, decision_number: body.decision_number, form: 3 }, 201);
  }
  const stat = pathname.match(/^\/api\/v1\/statistics\/(forms|trend|by-unit)$/);
  if (method === 'GET' && stat) return json(STATS[stat[1]]);
  return null;
}

export async function stubPendingApis(context) {
  await context.route('**/api/v1/**', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    let body = null;
    try {
      body = request.postData() ? JSON.parse(request.postData()) : null;
    } catch {
      body = null;
    }
    const stub = answer(request.method(), url.pathname, url.searchParams, body);
    if (stub) await route.fulfill(stub);
    else await route.continue();
  });
}
