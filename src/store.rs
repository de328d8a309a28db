//! The durable store of matters in progress (电子监察): each matter's case without its events,
//! and its events in arrival order, keyed by the client's event id so an append is idempotent.
//! SQLite in WAL mode with full synchronous commits: a write acknowledged has reached the disk.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use crate::eval::case::{RawCase, RawEvent};

/// The schema migrations, in order; `PRAGMA user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE matter (
        id TEXT PRIMARY KEY,
        unit TEXT,
        closed INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL
    );
    CREATE TABLE event (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        matter TEXT NOT NULL REFERENCES matter(id),
        client_id TEXT NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (matter, client_id)
    );
    CREATE INDEX event_matter ON event (matter, seq);
    CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        matter TEXT,
        body TEXT NOT NULL
    );",
    "CREATE TABLE token (
        hash TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        scope TEXT NOT NULL,
        unit TEXT,
        created TEXT NOT NULL
    );",
];

/// Why the store could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    /// No matter has that id.
    NotFound,
    /// A matter with that id exists already.
    Exists,
    /// The matter is closed: nothing more is appended.
    Closed,
    /// The database failed.
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NotFound => f.write_str("no such matter"),
            StoreError::Exists => f.write_str("a matter with this id exists already"),
            StoreError::Closed => f.write_str("the matter is closed"),
            StoreError::Db(e) => write!(f, "the store failed: {e}"),
        }
    }
}

/// A matter stored: its case (events included) and whether it is closed.
pub struct Stored {
    /// The case, with every event appended so far.
    pub case: RawCase,
    /// The unit it belongs to.
    pub unit: Option<String>,
}

/// Matters in a SQLite file.
pub struct Store {
    db: Mutex<Connection>,
}

