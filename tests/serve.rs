//! `duechain serve` as a client sees it, on 127.0.0.1 only: open, append (idempotent, all or
//! nothing, refused input stores nothing), close, status and the closed matter's verdict, the
//! list by urgency, the export — and every acknowledged event still there after `kill -9`.
#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures from the disk"
)]
#![allow(clippy::panic, reason = "a failing test panics with its message")]

use std::process::{Child, Command};

mod common;

use serde_json::{Value, json};

/// A running service and its address; killed (as by `kill -9`) when dropped.
struct Server {
    child: Child,
    base: String,
    admin: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: impl AsRef<std::ffi::OsStr>) -> Server {
    serve_with(db, &[])
}

fn serve_with(db: impl AsRef<std::ffi::OsStr>, extra: &[&str]) -> Server {
    let db = db.as_ref();
    let admin = token(db, "admin", None);
    let (child, base) = common::spawn_service(&assert_cmd::cargo::cargo_bin("duechain"), db, extra)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    Server { child, base, admin }
}

/// An empty scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("duechain-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// A token from `duechain token create`.
fn token(db: impl AsRef<std::ffi::OsStr>, scope: &str, unit: Option<&str>) -> String {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("duechain"));
    cmd.args(["token", "create", "--scope", scope, "--name", scope, "--db"])
        .arg(db);
    if let Some(u) = unit {
        cmd.args(["--unit", u]);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn call(s: &Server, method: &str, path: &str, body: impl AsRef<[u8]>) -> (u16, Value) {
    call_as(s, &s.admin, method, path, body)
}

fn call_as(
    s: &Server,
    token: &str,
    method: &str,
    path: &str,
    body: impl AsRef<[u8]>,
) -> (u16, Value) {
    let url = format!("{}{path}", s.base);
    let a = agent();
    let auth = format!("Bearer {token}");
    let response = match method {
        "GET" => a.get(&url).header("Authorization", &auth).call(),
        _ => a
            .post(&url)
            .header("Authorization", &auth)
            .send(body.as_ref()),
    };
    let mut r = response.unwrap_or_else(|e| panic!("{e}"));
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap_or_default();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// An answer's status and its error's code.
fn code_of((status, body): (u16, Value)) -> (u16, Option<String>) {
    let code = body.get("error").and_then(|e| e.get("code"));
    (status, code.and_then(Value::as_str).map(str::to_owned))
}

/// A status with an error code, as [`code_of`] gives it.
fn coded(status: u16, code: &str) -> (u16, Option<String>) {
    (status, Some(code.to_owned()))
}

fn matter() -> Value {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/service_window/open-decision-pending.json"),
    )
    .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// The events of one matter in the service's export.
fn exported_events(s: &Server, id: &str) -> usize {
    let (code, body) = call(s, "GET", "/v1/export", "");
    assert_eq!(code, 200, "{body}");
    let text = body
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| body.to_string());
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|c| c["id"] == id)
        .and_then(|c| c.get("events")?.as_array().map(Vec::len))
        .unwrap_or_else(|| panic!("{id} is not exported: {text}"))
}

#[test]
fn instances_over_postgresql_share_one_store() {
    let Some(db) = common::postgres_database("serve") else {
        return;
    };
    let (a, b) = (serve(&db.url), serve(&db.url));
    let case = matter().to_string();
    assert_eq!(call(&a, "POST", "/v1/matters", &case).0, 201);
    assert_eq!(
        call(&b, "POST", "/v1/matters", &case).0,
        409,
        "b sees a's matter"
    );
    let id = "SW-2024-OPEN-1";
    let before = exported_events(&a, id);
    let path = format!("/v1/matters/{id}/events");
    let event = json!({"id": "e1", "step": "decision", "by": "qian", "start": "2024-10-14"});
    let (code, body) = call(&b, "POST", &path, event.to_string());
    assert_eq!((code, body["appended"].as_u64()), (200, Some(1)), "{body}");
    let (code, body) = call(&a, "POST", &path, event.to_string());
    assert_eq!(
        (code, body["duplicates"].as_u64()),
        (200, Some(1)),
        "{body}"
    );
    assert_eq!(exported_events(&a, id), before + 1);
}

