//! The live service under load (`cargo bench --bench service`), on 127.0.0.1 only, bounded in
//! count: the release binary serves a SQLite file seeded with 100,000 open matters (1,000,000
//! events); the figures are the restart time, sustained ingest (events per second, one event a
//! request and fifty a request, with p50/p99 latency), and a matter's status (p50/p99), alone and
//! while two clients export every matter.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    clippy::disallowed_methods,
    reason = "a broken benchmark panics with its message; it reads its own files"
)]

use std::process::{Child, Command};
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;

const MATTERS: usize = 100_000;
const EVENTS_EACH: usize = 10;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_duechain")
}

/// Seeds the store: the schema by the store itself, the rows in one transaction.
fn seed(db: &std::path::Path) {
    drop(duechain::store::Store::open(&db.to_string_lossy()).unwrap_or_else(|e| panic!("{e}")));
    let mut c = rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("{e}"));
    let tx = c.transaction().unwrap_or_else(|e| panic!("{e}"));
    {
        let mut m = tx
            .prepare("INSERT INTO matter (id, unit, body) VALUES (?1, ?2, ?3)")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut e = tx
            .prepare("INSERT INTO event (matter, client_id, body) VALUES (?1, ?2, ?3)")
            .unwrap_or_else(|e| panic!("{e}"));
        for i in 0..MATTERS {
            let id = format!("M-{i}");
            let body = serde_json::json!({"id": id, "facts": {"complete": true, "committed_days": 15},
                "people": [{"id": "zhao", "roles": ["window_officer"]}, {"id": "qian", "roles": ["competent_officer"]},
                           {"id": "sun", "roles": ["section_chief"]}, {"id": "zhou", "roles": ["head"]}],
                "events": [], "outcome": {}, "history": {"prior_offences": {}, "self_corrected": []}});
            m.execute(rusqlite::params![
                id,
                format!("unit-{}", i % 20),
                body.to_string()
            ])
            .unwrap_or_else(|e| panic!("{e}"));
            for k in 0..EVENTS_EACH {
                let step = if k == 0 { "acceptance" } else { "inquiry" };
                let ev = serde_json::json!({"step": step, "by": "zhao", "start": "2026-11-02"});
                e.execute(rusqlite::params![id, k.to_string(), ev.to_string()])
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
    tx.commit().unwrap_or_else(|e| panic!("{e}"));
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(db: &std::path::Path) -> (Server, Duration) {
    let started = Instant::now();
    let (child, base) = common::spawn_service(std::path::Path::new(bin()), db, &[])
        .unwrap_or_else(|e| panic!("{e}"));
    (Server(child, base), started.elapsed())
}

fn percentiles(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q) as usize];
    (at(0.5), at(0.99))
}

fn main() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-service");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let db = dir.join("matters.db");
    seed(&db);
    let token = Command::new(bin())
        .args([
            "token", "create", "--scope", "admin", "--name", "bench", "--db",
        ])
        .arg(&db)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    let (server, restart) = start(&db);
    println!(
        "restart with {MATTERS} matters and {} events: {restart:.2?}",
        MATTERS * EVENTS_EACH
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let auth = format!("Bearer {token}");
    for per_request in [1usize, 50] {
        let requests = if per_request == 1 { 2_000 } else { 200 };
        let mut lat = Vec::with_capacity(requests);
        let started = Instant::now();
        for r in 0..requests {
            let body: Vec<String> = (0..per_request)
                .map(|k| serde_json::json!({"id": format!("x{per_request}-{r}-{k}"), "step": "inquiry", "by": "zhao", "start": "2026-11-03"}).to_string())
                .collect();
            let url = format!("{}/v1/matters/M-{}/events", server.1, r % MATTERS);
            let t = Instant::now();
            let resp = agent
                .post(&url)
                .header("Authorization", &auth)
                .send(body.join("\n"))
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(resp.status().as_u16(), 200);
            lat.push(t.elapsed());
        }
        let secs = started.elapsed().as_secs_f64();
        let (p50, p99) = percentiles(lat);
        println!(
            "ingest, {per_request} event(s) a request: {:.0} events/s, p50 {p50:.2?}, p99 {p99:.2?} ({requests} requests)",
            (requests * per_request) as f64 / secs
        );
    }
    let (p50, p99) = status_latency(&agent, &server.1, &auth, 2_000);
    println!(
        "status of one matter among {MATTERS} open: p50 {p50:.2?}, p99 {p99:.2?} (2,000 requests)"
    );
    // The same while two clients export every matter over and over: a long request must not
    // hold up the short ones.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (p50, p99) = std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let url = format!("{}/v1/export", server.1);
                    let resp = agent.get(&url).header("Authorization", &auth).call();
                    let mut resp = resp.unwrap_or_else(|e| panic!("{e}"));
                    let _ = resp.body_mut().with_config().limit(u64::MAX).read_to_vec();
                }
            });
        }
        let figures = status_latency(&agent, &server.1, &auth, 200);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        figures
    });
    println!("status while two exports run: p50 {p50:.2?}, p99 {p99:.2?} (200 requests)");
}

/// The latency of `n` status requests over the matters, p50 and p99.
fn status_latency(agent: &ureq::Agent, base: &str, auth: &str, n: usize) -> (Duration, Duration) {
    let mut lat = Vec::with_capacity(n);
    for i in 0..n {
        let url = format!("{base}/v1/matters/M-{}", (i * 7919) % MATTERS);
        let t = Instant::now();
        let resp = agent
            .get(&url)
            .header("Authorization", auth)
            .call()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resp.status().as_u16(), 200);
        lat.push(t.elapsed());
    }
    percentiles(lat)
}
