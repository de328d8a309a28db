//! What the test binaries and the benchmarks share: the repository on the disk.
#![allow(dead_code, reason = "each binary uses part of it")]

pub mod shapes;

use std::path::{Path, PathBuf};

use duechain::compile::Files;

/// Reads rulebooks from the disk, as the command line does.
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        #[expect(
            clippy::disallowed_methods,
            reason = "tests and benchmarks read the repository's files"
        )]
        std::fs::read(path)
    }
}

/// The repository root.
pub fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The entries of a repository directory, in name order.
pub fn entries(dir: &str) -> Vec<PathBuf> {
    let read = std::fs::read_dir(manifest().join(dir));
    let mut out: Vec<PathBuf> = read
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// A fixture's rulebook: the file itself, or `main.dcl` of a fixture directory.
pub fn main_file(fixture: &Path) -> PathBuf {
    if fixture.is_dir() {
        fixture.join("main.dcl")
    } else {
        fixture.to_path_buf()
    }
}

/// The text of a file, empty when it cannot be read.
pub fn text(path: &Path) -> String {
    #[expect(
        clippy::disallowed_methods,
        reason = "tests and benchmarks read the repository's files"
    )]
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Loads a standard rulebook, which must be valid.
pub fn rulebook(name: &str) -> duechain::Checked {
    let rules = manifest().join("rules");
    let checked = duechain::check_file(&Disk, &manifest(), &rules.join(format!("{name}.dcl")));
    assert!(
        !checked.has_errors(),
        "rules/{name}.dcl has errors: {:?}",
        checked.diagnostics.first()
    );
    checked
}

/// A record as pretty JSON for a snapshot, in its field order: the provenance keeps its shape,
/// but the tool's build, the files' hashes and (for a closed matter, judged whenever the test
/// runs) the as-of date are replaced by placeholders, so a snapshot changes only when the
/// verdict does. It also checks that the JSON Lines writer writes the record byte for byte as
/// serde_json does.
pub fn snapshot_json(record: &duechain::eval::verdict::Record) -> String {
    assert_eq!(
        duechain::report::compact::to_line(record).ok(),
        serde_json::to_string(record).ok(),
        "the compact writer differs from serde_json"
    );
    let json = serde_json::to_string_pretty(record).unwrap_or_default();
    let closed = json.contains("\n  \"closed\": true,");
    let mut out = String::with_capacity(json.len());
    for line in json.lines() {
        let placeholder = [
            ("    \"tool\": ", "\"[tool]\""),
            ("        \"sha256\": ", "\"[sha256]\""),
            ("    \"as_of\": ", if closed { "\"[today]\"" } else { "" }),
        ]
        .into_iter()
        .find(|(key, value)| !value.is_empty() && line.starts_with(key));
        match placeholder {
            Some((key, value)) => {
                out.push_str(key);
                out.push_str(value);
                if line.ends_with(',') {
                    out.push(',');
                }
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// A log file's matters through a mapping, as the command line opens it (a file that cannot
/// be opened is one error item).
pub fn log_traces(
    path: &Path,
    mapping: &duechain::import::mapping::Mapping,
) -> duechain::import::Traces<'static> {
    use duechain::import::{self, LogError, Place, Source, mapping::LogFormat};
    let format = import::format_of(path, mapping);
    let source = if format == LogFormat::OcelSqlite {
        rusqlite::Connection::open(path)
            .map(Source::Sqlite)
            .map_err(|e| e.to_string())
    } else {
        std::fs::File::open(path)
            .map(|f| Source::Stream(Box::new(f)))
            .map_err(|e| e.to_string())
    };
    match source {
        Ok(s) => import::traces(s, format, mapping),
        Err(e) => Box::new(std::iter::once(Err(LogError::malformed(
            Place::default(),
            duechain::msg!("log-unreadable", reason = e),
        )))),
    }
}

/// The outside program a test needs, or None with a printed notice; with
/// `DUECHAIN_REQUIRE_TOOLS=1` (as in CI) a missing program fails the test instead.
#[allow(
    clippy::disallowed_methods,
    reason = "the switch that makes a skip a failure is read from the environment"
)]
pub fn outside_program(names: &[&str]) -> Option<String> {
    let found = names.iter().find(|n| {
        // Installed when it starts at all (Graphviz's `dot` knows only `-V`).
        std::process::Command::new(n)
            .arg("--version")
            .output()
            .is_ok()
    });
    if found.is_none() {
        assert!(
            std::env::var_os("DUECHAIN_REQUIRE_TOOLS").is_none(),
            "{names:?} is not installed and DUECHAIN_REQUIRE_TOOLS is set"
        );
        println!("notice: {names:?} is not installed: this test is skipped");
    }
    found.map(|n| (*n).to_owned())
}

/// A fresh, empty PostgreSQL database for one test, dropped with the guard: the server is
/// the one `DUECHAIN_POSTGRES_URL` names (`postgres://user:password@host/database`); without
/// it the test is skipped with a notice, or fails when `DUECHAIN_REQUIRE_TOOLS` is set.
#[expect(
    clippy::disallowed_methods,
    reason = "the server to test against is named in the environment"
)]
pub fn postgres_database(name: &str) -> Option<PgDatabase> {
    let Some(url) = std::env::var("DUECHAIN_POSTGRES_URL").ok() else {
        assert!(
            std::env::var_os("DUECHAIN_REQUIRE_TOOLS").is_none(),
            "DUECHAIN_POSTGRES_URL is not set and DUECHAIN_REQUIRE_TOOLS is set"
        );
        println!("notice: DUECHAIN_POSTGRES_URL is not set: this PostgreSQL test is skipped");
        return None;
    };
    let db = format!("duechain_test_{}_{name}", std::process::id());
    let admin = |sql: &str| {
        let mut c = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot reach {url}: {e}"));
        c.batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    };
    admin(&format!("DROP DATABASE IF EXISTS {db}"));
    admin(&format!("CREATE DATABASE {db}"));
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    Some(PgDatabase {
        url: format!("{base}/{db}"),
        admin_url: url.clone(),
        name: db,
    })
}