#[test]
fn a_matter_through_the_service() {
    let dir = scratch("serve");
    let db = dir.join("matters.db");
    let s = serve(&db);
    let case = matter().to_string();
    assert_eq!(call(&s, "POST", "/v1/matters", &case).0, 201);
    let opened = code_of(call(&s, "POST", "/v1/matters", &case));
    assert_eq!(opened, coded(409, "DC0911"));
    // A body that is not JSON, or not UTF-8 text, is a malformed case, not a refused request.
    for body in [&b"{not json"[..], b"{\"id\":\"\xff\"}"] {
        let answer = code_of(call(&s, "POST", "/v1/matters", body));
        assert_eq!(answer, coded(400, "DC0501"), "{body:?}");
    }
    let (code, body) = call(
        &s,
        "POST",
        "/v1/matters",
        r#"{"id":"x","events":[{"step":"nope","by":"a","start":"2024-01-01"}]}"#,
    );
    assert_eq!(
        (code, body["error"]["code"].as_str()),
        (422, Some("DC0502")),
        "{body}"
    );
    let id = "/v1/matters/SW-2024-OPEN-1";
    let batch = [
        json!({"id": "e1", "step": "decision", "by": "qian", "start": "2024-10-14"}).to_string(),
        json!({"id": "e2", "step": "delivery", "by": "zhao", "start": "2024-10-16"}).to_string(),
    ]
    .join("\n");
    let (code, body) = call(&s, "POST", &format!("{id}/events"), &batch);
    assert_eq!((code, body["appended"].as_u64()), (200, Some(2)), "{body}");
    let (code, body) = call(&s, "POST", &format!("{id}/events"), &batch);
    assert_eq!(
        (code, body["duplicates"].as_u64()),
        (200, Some(2)),
        "a retry stores nothing: {body}"
    );
    let bad = [
        json!({"id": "e3", "step": "referral", "by": "zhao", "start": "2024-10-16"}).to_string(),
        json!({"id": "e4", "step": "decison", "by": "qian", "start": "2024-10-16"}).to_string(),
    ]
    .join("\n");
    assert_eq!(call(&s, "POST", &format!("{id}/events"), &bad).0, 422);
    // One matter: its line of the JSON Lines export is the whole body.
    let (_, exported) = call(&s, "GET", "/v1/export", "");
    assert_eq!(
        exported["events"].as_array().map(Vec::len),
        Some(4),
        "all or nothing: {exported}"
    );
    let none = code_of(call(&s, "GET", "/v1/matters/none", ""));
    assert_eq!(none, coded(404, "DC0911"));
    let (code, list) = call(&s, "GET", "/v1/matters", "");
    assert_eq!(
        (code, list[0]["case"].as_str()),
        (200, Some("SW-2024-OPEN-1")),
        "{list}"
    );
    let count = |query: &str| call(&s, "GET", &format!("/v1/matters?{query}"), "").1;
    let count = |query: &str| count(query).as_array().map(Vec::len);
    assert_eq!(count("procedure=service_window"), Some(1));
    let level = list[0]["level"].as_str().unwrap_or_default();
    let other = ["red", "yellow", "green", "none"]
        .into_iter()
        .find(|l| *l != level);
    assert_eq!(count(&format!("level={level}")), Some(1), "{list}");
    assert_eq!(
        count(&format!("level={}", other.unwrap_or_default())),
        Some(0)
    );
    // What a filter or a route cannot mean is refused with a coded error, never ignored; so is
    // a route or a method the service does not have.
    for (query, status, path) in [
        ("/v1/matters?procedure=other", 400, "procedure"),
        ("/v1/matters?level=purple", 400, "level"),
        ("/v1/matters?levle=red", 400, ""),
        ("/v1/alerts?as_of=2024-01-01", 400, ""),
        ("/v1/matters/%FF", 400, ""),
        ("/v1/nowhere", 404, ""),
        ("/v1/matters/SW-2024-OPEN-1/close", 405, ""),
    ] {
        let (code, body) = call(&s, "GET", query, "");
        assert_eq!(code, status, "{query}: {body}");
        assert_eq!(body["error"]["code"], "DC0911", "{query}: {body}");
        assert_eq!(body["error"]["path"], path, "{query}: {body}");
        if query == "/v1/nowhere" {
            let pretty = serde_json::to_string_pretty(&body).unwrap_or_default();
            common::snapshot_code("DC0911-refused-request", &pretty);
        }
    }
    let (code, alerts) = call(&s, "GET", "/v1/alerts", "");
    assert_eq!(code, 200, "{alerts}");
    assert!(alerts.as_array().is_some(), "{alerts}");
    assert_eq!(call(&s, "POST", &format!("{id}/close"), "").0, 200);
    let (code, stats) = call(&s, "GET", "/v1/stats", "");
    assert_eq!(
        (code, stats["units"][0]["matters"].as_u64()),
        (200, Some(1)),
        "{stats}"
    );
    let zhao = stats["people"]
        .as_array()
        .and_then(|p| p.iter().find(|x| x["name"] == "zhao").cloned());
    assert_eq!(
        zhao.map(|z| z["on_time_share"].clone()),
        Some(json!(1.0)),
        "{stats}"
    );
    assert_eq!(call(&s, "POST", &format!("{id}/events"), &bad).0, 409);
    let (_, one) = call(&s, "GET", id, "");
    assert_eq!(one["status"]["closed"], true, "{one}");
    assert_eq!(one["verdict"]["compliant"], true, "{one}");
    let (code, api) = call(&s, "GET", "/v1/openapi.json", "");
    assert_eq!((code, api["openapi"].as_str()), (200, Some("3.1.0")));
    drop(s);
    // Killed without warning; every acknowledged write is there on restart.
    let again = serve(&db);
    let (_, one) = call(&again, "GET", id, "");
    assert_eq!(one["status"]["closed"], true, "{one}");
    let (_, export) = call(&again, "GET", "/v1/export", "");
    assert!(export.to_string().contains("\"delivery\""), "{export}");
    // A case over axum's default body limit of 2 MB, within the 16 MiB `eval` reads, opens.
    let mut big = matter();
    big["id"] = json!("big");
    big["title"] = json!("x".repeat(3 << 20));
    assert_eq!(call(&again, "POST", "/v1/matters", big.to_string()).0, 201);
}

