//! Fixture-driven snapshot tests: every `.dcl` under `tests/fixtures/check` (or `main.dcl` of a
//! fixture directory) is checked, its diagnostics rendered plain and as JSON into a snapshot
//! beside it, and the codes it produces compared with its `// expect:` header. Flowcharts,
//! verdicts and case errors work the same way. See `tests/fixtures/README.md`.
#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures from the disk"
)]
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing test panics with its message"
)]

use std::collections::BTreeSet;
use std::path::Path;

mod common;

use common::{Disk, manifest};
use duechain::diag::Code;
use duechain::eval::Plan;
use duechain::report::html::Lang;
use duechain::report::{diagnostics, graph, verdict};

/// Binds a snapshot to a file named `name.snap` in `dir`.
fn snapshot_beside(dir: &Path, name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.remove_snapshot_suffix();
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name.to_owned(), text));
}

/// The codes a fixture's `// expect:` header lists (empty for `ok`).
fn expected_codes(text: &str) -> BTreeSet<String> {
    let header = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("// expect:"))
        .unwrap_or_else(|| panic!("fixture without an `// expect:` header"));
    header
        .split(',')
        .map(|c| c.trim().to_owned())
        .filter(|c| c != "ok" && !c.is_empty())
        .collect()
}

/// Checks a fixture with the repository as the project root, as `duechain check` run from it.
fn check_fixture(path: &Path) -> (duechain::Checked, String) {
    let checked = duechain::check_file(&Disk, &manifest(), path);
    let text = std::fs::read_to_string(path).unwrap_or_default();
    (checked, text)
}

#[test]
fn check_fixtures() {
    insta::glob!("fixtures/check/{*.dcl,*/main.dcl}", |path| {
        let (checked, text) = check_fixture(path);
        let got: BTreeSet<String> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.id().to_owned())
            .collect();
        assert_eq!(got, expected_codes(&text), "codes of {}", path.display());
        let human = diagnostics::human(&checked.diagnostics, &checked.sources, false, Lang::En);
        let json = diagnostics::json(&[(&checked.diagnostics, &checked.sources)]);
        let dir = path.parent().unwrap_or(Path::new("."));
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("fixture");
        snapshot_beside(dir, name, &format!("{human}\n--- json ---\n{json}"));
    });
}

/// The explanation of every code: a `dcl,fails` example gives exactly that code, the fixed
/// example gives no diagnostic at all, and a `toml` example is a well-formed mapping file.
#[test]
fn explanation_examples_run() {
    let pages = Code::ALL
        .iter()
        .flat_map(|c| [Lang::En, Lang::Zh].map(|l| (c, c.explanation_in(l))));
    for (code, text) in pages {
        let blocks = text.split("```").collect::<Vec<_>>();
        for pair in blocks.iter().skip(1).step_by(2) {
            let (tag, body) = pair.split_once('\n').unwrap_or((pair, ""));
            if tag.trim() == "toml" {
                let parsed = duechain::import::mapping::Parsed::read("example.toml", body);
                assert!(
                    parsed.is_ok(),
                    "the mapping example of {code} is not a mapping"
                );
                continue;
            }
            let checked = duechain::check_text("example.dcl", body);
            let codes: BTreeSet<Code> = checked.diagnostics.iter().map(|d| d.code).collect();
            match tag.trim() {
                "dcl,fails" => assert_eq!(codes, BTreeSet::from([*code]), "bad example of {code}"),
                "dcl" => assert!(codes.is_empty(), "fixed example of {code} gives {codes:?}"),
                other => panic!("unknown block `{other}` in the explanation of {code}"),
            }
        }
    }
}

/// Every code has a failing fixture (or, for codes about files too large to commit, a test
/// that makes its input).
#[test]
fn every_code_has_a_failing_fixture() {
    let mut covered = BTreeSet::new();
    for path in common::entries("tests/fixtures/check") {
        let main = common::main_file(&path);
        if main.extension().is_some_and(|e| e == "dcl") {
            covered.extend(expected_codes(&common::text(&main)));
        }
        // A fixture whose input a test makes (DC0903's file over 4 MiB) has only its snapshot.
        if path.extension().is_some_and(|e| e == "snap") {
            covered.extend(code_prefix(&path));
        }
    }
    for path in common::entries("tests/fixtures/cases")
        .into_iter()
        .chain(common::entries("tests/fixtures/import"))
    {
        covered.extend(code_prefix(&path));
    }
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.id())
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a failing fixture: {missing:?}"
    );
}

/// `DC0503` of `DC0503-fact-type.json`.
fn code_prefix(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    name.get(..6)
        .filter(|c| c.starts_with("DC") && Code::from_id(c).is_some())
        .map(str::to_owned)
}

