//! The live service (电子监察) over HTTP, version 1: open a matter, append its events (one or a
//! JSON Lines batch, idempotent by the client's event id, all or nothing), close it; query one
//! matter's status (and its verdict once closed), the open matters by urgency, and an export of
//! every case. The same evaluator as `eval` and `status` judges every matter as of today.

mod listen;

pub use listen::serve_until;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use crate::compile::model::Model;
use crate::diag::Code;
use crate::eval::Plan;
use crate::eval::case::{self, CaseError, RawCase, RawEvent};
use crate::eval::verdict::{Record, Verdict};
use crate::report::status::{self, Light};
use crate::report::{dashboard, html};
use crate::store::{Holder, Scope, Store, StoreError, Stored};

/// What the handlers share.
pub struct Service {
    /// The rulebook every matter is judged under.
    pub model: Model,
    /// The matters.
    pub store: Store,
}

impl Service {
    /// A service over a store.
    pub fn new(model: Model, store: Store) -> Service {
        Service { model, store }
    }
}

/// The HTTP routes.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/v1/matters", post(open).get(list))
        .route("/v1/matters/{id}", get(one))
        .route("/v1/matters/{id}/events", post(append))
        .route("/v1/matters/{id}/close", post(close))
        .route("/v1/alerts", get(alerts))
        .route("/v1/stats", get(stats))
        .route("/v1/export", get(export))
        .route("/v1/openapi.json", get(openapi))
        .route("/dashboard", get(board))
        .route("/dashboard/matters/{id}", get(page))
        .fallback(no_route)
        // A body may hold the largest case `eval` reads (axum's own default is 2 MB).
        .layer(axum::extract::DefaultBodyLimit::max(
            crate::eval::batch::MAX_CASE_BYTES,
        ))
        .layer(axum::middleware::map_response(coded))
        .with_state(service)
}

/// A path the service has no route for: 404, naming it and where the routes are listed.
async fn no_route(uri: axum::http::Uri) -> Response {
    let message = format!(
        "the service has no route `{}`: its routes are listed at /v1/openapi.json",
        excerpt(uri.path())
    );
    error(StatusCode::NOT_FOUND, Code::RefusedRequest, message, "")
}

/// The first 64 characters of request text an answer quotes, however long the request.
fn excerpt(text: &str) -> String {
    text.chars().take(64).collect()
}

/// Refusals the service's handlers did not write — axum's and the router's: a path that is not
/// UTF-8, a query with an unknown or malformed key, a body over the limit, a method a route does
/// not take — in the service's error shape: JSON with a code (DC0911), like every other error,
/// rather than plain text or nothing. The response keeps its status and headers (`Allow` on a
/// 405).
async fn coded(response: Response) -> Response {
    let ours = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            v.as_bytes().starts_with(b"application/json") || v.as_bytes().starts_with(b"text/html")
        });
    if ours || !response.status().is_client_error() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 1 << 12)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let text = if text.is_empty() {
        parts
            .status
            .canonical_reason()
            .unwrap_or_default()
            .to_owned()
    } else {
        text
    };
    let coded = error(parts.status, Code::RefusedRequest, text, "");
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.extend(coded.headers().clone());
    Response::from_parts(parts, coded.into_body())
}

/// The query of a route that takes none: one given is refused (400) rather than ignored, so a
/// client that means `?as_of=` or a filter is told it has no effect.
struct NoQuery;

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for NoQuery {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Response> {
        match parts.uri.query().filter(|q| !q.is_empty()) {
            None => Ok(NoQuery),
            Some(q) => {
                let message = format!("this route takes no query, but was given `{}`", excerpt(q));
                Err(error(
                    StatusCode::BAD_REQUEST,
                    Code::RefusedRequest,
                    message,
                    "",
                ))
            }
        }
    }
}

/// A body that carries a case or events: one that is not UTF-8 is a malformed case (400, DC0501),
/// as a batch line that is not UTF-8 is, not a refused request.
struct BodyText(String);

impl<S: Send + Sync> axum::extract::FromRequest<S> for BodyText {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, state: &S) -> Result<Self, Response> {
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(IntoResponse::into_response)?;
        String::from_utf8(Vec::from(bytes))
            .map(BodyText)
            .map_err(|e| {
                let message = format!("the body is not UTF-8 text: {e}");
                error(StatusCode::BAD_REQUEST, Code::MalformedCase, message, "")
            })
    }
}

