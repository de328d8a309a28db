//! The published formats: the JSON Schemas under `schemas/` are the ones the types generate, and
//! real inputs and outputs — every bundled case, verdict, imported log, mapping and diagnostic
//! report — validate against them with a JSON Schema validator.
#![expect(
    clippy::disallowed_methods,
    reason = "tests read their fixtures from the disk"
)]
#![allow(clippy::panic, reason = "a failing test panics with its message")]

mod common;

use std::path::Path;

use common::{Disk, manifest};
use duechain::eval::Plan;
use duechain::report::schema;

fn validator(name: &str) -> jsonschema::Validator {
    let path = manifest().join(format!("schemas/{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:?}");
}

/// `duechain schema NAME` and `schemas/NAME.schema.json` are the schema the types generate.
#[test]
fn committed_schemas_are_generated() {
    for name in schema::NAMES {
        let generated = schema::schema(name).unwrap_or_default();
        let path = manifest().join(format!("schemas/{name}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            generated,
            "regenerate with `duechain schema {name} > {}`",
            path.display()
        );
        let out = assert_cmd::Command::cargo_bin("duechain")
            .unwrap_or_else(|e| panic!("{e}"))
            .args(["schema", name])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(String::from_utf8_lossy(&out.stdout), generated);
    }
}

/// Every bundled case is a case, and every verdict of it a verdict record.
#[test]
fn bundled_cases_and_their_verdicts_validate() {
    let (case, verdict) = (validator("case"), validator("verdict"));
    let mut seen = 0;
    for dir in common::entries("examples")
        .into_iter()
        .filter(|d| d.is_dir())
    {
        let book = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if !manifest().join(format!("rules/{book}.dcl")).is_file() {
            continue; // not a rulebook's cases (examples/spark)
        }
        let checked = common::rulebook(&book);
        let model = checked.valid_model().unwrap_or_else(|| panic!("{book}"));
        let plan = Plan::new(model);
        for file in common::entries(&format!("examples/{book}")) {
            if file.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            assert_valid(&case, &doc, &file.display().to_string());
            let record =
                serde_json::to_value(plan.evaluate_json(&text, None, true)).unwrap_or_default();
            assert_valid(&verdict, &record, &file.display().to_string());
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} cases");
}

/// A case the case schema refuses: an unknown field, a wrong type.
#[test]
fn the_case_schema_refuses_what_the_reader_refuses() {
    let case = validator("case");
    for bad in [
        r#"{"id": "x", "colour": "red"}"#,
        r#"{"id": 7}"#,
        r#"{"id": "x", "events": [{"step": "a", "start": 3}]}"#,
        r#"{"id": "x", "closed": "yes"}"#,
    ] {
        let doc: serde_json::Value = serde_json::from_str(bad).unwrap_or_default();
        assert!(!case.is_valid(&doc), "{bad}");
        assert!(duechain::eval::case::parse(bad).is_err(), "{bad}");
    }
}

/// The bundled logs' mappings are mappings; imported cases are cases and their records
/// verdict records; a mapping with an unknown key is refused by the schema as by the reader.
#[test]
fn mappings_and_imported_logs_validate() {
    let (mapping, case, verdict) = (
        validator("mapping"),
        validator("case"),
        validator("verdict"),
    );
    let logs = [
        ("service_window", "examples/service_window/window-log.csv"),
        (
            "service_window",
            "examples/service_window/applications-log.jsonocel",
        ),
        (
            "information_disclosure",
            "examples/information_disclosure/requests-log.xes",
        ),
    ];
    for (book, log) in logs {
        let log = manifest().join(log);
        let map_path = log.with_file_name(format!(
            "{}.toml",
            log.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .split('.')
                .next()
                .unwrap_or("")
        ));
        let text = std::fs::read_to_string(&map_path).unwrap_or_default();
        let as_json: serde_json::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_valid(&mapping, &as_json, &map_path.display().to_string());
        let checked = common::rulebook(book);
        let model = checked.valid_model().unwrap_or_else(|| panic!("{book}"));
        let m = duechain::import::mapping::Mapping::load("map.toml", &text, model)
            .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
        let plan = Plan::new(model);
        for trace in common::log_traces(&log, &m) {
            let raw = trace
                .and_then(|t| duechain::import::case_of(&t, &m, model))
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_valid(
                &case,
                &serde_json::to_value(&raw).unwrap_or_default(),
                &raw.id,
            );
            let record =
                serde_json::to_value(plan.evaluate_case(&raw, None, false)).unwrap_or_default();
            assert_valid(&verdict, &record, &raw.id);
        }
    }
    let bad = std::fs::read_to_string(
        manifest().join("tests/fixtures/import/DC0601-unknown-key/map.toml"),
    )
    .unwrap_or_default();
    let bad: serde_json::Value = toml::from_str(&bad).unwrap_or_default();
    assert!(!mapping.is_valid(&bad));
}

/// The JSON diagnostics of every check fixture validate.
#[test]
fn diagnostics_validate() {
    let v = validator("diagnostics");
    for path in common::entries("tests/fixtures/check") {
        let main = common::main_file(&path);
        if main.extension().is_none_or(|e| e != "dcl") {
            continue;
        }
        let dir = main.parent().unwrap_or(Path::new("."));
        let checked = duechain::check_file(&Disk, dir, &main);
        let json = duechain::report::diagnostics::json(&[(&checked.diagnostics, &checked.sources)]);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_valid(&v, &doc, &main.display().to_string());
    }
}