/// DC0903: a rulebook over 4 MiB is refused before parsing. The input is made here rather than
/// committed; its diagnostics are snapshotted like any fixture's.
#[test]
fn file_too_large() {
    let dir = std::env::temp_dir().join(format!("duechain-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("huge.dcl");
    let text = format!(
        "rulebook huge {{ }}\n{}",
        "role padding \"a long label to make the file large\"\n".repeat(100_000)
    );
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let checked = duechain::check_file(&Disk, &dir, &path);
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, ["DC0903"]);
    let human = diagnostics::human(&checked.diagnostics, &checked.sources, false, Lang::En);
    let json = diagnostics::json(&[(&checked.diagnostics, &checked.sources)]);
    snapshot_beside(
        &manifest().join("tests/fixtures/check"),
        "DC0903-file-too-large",
        &format!("{human}\n--- json ---\n{json}"),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_rulebooks_check_clean() {
    for path in common::entries("rules") {
        if path.extension().is_some_and(|e| e == "dcl") {
            let checked = duechain::check_file(&Disk, &manifest().join("rules"), &path);
            let text = diagnostics::human(&checked.diagnostics, &checked.sources, false, Lang::En);
            assert!(
                checked.diagnostics.is_empty(),
                "{} is not clean:\n{text}",
                path.display()
            );
            // Every standard rulebook names its sources and cites an article for every duty.
            let model = checked
                .model
                .as_ref()
                .unwrap_or_else(|| panic!("{} has no model", path.display()));
            assert!(model.source.is_some(), "{} names no source", path.display());
            let uncited: Vec<&str> = model
                .steps
                .iter()
                .filter(|s| s.cite.is_none())
                .map(|s| s.name.as_str())
                .chain(
                    model
                        .rules
                        .iter()
                        .filter(|r| r.cite.is_none())
                        .map(|r| r.name.as_str()),
                )
                .collect();
            assert!(
                uncited.is_empty(),
                "{}: no `cite` on {uncited:?}",
                path.display()
            );
        }
    }
}

#[test]
fn graph_fixtures() {
    insta::glob!("fixtures/graph/*.dcl", |path| {
        let (checked, _) = check_fixture(path);
        let model = checked
            .valid_model()
            .unwrap_or_else(|| panic!("{} has errors", path.display()));
        let procs = graph::procedures(model, None).unwrap_or_default();
        let text = format!(
            "{}\n--- dot ---\n{}\n--- dot, 中文 ---\n{}",
            graph::mermaid(model, &procs, Lang::En),
            graph::dot(model, &procs, Lang::En),
            graph::dot(model, &procs, Lang::Zh)
        );
        let dir = path.parent().unwrap_or(Path::new("."));
        snapshot_beside(
            dir,
            path.file_stem().and_then(|s| s.to_str()).unwrap_or("graph"),
            &text,
        );
    });
}

/// Every standard rulebook: its compiled summary and its flowchart in both languages, so a
/// change to a rulebook or to the wording shows up in review (`tests/fixtures/rulebooks/<name>.snap`).
#[test]
fn rulebook_snapshots() {
    insta::glob!("../rules", "*.dcl", |path| {
        let checked = duechain::check_file(&Disk, &manifest(), path);
        let model = checked
            .valid_model()
            .unwrap_or_else(|| panic!("{} has errors", path.display()));
        let procs = graph::procedures(model, None).unwrap_or_default();
        let text = format!(
            "{}
--- mermaid ---
{}
--- mermaid, 中文 ---
{}",
            duechain::report::summary::summary(model),
            graph::mermaid(model, &procs, Lang::En),
            graph::mermaid(model, &procs, Lang::Zh)
        );
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("rulebook");
        snapshot_beside(&manifest().join("tests/fixtures/rulebooks"), name, &text);
    });
}

/// Invalid cases: each gives one error record whose code is the file name's prefix.
#[test]
fn case_error_fixtures() {
    with_major_decision(|plan| {
        insta::glob!("fixtures/cases/*.json", |path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
            case_error(plan, name, &String::from_utf8_lossy(&bytes));
        });
    });
}

/// DC0507: a case whose rules reach too many (person, finding) pairs. The input, 600 people
/// answering for 600 findings, is made here rather than committed.
#[test]
fn liability_too_large() {
    let case = common::shapes::many_liable(600);
    with_major_decision(|plan| case_error(plan, "DC0507-liability-too-large", &case));
}

/// Runs `f` with a plan of the standard `major_decision` rulebook.
fn with_major_decision(f: impl FnOnce(&Plan<'_>)) {
    let checked = common::rulebook("major_decision");
    let model = checked
        .valid_model()
        .unwrap_or_else(|| panic!("major_decision has errors"));
    f(&Plan::new(model));
}

/// Evaluates an invalid case, checks it gives the code its name begins with, and snapshots its
/// error record in `tests/fixtures/cases/`.
fn case_error(plan: &Plan<'_>, name: &str, text: &str) {
    let record = plan.evaluate_json(text, None, false);
    let json = common::snapshot_json(&record);
    let code = name.get(..6).unwrap_or("");
    assert!(
        json.contains(&format!("\"code\": \"{code}\"")),
        "{name} gave {json}"
    );
    snapshot_beside(
        &manifest().join("tests/fixtures/cases"),
        name,
        &format!(
            "{}\n--- json ---\n{json}\n",
            verdict::human(&record, false, Lang::En)
        ),
    );
}

/// Semantics fixtures: each folder under `tests/fixtures/semantics/` holds a small `rulebook.dcl`
/// built to show one part of the evaluator's meaning, and cases whose verdicts are snapshotted
/// beside them; a case named after a code must give that error.
#[test]
fn semantics_fixtures() {
    insta::glob!("fixtures/semantics/*/*.json", |path| {
        let dir = path.parent().unwrap_or(Path::new("."));
        let checked = duechain::check_file(&Disk, &manifest(), &dir.join("rulebook.dcl"));
        let model = checked
            .valid_model()
            .unwrap_or_else(|| panic!("{}/rulebook.dcl has errors", dir.display()));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let record = Plan::new(model).evaluate_json(&text, None, false);
        let json = common::snapshot_json(&record);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        if let Some(code) = code_prefix(path) {
            assert!(
                json.contains(&format!("\"code\": \"{code}\"")),
                "{name} gave {json}"
            );
        }
        snapshot_beside(
            dir,
            name,
            &format!(
                "{}\n--- json ---\n{json}\n",
                verdict::human(&record, false, Lang::En)
            ),
        );
    });
}

/// Verdicts on the bundled examples: `examples/<rulebook>/*.json` against `rules/<rulebook>.dcl`,
/// snapshotted under `tests/fixtures/verdicts/<rulebook>/`.
#[test]
fn example_verdicts() {
    insta::glob!("../examples", "*/*.json", |path| {
        let book = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or("");
        // An example folder that holds its own rulebook is judged by it; the others by the
        // standard rulebook of their name.
        let own = common::entries(&format!("examples/{book}"))
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "dcl"));
        let checked = match own {
            Some(own) => duechain::check_file(&common::Disk, &manifest(), &own),
            None => common::rulebook(book),
        };
        let model = checked
            .valid_model()
            .unwrap_or_else(|| panic!("the rulebook of examples/{book} has errors"));
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let record = Plan::new(model).evaluate_json(&text, None, false);
        let json = common::snapshot_json(&record);
        let dir = manifest().join("tests/fixtures/verdicts").join(book);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("case");
        snapshot_beside(
            &dir,
            name,
            &format!(
                "{}\n--- json ---\n{json}\n",
                verdict::human(&record, false, Lang::En)
            ),
        );
    });
}

/// Event-log imports: each folder under `tests/fixtures/import/` holds `map.toml` (naming its
/// rulebook) and a `log.*`; the mapping's diagnostics, or every matter's imported case (or error
/// record) and its verdict's outcome, are snapshotted beside it; a folder named after a code
/// must give that code.
#[test]
fn import_fixtures() {
    use duechain::import::{self, mapping::Parsed};
    for dir in common::entries("tests/fixtures/import") {
        if !dir.is_dir() {
            continue;
        }
        let map = std::fs::read_to_string(dir.join("map.toml")).unwrap_or_default();
        let parsed = Parsed::read("map.toml", &map);
        let book = parsed
            .as_ref()
            .ok()
            .and_then(|p| p.file.rulebook.clone())
            .unwrap_or_else(|| "../../../../rules/service_window.dcl".to_owned());
        let path = duechain::compile::load::normalize(&dir.join(book));
        let checked = duechain::check_file(&Disk, &manifest(), &path);
        let model = checked
            .valid_model()
            .unwrap_or_else(|| panic!("{} has errors", path.display()));
        let mut out = String::new();
        match parsed.and_then(|p| p.check(model)) {
            Err(e) => out = diagnostics::human(&e.diagnostics, &e.sources, false, Lang::En),
            Ok(mapping) => {
                let log = std::fs::read_dir(&dir)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| {
                        p.file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("log."))
                    })
                    .unwrap_or_else(|| panic!("{} has no log", dir.display()));
                let traces = common::log_traces(&log, &mapping);
                let plan = Plan::new(model);
                for trace in traces {
                    let line = match trace.and_then(|t| import::case_of(&t, &mapping, model)) {
                        Ok(case) => {
                            let record = plan.evaluate_case(&case, None, false);
                            let kinds: Vec<String> = match &record {
                                duechain::eval::verdict::Record::Verdict(v) => v
                                    .findings
                                    .iter()
                                    .map(|f| format!("{} of {}", f.kind, f.step))
                                    .collect(),
                                duechain::eval::verdict::Record::Error(e) => {
                                    vec![e.error.code.to_owned()]
                                }
                            };
                            let case = serde_json::to_string_pretty(&case).unwrap_or_default();
                            format!("{case}\n→ {:?} {kinds:?}", record.status())
                        }
                        Err(e) => {
                            let record = e.record();
                            common::reads_in_chinese(&record, &dir);
                            serde_json::to_string(&record).unwrap_or_default()
                        }
                    };
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("import");
        if let Some(code) = code_prefix(&dir) {
            assert!(out.contains(&code), "{name} gave {out}");
        }
        snapshot_beside(&dir, "imported", &out);
    }
}