/// The holder of the request's bearer token: 401 without a token the store knows.
fn holder(s: &Service, headers: &HeaderMap) -> Result<Holder, Box<Response>> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let unauthorized = || {
        Box::new(error(
            StatusCode::UNAUTHORIZED,
            Code::RefusedRequest,
            "a bearer token the service knows is required (`duechain token create`)",
            "",
        ))
    };
    let Some(token) = token else {
        return Err(unauthorized());
    };
    match s.store.holder(token) {
        Ok(Some(h)) => Ok(h),
        Ok(None) => Err(unauthorized()),
        Err(e) => Err(Box::new(store_error(e))),
    }
}

/// Whether a holder may write to (or, with `read`, read) a matter of `unit`: an office only its
/// own unit's, an auditor reads and never writes, an admin everything.
fn allowed(h: &Holder, unit: Option<&str>, read: bool) -> bool {
    match h.scope {
        Scope::Admin => true,
        Scope::Auditor => read,
        Scope::Office => h.unit.is_some() && h.unit.as_deref() == unit,
    }
}

/// The holder of the request's token and a matter they may read (or, with `read` false, write):
/// 401, 403 or 404 otherwise.
fn guarded(
    s: &Service,
    headers: &HeaderMap,
    id: &str,
    read: bool,
) -> Result<(Holder, Stored), Box<Response>> {
    let h = holder(s, headers)?;
    match s.store.get(id) {
        Ok(m) if !allowed(&h, m.unit.as_deref(), read) => Err(Box::new(forbidden())),
        Ok(m) => Ok((h, m)),
        Err(e) => Err(Box::new(store_error(e))),
    }
}

fn forbidden() -> Response {
    error(
        StatusCode::FORBIDDEN,
        Code::RefusedRequest,
        "the token's scope does not cover this matter or action",
        "",
    )
}

/// An error answer: the same code, message and JSON path as `eval`'s error records.
fn error(status: StatusCode, code: Code, message: impl Into<String>, path: &str) -> Response {
    let body = json!({"error": {"code": code.id(), "message": message.into(), "path": path}});
    (status, axum::Json(body)).into_response()
}

fn case_error(e: CaseError) -> Response {
    let status = if e.code == Code::MalformedCase {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    error(status, e.code, e.message, &e.path)
}

fn store_error(e: StoreError) -> Response {
    let (status, code) = match e {
        StoreError::NotFound => (StatusCode::NOT_FOUND, Code::RefusedRequest),
        StoreError::Exists | StoreError::Closed => (StatusCode::CONFLICT, Code::RefusedRequest),
        StoreError::Forbidden => return forbidden(),
        StoreError::Invalid(e) => return case_error(e),
        // A store that cannot be read or written, as `duechain token create` reports it.
        StoreError::Db(_) => (StatusCode::INTERNAL_SERVER_ERROR, Code::UnreadableFile),
    };
    error(status, code, e.to_string(), "")
}

/// `POST /v1/matters`: a case (events optional) opens a matter; 201, or 400/422 and nothing
/// stored.
async fn open(
    State(s): State<Arc<Service>>,
    _: NoQuery,
    headers: HeaderMap,
    BodyText(body): BodyText,
) -> Response {
    let h = match holder(&s, &headers) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let mut raw = match case::parse(&body) {
        Ok(r) => r,
        Err(e) => return case_error(e),
    };
    // A live matter is judged as of today, not as of a day its record was once taken.
    raw.as_of = None;
    if let Err(e) = case::validate(&s.model, &raw) {
        return case_error(e);
    }
    let unit = raw.people.iter().find_map(|p| p.unit.clone());
    if !allowed(&h, unit.as_deref(), false) {
        return forbidden();
    }
    match s.store.open_matter(&h.name, &raw, unit.as_deref()) {
        Ok(()) => (StatusCode::CREATED, axum::Json(json!({"id": raw.id}))).into_response(),
        Err(e) => store_error(e),
    }
}

/// The events of a request: one JSON object or JSON Lines, each with the client's `id`.
fn events_of(body: &str) -> Result<Vec<(String, RawEvent)>, Box<Response>> {
    let mut out = Vec::new();
    for (i, line) in body.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let bad = |m: String| {
            Box::new(error(
                StatusCode::BAD_REQUEST,
                Code::MalformedCase,
                m,
                &format!("[{i}]"),
            ))
        };
        let mut v: Value = serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
        let id = v
            .as_object_mut()
            .and_then(|o| o.remove("id"))
            .and_then(|id| id.as_str().map(str::to_owned))
            .ok_or_else(|| bad("an event needs the client's `id` (a string)".to_owned()))?;
        let event: RawEvent =
            serde_json::from_value(v).map_err(|e| bad(format!("not an event: {e}")))?;
        out.push((id, event));
    }
    Ok(out)
}