/// Tokens and scopes: no token or an unknown one is 401; an auditor reads everything and writes
/// nothing (403); an office opens, appends to and reads only its own unit's matters; refused
/// requests change nothing, and every accepted write is in the audit table.
#[test]
fn tokens_and_scopes() {
    let dir = scratch("scopes");
    let db = dir.join("matters.db");
    let s = serve(&db);
    let auditor = token(&db, "auditor", None);
    let office = token(&db, "office", Some("窗口"));
    let mut case = matter();
    let ours = {
        case["id"] = json!("ours");
        for p in case["people"].as_array_mut().into_iter().flatten() {
            p["unit"] = json!("窗口");
        }
        case.to_string()
    };
    case["id"] = json!("theirs");
    for p in case["people"].as_array_mut().into_iter().flatten() {
        p["unit"] = json!("审批科");
    }
    let theirs = case.to_string();
    let refused =
        |token: &str, body: &str| code_of(call_as(&s, token, "POST", "/v1/matters", body));
    assert_eq!(call_as(&s, "", "GET", "/v1/matters", "").0, 401);
    assert_eq!(refused("not-a-token", &ours), coded(401, "DC0911"));
    assert_eq!(refused(&auditor, &ours), coded(403, "DC0911"));
    assert_eq!(call_as(&s, &office, "POST", "/v1/matters", &theirs).0, 403);
    assert_eq!(call_as(&s, &office, "POST", "/v1/matters", &ours).0, 201);
    assert_eq!(call(&s, "POST", "/v1/matters", &theirs).0, 201);
    let event =
        json!({"id": "e1", "step": "decision", "by": "qian", "start": "2024-10-14"}).to_string();
    assert_eq!(
        call_as(&s, &auditor, "POST", "/v1/matters/ours/events", &event).0,
        403
    );
    assert_eq!(
        call_as(&s, &office, "POST", "/v1/matters/theirs/events", &event).0,
        403
    );
    assert_eq!(
        call_as(&s, &office, "POST", "/v1/matters/theirs/close", "").0,
        403
    );
    assert_eq!(call_as(&s, &office, "GET", "/v1/matters/theirs", "").0, 403);
    assert_eq!(call_as(&s, &office, "GET", "/v1/export", "").0, 403);
    assert_eq!(
        call_as(&s, &office, "POST", "/v1/matters/ours/events", &event).0,
        200
    );
    assert_eq!(
        call_as(&s, &auditor, "GET", "/v1/matters/theirs", "").0,
        200
    );
    let (_, list) = call_as(&s, &office, "GET", "/v1/matters", "");
    let cases: Vec<&str> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["case"].as_str())
        .collect();
    assert_eq!(cases, ["ours"], "{list}");
    let (_, stats) = call_as(&s, &office, "GET", "/v1/stats", "");
    assert_eq!(stats["units"].as_array().map(Vec::len), Some(1), "{stats}");
    assert_eq!(stats["units"][0]["name"], "窗口", "{stats}");
    let (_, all) = call_as(&s, &auditor, "GET", "/v1/export", "");
    assert!(all.to_string().contains("theirs"), "{all}");
    drop(s);
    let db = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let audit: Vec<(String, String)> = db
        .prepare("SELECT actor, action FROM audit ORDER BY seq")
        .and_then(|mut q| q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    let writes: Vec<(&str, &str)> = audit
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .filter(|(_, b)| *b != "token")
        .collect();
    assert_eq!(
        writes,
        [("office", "open"), ("admin", "open"), ("office", "append")]
    );
}

