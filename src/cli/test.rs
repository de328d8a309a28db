//! `duechain test`: run each rulebook's reference cases against their expected verdicts.

use std::path::{Path, PathBuf};

use super::args::{TestArgs, TestFormat};
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::compile::model::Model;
use duechain::diag::{Code, Msg};
use duechain::eval::Plan;
use duechain::eval::verdict::Status;
use duechain::import;
use duechain::report::diagnostics;
use duechain::suite::{CaseRun, Coverage, Outcome, SuiteReport, is_error_record, judge, run_case};

/// Prints a line of the human report; the JSON report prints nothing until its document.
macro_rules! say {
    ($args:expr, $($t:tt)*) => {
        if $args.format == TestFormat::Human {
            outln!($($t)*);
        }
    };
}

/// Prints a catalog message as a line of the human report, in the asked language.
macro_rules! say_msg {
    ($args:expr, $m:expr) => {
        say!($args, "{}", $m.text(super::lang()))
    };
}

/// What a run has found so far.
#[derive(Default)]
struct Run {
    status: u8,
    suites: Vec<SuiteReport>,
    coverage: Coverage,
}

/// Runs the suites; exit 0 when every verdict matches and coverage suffices, 1 otherwise, 2 when
/// a rulebook or a file cannot be used or nothing ran.
pub fn run(args: &TestArgs) -> u8 {
    let mut books = Vec::new();
    files::rulebooks(&args.path, false, &mut books);
    let mut run = Run::default();
    for book in &books {
        suite(args, book, &mut run);
    }
    let count = |f: fn(&SuiteReport) -> usize| run.suites.iter().map(f).sum::<usize>();
    let ran: usize = run.suites.iter().map(|s| s.cases.len()).sum();
    let failed = count(SuiteReport::failures) + count(SuiteReport::errors);
    let passed = run
        .suites
        .iter()
        .flat_map(|s| &s.cases)
        .filter(|c| c.passed())
        .count();
    let pct = run.coverage.percent();
    let lang = super::lang();
    let totals = duechain::msg!("test-totals", passed = passed, failed = failed);
    say!(args, "\n{}", totals.text(lang));
    let coverage = duechain::msg!("test-coverage", percent = format!("{pct:.1}"));
    say_msg!(args, coverage);
    if ran == 0 && run.status == OK {
        let what = if books.is_empty() {
            "no-rulebook"
        } else {
            "no-reference-case"
        };
        run.status = super::empty_run(args.allow_empty, std::slice::from_ref(&args.path), what);
    }
    if args.format == TestFormat::Json {
        out!("{}", duechain::suite::json(&run.suites, pct));
    }
    if let Some(path) = &args.junit {
        let now = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%S")
            .to_string();
        if let Err(e) = std::fs::write(path, duechain::suite::junit(&run.suites, &now)) {
            super::write_failed(path, &e);
            run.status = INVALID;
        }
    }
    if failed > 0 && run.status == OK {
        run.status = VIOLATIONS;
    }
    if let Some(min) = args.min_coverage
        && pct < min
    {
        let below = duechain::msg!(
            "test-coverage-below",
            percent = format!("{pct:.1}"),
            min = min
        );
        say_msg!(args, below);
        if run.status == OK {
            run.status = VIOLATIONS;
        }
    }
    run.status
}

/// Checks one rulebook and runs its reference cases.
fn suite(args: &TestArgs, book: &Path, run: &mut Run) {
    let checked = files::check(&args.root, book);
    let name = book.display().to_string();
    let Some(model) = checked.valid_model() else {
        let text = diagnostics::human(&checked.diagnostics, &checked.sources, false, super::lang());
        err!("{text}");
        let m = duechain::msg!("test-rulebook-errors", suite = name);
        say_msg!(args, m);
        run.suites.push(SuiteReport {
            name,
            cases: Vec::new(),
            orphans: Vec::new(),
            error: Some(text),
        });
        run.status = INVALID;
        return;
    };
    let Ok(dir) = cases_dir(args, book, model, &name) else {
        run.status = INVALID;
        return;
    };
    let Some(dir) = dir else {
        let m = duechain::msg!("test-no-cases", suite = name);
        say_msg!(args, m);
        return;
    };
    let plan = Plan::new(model);
    let mut coverage = Coverage::of(model);
    let mut report = SuiteReport {
        name,
        cases: Vec::new(),
        orphans: Vec::new(),
        error: None,
    };
    let cases: Vec<PathBuf> = json_files(&dir)
        .into_iter()
        .filter(|c| matches(args, &report.name, &stem(c)))
        .collect();
    for case in &cases {
        if let Some(c) = reference_case(args, &plan, &dir, case, &mut coverage, &report.name) {
            run.status = run.status.max(c.1);
            report.cases.push(c.0);
        } else {
            run.status = INVALID;
        }
    }
    for (log, map) in log_files(&dir) {
        if matches(args, &report.name, &log_stem(&log)) {
            let status = reference_log(args, &plan, (&log, &map), &mut coverage, &mut report);
            run.status = run.status.max(status);
        }
    }
    report.orphans = json_files(&dir.join("expected"))
        .iter()
        .map(|e| stem(e))
        .filter(|s| matches(args, &report.name, s) && !dir.join(format!("{s}.json")).is_file())
        .collect();
    for o in &report.orphans {
        let m = duechain::msg!("test-fail-orphan", suite = report.name, case = o);
        say_msg!(args, m);
    }
    let passed = report.cases.iter().filter(|r| r.passed()).count();
    let counts = duechain::msg!(
        "test-counts",
        name = report.name,
        total = report.cases.len(),
        passed = passed
    );
    say_msg!(args, counts);
    if args.format == TestFormat::Human {
        out!("{}", coverage.report(super::lang()));
    }
    run.coverage.merge(&model.id, &coverage);
    run.suites.push(report);
}