/// `POST /v1/matters/{id}/events`: appends events all or nothing, after checking the matter
/// with them; an event id already stored is skipped.
async fn append(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
    _: NoQuery,
    headers: HeaderMap,
    BodyText(body): BodyText,
) -> Response {
    let h = match holder(&s, &headers) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let events = match events_of(&body) {
        Ok(e) => e,
        Err(r) => return *r,
    };
    let check = |m: &Stored| {
        writable(&h, m)?;
        case::validate(&s.model, &m.case)
            .map(drop)
            .map_err(StoreError::Invalid)
    };
    match s.store.append(&h.name, &id, &events, check) {
        Ok(n) => axum::Json(json!({"appended": n, "duplicates": events.len() - n})).into_response(),
        Err(e) => store_error(e),
    }
}

/// Whether the holder may write to a stored matter: 403 before 409 (closed), so a matter of
/// another unit tells nothing of itself.
fn writable(h: &Holder, m: &Stored) -> Result<(), StoreError> {
    if !allowed(h, m.unit.as_deref(), false) {
        return Err(StoreError::Forbidden);
    }
    if m.case.closed == Some(true) {
        return Err(StoreError::Closed);
    }
    Ok(())
}

/// `POST /v1/matters/{id}/close`.
async fn close(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
    _: NoQuery,
    headers: HeaderMap,
) -> Response {
    let h = match holder(&s, &headers) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    match s.store.close(&h.name, &id, |m| writable(&h, m)) {
        Ok(()) => axum::Json(json!({"id": id, "closed": true})).into_response(),
        Err(e) => store_error(e),
    }
}

/// A stored matter judged as of today.
fn judge(s: &Service, case: &RawCase) -> Record {
    Plan::new(&s.model).evaluate_case(case, None, false)
}

/// `GET /v1/matters/{id}`: its status, and its verdict once closed.
async fn one(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
    _: NoQuery,
    headers: HeaderMap,
) -> Response {
    let stored = match guarded(&s, &headers, &id, true) {
        Ok((_, m)) => m,
        Err(r) => return *r,
    };
    let record = judge(&s, &stored.case);
    let Record::Verdict(v) = &record else {
        return axum::Json(json!({"record": record})).into_response();
    };
    let verdict = v
        .closed
        .then(|| serde_json::to_value(&record).unwrap_or_default());
    let body = json!({"unit": stored.unit, "status": status::of(v, &s.model), "verdict": verdict});
    axum::Json(body).into_response()
}

/// Filters of the open matters' list (a key not listed here is refused, not ignored).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Filter {
    unit: Option<String>,
    procedure: Option<String>,
    level: Option<String>,
}

impl Filter {
    /// A level or procedure the list could never show is refused (400), not answered with an
    /// empty list as if nothing matched.
    fn check(&self, model: &Model) -> Result<(), Box<Response>> {
        let refuse = |what: String, key: &str| {
            Box::new(error(
                StatusCode::BAD_REQUEST,
                Code::RefusedRequest,
                what,
                key,
            ))
        };
        if let Some(l) = self.level.as_deref().filter(|l| !LEVELS.contains(l)) {
            let what = format!("`{l}` is not a level: one of {}", LEVELS.join(", "));
            return Err(refuse(what, "level"));
        }
        match self.procedure.as_deref() {
            Some(p) if model.procedure_named(p).is_none() => Err(refuse(
                format!("the rulebook has no procedure `{p}`"),
                "procedure",
            )),
            _ => Ok(()),
        }
    }
}

/// The levels a matter's list shows ([`Light`]'s, and [`NO_LEVEL`]).
const LEVELS: [&str; 4] = ["red", "yellow", "green", NO_LEVEL];

