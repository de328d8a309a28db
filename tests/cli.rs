//! The command line as users run it: exit codes, bad input of every kind, batches and stdin.
#![expect(
    clippy::disallowed_methods,
    reason = "tests write their inputs to the disk"
)]
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing test panics with its message"
)]

use std::path::{Path, PathBuf};

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn duechain() -> Command {
    let mut cmd = Command::cargo_bin("duechain").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("DUECHAIN_FORMAT");
    cmd
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duechain-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> String {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.display().to_string()
}

const BOOK: &str = "rules/major_decision.dcl";
const CASE: &str = "examples/major_decision/riverside-rezoning.json";

#[test]
fn help_lists_the_commands() {
    duechain()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("check").and(predicate::str::contains("eval")));
    duechain().arg("frobnicate").assert().code(2);
}

#[test]
fn check_clean_rulebook_exits_0() {
    duechain()
        .args(["check", BOOK])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ok"));
}

#[test]
fn check_errors_exit_2_with_codes() {
    duechain()
        .args(["check", "tests/fixtures/check/several-errors-at-once.dcl"])
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("DC0201")
                .and(predicate::str::contains("DC0202"))
                .and(predicate::str::contains("DC0203")),
        );
}

#[test]
fn check_a_directory_of_rulebooks() {
    duechain().args(["check", "rules"]).assert().code(0).stdout(
        predicate::str::contains("rules/supervision.dcl: ok")
            .and(predicate::str::contains("rules/major_decision.dcl: ok")),
    );
    let out = duechain()
        .args([
            "check",
            "rules",
            "tests/fixtures/check/DC0302-reports-to-cycle.dcl",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(
        (v["errors"].as_u64(), v["diagnostics"][0]["code"].as_str()),
        (Some(1), Some("DC0302"))
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let f = "tests/fixtures/check/DC0305-unenforced-duty.dcl";
    duechain()
        .args(["check", f])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("DC0305"));
    duechain()
        .args(["check", f, "--deny-warnings"])
        .assert()
        .code(2);
}

#[test]
fn check_json_and_sarif() {
    let out = duechain()
        .args([
            "check",
            "tests/fixtures/check/DC0301-precedence-cycle.dcl",
            "--format",
            "json",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v["diagnostics"][0]["code"], "DC0301");
    assert_eq!(v["errors"], 1);
    let line = v["diagnostics"][0]["labels"][0]["start"]["line"].clone();
    assert!(line.as_u64().is_some_and(|l| l > 1));
    let out = duechain()
        .args([
            "check",
            "tests/fixtures/check/DC0301-precedence-cycle.dcl",
            "--format",
            "sarif",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "DC0301");
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        line
    );
}

#[test]
fn explain_every_code() {
    for code in duechain::diag::Code::ALL {
        duechain()
            .args(["explain", code.id()])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(code.name()));
    }
    duechain().args(["explain", "DC9999"]).assert().code(2);
    duechain()
        .arg("explain")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("DC0303"));
}

#[test]
fn graph_formats() {
    duechain()
        .args(["graph", BOOK, "--format", "mermaid"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("flowchart TD"));
    duechain()
        .args([
            "graph",
            BOOK,
            "--procedure",
            "major_decision",
            "--format",
            "dot",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "\"legality_review\" -> \"collective_discussion\"",
        ));
    duechain()
        .args(["graph", BOOK, "--procedure", "nope"])
        .assert()
        .code(2);
}

/// Bad rulebook input of every kind: a coded error naming the place, exit 2, never a panic.
#[test]
fn bad_rulebooks_exit_2_with_a_code() {
    let dir = scratch("bad");
    let huge = format!(
        "rulebook big {{ }}\n{}",
        "role r \"padding padding padding padding\"\n".repeat(300_000)
    );
    let nested = format!(
        "rulebook n {{ }}\nfact x: bool\nrole c\nprocedure p {{ step a {{ required when {}x{} by c }} }}\n",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let cases: Vec<(String, &str)> = vec![
        (
            write(
                &dir.join("garbage.dcl"),
                (0..4096u32)
                    .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                    .collect::<Vec<u8>>(),
            ),
            "DC0902",
        ),
        (
            write(&dir.join("latin1.dcl"), b"rulebook x { }\nrole caf\xe9\n"),
            "DC0902",
        ),
        (write(&dir.join("empty.dcl"), ""), "DC0101"),
        (write(&dir.join("nested.dcl"), nested), "DC0102"),
        (write(&dir.join("huge.dcl"), huge), "DC0903"),
        (
            write(
                &dir.join("keyword.dcl"),
                "rulebook x { }\nrole c\nprocedure p { stepp a { } }\n",
            ),
            "DC0101",
        ),
        (
            write(
                &dir.join("outside.dcl"),
                "rulebook x { }\nimport \"../../../../../../etc/hostname\"\n",
            ),
            "DC0904",
        ),
        (dir.join("absent.dcl").display().to_string(), "DC0901"),
    ];
    for (file, code) in cases {
        duechain()
            .args(["check", &file, "--format", "json", "--root"])
            .arg(&dir)
            .assert()
            .code(2)
            .stdout(predicate::str::contains(code))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn eval_exit_codes() {
    duechain()
        .args(["eval", BOOK, CASE])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("too_short"));
    duechain()
        .args([
            "eval",
            BOOK,
            "examples/major_decision/compliant-full-procedure.json",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("compliant"));
    duechain()
        .args([
            "eval",
            BOOK,
            "tests/fixtures/cases/DC0502-unknown-step.json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("DC0502"));
    duechain()
        .args([
            "eval",
            "tests/fixtures/check/DC0301-precedence-cycle.dcl",
            CASE,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DC0301"));
}

/// N input lines give exactly N records, in input order, whatever is wrong with some of them.
#[test]
fn batch_yields_one_record_per_line() {
    let dir = scratch("batch");
    let good = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CASE))
        .unwrap_or_default()
        .replace('\n', "");
    let mut lines: Vec<Vec<u8>> = vec![
        good.clone().into_bytes(),
        br#"{"id":"a","events":[{"step":"hearnig","by":"li","start":"2024-01-01"}]}"#.to_vec(),
        br#"{"id":"b","id":"c"}"#.to_vec(),
        br#"{"id":"d","events":[{"step":"hearing""#.to_vec(),
        b"\xff\xfe\x00garbage".to_vec(),
        "[".repeat(100_000).into_bytes(),
        br#"{"id":"e","facts":{"withheld":"no"}}"#.to_vec(),
        br#"{"id":"f","events":[{"step":"hearing","by":"li","start":"2024-13-01"}],"people":[{"id":"li","roles":["sponsor"]}]}"#.to_vec(),
        good.into_bytes(),
    ];
    let n = lines.len();
    let file = dir.join("batch.jsonl");
    let mut bytes = Vec::new();
    for l in lines.iter_mut() {
        bytes.append(l);
        bytes.push(b'\n');
    }
    write(&file, bytes);
    let out = duechain()
        .args(["eval", BOOK, "--format", "jsonl"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{n} case(s): 0 compliant, 2 violating, 7 invalid"
        )))
        .get_output()
        .stdout
        .clone();
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert_eq!(records.len(), n);
    let lines: Vec<u64> = records.iter().filter_map(|r| r["line"].as_u64()).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(records[1]["error"]["path"], "events[0].step");
    assert_eq!(records[7]["error"]["code"], "DC0504");
    assert_eq!(records[7]["error"]["path"], "events[0].start");
    assert_eq!(records[0]["case"], records[8]["case"]);
}

#[test]
fn eval_reads_stdin_as_a_batch_or_one_document() {
    let pretty = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(CASE))
        .unwrap_or_default();
    // One pretty-printed document on stdin is read as such when asked for.
    duechain()
        .args(["eval", BOOK, "-", "--format", "json", "--input", "json"])
        .write_stdin(pretty.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"case\": \"2024-017\""));
    // Without that, stdin is JSON Lines: every non-blank line yields exactly one record, so a
    // malformed first line can never merge the stream into one document.
    let lines = pretty.lines().filter(|l| !l.trim().is_empty()).count();
    let out = duechain()
        .args(["eval", BOOK, "-", "--format", "jsonl"])
        .write_stdin(format!("{pretty}\n\n"))
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), lines);
    let compact = pretty.replace('\n', "");
    let out = duechain()
        .args(["eval", BOOK, "-", "--format", "jsonl"])
        .write_stdin(format!("{compact}\n{compact}\n"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8_lossy(&out).lines().count(), 2);
}

#[test]
fn explain_flag_adds_the_trace() {
    duechain()
        .args(["eval", BOOK, CASE, "--explain", "--format", "json"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("\"explain\"").and(predicate::str::contains(
                "duty `expert_review` required: true",
            )),
        );
}

/// Copies a rulebook's suite into a scratch project: the rulebook, what it imports, its cases.
fn scratch_suite(name: &str) -> PathBuf {
    let dir = scratch(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(dir.join("rules/calendars")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("examples/major_decision/expected"))
        .unwrap_or_else(|e| panic!("{e}"));
    for f in [
        "rules/major_decision.dcl",
        "rules/accountability.dcl",
        "rules/calendars/cn_mainland.json",
    ] {
        std::fs::copy(root.join(f), dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    for case in ["riverside-rezoning", "compliant-full-procedure"] {
        for f in [
            format!("examples/major_decision/{case}.json"),
            format!("examples/major_decision/expected/{case}.json"),
        ] {
            std::fs::copy(root.join(&f), dir.join(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        }
    }
    dir
}

#[test]
fn test_command_passes_on_the_repository() {
    duechain()
        .args(["test", "rules", "--min-coverage", "90"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("0 failed").and(predicate::str::contains(
                "coverage of steps and rules: 100.0%",
            )),
        );
}

/// The rulebook written wholly in Chinese (keywords, names, labels) runs its reference cases.
#[test]
fn the_chinese_example_passes_its_cases() {
    duechain()
        .args(["test", "examples/licensing_zh/行政许可办理.dcl"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("4 case(s), 4 passed"));
}

#[test]
fn test_command_shows_a_changed_verdict_and_blesses_it() {
    let dir = scratch_suite("suite");
    let expected = dir.join("examples/major_decision/expected/riverside-rezoning.json");
    let text = std::fs::read_to_string(&expected).unwrap_or_default();
    write(&expected, text.replacen("\"too_short\"", "\"late\"", 1));
    let junit = dir.join("junit.xml");
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--junit"])
        .arg(&junit)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("FAIL rules/major_decision.dcl · riverside-rezoning").and(
                predicate::str::contains("findings[0].kind: expected \"late\", got \"too_short\""),
            ),
        );
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--lang", "zh"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains(
                "未通过 rules/major_decision.dcl · riverside-rezoning：裁决已变化",
            )
            .and(predicate::str::contains(
                "findings[0].kind：预期 \"late\"，实际 \"too_short\"",
            ))
            .and(predicate::str::contains("问题类型"))
            .and(predicate::str::contains("expected").not()),
        );
    let xml = std::fs::read_to_string(&junit).unwrap_or_default();
    assert!(
        xml.contains("<failure message=\"the verdict changed\">")
            && xml.contains("tests=\"2\" failures=\"1\""),
        "{xml}"
    );
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--bless"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("blessed"));
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl"])
        .assert()
        .code(0);
    // Two cases cannot exercise every step and rule.
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--min-coverage", "90"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("below the required"));
}

#[test]
fn fmt_check_and_rewrite() {
    let dir = scratch("fmt");
    let messy = "rulebook x{ }\nrole   a   // the post\nprocedure p { step s {required by a cite \"1\"} }\nrule r { on missing liable a as direct }\n";
    let file = write(&dir.join("messy.dcl"), messy);
    duechain()
        .args(["fmt", "--check", &file])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("would reformat"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        messy,
        "--check writes nothing"
    );
    duechain().args(["fmt", &file]).assert().code(0);
    let formatted = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        formatted.contains("role a // the post\n")
            && formatted.contains("  step s {\n    required\n"),
        "{formatted}"
    );
    duechain().args(["fmt", "--check", &file]).assert().code(0);
    duechain()
        .args(["fmt", "-"])
        .write_stdin(messy)
        .assert()
        .code(0)
        .stdout(formatted);
    let broken = write(&dir.join("broken.dcl"), "rulebook x { \n");
    duechain()
        .args(["fmt", &broken])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DC0101"));
}

/// `fmt --keywords zh|en` converts a rulebook between the keyword sets (full-width punctuation
/// read as written); a file that mixes them is refused by `check` with DC0104 and its fix, and
/// mended by `fmt --keywords`.
#[test]
fn fmt_converts_between_keyword_sets() {
    let english = "rulebook x { }\n\nrole a \"窗口\"\n\nfact f: bool default false\n\nprocedure p {\n  step s {\n    required unless f\n    by a\n    cite \"1\"\n  }\n}\n";
    let chinese = "规则集 x { }\n\n角色 a \"窗口\"\n\n事实 f: 布尔 默认 否\n\n程序 p {\n  步骤 s {\n    必须 除非 f\n    由 a\n    引用 \"1\"\n  }\n}\n";
    let convert = |set: &str, input: &str| {
        let out = duechain()
            .args(["fmt", "--keywords", set, "-"])
            .write_stdin(input.to_owned())
            .assert()
            .code(0);
        String::from_utf8_lossy(&out.get_output().stdout).into_owned()
    };
    assert_eq!(convert("zh", english), chinese);
    assert_eq!(convert("en", chinese), english);
    let typed = chinese
        .replace("事实 f: 布尔", "事实 f：布尔")
        .replace("\"窗口\"", "“窗口”");
    assert_eq!(
        convert("zh", &typed),
        chinese,
        "full-width punctuation is read"
    );
    let dir = scratch("keywords");
    let mixed = write(&dir.join("mixed.dcl"), chinese.replace("由 a", "by a"));
    duechain().args(["check", &mixed]).assert().code(2).stdout(
        predicate::str::contains("DC0104").and(predicate::str::contains("fmt --keywords zh")),
    );
    duechain()
        .args(["fmt", "--keywords", "zh", &mixed])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(&mixed).unwrap_or_default(), chinese);
}

/// `graph --format svg` renders every standard rulebook through Graphviz, in both languages: a
/// well-formed SVG that names the CJK font and carries the chart's title, start, end and legend.
/// Without Graphviz on the path, it is DC0908 and exit 2.
#[test]
fn flowcharts_render_with_graphviz() {
    let no_path = duechain()
        .args(["graph", "rules/service_window.dcl", "--format", "svg"])
        .env("PATH", "")
        .assert()
        .code(2);
    snapshot_code("DC0908-missing-program", &no_path.get_output().stderr);
    if common::outside_program(&["dot"]).is_none() {
        return;
    }
    for book in common::entries("rules") {
        if book.extension().is_none_or(|e| e != "dcl") || book.ends_with("accountability.dcl") {
            continue;
        }
        for (lang, words) in [
            ("zh", ["权力运行流程图", "开始", "图例"]),
            ("en", ["flowchart", "start", "Legend"]),
        ] {
            let out = duechain()
                .args([
                    "graph",
                    &book.to_string_lossy(),
                    "--format",
                    "svg",
                    "--lang",
                    lang,
                ])
                .assert()
                .code(0);
            let svg = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
            let mut reader = quick_xml::Reader::from_str(&svg);
            let mut text = String::new();
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(quick_xml::events::Event::Text(t)) => {
                        text.push_str(&t.into_inner());
                    }
                    Ok(_) => {}
                    Err(e) => panic!("{}: not well-formed SVG: {e}", book.display()),
                }
            }
            assert!(svg.contains("Noto Sans CJK SC"), "{}", book.display());
            for w in words {
                assert!(text.contains(w), "{} ({lang}) lacks {w}", book.display());
            }
        }
    }
}

/// An address the system cannot listen on is DC0909 and exit 2, before any matter is served.
#[test]
fn an_address_that_cannot_be_had_is_refused() {
    let dir = scratch("refused");
    let db = dir.join("matters.db");
    let stderr = refused(
        duechain()
            .args([
                "serve",
                "rules/service_window.dcl",
                "--listen",
                "127.0.0.1:99999",
                "--db",
            ])
            .arg(&db),
    );
    snapshot_code("DC0909-system-refused", stderr.as_bytes());
}

/// A store that cannot be reached is named without its password (an error message lands in
/// logs): `serve` and `token create` alike.
#[test]
fn a_store_url_is_shown_without_its_password() {
    let url = "postgres://duechain:s3cr3t@127.0.0.1:1/matters";
    let runs: [&[&str]; 2] = [
        &["serve", "rules/service_window.dcl", "--db", url],
        &[
            "token", "create", "--scope", "admin", "--name", "me", "--db", url,
        ],
    ];
    for args in runs {
        let stderr = refused(duechain().args(args));
        assert!(stderr.contains("duechain:***@127.0.0.1:1"), "{stderr}");
        assert!(!stderr.contains("s3cr3t"), "{stderr}");
    }
}

/// `duechain lsp` given broken frames stops with DC0910 and exit 2, naming the message, before
/// taking the memory a header declares (lsp-server's own reader aborted on a huge length).
#[test]
fn broken_language_server_frames_are_refused() {
    let endless = vec![b'a'; 1 << 16];
    let inputs: [&[u8]; 5] = [
        b"Content-Length: 99999999999999\r\n\r\n{}",
        b"Content-Length: 18446744073709551616\r\n\r\n{}",
        &endless,
        b"Content-Length: 2\r\n\r\n[]",
        b"",
    ];
    for (i, input) in inputs.into_iter().enumerate() {
        let stderr = refused(duechain().arg("lsp").write_stdin(input));
        assert!(stderr.contains("DC0910"), "input {i}: {stderr}");
        assert!(!stderr.contains("panicked"), "input {i}: {stderr}");
        if i == 0 {
            snapshot_code("DC0910-protocol-broken", stderr.as_bytes());
        }
    }
}

/// The standard error of a run that must be refused: exit 2, within 30 s.
fn refused(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(2);
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

/// A coded error's text on stderr, snapshotted beside the check fixtures as its failing example.
fn snapshot_code(name: &str, stderr: &[u8]) {
    common::snapshot_code(name, &String::from_utf8_lossy(stderr));
}

/// A run that finds nothing fails with DC0906 unless `--allow-empty` says it may be empty.
#[test]
fn empty_runs_fail_unless_allowed() {
    let dir = scratch("empty");
    let out = duechain()
        .current_dir(&dir)
        .args(["check", "."])
        .assert()
        .code(2)
        .get_output()
        .clone();
    snapshot_code("DC0906-empty-run", &out.stderr);
    let runs: [&[&str]; 3] = [
        &["check", "."],
        &["test", "."],
        &[
            "eval",
            &format!("{}/{BOOK}", env!("CARGO_MANIFEST_DIR")),
            "-",
        ],
    ];
    for args in runs {
        duechain()
            .current_dir(&dir)
            .args(args)
            .write_stdin("\n\n")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("DC0906"));
        duechain()
            .current_dir(&dir)
            .args(args)
            .arg("--allow-empty")
            .write_stdin("\n\n")
            .assert()
            .code(0);
    }
}

/// A mistyped `cases` directory is an error; an empty one is an empty run.
#[test]
fn test_needs_its_cases_directory_and_a_case() {
    let dir = scratch_suite("cases-dir");
    let book = dir.join("rules/major_decision.dcl");
    let text = std::fs::read_to_string(&book).unwrap_or_default();
    write(
        &book,
        text.replace("../examples/major_decision", "../exmaples"),
    );
    duechain()
        .current_dir(&dir)
        .args(["test", "rules"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DC0901").and(predicate::str::contains("exmaples")));
    std::fs::create_dir_all(dir.join("exmaples")).unwrap_or_else(|e| panic!("{e}"));
    duechain()
        .current_dir(&dir)
        .args(["test", "rules", "--min-coverage", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DC0906"))
        .stdout(predicate::str::contains(
            "coverage of steps and rules: 0.0%",
        ));
}

/// `--bless` never records an error record unless the case is meant to be invalid.
#[test]
fn bless_refuses_an_error_record_unless_meant() {
    let dir = scratch_suite("bless-invalid");
    let case = dir.join("examples/major_decision/no-facts.json");
    let expected = dir.join("examples/major_decision/expected/no-facts.json");
    write(&case, r#"{"id":"no-facts","events":[]}"#);
    let bless = || {
        let mut cmd = duechain();
        cmd.current_dir(&dir)
            .args(["test", "rules/major_decision.dcl", "--bless"]);
        cmd
    };
    let out = bless().assert().code(2).get_output().clone();
    assert!(!expected.exists());
    snapshot_code("DC0907-bless-invalid", &out.stderr);
    bless().arg("--allow-invalid").assert().code(0);
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&expected).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(record["error"]["code"], "DC0503");
    // The expectation now says the case is meant to be invalid: blessing and testing pass.
    bless().assert().code(0);
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl"])
        .assert()
        .code(0);
}

/// The conventions of a command-line tool: version with commit, completions, a manual page,
/// `--color`, and the output format from the environment.
#[test]
fn conventions_of_a_command_line_tool() {
    duechain().arg("--version").assert().code(0).stdout(
        predicate::str::is_match(r"^duechain \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown)\)")
            .unwrap_or_else(|e| panic!("{e}")),
    );
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        duechain()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("eval").and(predicate::str::contains("allow-empty")));
    }
    let man = duechain()
        .arg("man")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let man = String::from_utf8_lossy(&man);
    assert!(man.contains(".TH duechain 1"), "{man}");
    for sub in ["check", "eval", "graph", "test", "fmt", "explain"] {
        assert!(man.contains(&format!("duechain {sub}")), "{sub}");
    }
    let bad = "tests/fixtures/check/several-errors-at-once.dcl";
    let coloured = |choice: &str| {
        let out = duechain()
            .args(["check", bad, "--color", choice])
            .assert()
            .code(2);
        String::from_utf8_lossy(&out.get_output().stdout).contains('\u{1b}')
    };
    assert!(coloured("always"));
    assert!(!coloured("never"));
    assert!(!coloured("auto"), "a pipe is not a terminal");
    let out = duechain()
        .args(["eval", BOOK, CASE])
        .env("DUECHAIN_FORMAT", "json")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let verdict: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict["compliant"], false);
}

/// `check --format github`: one workflow command per diagnostic, properties escaped so that a
/// file name with `,` `:` `%` cannot forge another property or command.
#[test]
fn check_writes_github_annotations() {
    let dir = scratch("github");
    let name = "a,b:c%d.dcl";
    write(
        &dir.join(name),
        "rulebook x { }\nrole a\nrole a\nimport \"no\\nsuch.dcl\"\n",
    );
    let out = duechain()
        .current_dir(&dir)
        .args(["check", name, "--format", "github"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    for line in lines {
        let rest = line
            .strip_prefix("::error ")
            .unwrap_or_else(|| panic!("{line}"));
        let (props, message) = rest.split_once("::").unwrap_or_else(|| panic!("{line}"));
        assert!(!message.contains('\r') && !message.is_empty(), "{line}");
        let props: Vec<(&str, &str)> = props
            .split(',')
            .map(|p| p.split_once('=').unwrap_or_else(|| panic!("{p}")))
            .collect();
        assert_eq!(props[0], ("file", "a%2Cb%3Ac%25d.dcl"), "{line}");
        let keys: Vec<&str> = props.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys.last(), Some(&"title"), "{line}");
        assert!(keys.contains(&"line") && keys.contains(&"col"), "{line}");
    }
}

/// `test` reports for CI: JSON, a filter, orphaned expectations, and JUnit in the common
/// schema's shape — counts, times and a timestamp, `error` for a case that cannot be judged and
/// `failure` for a changed verdict — read back with a real XML parser.
#[test]
fn test_reports_for_ci() {
    let dir = scratch_suite("ci-reports");
    let cases = dir.join("examples/major_decision");
    write(
        &cases.join("no-facts.json"),
        r#"{"id":"no-facts","events":[]}"#,
    );
    write(
        &cases.join("expected/no-facts.json"),
        "{\"compliant\": true}\n",
    );
    write(&cases.join("expected/gone.json"), "{}\n");
    let junit = dir.join("junit.xml");
    let out = duechain()
        .current_dir(&dir)
        .args([
            "test",
            "rules/major_decision.dcl",
            "--format",
            "json",
            "--junit",
        ])
        .arg(&junit)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let suite = &report["suites"][0];
    assert_eq!(suite["orphans"], serde_json::json!(["gone"]));
    let outcomes: Vec<(&str, &str)> = suite["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or(""),
                c["outcome"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(outcomes.contains(&("no-facts", "invalid")), "{outcomes:?}");
    assert!(
        outcomes.contains(&("riverside-rezoning", "passed")),
        "{outcomes:?}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap_or_default();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let suites: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .collect();
    assert_eq!(doc.root_element().tag_name().name(), "testsuites");
    for s in &suites {
        assert_eq!(s.tag_name().name(), "testsuite");
        for attr in ["name", "tests", "failures", "errors", "time", "timestamp"] {
            assert!(s.attribute(attr).is_some(), "testsuite lacks {attr}");
        }
        assert!(decimal(s.attribute("time").unwrap_or("")));
        let stamp = s.attribute("timestamp").unwrap_or("");
        assert!(
            jiff::civil::DateTime::strptime("%Y-%m-%dT%H:%M:%S", stamp).is_ok(),
            "{stamp}"
        );
        let tests: Vec<_> = s.children().filter(|n| n.is_element()).collect();
        assert_eq!(s.attribute("tests"), Some(tests.len().to_string().as_str()));
        let kind = |name: &str| {
            tests
                .iter()
                .find(|t| t.attribute("name") == Some(name))
                .and_then(|t| t.children().find(|n| n.is_element()))
                .map(|n| n.tag_name().name().to_owned())
        };
        assert_eq!(kind("no-facts").as_deref(), Some("error"));
        assert_eq!(kind("gone").as_deref(), Some("failure"));
        assert_eq!(kind("riverside-rezoning"), None);
        assert!(tests.iter().all(|t| t.tag_name().name() == "testcase"
            && t.attribute("name").is_some()
            && decimal(t.attribute("time").unwrap_or(""))));
        assert_eq!(s.attribute("errors"), Some("1"));
        assert_eq!(s.attribute("failures"), Some("1"));
    }
    // The filter runs only the matching cases; matching none is an empty run.
    let out = duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--filter", "riverside"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("1 case(s), 1 passed"));
    duechain()
        .current_dir(&dir)
        .args(["test", "rules/major_decision.dcl", "--filter", "zzz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DC0906"));
}

/// A JUnit time: digits, a dot, digits.
fn decimal(s: &str) -> bool {
    s.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// The standard library travels with the binary: installed alone into an empty directory, it
/// checks and evaluates a rulebook that imports, refines and takes its calendar from `std`.
#[test]
fn installed_binary_carries_the_standard_library() {
    let dir = scratch("installed");
    let bin = dir.join("bin/duechain");
    std::fs::create_dir_all(dir.join("bin")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(assert_cmd::cargo::cargo_bin("duechain"), &bin).unwrap_or_else(|e| panic!("{e}"));
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap_or_else(|e| panic!("{e}"));
    write(
        &work.join("county.dcl"),
        "rulebook county { }\n\nrefine std \"major_decision\"\nimport std \"accountability\"\n\ncalendar local from std \"cn_mainland\"\n",
    );
    let case = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(CASE))
        .unwrap_or_else(|e| panic!("{e}"));
    write(&work.join("case.json"), case);
    let run = |args: &[&str]| {
        let out = std::process::Command::new(&bin)
            .args(args)
            .current_dir(&work)
            .env("NO_COLOR", "1")
            .env_remove("DUECHAIN_FORMAT")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(
        run(&["check", "county.dcl"]),
        (Some(0), "county.dcl: ok\n".to_owned())
    );
    assert_eq!(run(&["fmt", "--check", "county.dcl"]).0, Some(0));
    let (status, stdout) = run(&["eval", "county.dcl", "case.json", "--format", "json"]);
    assert_eq!(status, Some(1), "{stdout}");
    let verdict: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verdict["compliant"], false);
    // `std` names only the standard files; a local file of that name is not read for it.
    write(&work.join("accountability.dcl"), "this is not a rulebook");
    assert_eq!(run(&["check", "county.dcl"]).0, Some(0));
    write(
        &work.join("bad.dcl"),
        "rulebook bad { }\nimport std \"../etc/passwd\"\n",
    );
    let (status, stdout) = run(&["check", "bad.dcl"]);
    assert_eq!(status, Some(2));
    assert!(
        stdout.contains("DC0901") && stdout.contains("no standard rulebook"),
        "{stdout}"
    );
}

/// A count into a provisional calendar year (holidays derived, no notice yet) gives a verdict
/// with a warning; `--strict-calendar` refuses the case instead.
#[test]
fn provisional_calendar_years_warn_or_refuse() {
    let dir = scratch("provisional");
    let case = write(
        &dir.join("2027.json"),
        r#"{"id":"2027-x","facts":{"withheld":false,"professional":false,"risk":false,"hearing_required":false},"people":[{"id":"zhang","roles":["head"]},{"id":"li","roles":["sponsor"]},{"id":"wang","roles":["legal_office"]},{"id":"chen","roles":["member"]}],"events":[{"step":"public_participation","by":"li","start":"2027-01-04","end":"2027-02-20"},{"step":"legality_review","by":"wang","start":"2027-03-01","end":"2027-03-05"},{"step":"collective_discussion","by":"zhang","start":"2027-03-20","fields":{"attendees":["zhang","chen"],"dissent":[]}},{"step":"publication","by":"li","start":"2027-03-25"}],"outcome":{"consequence":"none"}}"#,
    );
    let out = duechain()
        .args(["eval", BOOK, &case, "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let verdict: serde_json::Value = serde_json::from_slice(&out).unwrap_or_else(|e| panic!("{e}"));
    let warning = verdict["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.contains("2027-03-20") && warning.contains("no annual holiday notice"),
        "{verdict}"
    );
    duechain()
        .args(["eval", BOOK, &case, "--format", "json", "--strict-calendar"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("DC0505"));
}

/// An event log through its mapping: `eval --map` writes one well-formed record per matter
/// with the exit status of the worst, and `import` writes the cases that give the same records
/// when evaluated as JSON Lines.
#[test]
fn event_logs_are_evaluated_through_their_mapping() {
    let logs = [
        (
            "rules/service_window.dcl",
            "examples/service_window/window-log.csv",
            "examples/service_window/window-log.toml",
        ),
        (
            "rules/service_window.dcl",
            "examples/service_window/applications-log.jsonocel",
            "examples/service_window/applications-log.toml",
        ),
        (
            "rules/information_disclosure.dcl",
            "examples/information_disclosure/requests-log.xes",
            "examples/information_disclosure/requests-log.toml",
        ),
    ];
    let dir = scratch("logs");
    for (book, log, map) in logs {
        let eval = duechain()
            .args(["eval", book, log, "--map", map, "--format", "jsonl"])
            .assert()
            .code(1);
        let direct = String::from_utf8_lossy(&eval.get_output().stdout).into_owned();
        let records: Vec<serde_json::Value> = direct
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        assert!(records.len() >= 3, "{direct}");
        assert!(records.iter().all(|r| r["provenance"]["as_of"].is_string()));
        let import = duechain()
            .args(["import", log, "--map", map])
            .assert()
            .code(0);
        if log.ends_with(".csv") {
            // The same log on standard input gives the same cases.
            let piped = duechain()
                .args(["import", "-", "--map", map])
                .write_stdin(std::fs::read(log).unwrap_or_default())
                .assert()
                .code(0);
            assert_eq!(piped.get_output().stdout, import.get_output().stdout);
        }
        let cases = dir.join("cases.jsonl");
        write(&cases, &import.get_output().stdout);
        let again = duechain()
            .args(["eval", book, &cases.to_string_lossy(), "--format", "jsonl"])
            .assert()
            .code(1);
        let strip = |text: &str| -> Vec<serde_json::Value> {
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|mut v| {
                    v.as_object_mut().map(|o| o.remove("provenance"));
                    v
                })
                .collect()
        };
        let via_import = String::from_utf8_lossy(&again.get_output().stdout).into_owned();
        assert_eq!(strip(&direct), strip(&via_import), "{log}");
    }
}

/// A log's faults are coded error records for their matter (exit 2); a bad mapping is a coded
/// diagnostic naming its place (exit 2) before any log is read; `--as-of` judges the open
/// matters of a log as of another day.
#[test]
fn log_faults_and_mapping_errors_exit_2() {
    let dir = "tests/fixtures/import";
    let out = duechain()
        .args([
            "eval",
            "rules/service_window.dcl",
            &format!("{dir}/DC0604-unmapped-activity/log.csv"),
            "--map",
            &format!("{dir}/DC0604-unmapped-activity/map.toml"),
            "--format",
            "jsonl",
        ])
        .assert()
        .code(2);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let codes: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| v["error"]["code"].as_str().unwrap_or("verdict").to_owned())
        .collect();
    assert_eq!(codes, ["verdict", "DC0604"], "{text}");
    duechain()
        .args([
            "eval",
            "rules/service_window.dcl",
            &format!("{dir}/DC0602-unknown-step/log.csv"),
            "--map",
            &format!("{dir}/DC0602-unknown-step/map.toml"),
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("DC0602")
                .and(predicate::str::contains("did you mean `decision`")),
        );
    duechain()
        .args([
            "import",
            "no-such-log.csv",
            "--map",
            &format!("{dir}/gbk-export/map.toml"),
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("DC0901"));
    let later = duechain()
        .args([
            "eval",
            "rules/service_window.dcl",
            "examples/service_window/window-log.csv",
            "--map",
            "examples/service_window/window-log.toml",
            "--as-of",
            "2024-12-31",
            "--format",
            "jsonl",
        ])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&later.get_output().stdout).into_owned();
    let open: Vec<serde_json::Value> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["closed"] == false)
        .collect();
    assert!(!open.is_empty());
    for v in open {
        assert_eq!(v["provenance"]["as_of"], "2024-12-31");
        assert!(
            v["duties"]["pending"]
                .as_array()
                .is_some_and(|p| p.is_empty()),
            "{v}"
        );
    }
}

/// The HTML report of a batch opens in headless Chromium without a console message (an error,
/// or any other), shows one row per matter, and renders a screenshot.
#[test]
fn html_report_opens_in_a_browser() {
    let Some(chromium) = common::outside_program(&["chromium", "chromium-browser"]) else {
        return;
    };
    let dir = scratch("html");
    let runs = [
        (
            vec![
                "eval",
                "rules/service_window.dcl",
                "examples/service_window/window-log.csv",
                "--map",
                "examples/service_window/window-log.toml",
            ],
            "zh",
            4,
            1,
        ),
        // The bundled batch holds one invalid line: exit 2.
        (
            vec!["eval", BOOK, "examples/major_decision.jsonl"],
            "en",
            9,
            2,
        ),
    ];
    for (i, (args, lang, matters, code)) in runs.into_iter().enumerate() {
        let page = dir.join(format!("report-{i}.html"));
        let page_arg = page.to_string_lossy().into_owned();
        let mut all = args.clone();
        all.extend(["--format", "html", "--lang", lang, "--output", &page_arg]);
        let status = duechain()
            .args(&all)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
            .status;
        assert_eq!(status.code(), Some(code), "{status:?}");
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        assert!(
            !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
            "the page must be self-contained"
        );
        let (console, dom) = common::headless_dom(&chromium, &format!("file://{}", page.display()));
        assert!(console.is_empty(), "console messages: {console:?}");
        assert_eq!(dom.matches("<tr data-status=").count(), matters, "{lang}");
        let shot = dir.join(format!("report-{i}.png"));
        let status = std::process::Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1280,1600",
            ])
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
            .status;
        assert!(status.success());
        let png = std::fs::read(&shot).unwrap_or_default();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{}",
            png.len()
        );
    }
}

/// `duechain doc` writes the rulebook as one self-contained page that opens in a browser
/// without a console message: a sentence per step, the limits, roles, accountability and
/// measures — with Graphviz's flowcharts where it is installed, duechain's own without it.
#[test]
fn rulebook_document_opens_in_a_browser() {
    let Some(chromium) = common::outside_program(&["chromium", "chromium-browser"]) else {
        return;
    };
    let dir = scratch("doc");
    let runs = [
        (
            "examples/licensing_zh/行政许可办理.dcl",
            "zh",
            "各步骤的职责",
        ),
        ("rules/major_decision.dcl", "en", "Duties of each step"),
        ("rules/service_window.dcl", "en", "Accountability"),
    ];
    for (i, (book, lang, heading)) in runs.into_iter().enumerate() {
        // A sentence for every step the compiled rulebook has.
        let root = common::manifest();
        let steps = duechain::check_file(&common::Disk, &root, &root.join(book))
            .model
            .map_or(0, |m| m.steps.len());
        assert!(steps > 0, "{book} has no steps");
        let page = dir.join(format!("doc-{i}.html"));
        let mut cmd = duechain();
        cmd.args(["doc", book, "--lang", lang, "--output"])
            .arg(&page);
        // The last run has no Graphviz: the built-in chart stands in, with a notice.
        if i == 2 {
            cmd.env("PATH", "");
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr).contains("notice:"),
            i == 2,
            "{out:?}"
        );
        let html = std::fs::read_to_string(&page).unwrap_or_default();
        assert!(
            !html.contains(" src=") && !html.contains("href=\"http"),
            "the page must be self-contained"
        );
        let (console, dom) = common::headless_dom(&chromium, &format!("file://{}", page.display()));
        assert!(console.is_empty(), "console messages: {console:?}");
        assert!(dom.contains(heading), "{book}");
        assert!(dom.contains("<svg"), "{book} has no flowchart");
        for section in ["id=\"roles\"", "id=\"accountability\"", "id=\"measures\""] {
            assert!(dom.contains(section), "{book} lacks {section}");
        }
        assert_eq!(dom.matches("<li id=\"step-").count(), steps, "{book}");
    }
}

/// Case text in the HTML report is escaped: a title or id that holds markup stays text.
#[test]
fn html_report_escapes_case_text() {
    let dir = scratch("html-escape");
    let hostile = r#"{"id":"<img src=x onerror=alert(1)>","title":"</script><script>alert(2)</script>","closed":true,"facts":{"withheld":true,"professional":false,"risk":false,"hearing_required":false},"people":[],"events":[]}"#;
    let case = write(&dir.join("hostile.json"), hostile);
    let out = duechain()
        .args(["eval", BOOK, &case, "--format", "html"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let html = String::from_utf8_lossy(&out.stdout);
    assert!(
        html.contains("&lt;/script&gt;&lt;script&gt;alert(2)"),
        "{html}"
    );
    assert!(
        !html.contains("<script>alert") && !html.contains("<img"),
        "{html}"
    );
    assert_eq!(html.matches("<script>").count(), 1);
}

/// Apache Spark pipes a batch's partitions through `duechain eval - --format jsonl` unchanged
/// and gets the direct run's records, in order (`examples/spark/compare.py`, Spark in local
/// mode: pyspark from PyPI and a Java runtime).
#[test]
fn spark_partitions_give_the_direct_records() {
    let ready = std::process::Command::new("python3")
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    let java = common::outside_program(&["java"]);
    if !ready {
        assert!(
            std::env::var_os("DUECHAIN_REQUIRE_TOOLS").is_none(),
            "pyspark is not installed and DUECHAIN_REQUIRE_TOOLS is set"
        );
        println!("notice: pyspark is not installed: this test is skipped");
        return;
    }
    if java.is_none() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("duechain");
    let out = std::process::Command::new("python3")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["examples/spark/compare.py", "--bin"])
        .arg(&bin)
        .args([
            "--rulebook",
            BOOK,
            "--cases",
            "examples/major_decision.jsonl",
            "--partitions",
            "3",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("9 records through 3 Spark partitions match"),
        "{stdout}"
    );
}

/// `status` shows every duty of an open matter: a pending one green, then yellow inside the
/// rulebook's warning window (`warn 3 workdays before`), then red and violated with who answers
/// once overdue; exit codes as `eval`.
#[test]
fn status_turns_green_yellow_red() {
    let case = "examples/service_window/open-decision-pending.json";
    let status = |as_of: &str, code: i32| -> serde_json::Value {
        let out = duechain()
            .args([
                "status",
                "rules/service_window.dcl",
                case,
                "--format",
                "json",
                "--as-of",
                as_of,
            ])
            .assert()
            .code(code);
        serde_json::from_slice(&out.get_output().stdout).unwrap_or_else(|e| panic!("{e}"))
    };
    let decision = |v: &serde_json::Value| -> serde_json::Value {
        v["duties"]
            .as_array()
            .and_then(|d| d.iter().find(|x| x["step"] == "decision").cloned())
            .unwrap_or_default()
    };
    let green = status("2024-10-10", 0);
    assert_eq!(decision(&green)["level"], "green", "{green}");
    assert_eq!(decision(&green)["due"], "2024-10-17");
    let yellow = status("2024-10-14", 0);
    assert_eq!(decision(&yellow)["level"], "yellow", "{yellow}");
    assert_eq!(decision(&yellow)["left"], 3);
    let red = status("2024-10-18", 1);
    assert_eq!(decision(&red)["state"], "violated", "{red}");
    assert_eq!(decision(&red)["level"], "red");
    assert_eq!(decision(&red)["liable"], serde_json::json!(["qian", "sun"]));
    let steps = red["duties"].as_array().map_or(0, Vec::len);
    assert_eq!(steps, 13, "every step of the procedure: {red}");
    duechain()
        .args([
            "status",
            "rules/service_window.dcl",
            case,
            "--as-of",
            "2024-10-14",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "pending         yellow  2024-10-17",
        ));
}