/// The dashboard opens in headless Chromium without a console message: the board lists the
/// open matters with their lights, and a matter's page its timeline and flowchart; without the
/// token both are 401.
#[test]
fn dashboard_in_a_browser() {
    let dir = scratch("board");
    let s = serve(dir.join("matters.db"));
    assert_eq!(call(&s, "POST", "/v1/matters", matter().to_string()).0, 201);
    assert_eq!(call_as(&s, "", "GET", "/dashboard", "").0, 401);
    let Some(chromium) = common::outside_program(&["chromium", "chromium-browser"]) else {
        return;
    };
    for (path, needle) in [
        ("/dashboard?lang=zh", "SW-2024-OPEN-1"),
        ("/dashboard?lang=en", "Live supervision"),
        (
            "/dashboard/matters/SW-2024-OPEN-1?lang=zh",
            "class=\"timeline\"",
        ),
    ] {
        let url = format!("{}{path}&token={}", s.base, s.admin);
        let (console, dom) = common::headless_dom(&chromium, &url);
        assert!(console.is_empty(), "{path}: {console:?}");
        assert!(dom.contains(needle), "{path}: {dom}");
    }
}

/// Crash safety: a client appends batches of two events while the service is killed without
/// warning (`kill -9`) partway; after a restart every acknowledged batch is there, and no batch
/// is half applied. The load is bounded (at most 2,000 batches, 20 s) and local.
#[test]
fn kill_9_under_load_loses_no_acknowledged_event() {
    let dir = scratch("crash");
    let db = dir.join("matters.db");
    let mut s = serve(&db);
    assert_eq!(call(&s, "POST", "/v1/matters", matter().to_string()).0, 201);
    let (base, admin) = (s.base.clone(), s.admin.clone());
    let acked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = acked.clone();
    let client = std::thread::spawn(move || {
        let a = agent();
        let started = std::time::Instant::now();
        for i in 0..2_000 {
            if started.elapsed() > std::time::Duration::from_secs(20) {
                break;
            }
            let batch = format!(
                "{}\n{}",
                json!({"id": format!("a{i}"), "step": "inquiry", "by": "zhao", "start": "2024-10-08"}),
                json!({"id": format!("b{i}"), "step": "inquiry", "by": "zhao", "start": "2024-10-08"})
            );
            let url = format!("{base}/v1/matters/SW-2024-OPEN-1/events");
            match a
                .post(&url)
                .header("Authorization", &format!("Bearer {admin}"))
                .send(&batch)
            {
                Ok(r) if r.status().as_u16() == 200 => {
                    counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                _ => break,
            }
        }
    });
    while acked.load(std::sync::atomic::Ordering::SeqCst) < 200 && !client.is_finished() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = s.child.kill();
    let _ = s.child.wait();
    let _ = client.join();
    let acknowledged = acked.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        acknowledged >= 200,
        "only {acknowledged} batches before the kill"
    );
    let again = serve(&db);
    let (_, case) = call(&again, "GET", "/v1/export", "");
    let stored = case["events"]
        .as_array()
        .map_or(0, |e| e.iter().filter(|x| x["step"] == "inquiry").count())
        - 1;
    assert!(
        stored >= 2 * acknowledged,
        "{stored} events for {acknowledged} acknowledged batches"
    );
    assert_eq!(stored % 2, 0, "a batch was half applied: {stored}");
}

/// A client that connects and sends nothing, or part of a request's headers and then nothing
/// (slowloris), is closed after `--client-timeout`; one that sends its headers but not all its
/// body is answered 408. None is held, and the service answers others meanwhile.
#[test]
fn slow_clients_are_closed() {
    use std::io::{Read, Write};
    let dir = scratch("slow-clients");
    let s = serve_with(dir.join("matters.db"), &["--client-timeout", "1"]);
    let addr = s.base.trim_start_matches("http://");
    let connect = |first: &[u8]| {
        let mut c = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("{e}"));
        c.write_all(first).unwrap_or_else(|e| panic!("{e}"));
        c.set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap_or_else(|e| panic!("{e}"));
        c
    };
    let headers = b"POST /v1/matters HTTP/1.1\r\nHost: x\r\n";
    let body = b"POST /v1/matters HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{";
    let clients = [
        (connect(b""), ""),
        (connect(headers), ""),
        (connect(body), "HTTP/1.1 408"),
    ];
    assert_eq!(call(&s, "GET", "/v1/openapi.json", "").0, 200);
    for (mut c, answer) in clients {
        let mut buf = [0u8; 64];
        let got = match c.read(&mut buf) {
            Ok(n) => String::from_utf8_lossy(buf.get(..n).unwrap_or_default()).into_owned(),
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionReset,
                    "held open: {e}"
                );
                String::new()
            }
        };
        assert!(
            got.starts_with(answer) && (answer.is_empty() == got.is_empty()),
            "{got}"
        );
    }
    assert_eq!(call(&s, "GET", "/v1/openapi.json", "").0, 200);
}