impl Store {
    /// Opens (creating) a store, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = Connection::open(path)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "foreign_keys", "ON")?;
        let applied: i64 = db.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(0);
        for (i, m) in MIGRATIONS.iter().enumerate().skip(applied) {
            db.execute_batch(m)?;
            db.pragma_update(
                None,
                "user_version",
                i64::try_from(i + 1).unwrap_or(i64::MAX),
            )?;
        }
        Ok(Store { db: Mutex::new(db) })
    }

    fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs `f` in one transaction, with an audit line: all of it is stored, or none.
    fn write<T>(
        &self,
        actor: &str,
        action: &str,
        matter: &str,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut db = self.db();
        let tx = db.transaction()?;
        let out = f(&tx)?;
        let at = jiff::Timestamp::now().to_string();
        tx.execute(
            "INSERT INTO audit (at, actor, action, matter, body) VALUES (?1, ?2, ?3, ?4, '')",
            params![at, actor, action, matter],
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Stores a new matter (its case's events are appended with ids `0`, `1`, …).
    pub fn open_matter(
        &self,
        actor: &str,
        case: &RawCase,
        unit: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut head = case.clone();
        let events = std::mem::take(&mut head.events);
        let body = serde_json::to_string(&head).unwrap_or_default();
        self.write(actor, "open", &case.id, |tx| {
            let exists: Option<String> = tx
                .query_row("SELECT id FROM matter WHERE id = ?1", [&case.id], |r| {
                    r.get(0)
                })
                .optional()?;
            if exists.is_some() {
                return Err(StoreError::Exists);
            }
            tx.execute(
                "INSERT INTO matter (id, unit, body) VALUES (?1, ?2, ?3)",
                params![case.id, unit, body],
            )?;
            for (i, e) in events.iter().enumerate() {
                insert_event(tx, &case.id, &i.to_string(), e)?;
            }
            Ok(())
        })
    }

    /// Appends events, each under the client's id: an id already stored is skipped, so a
    /// retried request changes nothing. Returns how many were new.
    pub fn append(
        &self,
        actor: &str,
        matter: &str,
        events: &[(String, RawEvent)],
    ) -> Result<usize, StoreError> {
        self.write(actor, "append", matter, |tx| {
            if closed(tx, matter)? {
                return Err(StoreError::Closed);
            }
            let mut added = 0;
            for (id, e) in events {
                added += insert_event(tx, matter, id, e)?;
            }
            Ok(added)
        })
    }

    /// Closes a matter.
    pub fn close(&self, actor: &str, matter: &str) -> Result<(), StoreError> {
        self.write(actor, "close", matter, |tx| {
            closed(tx, matter)?;
            tx.execute("UPDATE matter SET closed = 1 WHERE id = ?1", [matter])?;
            Ok(())
        })
    }

    /// A matter with its events, as a case (`closed` as stored).
    pub fn get(&self, matter: &str) -> Result<Stored, StoreError> {
        let db = self.db();
        let row: Option<(String, Option<String>, bool)> = db
            .query_row(
                "SELECT body, unit, closed FROM matter WHERE id = ?1",
                [matter],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((body, unit, is_closed)) = row else {
            return Err(StoreError::NotFound);
        };
        let mut case: RawCase = serde_json::from_str(&body)
            .map_err(|e| StoreError::Db(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        let mut q = db.prepare_cached("SELECT body FROM event WHERE matter = ?1 ORDER BY seq")?;
        let rows = q.query_map([matter], |r| r.get::<_, String>(0))?;
        for body in rows {
            if let Ok(e) = serde_json::from_str::<RawEvent>(&body?) {
                case.events.push(e);
            }
        }
        case.closed = Some(is_closed);
        Ok(Stored { case, unit })
    }

    /// The ids of every matter, open ones only when asked, in id order.
    pub fn ids(&self, open_only: bool) -> Result<Vec<String>, StoreError> {
        let db = self.db();
        let sql = if open_only {
            "SELECT id FROM matter WHERE closed = 0 ORDER BY id"
        } else {
            "SELECT id FROM matter ORDER BY id"
        };
        let mut q = db.prepare(sql)?;
        let ids = q
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// How many audit lines are stored (every write adds one).
    pub fn audit_len(&self) -> Result<i64, StoreError> {
        Ok(self
            .db()
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))?)
    }
}

/// What a bearer token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Opens, appends to and reads the matters of its own unit.
    Office,
    /// Reads everything, writes nothing.
    Auditor,
    /// Everything, and manages tokens.
    Admin,
}

impl Scope {
    /// The scope's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Office => "office",
            Scope::Auditor => "auditor",
            Scope::Admin => "admin",
        }
    }

    /// The scope of a name.
    pub fn parse(s: &str) -> Option<Scope> {
        [Scope::Office, Scope::Auditor, Scope::Admin]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A token's holder: its name, scope and (for an office) unit.
#[derive(Debug, Clone)]
pub struct Holder {
    /// Who holds it (written in the audit log).
    pub name: String,
    /// What it may do.
    pub scope: Scope,
    /// An office's unit.
    pub unit: Option<String>,
}

/// The SHA-256 of a token, in hex: only the hash is stored.
fn token_hash(token: &str) -> String {
    crate::compile::load::FileHash::of(String::new(), token.as_bytes()).sha256
}

impl Store {
    /// Makes a new random token, stores its hash, and returns the token (shown once).
    pub fn create_token(&self, holder: &Holder) -> Result<String, StoreError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| {
            StoreError::Db(rusqlite::Error::ToSqlConversionFailure(Box::new(
                std::io::Error::other(e.to_string()),
            )))
        })?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let hash = token_hash(&token);
        self.write(&holder.name, "token", "", |tx| {
            tx.execute(
                "INSERT INTO token (hash, name, scope, unit, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    hash,
                    holder.name,
                    holder.scope.as_str(),
                    holder.unit,
                    jiff::Timestamp::now().to_string()
                ],
            )?;
            Ok(())
        })?;
        Ok(token)
    }

    /// The holder of a token, if it is one.
    pub fn holder(&self, token: &str) -> Result<Option<Holder>, StoreError> {
        let row: Option<(String, String, Option<String>)> = self
            .db()
            .query_row(
                "SELECT name, scope, unit FROM token WHERE hash = ?1",
                [token_hash(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(name, scope, unit)| {
            Scope::parse(&scope).map(|scope| Holder { name, scope, unit })
        }))
    }
}

/// Whether a matter is closed (NotFound when there is none).
fn closed(tx: &rusqlite::Transaction<'_>, matter: &str) -> Result<bool, StoreError> {
    let c: Option<bool> = tx
        .query_row("SELECT closed FROM matter WHERE id = ?1", [matter], |r| {
            r.get(0)
        })
        .optional()?;
    c.ok_or(StoreError::NotFound)
}

/// Inserts one event unless its client id is stored already; 1 when it was new.
fn insert_event(
    tx: &rusqlite::Transaction<'_>,
    matter: &str,
    id: &str,
    e: &RawEvent,
) -> Result<usize, StoreError> {
    let body = serde_json::to_string(e).unwrap_or_default();
    Ok(tx.execute(
        "INSERT OR IGNORE INTO event (matter, client_id, body) VALUES (?1, ?2, ?3)",
        params![matter, id, body],
    )?)
}
