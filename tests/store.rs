//! One test suite for every store backend: SQLite always, PostgreSQL where a server is named
//! (`DUECHAIN_POSTGRES_URL`). Each law holds for both: reads return what was written in order,
//! a refused write leaves nothing (not even an audit line), an append is idempotent by the
//! client's id, a closed matter takes nothing more, tokens are found by their hash, a reopened
//! store keeps everything, and a check holds across two instances writing at once.
#![allow(clippy::panic, reason = "a failing test panics with its message")]

mod common;

use duechain::eval::case::{RawCase, RawEvent};
use duechain::store::{Holder, Scope, Store, StoreError};

fn open(place: &str) -> Store {
    Store::open(place).unwrap_or_else(|e| panic!("{place}: {e}"))
}

fn case(id: &str, events: usize) -> RawCase {
    let events: Vec<_> = (0..events).map(|i| event(&format!("s{i}"))).collect();
    let json = serde_json::json!({"id": id, "facts": {"n": 1}, "events": events});
    duechain::eval::case::parse(&json.to_string()).unwrap_or_else(|e| panic!("{}", e.message))
}

fn event(step: &str) -> RawEvent {
    serde_json::from_value(serde_json::json!({"step": step, "by": "zhao", "start": "2026-01-05"}))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn batch(ids: &[&str]) -> Vec<(String, RawEvent)> {
    ids.iter().map(|id| ((*id).to_owned(), event(id))).collect()
}

fn steps(store: &Store, matter: &str) -> Vec<String> {
    let m = store.get(matter).unwrap_or_else(|e| panic!("{e}"));
    m.case
        .events
        .into_iter()
        .map(|e| e.step.to_string())
        .collect()
}

fn accept(_: &duechain::store::Stored) -> Result<(), StoreError> {
    Ok(())
}

fn audit(store: &Store) -> i64 {
    store.audit_len().unwrap_or_else(|e| panic!("{e}"))
}

/// Every law, against the store at `place` (empty at the start).
fn suite(place: &str) {
    let store = open(place);
    reads_what_was_written(&store);
    refused_writes_leave_nothing(&store);
    appends_are_idempotent(&store);
    closed_matters_take_nothing(&store);
    tokens_are_found_by_hash(&store);
    drop(store);
    reopened_keeps_everything(place);
    checks_hold_across_instances(place);
}

fn reads_what_was_written(store: &Store) {
    store
        .open_matter("a", &case("M-1", 2), Some("窗口"))
        .unwrap_or_else(|e| panic!("{e}"));
    let m = store.get("M-1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.unit.as_deref(), Some("窗口"));
    assert_eq!(m.case.closed, Some(false));
    assert_eq!(m.case.facts.0, [("n".into(), serde_json::json!(1))]);
    assert_eq!(steps(store, "M-1"), ["s0", "s1"]);
    store
        .append("a", "M-1", &batch(&["x", "y"]), accept)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(steps(store, "M-1"), ["s0", "s1", "x", "y"], "arrival order");
}

fn refused_writes_leave_nothing(store: &Store) {
    let before = audit(store);
    let again = store.open_matter("a", &case("M-1", 0), None);
    assert!(matches!(again, Err(StoreError::Exists)), "{again:?}");
    let refused = store.append("a", "M-1", &batch(&["z"]), |_| Err(StoreError::Forbidden));
    assert!(matches!(refused, Err(StoreError::Forbidden)), "{refused:?}");
    let missing = store.append("a", "M-404", &batch(&["z"]), accept);
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");
    assert!(matches!(store.get("M-404"), Err(StoreError::NotFound)));
    assert_eq!(steps(store, "M-1"), ["s0", "s1", "x", "y"]);
    assert_eq!(
        audit(store),
        before,
        "a refused write is not audited as done"
    );
}

fn appends_are_idempotent(store: &Store) {
    let before = audit(store);
    let first = store.append("a", "M-1", &batch(&["p", "q"]), accept);
    assert_eq!(first.ok(), Some(2));
    let retry = store.append("a", "M-1", &batch(&["p", "q", "r"]), accept);
    assert_eq!(retry.ok(), Some(1), "only the new id is stored");
    assert_eq!(steps(store, "M-1"), ["s0", "s1", "x", "y", "p", "q", "r"]);
    assert_eq!(audit(store), before + 2, "one audit line a write");
}

fn closed_matters_take_nothing(store: &Store) {
    store
        .open_matter("a", &case("M-2", 1), None)
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .close("a", "M-2", accept)
        .unwrap_or_else(|e| panic!("{e}"));
    let late = store.append("a", "M-2", &batch(&["z"]), accept);
    assert!(matches!(late, Err(StoreError::Closed)), "{late:?}");
    assert_eq!(
        store.get("M-2").ok().and_then(|m| m.case.closed),
        Some(true)
    );
    assert_eq!(store.ids(true).ok(), Some(vec!["M-1".to_owned()]));
    assert_eq!(
        store.ids(false).ok(),
        Some(vec!["M-1".to_owned(), "M-2".to_owned()])
    );
}

fn tokens_are_found_by_hash(store: &Store) {
    let holder = Holder {
        name: "窗口甲".to_owned(),
        scope: Scope::Office,
        unit: Some("窗口".to_owned()),
    };
    let token = store
        .create_token(&holder)
        .unwrap_or_else(|e| panic!("{e}"));
    let found = store.holder(&token).unwrap_or_else(|e| panic!("{e}"));
    let found = found.unwrap_or_else(|| panic!("the token is not found"));
    assert_eq!(
        (found.name.as_str(), found.scope),
        ("窗口甲", Scope::Office)
    );
    assert_eq!(found.unit.as_deref(), Some("窗口"));
    assert!(store.holder("not-a-token").ok().flatten().is_none());
    assert!(store.holder(&token.to_uppercase()).ok().flatten().is_none());
}

fn reopened_keeps_everything(place: &str) {
    let store = open(place);
    assert_eq!(steps(&store, "M-1"), ["s0", "s1", "x", "y", "p", "q", "r"]);
    assert_eq!(
        store.get("M-2").ok().and_then(|m| m.case.closed),
        Some(true)
    );
}

/// Two instances over one store, two writers each, append at once to many matters under a
/// check that allows at most `LIMIT` events a matter: every matter ends with exactly `LIMIT`,
/// whatever the interleaving.
fn checks_hold_across_instances(place: &str) {
    const LIMIT: usize = 3;
    const MATTERS: usize = 24;
    let matter = |m: usize| format!("R-{m:02}");
    let store = open(place);
    for m in 0..MATTERS {
        store
            .open_matter("a", &case(&matter(m), 0), None)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    std::thread::scope(|scope| {
        for instance in 0..2 {
            let store = std::sync::Arc::new(open(place));
            for writer in 0..2 {
                let store = std::sync::Arc::clone(&store);
                scope.spawn(move || {
                    for m in 0..MATTERS {
                        for i in 0..=LIMIT {
                            let id = format!("{instance}-{writer}-{i}");
                            let _ = store.append("a", &matter(m), &batch(&[&id]), |s| {
                                if s.case.events.len() > LIMIT {
                                    Err(StoreError::Forbidden)
                                } else {
                                    Ok(())
                                }
                            });
                        }
                    }
                });
            }
        }
    });
    for m in 0..MATTERS {
        assert_eq!(steps(&store, &matter(m)).len(), LIMIT, "{}", matter(m));
    }
}

#[test]
fn sqlite_passes_the_store_suite() {
    let dir = std::env::temp_dir().join(format!("duechain-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    suite(&dir.join("matters.db").to_string_lossy());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn postgres_passes_the_store_suite() {
    if let Some(db) = common::postgres_database("suite") {
        suite(&db.url);
    }
}