/// A PostgreSQL database made for a test; dropped with it.
pub struct PgDatabase {
    /// Its URL.
    pub url: String,
    admin_url: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin_url, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// Starts `duechain serve` on the service-window rulebook over `db` (a file or a URL), on a free port of
/// 127.0.0.1: the child and the base URL it printed.
pub fn spawn_service(
    bin: &Path,
    db: impl AsRef<std::ffi::OsStr>,
    extra: &[&str],
) -> std::io::Result<(std::process::Child, String)> {
    use std::io::BufRead;
    let mut child = std::process::Command::new(bin)
        .current_dir(manifest())
        .args([
            "serve",
            "rules/service_window.dcl",
            "--listen",
            "127.0.0.1:0",
            "--db",
        ])
        .arg(db)
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        std::io::BufReader::new(out).read_line(&mut line)?;
    }
    let base = line.trim().trim_start_matches("listening on ").to_owned();
    Ok((child, base))
}

/// A page loaded in headless Chromium: the console messages it logged and the DOM after its
/// scripts ran.
pub fn headless_dom(chromium: &str, url: &str) -> (Vec<String>, String) {
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            url,
        ])
        .output();
    let Ok(out) = out else {
        return (vec!["chromium did not run".to_owned()], String::new());
    };
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (console, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// How many times `word` is written as a name in a rulebook text.
pub fn names_in(text: &str, word: &str) -> usize {
    duechain::parse::names(text)
        .into_iter()
        .filter(|&(s, e)| text.get(s..e) == Some(word))
        .count()
}

/// Whether a text holds Chinese (a CJK unified ideograph).
pub fn chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An error record's message reads in Chinese and keeps its English in the record.
pub fn reads_in_chinese(record: &duechain::eval::verdict::Record, place: &Path) {
    use duechain::diag::Lang;
    if let duechain::eval::verdict::Record::Error(e) = record {
        let zh = e.error.message_in(Lang::Zh);
        assert!(
            zh != e.error.message && chinese(&zh),
            "{}: {zh}",
            place.display()
        );
        assert_eq!(e.error.message_in(Lang::En), e.error.message);
    }
}

/// A coded error as the user sees it (stderr, or a service's answer), snapshotted beside the
/// check fixtures as the failing example of its code.
pub fn snapshot_code(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}
