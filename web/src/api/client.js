// The one way the front end talks to the server: JSON over fetch, the session cookie, the
// X-CSRF-Token header on every state-changing request, and RFC 9457 problem+json errors turned
// into ApiError (with per-field messages for forms).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ApiError extends Error {
  // status: HTTP status (0 when the server could not be reached); code: the stable reason code
  // ("auth.bad_credentials"); detail: the Chinese message to show; errors: [{field, code, message}].
  constructor({ status, code, title, detail, errors, requestId }) {
    super(detail || title || '请求失败');
    this.name = 'ApiError';
    this.status = status;
    this.code = code || '';
    this.title = title || '';
    this.detail = detail || title || '请求失败';
    this.errors = Array.isArray(errors) ? errors : [];
    this.requestId = requestId || '';
  }

  // {field: message} for the form; the first message wins for a field.
  get fieldErrors() {
    const out = {};
    for (const e of this.errors) {
      if (e && e.field && !(e.field in out)) out[e.field] = e.message || this.detail;
    }
    return out;
  }
}

const GENERIC_BY_STATUS = {
  400: '请求内容有误，请检查后重试',
  401: '尚未登录或登录已失效，请重新登录',
  403: '当前账号没有该操作的权限',
  404: '请求的内容不存在',
  409: '数据已被他人修改，请刷新后重试',
  413: '提交的内容过大',
  422: '提交的内容未通过校验，请检查',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后重试或联系管理员',
  502: '服务暂不可用，请稍后重试',
  503: '服务暂不可用，请稍后重试',
};

// Builds an ApiError from a non-2xx response body (problem+json, other JSON, or text).
export function problemFromBody(status, contentType, bodyText) {
  let body = null;
  if (bodyText && /json/i.test(contentType || '')) {
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = null;
    }
  }
  const generic = GENERIC_BY_STATUS[status] || `请求失败（HTTP ${status}）`;
  if (body && typeof body === 'object') {
    return new ApiError({
      status,
      code: body.code,
      title: body.title,
      detail: body.detail || body.title || generic,
      errors: body.errors,
      requestId: body.request_id,
    });
  }
  return new ApiError({ status, detail: generic });
}

function buildQuery(params) {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// createClient({fetch, baseUrl, onUnauthorized}) → {request, get, post, put, del, upload,
// setCsrfToken}.
// onUnauthorized(error) is called on every 401 except from the login request itself.
export function createClient({ fetch: fetchImpl, baseUrl = '', onUnauthorized } = {}) {
  const doFetch = fetchImpl || ((...args) => globalThis.fetch(...args));
  let csrfToken = '';

  // `raw` (a File or Blob) is sent as it is, with its own type, instead of a JSON body.
  async function request(method, path, { body, raw, params, signal } = {}) {
    const upper = method.toUpperCase();
    const headers = { Accept: 'application/json, application/problem+json' };
    if (!SAFE_METHODS.has(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    const init = { method: upper, headers, credentials: 'same-origin', signal };
    if (raw !== undefined) {
      headers['Content-Type'] = raw.type || 'application/octet-stream';
      init.body = raw;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await doFetch(baseUrl + path + buildQuery(params), init);
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new ApiError({ status: 0, code: 'network', detail: '无法连接服务器，请检查网络后重试' });
    }
    const contentType = response.headers.get('content-type') || '';
    const text = response.status === 204 ? '' : await response.text();
    if (!response.ok) {
      const error = problemFromBody(response.status, contentType, text);
      if (response.status === 401 && onUnauthorized && !path.endsWith('/auth/login')) {
        onUnauthorized(error);
      }
      throw error;
    }
    if (!text) return null;
    if (/json/i.test(contentType)) return JSON.parse(text);
    return text;
  }

  return {
    request,
    get: (path, params, options = {}) => request('GET', path, { ...options, params }),
    post: (path, body, options = {}) => request('POST', path, { ...options, body }),
    put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
    del: (path, options = {}) => request('DELETE', path, options),
    upload: (path, raw, options = {}) => request('POST', path, { ...options, raw }),
    setCsrfToken(token) {
      csrfToken = token || '';
    },
    get csrfToken() {
      return csrfToken;
    },
  };
}
