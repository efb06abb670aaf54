#include "api/auth_api.hpp"

#include <fmt/format.h>

#include <charconv>
#include <exception>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/request_params.hpp"
#include "http/json_body.hpp"
#include "security/cookie.hpp"
#include "security/random.hpp"

namespace kangfu::api {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

bool IsSafeMethod(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

app::RequestOrigin OriginOf(const Request& request) { return {request.remote, request.request_id}; }

std::string SessionIdOf(const Request& request) {
  return security::FindCookie(request.Header("cookie"), security::kSessionCookieName)
      .value_or(std::string());
}

json AccountView(const storage::Account& account) {
  json roles = json::array();
  for (const std::string& code : account.roles) {
    std::optional<app::Role> role = app::RoleFromCode(code);
    roles.push_back({{"code", code}, {"label", role ? app::RoleLabel(*role) : code}});
  }
  return {{"id", account.id},
          {"username", account.username},
          {"display_name", account.display_name},
          {"roles", roles},
          {"jurisdiction_org", account.jurisdiction_org},
          {"disabled", account.disabled},
          {"locked_until", account.locked_until}};
}

json ActorView(const app::Actor& actor) {
  json roles = json::array();
  for (app::Role role : actor.roles) {
    roles.push_back({{"code", app::RoleCode(role)}, {"label", app::RoleLabel(role)}});
  }
  return {{"id", actor.account_id},
          {"username", actor.username},
          {"display_name", actor.display_name},
          {"roles", roles},
          {"jurisdiction_org", actor.jurisdiction_org},
          {"jurisdiction_name", actor.jurisdiction_name}};
}

// A required string member of a JSON object body.
Result<std::string> StringField(const json& body, const char* name, const char* label) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
    return Status::Invalid(name, "request.field_missing", std::string("请填写") + label);
  }
  return it->get<std::string>();
}

Result<json> ObjectBody(const Request& request) {
  Result<json> body = http::ParseJsonBody(request);
  if (!body.ok()) return body;
  if (!body->is_object()) {
    return Status::Invalid("", "json.not_object", "请求体应为 JSON 对象（{…}），请检查提交的数据");
  }
  return body;
}

Result<Response> AccountResponse(int status, const Result<storage::Account>& account) {
  if (!account.ok()) return account.status();
  return Response::Json(status, AccountView(*account).dump());
}

}  // namespace

Backend::Backend(std::unique_ptr<storage::Store> store, const app::Clock& clock,
                 app::AuthPolicy policy)
    : clock_(clock),
      store_(std::move(store)),
      audit_(*store_, clock),
      accounts_(*store_, audit_, clock, policy) {}

bool Backend::Ready() {
  std::lock_guard lock(mutex_);
  return store_->SchemaVersion().ok();
}

void Backend::SubmitRead(Read read, http::Done done) {
  Submit(PendingRead{.read = std::move(read), .done = std::move(done), .result = {}});
}

void Backend::SubmitWrite(Read write, http::Done done) {
  Submit(
      PendingRead{.read = std::move(write), .done = std::move(done), .result = {}, .write = true});
}

void Backend::Submit(PendingRead pending) {
  {
    std::lock_guard<std::mutex> queue(reads_mutex_);
    reads_.push_back(std::move(pending));
    if (leading_) return;
    leading_ = true;
  }
  // The leader takes whatever queued meanwhile, at once: it is one of the server's network
  // threads, and waiting for more reads to share a commit left that thread idle (a 0.5 ms wait
  // for 16 reads cost 5% of the requests per second once the checkpoints stopped stalling it).
  for (;;) {
    std::vector<PendingRead> batch;
    {
      std::lock_guard<std::mutex> queue(reads_mutex_);
      if (reads_.empty()) {
        leading_ = false;
        return;
      }
      batch.swap(reads_);
      ++read_batch_counts_.batches;
      read_batch_counts_.reads += static_cast<int64_t>(batch.size());
    }
    RunBatch(batch);
  }
}

Backend::ReadBatchCounts Backend::read_batch_counts() {
  std::lock_guard<std::mutex> queue(reads_mutex_);
  return read_batch_counts_;
}

