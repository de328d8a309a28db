//! The PostgreSQL backend, for a deployment with several service instances over one database.
//! A writing transaction locks its matter's row (`FOR UPDATE`), so what one instance checks
//! still holds when it commits. Connections are plain TCP (no TLS): keep the database on a
//! trusted network.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use super::{Backend, Cell, Sql, StoreError};

/// An arbitrary key of the advisory lock that makes instances starting together migrate once.
const MIGRATION_LOCK: i64 = 0x6475_6563;

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Db(e.to_string())
    }
}

/// One connection to a PostgreSQL database, with its prepared statements.
pub(crate) struct Postgres {
    db: Mutex<(Client, HashMap<String, Statement>)>,
}

impl Postgres {
    /// Connects (waiting 10 seconds at most unless the URL says otherwise) and applies the
    /// migrations the database lacks.
    pub(crate) fn connect(url: &str) -> Result<Postgres, StoreError> {
        let mut config: postgres::Config = url.parse()?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        let mut client = blocking(|| config.connect(NoTls))?;
        blocking(|| migrate(&mut client))?;
        Ok(Postgres {
            db: Mutex::new((client, HashMap::new())),
        })
    }
}

/// Brings the schema up to date, one instance at a time.
fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS duechain_schema (version BIGINT NOT NULL)")?;
    let applied: Option<i64> = tx
        .query_one("SELECT max(version) FROM duechain_schema", &[])?
        .get(0);
    let applied = usize::try_from(applied.unwrap_or(0)).unwrap_or(0);
    // The schema migrations, in order; the table `duechain_schema` counts those applied.
    for (i, m) in super::migrations("BIGSERIAL PRIMARY KEY", "BIGINT")
        .iter()
        .enumerate()
        .skip(applied)
    {
        tx.batch_execute(m)?;
        let version = i64::try_from(i + 1).unwrap_or(0);
        tx.execute(
            "INSERT INTO duechain_schema (version) VALUES ($1)",
            &[&version],
        )?;
    }
    Ok(tx.commit()?)
}

/// Runs blocking database work; inside the service's runtime, it tells the runtime first.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::task::block_in_place(f)
    } else {
        f()
    }
}

impl Backend for Postgres {
    fn transaction(
        &self,
        _write: bool,
        f: &mut dyn FnMut(&mut dyn Sql) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut guard = self
            .db
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (client, prepared) = &mut *guard;
        blocking(|| {
            let mut tx = Tx {
                tx: client.transaction()?,
                prepared,
            };
            f(&mut tx)?;
            Ok(tx.tx.commit()?)
        })
    }
}

/// One PostgreSQL transaction.
struct Tx<'a> {
    tx: postgres::Transaction<'a>,
    prepared: &'a mut HashMap<String, Statement>,
}

/// PostgreSQL's form of a statement: `$1` where the store writes `?1`.
fn dialect(sql: &str) -> String {
    sql.replace('?', "$")
}

impl Tx<'_> {
    /// The statement, prepared once per connection.
    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(&dialect(sql))?;
        self.prepared.insert(sql.to_owned(), s.clone());
        Ok(s)
    }
}

/// The parameters as the driver takes them.
fn bound<'a>(params: &'a [Option<&'a str>]) -> Vec<&'a (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl Sql for Tx<'_> {
    fn execute(&mut self, sql: &str, params: &[Option<&str>]) -> Result<u64, StoreError> {
        let s = self.statement(sql)?;
        Ok(self.tx.execute(&s, &bound(params))?)
    }

    fn query(&mut self, sql: &str, params: &[Option<&str>]) -> Result<Vec<Vec<Cell>>, StoreError> {
        let s = self.statement(sql)?;
        let rows = self.tx.query(&s, &bound(params))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut cells = Vec::with_capacity(row.len());
            for (i, column) in row.columns().iter().enumerate() {
                let cell = if *column.type_() == Type::INT8 {
                    row.try_get::<_, Option<i64>>(i)?
                        .map_or(Cell::Null, Cell::Int)
                } else {
                    row.try_get::<_, Option<String>>(i)?
                        .map_or(Cell::Null, Cell::Text)
                };
                cells.push(cell);
            }
            out.push(cells);
        }
        Ok(out)
    }
}
