//! The durable store of matters in progress (电子监察): each matter's case without its events,
//! and its events in arrival order, keyed by the client's event id so an append is idempotent.
//! Two backends run the same statements: SQLite (one file, WAL, full synchronous commits: a
//! write acknowledged has reached the disk) and PostgreSQL (several service instances over one
//! database; a write locks its matter's row, so checks hold across instances).

mod postgres;
mod sqlite;

use crate::eval::case::{CaseError, RawCase, RawEvent};

/// The schema migrations, in order, in a backend's words for an auto-numbered key and a
/// whole number.
pub(crate) fn migrations(serial_key: &str, int: &str) -> [String; 2] {
    [
        format!(
            "CREATE TABLE matter (
                id TEXT PRIMARY KEY,
                unit TEXT,
                closed {int} NOT NULL DEFAULT 0,
                body TEXT NOT NULL
            );
            CREATE TABLE event (
                seq {serial_key},
                matter TEXT NOT NULL REFERENCES matter(id),
                client_id TEXT NOT NULL,
                body TEXT NOT NULL,
                UNIQUE (matter, client_id)
            );
            CREATE INDEX event_matter ON event (matter, seq);
            CREATE TABLE audit (
                seq {serial_key},
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                matter TEXT,
                body TEXT NOT NULL
            );"
        ),
        "CREATE TABLE token (
            hash TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            scope TEXT NOT NULL,
            unit TEXT,
            created TEXT NOT NULL
        );"
        .to_owned(),
    ]
}

/// A value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Null,
    Int(i64),
    Text(String),
}

impl Cell {
    fn text(self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s),
            Cell::Int(_) | Cell::Null => None,
        }
    }

    fn int(&self) -> i64 {
        match self {
            Cell::Int(n) => *n,
            Cell::Text(_) | Cell::Null => 0,
        }
    }
}

/// Statements of one backend, written with `?1`-style text parameters (`None` is NULL).
pub(crate) trait Sql {
    /// Runs a statement; how many rows it changed.
    fn execute(&mut self, sql: &str, params: &[Option<&str>]) -> Result<u64, StoreError>;
    /// The rows of a query.
    fn query(&mut self, sql: &str, params: &[Option<&str>]) -> Result<Vec<Vec<Cell>>, StoreError>;
}

/// A database the store runs on.
pub(crate) trait Backend: Send + Sync {
    /// Runs `f` in one transaction (taking the write lock at once when `write`): committed
    /// when it returns `Ok`, rolled back otherwise.
    fn transaction(
        &self,
        write: bool,
        f: &mut dyn FnMut(&mut dyn Sql) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// Why the store could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    /// No matter has that id.
    NotFound,
    /// A matter with that id exists already.
    Exists,
    /// The matter is closed: nothing more is appended.
    Closed,
    /// The caller's token does not cover the matter.
    Forbidden,
    /// The matter with what was to be stored is not a valid case.
    Invalid(CaseError),
    /// The database failed.
    Db(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::NotFound => f.write_str("no such matter"),
            StoreError::Exists => f.write_str("a matter with this id exists already"),
            StoreError::Closed => f.write_str("the matter is closed"),
            StoreError::Forbidden => {
                f.write_str("the token's scope does not cover this matter or action")
            }
            StoreError::Invalid(e) => write!(f, "{} at `{}`", e.message, e.path),
            StoreError::Db(e) => write!(f, "the store failed: {e}"),
        }
    }
}

/// A matter stored: its case (events included) and its unit.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The case, with every event appended so far, and `closed` as stored.
    pub case: RawCase,
    /// The unit it belongs to.
    pub unit: Option<String>,
}

/// The matters, in SQLite or PostgreSQL.
pub struct Store {
    backend: Box<dyn Backend>,
}

/// Whether `place` names a PostgreSQL database rather than a SQLite file.
fn is_url(place: &str) -> bool {
    place.starts_with("postgres://") || place.starts_with("postgresql://")
}

/// `place` as it may be shown in a message or a log: a URL's password, in its user part or its
/// query, as `***`.
pub fn shown(place: &str) -> String {
    if !is_url(place) {
        return place.to_owned();
    }
    let (scheme, rest) = place.split_once("://").unwrap_or(("", place));
    let (address, query) = rest
        .split_once('?')
        .map_or((rest, None), |(a, q)| (a, Some(q)));
    // The user part ends at the last `@` (a password may hold `/` or `@` unescaped).
    let address = match address.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => address.to_owned(),
        },
        None => address.to_owned(),
    };
    let query = query.map(|q| {
        let pairs = q.split('&').map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_owned(),
        });
        format!("?{}", pairs.collect::<Vec<_>>().join("&"))
    });
    format!("{scheme}://{address}{}", query.unwrap_or_default())
}

