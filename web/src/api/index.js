// The application's client and one function per server route.
import { createClient } from './client.js';

let unauthorizedHandler = null;
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export const client = createClient({
  onUnauthorized: (error) => unauthorizedHandler && unauthorizedHandler(error),
});

const V1 = '/api/v1';

export const api = {
  login: (username, password) => client.post(`${V1}/auth/login`, { username, password }),
  logout: () => client.post(`${V1}/auth/logout`),
  me: () => client.get(`${V1}/auth/me`),

  accounts: () => client.get(`${V1}/accounts`),
  createAccount: (body) => client.post(`${V1}/accounts`, body),
  setAccountEnabled: (id, enabled) =>
    client.post(`${V1}/accounts/${id}/${enabled ? 'enable' : 'disable'}`),
  resetPassword: (id, password) => client.post(`${V1}/accounts/${id}/password`, { password }),
  grant: (id, roles, jurisdictionOrg) =>
    client.put(`${V1}/accounts/${id}/grants`, { roles, jurisdiction_org: jurisdictionOrg || null }),

  organisations: () => client.get(`${V1}/organisations`),
  catalogue: () => client.get(`${V1}/catalogue`),
  dictionaries: () => client.get(`${V1}/dictionaries`),

  persons: (query) => client.get(`${V1}/persons`, query),
  createPerson: (body) => client.post(`${V1}/persons`, body),
  person: (id) => client.get(`${V1}/persons/${id}`),
  updatePerson: (id, body) => client.put(`${V1}/persons/${id}`, body),
  personStatus: (id, asOf, actions) =>
    client.get(`${V1}/persons/${id}/status`, { as_of: asOf, action: actions }),
  batchStatus: (body) => client.post(`${V1}/persons/status:batch`, body),

  createCase: (body) => client.post(`${V1}/cases`, body),
  previewCase: (body, signal) => client.request('POST', `${V1}/cases:preview`, { body, signal }),

  statistics: (kind, query) => client.get(`${V1}/statistics/${kind}`, query),

  // Aftercare (src/api/aftercare_api.hpp).
  execution: (caseId) => client.get(`${V1}/cases/${caseId}/execution`),
  confirmExecution: (itemId, body) => client.post(`${V1}/execution/${itemId}/confirm`, body),
  visitPlan: (personId) => client.get(`${V1}/persons/${personId}/visit-plan`),
  editVisitPlan: (planId, body) => client.post(`${V1}/visit-plans/${planId}/edits`, body),
  visits: (personId) => client.get(`${V1}/persons/${personId}/visits`),
  recordVisit: (body) => client.post(`${V1}/visits`, body),
  mentoring: (personId) => client.get(`${V1}/persons/${personId}/mentoring`),
  assignMentor: (body) => client.post(`${V1}/mentoring`, body),
  recordTalk: (assignmentId, body) => client.post(`${V1}/mentoring/${assignmentId}/talks`, body),
  recordReport: (assignmentId, body) => client.post(`${V1}/mentoring/${assignmentId}/reports`, body),
  escalations: (personId) => client.get(`${V1}/persons/${personId}/escalations`),
  openEscalation: (body) => client.post(`${V1}/escalations`, body),
  resolveEscalation: (id, body) => client.post(`${V1}/escalations/${id}/resolve`, body),
  workbench: (query) => client.get(`${V1}/workbench`, query),
  setting: (name) => client.get(`${V1}/aftercare/settings/${name}`),
  saveSetting: (name, version, body) => client.put(`${V1}/aftercare/settings/${name}`, { version, body }),

  // Integrity vetting (src/api/vetting_api.hpp).
  vettingRequests: (query) => client.get(`${V1}/vetting-requests`, query),
  vettingRequest: (id) => client.get(`${V1}/vetting-requests/${id}`),
  fileVettingRequest: (body) => client.post(`${V1}/vetting-requests`, body),
  candidateTable: (file) => client.upload(`${V1}/vetting-requests/candidate-table`, file),
  draftVetting: (id) => client.post(`${V1}/vetting-requests/${id}/draft`),
  confirmAnswer: (id, cid, body) => client.post(`${V1}/vetting-requests/${id}/candidates/${cid}/confirm`, body),
  approveVetting: (id, version) => client.post(`${V1}/vetting-requests/${id}/approve`, { version }),
  issueVetting: (id, body) => client.post(`${V1}/vetting-requests/${id}/issue`, body),
  letterUrl: (id) => `${V1}/vetting-requests/${id}/letter.docx`,

  // Re-use after the influence period (src/api/reuse_api.hpp).
  reuseCheck: (personId, date) => client.get(`${V1}/persons/${personId}/reuse-check`, { date }),
  addAssessment: (personId, body) => client.post(`${V1}/persons/${personId}/annual-assessments`, body),
  reuseFiles: () => client.get(`${V1}/reuse-files`),
  openReuseFile: (body) => client.post(`${V1}/reuse-files`, body),
  reuseFile: (id) => client.get(`${V1}/reuse-files/${id}`),
  reuseEvidence: (id) => client.get(`${V1}/reuse-files/${id}/evidence`),
  approveReuseOverride: (id, version) => client.post(`${V1}/reuse-files/${id}/approve-override`, { version }),
  reuseStep: (id, body) => client.post(`${V1}/reuse-files/${id}/steps`, body),
  reuseOpinion: (id, body) => client.post(`${V1}/reuse-files/${id}/commission-opinion`, body),
  reuseUpload: (id, file) =>
    client.request('POST', `${V1}/reuse-files/${id}/documents`, { raw: file, params: { name: file.name } }),
  reuseDocumentUrl: (id, did) => `${V1}/reuse-files/${id}/documents/${did}`,
  withdrawReuse: (id, body) => client.post(`${V1}/reuse-files/${id}/withdraw`, body),
  declineReuse: (id, body) => client.post(`${V1}/reuse-files/${id}/decline`, body),
  reusePolicy: () => client.get(`${V1}/reuse-policy`),
  saveReusePolicy: (body) => client.put(`${V1}/reuse-policy`, body),

  // Clues, interviews, clearances, fault tolerance (src/api/oversight_api.hpp). `kind` is one of
  // clues, interviews, clearances, fault-tolerance.
  oversightList: (kind, query) => client.get(`${V1}/${kind}`, query),
  oversightRecord: (kind, id) => client.get(`${V1}/${kind}/${id}`),
  createOversight: (kind, body) => client.post(`${V1}/${kind}`, body),
  updateOversight: (kind, id, body) => client.put(`${V1}/${kind}/${id}`, body),
  personOversight: (personId) => client.get(`${V1}/persons/${personId}/oversight`),

  // The security auditor (src/api/audit_api.hpp).
  audit: (query) => client.get(`${V1}/audit`, query),
  verifyAudit: (checkpoint) => client.get(`${V1}/audit/verify`, { checkpoint }),
};