/// The directory of a rulebook's reference cases (`None` when it names none); an error, already
/// reported, when the directory is missing or outside the root.
fn cases_dir(
    args: &TestArgs,
    book: &Path,
    model: &Model,
    name: &str,
) -> Result<Option<PathBuf>, ()> {
    let Some(c) = &model.cases else {
        return Ok(None);
    };
    let dir = duechain::compile::load::normalize(&book.parent().unwrap_or(Path::new(".")).join(c));
    if !dir.is_dir() {
        super::fail(
            Code::UnreadableFile,
            name,
            duechain::msg!("cases-not-dir", dir = dir.display()),
            duechain::msg!("cases-not-dir-help"),
        );
        return Err(());
    }
    let (root, _) = files::root_and_path(&args.root, book);
    if !files::inside(&root, &dir) {
        super::fail(
            Code::ImportOutsideRoot,
            name,
            duechain::msg!("cases-outside-root", dir = dir.display()),
            duechain::msg!("cases-outside-root-help"),
        );
        return Err(());
    }
    Ok(Some(dir))
}

/// Runs one reference case (blessing it with `--bless`) and returns it with the run's status;
/// `None` when its file cannot be read.
fn reference_case(
    args: &TestArgs,
    plan: &Plan<'_>,
    dir: &Path,
    case: &Path,
    coverage: &mut Coverage,
    suite: &str,
) -> Option<(CaseRun, u8)> {
    let stem = stem(case);
    let expected_path = dir.join("expected").join(format!("{stem}.json"));
    let text = match read_text(case) {
        Ok(t) => t,
        Err(e) => {
            let place = case.display().to_string();
            super::fail(
                Code::UnreadableFile,
                &place,
                e,
                duechain::msg!("case-file-help"),
            );
            return None;
        }
    };
    let expected = read_text(&expected_path).ok();
    let compare = if args.bless {
        None
    } else {
        expected.as_deref()
    };
    let mut run = run_case(plan, &stem, &text, compare);
    coverage.add(
        &serde_json::from_str(&text).unwrap_or_default(),
        &run.record,
    );
    if args.bless {
        let allowed = args.allow_invalid || expected.as_deref().is_some_and(is_error_record);
        let blessed = bless(&run, allowed, expected.as_deref(), &expected_path);
        // A blessed case now matches its expectation; a refused one has none.
        run.unexpected = !blessed;
        return Some((run, if blessed { OK } else { INVALID }));
    }
    tell(args, suite, &run, &expected_path);
    Some((run, OK))
}

/// Says how a case came out, when it did not pass.
fn tell(args: &TestArgs, suite: &str, run: &CaseRun, expected: &Path) {
    let name = &run.name;
    match run.outcome() {
        Outcome::Passed => {}
        Outcome::NoExpectation => {
            let file = expected.display();
            let m = duechain::msg!(
                "test-fail-no-expectation",
                suite = suite,
                case = name,
                file = file
            );
            say_msg!(args, m);
        }
        Outcome::Changed | Outcome::Invalid => {
            let m = duechain::msg!("test-fail-changed", suite = suite, case = name);
            say_msg!(args, m);
            for line in duechain::suite::diff_lines(&run.diff, super::lang()) {
                say!(args, "    {line}");
            }
        }
    }
}

/// The event logs of a cases directory that have a mapping beside them (`NAME.toml`).
fn log_files(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut logs: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy().to_ascii_lowercase();
            [".csv", ".xes", ".xes.gz", ".jsonocel", ".sqlite"]
                .iter()
                .any(|x| name.ends_with(x))
        })
        .filter_map(|p| {
            let map = dir.join(format!("{}.toml", log_stem(&p)));
            map.is_file().then_some((p, map))
        })
        .collect();
    logs.sort();
    logs
}

/// A log's name without its extensions (`window-log` of `window-log.xes.gz`).
fn log_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split('.').next().unwrap_or("log").to_owned()
}

