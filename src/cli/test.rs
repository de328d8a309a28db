//! `duechain test`: run each rulebook's reference cases against their expected verdicts.

use std::path::{Path, PathBuf};

use super::args::{RootArgs, TestArgs};
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::diag::Code;
use duechain::eval::Plan;
use duechain::eval::verdict::Status;
use duechain::report::diagnostics;
use duechain::suite::{CaseRun, Coverage, SuiteReport, is_error_record, run_case};

/// Runs the suites; exit 0 when every verdict matches and coverage suffices, 1 otherwise, 2 when
/// a rulebook or a file cannot be used.
pub fn run(args: &TestArgs) -> u8 {
    let mut books = Vec::new();
    files::rulebooks(&args.path, false, &mut books);
    let mut status = OK;
    let mut total = Coverage::default();
    let mut suites = Vec::new();
    let (mut passed, mut failed) = (0usize, 0usize);
    let found = !books.is_empty();
    for book in books {
        let checked = files::check(
            &RootArgs {
                root: args.root.root.clone(),
            },
            &book,
        );
        let name = book.display().to_string();
        let Some(model) = checked.valid_model() else {
            let text = diagnostics::human(&checked.diagnostics, &checked.sources, false);
            err!("{text}");
            outln!("{name}: the rulebook has errors");
            suites.push(SuiteReport {
                name,
                cases: Vec::new(),
                error: Some(text),
            });
            status = INVALID;
            continue;
        };
        let Some(dir) = model.cases.as_ref().map(|c| {
            duechain::compile::load::normalize(&book.parent().unwrap_or(Path::new(".")).join(c))
        }) else {
            outln!("{name}: no reference cases (add `cases \"DIR\"` to its header)");
            continue;
        };
        if !dir.is_dir() {
            super::fail(
                Code::UnreadableFile,
                &name,
                format!(
                    "the reference cases `{}` named by `cases` are not a directory",
                    dir.display()
                ),
                "`cases \"DIR\"` is relative to the rulebook; check its spelling",
            );
            status = INVALID;
            continue;
        }
        let (root, _) = files::root_and_path(&args.root, &book);
        if !files::inside(&root, &dir) {
            super::fail(
                Code::ImportOutsideRoot,
                &name,
                format!(
                    "the reference cases `{}` are outside the project root",
                    dir.display()
                ),
                "keep a rulebook's cases inside the project root (the current directory, or `--root DIR`)",
            );
            status = INVALID;
            continue;
        }
        let plan = Plan::new(model);
        let mut coverage = Coverage::of(model);
        let mut runs = Vec::new();
        for case in case_files(&dir) {
            let stem = case
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("case")
                .to_owned();
            let expected_path = dir.join("expected").join(format!("{stem}.json"));
            let text = match read_text(&case) {
                Ok(t) => t,
                Err(e) => {
                    super::fail(
                        Code::UnreadableFile,
                        &case.display().to_string(),
                        format!("cannot read `{}`: {e}", case.display()),
                        "reference cases are UTF-8 JSON files of at most 16 MiB",
                    );
                    status = INVALID;
                    continue;
                }
            };
            let expected = read_text(&expected_path).ok();
            let run = run_case(
                &plan,
                &stem,
                &text,
                if args.bless {
                    None
                } else {
                    expected.as_deref()
                },
            );
            coverage.add(
                &serde_json::from_str(&text).unwrap_or_default(),
                &run.record,
            );
            if args.bless {
                let allowed =
                    args.allow_invalid || expected.as_deref().is_some_and(is_error_record);
                if bless(&run, allowed, expected.as_deref(), &expected_path) {
                    passed += 1;
                } else {
                    failed += 1;
                    status = INVALID;
                }
            } else if run.passed() {
                passed += 1;
            } else {
                failed += 1;
                if run.unexpected {
                    outln!(
                        "FAIL {name} · {stem}: no expected verdict at `{}` (run `duechain test --bless`)",
                        expected_path.display()
                    );
                } else {
                    outln!("FAIL {name} · {stem}: the verdict changed");
                    for line in &run.diff {
                        outln!("    {line}");
                    }
                }
            }
            runs.push(run);
        }
        outln!(
            "{name}: {} case(s), {} passed",
            runs.len(),
            runs.iter().filter(|r| args.bless || r.passed()).count()
        );
        out!("{}", coverage.report());
        total.merge(&model.id, &coverage);
        suites.push(SuiteReport {
            name,
            cases: runs,
            error: None,
        });
    }
    let pct = total.percent();
    outln!("\n{passed} passed, {failed} failed");
    if passed + failed == 0 && status == OK {
        let what = if found {
            "no reference case was run (no `cases \"DIR\"` directory holds a `*.json` case)"
        } else {
            "no rulebook (`*.dcl`) was found"
        };
        status = super::empty_run(args.allow_empty, std::slice::from_ref(&args.path), what);
    }
    outln!("coverage of steps and rules: {pct:.1}%");
    if let Some(path) = &args.junit
        && let Err(e) = std::fs::write(path, duechain::suite::junit(&suites))
    {
        let place = path.display().to_string();
        super::fail(
            Code::WriteFailed,
            &place,
            format!("cannot write `{place}`: {e}"),
            "check the directory's permissions and the disk space",
        );
        status = INVALID;
    }
    if failed > 0 && status == OK {
        status = VIOLATIONS;
    }
    if let Some(min) = args.min_coverage
        && pct < min
    {
        outln!("coverage {pct:.1}% is below the required {min}%");
        if status == OK {
            status = VIOLATIONS;
        }
    }
    status
}

/// Writes a case's verdict as its expectation, unless it is an error record that is not allowed
/// (DC0907); true when the expectation now holds the verdict.
fn bless(run: &CaseRun, allowed: bool, expected: Option<&str>, path: &Path) -> bool {
    let place = path.display().to_string();
    if run.record.status() == Status::Invalid && !allowed {
        super::fail(
            Code::BlessInvalid,
            &place,
            format!(
                "case `{}` cannot be judged, so its error record is not blessed",
                run.name
            ),
            "fix the case, or pass `--allow-invalid` once if the case is meant to be invalid",
        );
        return false;
    }
    let pretty = serde_json::to_string_pretty(&run.actual).unwrap_or_default() + "\n";
    if expected == Some(pretty.as_str()) {
        return true;
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(path, pretty));
    match written {
        Ok(()) => {
            outln!("blessed {place}");
            true
        }
        Err(e) => {
            super::fail(
                Code::WriteFailed,
                &place,
                format!("cannot write `{place}`: {e}"),
                "check the directory's permissions and the disk space",
            );
            false
        }
    }
}

/// A reference file's text: a regular file of at most 16 MiB, in UTF-8.
fn read_text(path: &Path) -> Result<String, String> {
    const LIMIT: usize = 16 * 1024 * 1024;
    let bytes = files::read_bounded(path, LIMIT).map_err(|e| e.to_string())?;
    if bytes.len() > LIMIT {
        return Err(format!("it is larger than {LIMIT} bytes"));
    }
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())
}

/// The case files of a directory (`*.json`), in name order.
fn case_files(dir: &Path) -> Vec<PathBuf> {
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