impl Store {
    /// Opens (creating) the store at `place`, a SQLite file or a PostgreSQL URL, bringing its
    /// schema up to date.
    pub fn open(place: &str) -> Result<Store, StoreError> {
        let backend: Box<dyn Backend> = if is_url(place) {
            Box::new(postgres::Postgres::connect(place)?)
        } else {
            Box::new(sqlite::Sqlite::open(std::path::Path::new(place))?)
        };
        Ok(Store { backend })
    }

    /// Runs `f` in one transaction and returns what it made.
    fn run<T>(
        &self,
        write: bool,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut f = Some(f);
        let mut out = None;
        self.backend.transaction(write, &mut |sql| {
            if let Some(f) = f.take() {
                out = Some(f(sql)?);
            }
            Ok(())
        })?;
        out.ok_or_else(|| StoreError::Db("the transaction did not run".to_owned()))
    }

    /// Runs `f` in one write transaction with an audit line: all of it is stored, or none.
    fn write<T>(
        &self,
        actor: &str,
        action: &str,
        matter: &str,
        f: impl FnOnce(&mut dyn Sql) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.run(true, |sql| {
            let out = f(sql)?;
            let at = jiff::Timestamp::now().to_string();
            sql.execute(
                "INSERT INTO audit (at, actor, action, matter, body) VALUES (?1, ?2, ?3, ?4, '')",
                &[Some(&at), Some(actor), Some(action), Some(matter)],
            )?;
            Ok(out)
        })
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
        self.write(actor, "open", &case.id, |sql| {
            let added = sql.execute(
                "INSERT INTO matter (id, unit, closed, body) VALUES (?1, ?2, 0, ?3) \
                 ON CONFLICT DO NOTHING",
                &[Some(&case.id), unit, Some(&body)],
            )?;
            if added == 0 {
                return Err(StoreError::Exists);
            }
            for (i, e) in events.iter().enumerate() {
                insert_event(sql, &case.id, &i.to_string(), e)?;
            }
            Ok(())
        })
    }

    /// Appends events, each under the client's id, once `check` accepts the matter as stored
    /// with them (the matter is locked meanwhile): an id already stored is skipped, so a
    /// retried request changes nothing. Returns how many were new.
    pub fn append(
        &self,
        actor: &str,
        matter: &str,
        events: &[(String, RawEvent)],
        check: impl FnOnce(&Stored) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        self.write(actor, "append", matter, |sql| {
            let mut stored = read(sql, matter, true)?;
            if stored.case.closed == Some(true) {
                return Err(StoreError::Closed);
            }
            stored
                .case
                .events
                .extend(events.iter().map(|(_, e)| e.clone()));
            check(&stored)?;
            let mut added = 0;
            for (id, e) in events {
                added += insert_event(sql, matter, id, e)?;
            }
            Ok(added)
        })
    }

    /// Closes a matter once `check` accepts it as stored.
    pub fn close(
        &self,
        actor: &str,
        matter: &str,
        check: impl FnOnce(&Stored) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        self.write(actor, "close", matter, |sql| {
            check(&read(sql, matter, true)?)?;
            sql.execute(
                "UPDATE matter SET closed = 1 WHERE id = ?1",
                &[Some(matter)],
            )?;
            Ok(())
        })
    }

    /// A matter with its events, as a case (`closed` as stored).
    pub fn get(&self, matter: &str) -> Result<Stored, StoreError> {
        self.run(false, |sql| read(sql, matter, false))
    }

    /// The ids of every matter, open ones only when asked, in id order.
    pub fn ids(&self, open_only: bool) -> Result<Vec<String>, StoreError> {
        let sql = if open_only {
            "SELECT id FROM matter WHERE closed = 0 ORDER BY id"
        } else {
            "SELECT id FROM matter ORDER BY id"
        };
        let rows = self.run(false, |db| db.query(sql, &[]))?;
        Ok(rows.into_iter().filter_map(first_text).collect())
    }