/// Runs every matter of a reference log as a case `LOG/ID`, compared with the records of
/// `expected/LOG.jsonl` by case id (blessing them all with `--bless`); the run's status.
fn reference_log(
    args: &TestArgs,
    plan: &Plan<'_>,
    (log, map): (&Path, &Path),
    coverage: &mut Coverage,
    report: &mut SuiteReport,
) -> u8 {
    let model = plan.model();
    let Some(mapping) =
        super::import::read_mapping(map).and_then(|p| super::import::check_mapping(p, model))
    else {
        return INVALID;
    };
    let stem = log_stem(log);
    let dir = log.parent().unwrap_or(Path::new("."));
    let expected_path = dir.join("expected").join(format!("{stem}.jsonl"));
    let expected: Vec<serde_json::Value> = read_text(&expected_path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let traces = super::import::open_log(log, &mapping);
    let mut runs = Vec::new();
    for trace in traces {
        let started = std::time::Instant::now();
        let (id, case, record) =
            match trace.and_then(|t| import::case_of(&t, &mapping, model).map(|c| (t, c))) {
                Ok((t, case)) => {
                    let record = plan.evaluate_case(&case, t.place.line, false);
                    (
                        Some(t.id),
                        serde_json::to_value(&case).unwrap_or_default(),
                        record,
                    )
                }
                Err(e) => (e.case.clone(), serde_json::Value::Null, e.record()),
            };
        let name = format!("{stem}/{}", id.as_deref().unwrap_or("?"));
        let want = expected
            .iter()
            .find(|v| id.is_some() && v["case"].as_str() == id.as_deref())
            .map(serde_json::Value::to_string);
        let compare = if args.bless { None } else { want.as_deref() };
        let run = judge(&name, record, started.elapsed().as_secs_f64(), compare);
        coverage.add(&case, &run.record);
        if !args.bless {
            tell(args, &report.name, &run, &expected_path);
        }
        runs.push(run);
    }
    let mut status = OK;
    if args.bless {
        let lines: Vec<String> = runs.iter().map(|r| r.actual.to_string()).collect();
        let invalid = runs.iter().find(|r| r.record.status() == Status::Invalid);
        match invalid {
            Some(r) if !args.allow_invalid => {
                status = INVALID;
                refuse(&expected_path.display().to_string(), &r.name);
            }
            _ => {
                let text = lines.join("\n") + "\n";
                if read_text(&expected_path).ok().as_deref() != Some(text.as_str()) {
                    status = write_expected(&expected_path, &text);
                }
            }
        }
        for r in &mut runs {
            r.unexpected = status != OK;
        }
    }
    report.cases.extend(runs);
    status
}

/// Whether `--filter` selects a case: its name or its rulebook's path contains the pattern.
fn matches(args: &TestArgs, suite: &str, case: &str) -> bool {
    args.filter
        .as_deref()
        .is_none_or(|f| case.contains(f) || suite.contains(f))
}

/// A file's stem, the case's name.
fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("case")
        .to_owned()
}

/// Writes a case's verdict as its expectation, unless it is an error record that is not allowed
/// (DC0907); true when the expectation now holds the verdict.
fn bless(run: &CaseRun, allowed: bool, expected: Option<&str>, path: &Path) -> bool {
    if run.record.status() == Status::Invalid && !allowed {
        refuse(&path.display().to_string(), &run.name);
        return false;
    }
    let pretty = serde_json::to_string_pretty(&run.actual).unwrap_or_default() + "\n";
    expected == Some(pretty.as_str()) || write_expected(path, &pretty) == OK
}

/// DC0907: an error record is not blessed as a case's expectation.
fn refuse(place: &str, case: &str) {
    super::fail(
        Code::BlessInvalid,
        place,
        duechain::msg!("bless-invalid", case = case),
        duechain::msg!("bless-invalid-help"),
    );
}

/// Writes an expectation file; OK, or INVALID when it cannot be written (reported).
fn write_expected(path: &Path, text: &str) -> u8 {
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, text));
    match written {
        Ok(()) => {
            let m = duechain::msg!("test-blessed", file = path.display());
            outln!("{}", m.text(super::lang()));
            OK
        }
        Err(e) => {
            super::write_failed(path, &e);
            INVALID
        }
    }
}

/// A reference file's text: a regular file of at most 16 MiB, in UTF-8.
fn read_text(path: &Path) -> Result<String, Msg> {
    const LIMIT: usize = 16 * 1024 * 1024;
    let file = path.display();
    let bytes = files::read_bounded(path, LIMIT)
        .map_err(|e| duechain::compile::load::cannot_read(&file, &e))?;
    if bytes.len() > LIMIT {
        return Err(duechain::msg!("file-too-large", file = file, limit = LIMIT));
    }
    let text = String::from_utf8(bytes).map_err(|_| duechain::msg!("not-utf8", file = file))?;
    Ok(duechain::source::without_bom(&text).to_owned())
}

/// The `*.json` files of a directory, in name order.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}