std::string Backend::ReadBatchMetrics() {
  const ReadBatchCounts counts = read_batch_counts();
  return fmt::format(
      "# HELP kangfu_read_batches_total Read batches committed (group commit).\n"
      "# TYPE kangfu_read_batches_total counter\n"
      "kangfu_read_batches_total {}\n"
      "# HELP kangfu_read_batch_requests_total Requests run in read batches.\n"
      "# TYPE kangfu_read_batch_requests_total counter\n"
      "kangfu_read_batch_requests_total {}\n",
      counts.batches, counts.reads);
}

// Runs `work`; an exception becomes internal "handler threw: …" (as the dispatcher words it)
// and sets *threw.
Result<Response> Backend::Guarded(const Read& work, bool* threw) {
  *threw = true;
  try {
    Result<Response> result = work();
    *threw = false;
    return result;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("handler threw: ") + e.what());
  } catch (...) {
    return Status::Internal("handler threw a non-standard exception");
  }
}

// `done` only posts the answer (or, for a waiting caller, fulfils a promise): cheap enough to
// run with the mutex held, and it must not take the mutex.
void Backend::Answer(PendingRead& item) { item.done(std::move(*item.result)); }

void Backend::OpenFactsCache() {
  Result<std::optional<int64_t>> version = store_->ForeignDataVersion();
  if (!version.ok() || !version->has_value()) {
    status_facts_.Clear();
    data_version_.reset();
    return;
  }
  if (data_version_ != *version) {
    status_facts_.Clear();
    data_version_ = *version;
  }
  status_facts_.set_usable(true);
}

void Backend::RunBatch(std::vector<PendingRead>& batch) {
  std::lock_guard lock(mutex_);
  // Whoever held the mutex since the previous batch may have written.
  if (mutex_.holds() != batch_holds_ + 1) status_facts_.Clear();
  batch_holds_ = mutex_.holds();
  std::size_t next = 0;
  while (next < batch.size()) {
    if (batch[next].write) {
      // Queued behind the reads before it (which are committed by now): its use cases open
      // their own transactions.
      bool threw = false;
      batch[next].result = Guarded(batch[next].read, &threw);
      status_facts_.Clear();  // whatever it wrote, it may be a fact kept there
      Answer(batch[next]);
      ++next;
      continue;
    }
    const std::size_t first = next;
    Status begun = store_->BeginBatch();
    if (!begun.ok()) {
      for (; next < batch.size(); ++next) {
        batch[next].result = begun;
        Answer(batch[next]);
      }
      return;
    }
    OpenFactsCache();
    while (next < batch.size() && !batch[next].write) {
      PendingRead& item = batch[next];
      Status opened = store_->BeginRequest();
      if (!opened.ok()) {
        item.result = opened;
        ++next;
        continue;
      }
      bool threw = false;
      item.result = Guarded(item.read, &threw);
      if (threw) {  // its writes go, as when the request had no batch to share
        (void)store_->EndRequest(false);
        status_facts_.Clear();  // it may have kept facts it then rolled back
        ++next;
        continue;
      }
      if (!item.result->ok() && item.result->status().reason() == "sql.busy") {
        // The batch's snapshot is older than another process's write: roll this read back,
        // commit what came before it, and run it (once more) first in a fresh batch.
        (void)store_->EndRequest(false);
        status_facts_.Clear();
        if (item.attempts++ == 0) {
          item.result.reset();
        } else {
          ++next;
        }
        break;
      }
      Status kept = store_->EndRequest(true);
      if (!kept.ok()) {
        item.result = kept;
        status_facts_.Clear();
      }
      ++next;
    }
    status_facts_.set_usable(false);
    Status committed = store_->EndBatch(true);
    if (!committed.ok()) status_facts_.Clear();
    // Answered as soon as their batch committed (the reads after a write or a busy read wait
    // for their own batch).
    for (std::size_t i = first; i < next; ++i) {
      if (!committed.ok()) batch[i].result = committed;
      Answer(batch[i]);
    }
  }
}