/// The level of a matter with nothing due.
const NO_LEVEL: &str = "none";

/// `GET /v1/matters`: the open matters, most urgent first (red, then yellow, then by days left),
/// filtered by unit, procedure and level.
async fn list(
    State(s): State<Arc<Service>>,
    Query(f): Query<Filter>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = f.check(&s.model) {
        return *r;
    }
    let matters = match open_matters(&s, &headers) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let rows: Vec<Value> = matters
        .into_iter()
        .filter(|(unit, _)| f.unit.is_none() || *unit == f.unit)
        .filter(|(_, st)| f.procedure.as_ref().is_none_or(|p| *p == st.procedure))
        .filter_map(|(unit, st)| {
            let level = st.worst().map_or(NO_LEVEL, Light::as_str);
            if f.level.as_deref().is_some_and(|l| l != level) {
                return None;
            }
            let left = Some(st.left()).filter(|n| *n != i64::MAX);
            Some(
                json!({"case": st.case, "procedure": st.procedure, "unit": unit, "level": level,
                "left": left}),
            )
        })
        .collect();
    axum::Json(Value::Array(rows)).into_response()
}

/// The open matters the request's token may read, with their units and statuses, most urgent
/// first.
fn open_matters(
    s: &Service,
    headers: &HeaderMap,
) -> Result<Vec<(Option<String>, status::Status)>, Box<Response>> {
    let h = holder(s, headers)?;
    let matters = readable(s, &h, true).map_err(|e| Box::new(store_error(e)))?;
    let mut out: Vec<(Option<String>, status::Status)> = matters
        .into_iter()
        .map(|m| (m.unit, status::of(&m.verdict, &s.model)))
        .collect();
    out.sort_by_key(|(_, st)| st.urgency());
    Ok(out)
}

/// A matter judged as of today, with its unit and the people who acted in it.
struct Judged {
    unit: Option<String>,
    verdict: Box<Verdict>,
    actors: Vec<String>,
}

/// Every matter the holder may read, judged as of today.
fn readable(s: &Service, h: &Holder, open_only: bool) -> Result<Vec<Judged>, StoreError> {
    // One plan for the whole request: what every matter needs is computed once.
    let plan = Plan::new(&s.model);
    let mut out = Vec::new();
    for id in s.store.ids(open_only)? {
        let stored = s.store.get(&id)?;
        if !allowed(h, stored.unit.as_deref(), true) {
            continue;
        }
        let mut actors: Vec<String> = stored
            .case
            .events
            .iter()
            .filter_map(|e| e.by.as_deref().map(str::to_owned))
            .collect();
        actors.sort();
        actors.dedup();
        if let Record::Verdict(verdict) = plan.evaluate_case(&stored.case, None, false) {
            out.push(Judged {
                unit: stored.unit,
                verdict,
                actors,
            });
        }
    }
    Ok(out)
}

/// `GET /v1/alerts`: every red and yellow duty of the open matters the token may read, red
/// first, then by the fewest days left.
async fn alerts(State(s): State<Arc<Service>>, _: NoQuery, headers: HeaderMap) -> Response {
    let matters = match open_matters(&s, &headers) {
        Ok(m) => m,
        Err(r) => return *r,
    };
    let mut rows: Vec<(std::cmp::Reverse<Light>, i64, Value)> = Vec::new();
    for (unit, st) in &matters {
        for d in &st.duties {
            let Some(level @ (Light::Red | Light::Yellow)) = d.level else {
                continue;
            };
            let row = json!({"case": st.case, "unit": unit, "step": d.step, "level": level.as_str(),
                "due": d.due, "left": d.left, "liable": d.liable});
            rows.push((std::cmp::Reverse(level), d.left.unwrap_or(i64::MIN), row));
        }
    }
    rows.sort_by_key(|r| (r.0, r.1));
    axum::Json(Value::Array(rows.into_iter().map(|r| r.2).collect())).into_response()
}

