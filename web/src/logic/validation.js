// Form rules that the browser can check before sending, with the server's wording, and the
// mapping of the server's problem+json `errors` onto form fields.

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

// '' when valid, else the Chinese message (same checks as domain/id_number.cpp).
export function checkIdNumber(text) {
  const value = (text || '').trim();
  if (!value) return '请填写身份证号码';
  if (value.length !== 18) {
    return `身份证号码应为18位，当前为${value.length}个字符，请核对后重新填写`;
  }
  for (let i = 0; i < 17; i += 1) {
    if (value[i] < '0' || value[i] > '9') {
      return `身份证号码前17位只能是数字，第${i + 1}位不是数字，请核对`;
    }
  }
  const last = value[17];
  if (!((last >= '0' && last <= '9') || last === 'X')) {
    return '身份证号码第18位（校验码）只能是数字或大写字母X，请核对';
  }
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isValidDate(birth)) {
    return `身份证号码第7至14位的出生日期“${value.slice(6, 14)}”不是有效日期，请核对`;
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(value[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== last) {
    return '身份证号码校验码不正确（第18位与前17位不符），请核对是否有录入错误';
  }
  return '';
}

// The catalogue entry for a measure code, or null.
export function findKind(catalogue, code) {
  const list = (catalogue && catalogue.measures) || [];
  return list.find((k) => k.code === code) || null;
}

// Which optional inputs a measure kind takes.
export function measureFields(kind) {
  const effect = kind && kind.effect;
  return {
    termMonths: effect === 'probation',
    extendedOn: effect === 'probation',
    ended: effect === 'hold_while_in_force',
    periodMonths: Boolean(kind && kind.stated_period),
    // The server's catalogue summary lists `probation_terms`; the catalogue file nests them.
    terms: (kind && (kind.probation_terms || (kind.probation && kind.probation.terms))) || [],
  };
}

// Checks a case form locally: {field: message} (fields as the server names them:
// "decision_number", "measures[0].term_months"). Empty object when nothing to report.
export function validateCase(form, catalogue) {
  const errors = {};
  if (!form.person_id) errors.person_id = '请选择受处分（处理）人员';
  if (!form.organ_id) errors.organ_id = '请选择作出决定的机关';
  if (!form.decision_number || !form.decision_number.trim()) {
    errors.decision_number = '请填写处理决定的文号（如 某纪发〔2026〕1号）';
  }
  if (!isValidDate(form.decision_date)) errors.decision_date = '请选择决定日期';
  if (!form.discipline) errors.discipline = '请选择违反的纪律类别';
  if (!form.source) errors.source = '请选择问题线索来源';
  const measures = form.measures || [];
  if (measures.length === 0) errors.measures = '一个案件至少须包含一项处分处理措施';
  measures.forEach((m, i) => {
    const at = `measures[${i}]`;
    const kind = findKind(catalogue, m.kind);
    if (!m.kind) {
      errors[`${at}.kind`] = '请选择处分处理措施';
      return;
    }
    if (catalogue && !kind) {
      errors[`${at}.kind`] = `未知的处分处理措施“${m.kind}”，请从措施目录中选择`;
      return;
    }
    if (!isValidDate(m.effective)) errors[`${at}.effective`] = '请选择生效日期';
    const fields = measureFields(kind);
    if (fields.termMonths) {
      if (!m.term_months) {
        errors[`${at}.term_months`] = '留党察看须填写察看期限：12 或 24 个月';
      } else if (fields.terms.length && !fields.terms.includes(Number(m.term_months))) {
        errors[`${at}.term_months`] = '留党察看期限只能是一年或二年（12 或 24 个月）';
      }
    }
    if (fields.ended && m.ended && isValidDate(m.effective) && m.ended <= m.effective) {
      errors[`${at}.ended`] = '停职检查的解除日期须晚于生效日期';
    }
    if (fields.periodMonths && m.period_months !== null && m.period_months !== undefined &&
        m.period_months !== '') {
      const n = Number(m.period_months);
      if (!Number.isInteger(n) || n < 1 || n > 48) {
        errors[`${at}.period_months`] = '决定载明的处分期应为 1 至 48 之间的整数（月）';
      }
    }
  });
  return errors;
}

// Whether the form is complete enough to ask the server for a preview.
export function previewReady(form) {
  return Boolean(
    form.person_id &&
      (form.measures || []).length > 0 &&
      form.measures.every((m) => m.kind && isValidDate(m.effective)),
  );
}

function optionalNumber(v) {
  if (v === null || v === undefined || v === '') return undefined;
  return Number(v);
}

function optionalDate(v) {
  return v ? v : undefined;
}

// The POST /cases body from the form (only the members a measure kind takes).
export function caseBody(form, catalogue) {
  return {
    person_id: Number(form.person_id),
    organ_id: Number(form.organ_id),
    decision_number: (form.decision_number || '').trim(),
    decision_date: form.decision_date,
    discipline: form.discipline,
    source: form.source,
    measures: (form.measures || []).map((m) => {
      const fields = measureFields(findKind(catalogue, m.kind));
      const out = { kind: m.kind, effective: m.effective };
      if (fields.termMonths) out.term_months = optionalNumber(m.term_months);
      if (fields.extendedOn) out.extended_on = optionalDate(m.extended_on);
      if (fields.ended) out.ended = optionalDate(m.ended);
      if (fields.periodMonths) out.period_months = optionalNumber(m.period_months);
      for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
      return out;
    }),
  };
}

// The server's field path ("measures[1].term_months") as an Element Plus form prop
// ("measures.1.term_months").
export function toFormProp(field) {
  return String(field || '').replace(/\[(\d+)\]/g, '.$1');
}

// {prop: message} from an ApiError's `errors` (or {field: message}); fields the form does not
// know are collected under '' so the screen can show them in a banner.
export function serverErrorsToProps(errors, knownProps) {
  const out = {};
  const list = Array.isArray(errors)
    ? errors
    : Object.entries(errors || {}).map(([field, message]) => ({ field, message }));
  for (const e of list) {
    const prop = toFormProp(e.field);
    const key = knownProps && !knownProps.has(prop) ? '' : prop;
    if (key === '') {
      out[''] = out[''] ? `${out['']}；${e.message}` : e.message;
    } else if (!(key in out)) {
      out[key] = e.message;
    }
  }
  return out;
}

// Account form (系统管理): '' or the message. The password rules are security/password.cpp's.
export function checkUsername(text) {
  const v = (text || '').trim();
  if (!v) return '请填写用户名';
  if (/\s/.test(v)) return '用户名不能包含空格';
  return '';
}

export function checkPassword(text, username) {
  const v = text || '';
  if (!v) return '请填写密码';
  if ([...v].length < 10) return '密码长度至少为 10 个字符';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 3) return '密码须至少包含小写字母、大写字母、数字、其他符号中的三类';
  const name = String(username || '');
  if ([...name].length >= 3 && v.toLowerCase().includes(name.toLowerCase())) {
    return '密码不能包含用户名';
  }
  return '';
}

// Adapts a function returning '' or a message to an Element Plus validator.
export function rule(check, trigger = 'blur') {
  return {
    trigger,
    validator: (_rule, value, callback) => {
      const message = check(value);
      if (message) callback(new Error(message));
      else callback();
    },
  };
}

// The POST /cases:preview body: the case as typed so far, with neutral stand-ins for the header
// fields the preview does not depend on (it needs the person and the measures), so that the
// restrictions can be shown before the whole form is filled in.
export function previewBody(form, catalogue, fallbackOrganId, today) {
  const body = caseBody(form, catalogue);
  if (!body.organ_id) body.organ_id = Number(fallbackOrganId) || 0;
  if (!body.decision_number) body.decision_number = '（预览）';
  if (!isValidDate(body.decision_date)) {
    const dates = body.measures.map((m) => m.effective).filter(isValidDate).sort();
    body.decision_date = dates[0] || today;
  }
  if (!body.discipline) body.discipline = 'political';
  if (!body.source) body.source = 'other';
  return body;
}