Result<Response> AuthApi::Authenticated(Request& request, const ActorHandler& inner,
                                        bool safe) const {
  Result<app::AuthenticatedSession> session =
      backend_.accounts().Authenticate(SessionIdOf(request), OriginOf(request));
  if (!session.ok()) return session.status();
  if (!safe && !security::ConstantTimeEquals(request.Header("x-csrf-token"), session->csrf_token)) {
    return Status::Error(ErrorCode::kPermissionDenied, "auth.csrf",
                         "请求缺少有效的防跨站令牌（X-CSRF-Token 请求头），"
                         "请刷新页面后重试",
                         "X-CSRF-Token");
  }
  return inner(request, session->actor);
}

http::DeferredHandler AuthApi::Protect(ActorHandler inner) const {
  auto shared = std::make_shared<const ActorHandler>(std::move(inner));
  return [*this, inner = std::move(shared)](Request& request, http::Done done) {
    if (!IsSafeMethod(request.method)) {
      // Writes keep their own transactions (BEGIN IMMEDIATE per use case); queued with the
      // reads, so that a stream of reads cannot keep them from the mutex.
      backend_.SubmitWrite(
          [self = *this, inner, &request] { return self.Authenticated(request, *inner, false); },
          std::move(done));
      return;
    }
    // A read runs in a request savepoint of a read batch: its lookups share one snapshot, and
    // the audit entries it appends commit with the batch, one commit for every read that
    // arrived meanwhile. The answer leaves only after that commit, so no data is ever returned
    // whose audit entry is not in the database. "sql.busy" (another process wrote after the
    // snapshot) is retried once on a fresh snapshot (see Backend::SubmitRead).
    backend_.SubmitRead(
        [self = *this, inner, &request] { return self.Authenticated(request, *inner, true); },
        std::move(done));
  };
}

Result<Response> AuthApi::Login(Request& request) const {
  Result<json> body = ObjectBody(request);
  if (!body.ok()) return body.status();
  Result<std::string> username = StringField(*body, "username", "用户名");
  if (!username.ok()) return username.status();
  Result<std::string> password = StringField(*body, "password", "密码");
  if (!password.ok()) return password.status();
  std::lock_guard lock(backend_.mutex());
  Result<app::LoginResult> login =
      backend_.accounts().Login(*username, *password, OriginOf(request));
  if (!login.ok()) return login.status();
  Response response = Response::Json(
      200, json{{"account", ActorView(login->actor)}, {"csrf_token", login->csrf_token}}.dump());
  response.headers.emplace_back(
      "Set-Cookie",
      security::SessionCookie(login->session_id, {.secure = options_.secure_cookies}));
  return response;
}

