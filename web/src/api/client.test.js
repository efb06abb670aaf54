import { describe, expect, it, vi } from 'vitest';
import { ApiError, createClient, problemFromBody } from './client.js';

function fakeResponse(status, body, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? contentType : null) },
    text: async () => text,
  };
}

function recordingFetch(response) {
  const calls = [];
  const fetch = vi.fn(async (url, init) => {
    calls.push({ url, init });
    return typeof response === 'function' ? response(url, init) : response;
  });
  return { fetch, calls };
}

describe('createClient', () => {
  it('uploads a file as it is, with its type and the CSRF token', async () => {
    const { fetch, calls } = recordingFetch(fakeResponse(200, { id_numbers: [] }));
    const client = createClient({ fetch });
    client.setCsrfToken('tok-2');
    const file = new Blob(['身份证号码\n'], { type: 'text/csv' });
    expect(await client.upload('/api/v1/vetting-requests/candidate-table', file)).toEqual({ id_numbers: [] });
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(file);
    expect(calls[0].init.headers['Content-Type']).toBe('text/csv');
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('tok-2');
    await client.upload('/x', new Blob([new Uint8Array([80, 75])]));
    expect(calls[1].init.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('sends the CSRF token on POST, PUT and DELETE but not on GET', async () => {
    const { fetch, calls } = recordingFetch(fakeResponse(200, { ok: true }));
    const client = createClient({ fetch });
    client.setCsrfToken('tok-1');
    await client.get('/api/v1/auth/me');
    await client.post('/api/v1/auth/logout');
    await client.put('/api/v1/persons/3', { name: '张三' });
    await client.del('/api/v1/x');
    expect(calls.map((c) => [c.init.method, c.init.headers['X-CSRF-Token']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok-1'],
      ['PUT', 'tok-1'],
      ['DELETE', 'tok-1'],
    ]);
    expect(calls[2].init.body).toBe('{"name":"张三"}');
    expect(calls[2].init.headers['Content-Type']).toBe('application/json');
    expect(calls[0].init.credentials).toBe('same-origin');
  });

  it('encodes query parameters, skipping empty ones and joining lists with commas', async () => {
    const { fetch, calls } = recordingFetch(fakeResponse(200, {}));
    const client = createClient({ fetch });
    await client.get('/api/v1/persons/7/status', {
      as_of: '2026-06-01',
      action: ['promote', 'salary_step'],
      name: '',
      unit_id: null,
    });
    expect(calls[0].url).toBe('/api/v1/persons/7/status?as_of=2026-06-01&action=promote%2Csalary_step');
  });

  it('returns parsed JSON, and null for 204', async () => {
    const client = createClient({ fetch: async () => fakeResponse(200, { total: 3 }) });
    expect(await client.get('/a')).toEqual({ total: 3 });
    const empty = createClient({ fetch: async () => fakeResponse(204) });
    expect(await empty.post('/b')).toBeNull();
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    const problem = {
      type: 'urn:kangfu:problem:probation.term_invalid',
      title: '请求内容有误',
      status: 422,
      detail: '留党察看期限只能是一年或二年',
      code: 'probation.term_invalid',
      errors: [
        { field: 'measures[0].term_months', code: 'probation.term_invalid', message: '期限只能是12或24' },
        { field: 'measures[0].term_months', code: 'other', message: '第二条不覆盖第一条' },
      ],
      request_id: 'r-9',
    };
    const client = createClient({
      fetch: async () => fakeResponse(422, problem, 'application/problem+json; charset=utf-8'),
    });
    const error = await client.post('/api/v1/cases', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('probation.term_invalid');
    expect(error.message).toBe('留党察看期限只能是一年或二年');
    expect(error.requestId).toBe('r-9');
    expect(error.fieldErrors).toEqual({ 'measures[0].term_months': '期限只能是12或24' });
  });

  it('calls onUnauthorized on 401, except for the login request', async () => {
    const onUnauthorized = vi.fn();
    const body = { code: 'session.expired', detail: '登录已过期，请重新登录', errors: [] };
    const client = createClient({
      fetch: async () => fakeResponse(401, body, 'application/problem+json'),
      onUnauthorized,
    });
    await expect(client.get('/api/v1/persons')).rejects.toMatchObject({ code: 'session.expired' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(client.post('/api/v1/auth/login', {})).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable server in Chinese', async () => {
    const client = createClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.get('/x')).rejects.toMatchObject({
      status: 0,
      code: 'network',
      detail: '无法连接服务器，请检查网络后重试',
    });
  });
});

describe('problemFromBody', () => {
  it.each([
    [502, 'text/html', '<html>bad gateway</html>', '服务暂不可用，请稍后重试'],
    [418, 'text/plain', 'teapot', '请求失败（HTTP 418）'],
    [500, 'application/json', '{not json', '服务器内部错误，请稍后重试或联系管理员'],
    [403, 'application/problem+json', '{"title":"没有权限"}', '没有权限'],
  ])('status %i %s → %s', (status, type, text, detail) => {
    const error = problemFromBody(status, type, text);
    expect(error.detail).toBe(detail);
    expect(error.errors).toEqual([]);
  });
});
