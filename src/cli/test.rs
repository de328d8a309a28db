//! `duechain test`: run each rulebook's reference cases against their expected verdicts.

use std::path::{Path, PathBuf};

use super::args::{RootArgs, TestArgs};
use super::{INVALID, OK, VIOLATIONS, files};
use duechain::eval::Plan;
use duechain::report::diagnostics;
use duechain::suite::{Coverage, SuiteReport, run_case};

/// Runs the suites; exit 0 when every verdict matches and coverage suffices, 1 otherwise, 2 when
/// a rulebook or a file cannot be used.
pub fn run(args: &TestArgs) -> u8 {
    let mut books = Vec::new();
    files::rulebooks(&args.path, false, &mut books);
    let mut status = OK;
    let mut total = Coverage::default();
    let mut suites = Vec::new();
    let (mut passed, mut failed) = (0usize, 0usize);
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
            eprint!("{text}");
            println!("{name}: the rulebook has errors");
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
            println!("{name}: no reference cases (add `cases \"DIR\"` to its header)");
            continue;
        };
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
            let Ok(text) = std::fs::read_to_string(&case) else {
                eprintln!("error[DC0901]: cannot read `{}`", case.display());
                status = INVALID;
                continue;
            };
            let expected = std::fs::read_to_string(&expected_path).ok();
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
                let pretty = serde_json::to_string_pretty(&run.actual).unwrap_or_default() + "\n";
                if expected.as_deref() != Some(pretty.as_str()) {
                    let written = std::fs::create_dir_all(dir.join("expected"))
                        .and_then(|()| std::fs::write(&expected_path, pretty));
                    match written {
                        Ok(()) => println!("blessed {}", expected_path.display()),
                        Err(e) => {
                            eprintln!("error: cannot write `{}`: {e}", expected_path.display());
                            status = INVALID;
                        }
                    }
                }
                passed += 1;
            } else if run.passed() {
                passed += 1;
            } else {
                failed += 1;
                if run.unexpected {
                    println!(
                        "FAIL {name} · {stem}: no expected verdict at `{}` (run `duechain test --bless`)",
                        expected_path.display()
                    );
                } else {
                    println!("FAIL {name} · {stem}: the verdict changed");
                    for line in &run.diff {
                        println!("    {line}");
                    }
                }
            }
            runs.push(run);
        }
        println!(
            "{name}: {} case(s), {} passed",
            runs.len(),
            runs.iter().filter(|r| args.bless || r.passed()).count()
        );
        print!("{}", coverage.report());
        total.merge(&model.id, &coverage);
        suites.push(SuiteReport {
            name,
            cases: runs,
            error: None,
        });
    }
    let pct = total.percent();
    println!("\n{passed} passed, {failed} failed");
    println!("coverage of steps and rules: {pct:.1}%");
    if let Some(path) = &args.junit
        && let Err(e) = std::fs::write(path, duechain::suite::junit(&suites))
    {
        eprintln!("error: cannot write `{}`: {e}", path.display());
        status = INVALID;
    }
    if failed > 0 && status == OK {
        status = VIOLATIONS;
    }
    if let Some(min) = args.min_coverage
        && pct < min
    {
        println!("coverage {pct:.1}% is below the required {min}%");
        if status == OK {
            status = VIOLATIONS;
        }
    }
    status
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
