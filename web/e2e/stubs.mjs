// Stand-ins for the API routes still being built elsewhere (statistics), so that the screens can
// be driven in the browser now. Every other request reaches the real server. When a route lands
// on main, delete its entry here and assert on the demo data instead.

function json(body, status = 200) {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}

const STATS = {
  forms: { items: [{ form: 1, count: 236 }, { form: 2, count: 114 }, { form: 3, count: 26 }, { form: 4, count: 24 }] },
  trend: { items: ['2026-01', '2026-02', '2026-03'].map((month, i) => ({ month, forms: [10 + i, 5, 1, i] })) },
  'by-unit': { items: [{ unit_name: '江州市财政局', forms: [12, 4, 1, 0] }, { unit_name: '江州市教育局', forms: [8, 6, 2, 1] }] },
};

// Answers a pending route, or null to let the request reach the server.
function answer(method, pathname) {
  const stat = pathname.match(/^\/api\/v1\/statistics\/(forms|trend|by-unit)$/);
  if (method === 'GET' && stat) return json(STATS[stat[1]]);
  return null;
}

export async function stubPendingApis(context) {
  await context.route('**/api/v1/statistics/**', async (route) => {
    const request = route.request();
    const stub = answer(request.method(), new URL(request.url()).pathname);
    if (stub) await route.fulfill(stub);
    else await route.continue();
  });
}