/// `GET /v1/stats`: per unit and per person, the matters, the findings and the share of
/// matters without a `late` finding (on time), for the efficiency assessment.
async fn stats(State(s): State<Arc<Service>>, _: NoQuery, headers: HeaderMap) -> Response {
    let h = match holder(&s, &headers) {
        Ok(h) => h,
        Err(r) => return *r,
    };
    let matters = match readable(&s, &h, false) {
        Ok(m) => m,
        Err(e) => return store_error(e),
    };
    // (matters, findings, on time) per unit, and per person who acted (the findings they
    // answer for).
    let mut units: std::collections::BTreeMap<String, [usize; 3]> =
        std::collections::BTreeMap::new();
    let mut people: std::collections::BTreeMap<String, [usize; 3]> =
        std::collections::BTreeMap::new();
    for Judged {
        unit,
        verdict: v,
        actors,
    } in &matters
    {
        let on_time = usize::from(!v.findings.iter().any(|f| f.kind.as_str() == "late"));
        let unit_row = units.entry(unit.clone().unwrap_or_default()).or_default();
        *unit_row = [
            unit_row[0] + 1,
            unit_row[1] + v.findings.len(),
            unit_row[2] + on_time,
        ];
        for a in actors {
            let answered = v
                .liability
                .iter()
                .filter(|l| l.exempt.is_none() && l.person == a)
                .flat_map(|l| l.findings.iter())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let row = people.entry(a.clone()).or_default();
            *row = [row[0] + 1, row[1] + answered, row[2] + on_time];
        }
    }
    let table = |m: std::collections::BTreeMap<String, [usize; 3]>| -> Value {
        m.into_iter()
            .map(|(k, [n, f, t])| json!({"name": k, "matters": n, "findings": f, "on_time_share": t as f64 / n.max(1) as f64}))
            .collect()
    };
    axum::Json(json!({"units": table(units), "people": table(people)})).into_response()
}

/// `GET /v1/export`: every case as JSON Lines, for `duechain eval`.
async fn export(State(s): State<Arc<Service>>, _: NoQuery, headers: HeaderMap) -> Response {
    match holder(&s, &headers) {
        Ok(h) if h.scope != Scope::Office => {}
        Ok(_) => return forbidden(),
        Err(r) => return *r,
    }
    let ids = match s.store.ids(false) {
        Ok(ids) => ids,
        Err(e) => return store_error(e),
    };
    let mut out = String::new();
    for id in ids {
        if let Ok(m) = s.store.get(&id) {
            out.push_str(&serde_json::to_string(&m.case).unwrap_or_default());
            out.push('\n');
        }
    }
    ([(header::CONTENT_TYPE, "application/jsonl")], out).into_response()
}

/// The dashboard's query: its language and (a browser sends no header) the token.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    token: Option<String>,
    lang: Option<String>,
}

impl PageQuery {
    fn lang(&self) -> html::Lang {
        if self.lang.as_deref() == Some("en") {
            html::Lang::En
        } else {
            html::Lang::Zh
        }
    }

    /// The token as a header, so the page checks it as the API does.
    fn headers(&self) -> HeaderMap {
        let mut h = HeaderMap::new();
        let bearer = format!("Bearer {}", self.token.as_deref().unwrap_or(""));
        if let Ok(v) = header::HeaderValue::from_str(&bearer) {
            h.insert(header::AUTHORIZATION, v);
        }
        h
    }
}

fn page_of(html: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// `GET /dashboard`: the board of open matters the token may read, most urgent first.
async fn board(State(s): State<Arc<Service>>, Query(q): Query<PageQuery>) -> Response {
    let rows = match open_matters(&s, &q.headers()) {
        Ok(m) => m
            .into_iter()
            .map(|(unit, status)| dashboard::Row { status, unit })
            .collect::<Vec<_>>(),
        Err(r) => return *r,
    };
    let token = q.token.as_deref().unwrap_or("");
    page_of(dashboard::board(&rows, &s.model, q.lang(), token))
}

/// `GET /dashboard/matters/{id}`: one matter's page.
async fn page(
    State(s): State<Arc<Service>>,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    let stored = match guarded(&s, &q.headers(), &id, true) {
        Ok((_, m)) => m,
        Err(r) => return *r,
    };
    let record = judge(&s, &stored.case);
    page_of(dashboard::matter(
        &record,
        &stored.case.events,
        &s.model,
        q.lang(),
    ))
}

/// `GET /v1/openapi.json`: the API's description.
async fn openapi(_: NoQuery) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("serve/openapi.json"),
    )
        .into_response()
}