Status AuthApi::AddRoutes(http::Router& router) const {
  KANGFU_RETURN_IF_ERROR(router.Add("POST", "/api/v1/auth/login",
                                    [*this](Request& request) { return Login(request); }));
  KANGFU_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/auth/logout",
      Protect([*this](Request& request, const app::Actor& actor) -> Result<Response> {
        Status ended = backend_.accounts().Logout(actor, SessionIdOf(request));
        if (!ended.ok()) return ended;
        Response response;
        response.status = 204;
        response.headers.emplace_back(
            "Set-Cookie", security::ExpiredSessionCookie({.secure = options_.secure_cookies}));
        return response;
      })));
  KANGFU_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/auth/me", [*this](Request& request) -> Result<Response> {
        std::lock_guard lock(backend_.mutex());
        Result<app::AuthenticatedSession> session =
            backend_.accounts().Authenticate(SessionIdOf(request), OriginOf(request));
        if (!session.ok()) return session.status();
        return Response::Json(
            200, json{{"account", ActorView(session->actor)}, {"csrf_token", session->csrf_token}}
                     .dump());
      }));
  KANGFU_RETURN_IF_ERROR(
      router.Add("GET", "/api/v1/accounts",
                 Protect([*this](Request&, const app::Actor& actor) -> Result<Response> {
                   Result<std::vector<storage::Account>> all = backend_.accounts().List(actor);
                   if (!all.ok()) return all.status();
                   json items = json::array();
                   for (const storage::Account& account : *all) {
                     items.push_back(AccountView(account));
                   }
                   return Response::Json(200, json{{"items", items}}.dump());
                 })));
  KANGFU_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/accounts",
      Protect([*this](Request& request, const app::Actor& actor) -> Result<Response> {
        Result<json> body = ObjectBody(request);
        if (!body.ok()) return body.status();
        app::NewAccount account;
        Result<std::string> username = StringField(*body, "username", "用户名");
        if (!username.ok()) return username.status();
        Result<std::string> password = StringField(*body, "password", "初始密码");
        if (!password.ok()) return password.status();
        account.username = *username;
        account.password = *password;
        account.display_name = body->value("display_name", std::string());
        if (auto role = body->find("bootstrap_role"); role != body->end() && !role->is_null()) {
          std::optional<app::Role> parsed =
              role->is_string() ? app::RoleFromCode(role->get<std::string>()) : std::nullopt;
          if (!parsed) {
            return Status::Invalid("bootstrap_role", "account.role_unknown",
                                   "角色代码无法识别，请从角色列表中选择");
          }
          account.bootstrap_role = parsed;
        }
        return AccountResponse(201, backend_.accounts().Create(actor, account));
      })));
  for (const bool disable : {true, false}) {
    KANGFU_RETURN_IF_ERROR(router.Add(
        "POST", disable ? "/api/v1/accounts/{id}/disable" : "/api/v1/accounts/{id}/enable",
        Protect([*this, disable](Request& request, const app::Actor& actor) -> Result<Response> {
          Result<storage::RowId> id = PathId(request, "id");
          if (!id.ok()) return id.status();
          return AccountResponse(200, backend_.accounts().SetDisabled(actor, *id, disable));
        })));
  }
  KANGFU_RETURN_IF_ERROR(router.Add(
      "POST", "/api/v1/accounts/{id}/password",
      Protect([*this](Request& request, const app::Actor& actor) -> Result<Response> {
        Result<storage::RowId> id = PathId(request, "id");
        if (!id.ok()) return id.status();
        Result<json> body = ObjectBody(request);
        if (!body.ok()) return body.status();
        Result<std::string> password = StringField(*body, "password", "新密码");
        if (!password.ok()) return password.status();
        return AccountResponse(200, backend_.accounts().ResetPassword(actor, *id, *password));
      })));
  return router.Add(
      "PUT", "/api/v1/accounts/{id}/grants",
      Protect([*this](Request& request, const app::Actor& actor) -> Result<Response> {
        Result<storage::RowId> id = PathId(request, "id");
        if (!id.ok()) return id.status();
        Result<json> body = ObjectBody(request);
        if (!body.ok()) return body.status();
        auto roles = body->find("roles");
        if (roles == body->end() || !roles->is_array()) {
          return Status::Invalid("roles", "request.field_missing",
                                 "请提供角色列表 roles（可为空列表）");
        }
        std::vector<app::Role> granted;
        for (std::size_t i = 0; i < roles->size(); ++i) {
          const json& code = (*roles)[i];
          std::optional<app::Role> role =
              code.is_string() ? app::RoleFromCode(code.get<std::string>()) : std::nullopt;
          if (!role) {
            return Status::Invalid("roles[" + std::to_string(i) + "]", "account.role_unknown",
                                   "角色代码无法识别，请从角色列表中选择");
          }
          granted.push_back(*role);
        }
        storage::RowId org = 0;
        if (auto it = body->find("jurisdiction_org"); it != body->end() && !it->is_null()) {
          if (!it->is_number_integer() || it->get<int64_t>() < 0) {
            return Status::Invalid("jurisdiction_org", "account.jurisdiction_invalid",
                                   "管辖范围应为组织（单位）编号，请重新选择");
          }
          org = it->get<int64_t>();
        }
        return AccountResponse(200, backend_.accounts().Grant(actor, *id, granted, org));
      }));
}

}  // namespace kangfu::api