    /// How many audit lines are stored (every write adds one).
    pub fn audit_len(&self) -> Result<i64, StoreError> {
        let rows = self.run(false, |db| db.query("SELECT count(*) FROM audit", &[]))?;
        Ok(rows.first().and_then(|r| r.first()).map_or(0, Cell::int))
    }
}

/// The first column of a row, as text.
fn first_text(row: Vec<Cell>) -> Option<String> {
    row.into_iter().next().and_then(Cell::text)
}

/// A matter with its events, its row locked for the transaction when `lock`.
fn read(sql: &mut dyn Sql, matter: &str, lock: bool) -> Result<Stored, StoreError> {
    let q = if lock {
        "SELECT body, unit, closed FROM matter WHERE id = ?1 FOR UPDATE"
    } else {
        "SELECT body, unit, closed FROM matter WHERE id = ?1"
    };
    let row = sql.query(q, &[Some(matter)])?.into_iter().next();
    let Some(mut row) = row.filter(|r| r.len() == 3) else {
        return Err(StoreError::NotFound);
    };
    let is_closed = row.pop().is_some_and(|c| c.int() != 0);
    let unit = row.pop().and_then(Cell::text);
    let body = row.pop().and_then(Cell::text).unwrap_or_default();
    let mut case: RawCase =
        serde_json::from_str(&body).map_err(|e| StoreError::Db(format!("a stored case: {e}")))?;
    let events = sql.query(
        "SELECT body FROM event WHERE matter = ?1 ORDER BY seq",
        &[Some(matter)],
    )?;
    for body in events.into_iter().filter_map(first_text) {
        let e = serde_json::from_str::<RawEvent>(&body)
            .map_err(|e| StoreError::Db(format!("a stored event: {e}")))?;
        case.events.push(e);
    }
    case.closed = Some(is_closed);
    Ok(Stored { case, unit })
}

/// Inserts one event unless its client id is stored already; 1 when it was new.
fn insert_event(
    sql: &mut dyn Sql,
    matter: &str,
    id: &str,
    e: &RawEvent,
) -> Result<usize, StoreError> {
    let body = serde_json::to_string(e).unwrap_or_default();
    let added = sql.execute(
        "INSERT INTO event (matter, client_id, body) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        &[Some(matter), Some(id), Some(&body)],
    )?;
    Ok(usize::from(added > 0))
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
        getrandom::fill(&mut bytes).map_err(|e| StoreError::Db(e.to_string()))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let hash = token_hash(&token);
        let created = jiff::Timestamp::now().to_string();
        self.write(&holder.name, "token", "", |sql| {
            sql.execute(
                "INSERT INTO token (hash, name, scope, unit, created) VALUES (?1, ?2, ?3, ?4, ?5)",
                &[
                    Some(&hash),
                    Some(&holder.name),
                    Some(holder.scope.as_str()),
                    holder.unit.as_deref(),
                    Some(&created),
                ],
            )
        })?;
        Ok(token)
    }

    /// The holder of a token, if it is one.
    pub fn holder(&self, token: &str) -> Result<Option<Holder>, StoreError> {
        let hash = token_hash(token);
        let rows = self.run(false, |sql| {
            sql.query(
                "SELECT name, scope, unit FROM token WHERE hash = ?1",
                &[Some(&hash)],
            )
        })?;
        let Some(mut row) = rows.into_iter().next().filter(|r| r.len() == 3) else {
            return Ok(None);
        };
        let unit = row.pop().and_then(Cell::text);
        let scope = row.pop().and_then(Cell::text);
        let name = row.pop().and_then(Cell::text).unwrap_or_default();
        Ok(scope
            .and_then(|s| Scope::parse(&s))
            .map(|scope| Holder { name, scope, unit }))
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn passwords_are_not_shown() {
        let cases = [
            ("matters.db", "matters.db"),
            ("p:q@x.db", "p:q@x.db"),
            (
                "postgres://u:s3cr3t@db:5432/m",
                "postgres://u:***@db:5432/m",
            ),
            ("postgresql://u:a:b@c@db/m", "postgresql://u:***@db/m"),
            ("postgres://u@db/m", "postgres://u@db/m"),
            (
                "postgres://db/m?user=u&Password=s3cr3t",
                "postgres://db/m?user=u&Password=***",
            ),
            ("postgres://u:s3cr3t@db", "postgres://u:***@db"),
            ("postgres://u:pa/ss@db/m", "postgres://u:***@db/m"),
        ];
        for (place, expected) in cases {
            assert_eq!(shown(place), expected, "{place}");
        }
    }
}
