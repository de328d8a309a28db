//! The SQLite backend: one file in WAL mode with full synchronous commits.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, TransactionBehavior};

use super::{Backend, Cell, Sql, StoreError};

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

/// A SQLite file, one connection.
pub(crate) struct Sqlite {
    db: Mutex<Connection>,
}

impl Sqlite {
    /// Opens (creating) the file and applies the migrations it lacks.
    pub(crate) fn open(path: &Path) -> Result<Sqlite, StoreError> {
        let mut db = Connection::open(path)?;
        db.pragma_update(None, "journal_mode", "WAL")?;
        db.pragma_update(None, "synchronous", "FULL")?;
        db.pragma_update(None, "foreign_keys", "ON")?;
        let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let applied: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let applied = usize::try_from(applied).unwrap_or(0);
        // The schema migrations, in order; `PRAGMA user_version` counts those applied.
        for (i, m) in super::migrations("INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER")
            .iter()
            .enumerate()
            .skip(applied)
        {
            tx.execute_batch(m)?;
            tx.pragma_update(None, "user_version", i64::try_from(i + 1).unwrap_or(0))?;
        }
        tx.commit()?;
        Ok(Sqlite { db: Mutex::new(db) })
    }
}

impl Backend for Sqlite {
    fn transaction(
        &self,
        write: bool,
        f: &mut dyn FnMut(&mut dyn Sql) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut db = self
            .db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // A writer takes the database's lock at the start, which row locks would only narrow.
        let behavior = if write {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        let mut tx = Tx(db.transaction_with_behavior(behavior)?);
        f(&mut tx)?;
        Ok(tx.0.commit()?)
    }
}

/// One SQLite transaction.
struct Tx<'a>(rusqlite::Transaction<'a>);

/// SQLite's form of a statement: it has no row locks (`FOR UPDATE`).
fn dialect(sql: &str) -> &str {
    sql.strip_suffix(" FOR UPDATE").unwrap_or(sql)
}

impl Sql for Tx<'_> {
    fn execute(&mut self, sql: &str, params: &[Option<&str>]) -> Result<u64, StoreError> {
        let mut q = self.0.prepare_cached(dialect(sql))?;
        let n = q.execute(rusqlite::params_from_iter(params))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn query(&mut self, sql: &str, params: &[Option<&str>]) -> Result<Vec<Vec<Cell>>, StoreError> {
        let mut q = self.0.prepare_cached(dialect(sql))?;
        let width = q.column_count();
        let mut rows = q.query(rusqlite::params_from_iter(params))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(match row.get_ref(i)? {
                    ValueRef::Integer(n) => Cell::Int(n),
                    ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Null | ValueRef::Real(_) | ValueRef::Blob(_) => Cell::Null,
                });
            }
            out.push(cells);
        }
        Ok(out)
    }
}
