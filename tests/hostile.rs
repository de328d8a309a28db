//! Hostile input, class by class: every bad input gets a coded error with its place and exit 2,
//! never a panic, a hang or unbounded memory; every batch line yields one record; nothing leaves
//! the root; every output parses. Large inputs are made here, not committed. Each command runs
//! under a time bound so a hang fails the test instead of stalling it.
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
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;

mod common;

use common::shapes;

/// Far more than any of these inputs needs; only a hang reaches it.
const BOUND: Duration = Duration::from_secs(60);

fn duechain(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("duechain").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("DUECHAIN_FORMAT")
        .timeout(BOUND);
    cmd
}

/// A scratch project root for one test, with the standard rulebooks copied in.
fn project(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("duechain-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("calendars")).unwrap_or_else(|e| panic!("{e}"));
    for f in common::entries("rules") {
        if f.extension().is_some_and(|e| e == "dcl") {
            let to = dir.join(f.file_name().unwrap_or_default());
            std::fs::copy(&f, to).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for f in common::entries("rules/calendars") {
        let to = dir
            .join("calendars")
            .join(f.file_name().unwrap_or_default());
        std::fs::copy(&f, to).unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// Runs and returns (status, stdout, stderr); a panic or an abort fails here.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflowed its stack"),
        "{stderr}"
    );
    let status = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal (a crash or the time bound): {stderr}"));
    (
        status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// Runs a command that writes one JSON document and returns (status, the document).
fn json_run(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let (status, stdout, _) = run(duechain(dir).args(args));
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (status, doc)
}

/// Checks a rulebook text and returns the codes `--format json` reports (the output must parse).
fn check_codes(dir: &Path, name: &str, text: &str) -> (i32, Vec<String>) {
    write(&dir.join(name), text);
    let (status, stdout, _) = run(duechain(dir).args(["check", name, "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    let codes = doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect();
    (status, codes)
}

fn rulebook(condition: &str, liable: &str) -> String {
    format!(
        "rulebook h {{ }}\nrole clerk\nfact x: bool\nfact n: int\nprocedure p {{\n  step a {{ required when {condition} by clerk cite \"1\" }}\n}}\nrule r {{ on missing liable {liable} as direct cite \"2\" }}\n"
    )
}

/// Class 1: long unbracketed chains and deep nesting are refused with DC0102, in `check` and
/// `fmt`, instead of overflowing the stack.
#[test]
fn deep_and_long_expressions_are_refused() {
    let dir = project("deep");
    let chains = [
        rulebook(&format!("{}x", "not ".repeat(10_000)), "clerk"),
        rulebook(&format!("{} > 1", vec!["n"; 200_000].join(" + ")), "clerk"),
        rulebook("x", &format!("{}clerk", "leader of ".repeat(100_000))),
        rulebook(
            &format!("{}x{}", "( not not not not ".repeat(60), ")".repeat(60)),
            "clerk",
        ),
        // Full-width brackets, as a Chinese input method types them, nest as deep.
        rulebook(
            &format!("{}x{}", "（".repeat(5_000), "）".repeat(5_000)),
            "clerk",
        ),
        format!(
            "规则集 h {{ }}\n角色 clerk\n程序 p {{\n  步骤 a {{ 必须 由 clerk 引用 \"1\" }}\n}}\n追责 r {{ 针对 缺失 追究 {}clerk 作为 直接责任 引用 \"2\" }}\n",
            "上级领导 ".repeat(100_000)
        ),
    ];
    for (i, text) in chains.iter().enumerate() {
        let name = format!("deep{i}.dcl");
        let (status, codes) = check_codes(&dir, &name, text);
        assert_eq!((status, codes), (2, vec!["DC0102".to_owned()]), "{name}");
        let (status, _, stderr) = run(duechain(&dir).args(["fmt", "--check", &name]));
        assert_eq!(status, 2, "{name}");
        assert!(stderr.contains("DC0102"), "{stderr}");
    }
}

/// Class 2: numbers at the edge of their range give coded errors or saturate, never a panic or a
/// wrapped value.
#[test]
fn extreme_numbers_are_checked() {
    let dir = project("numbers");
    let text = "rulebook h { }\nrole clerk\nfact amount: money\nprocedure p {\n  step a { required when amount > 79228162514264337593543950335.0 and amount < 79228162514264337593543950334.5 by clerk cite \"1\" }\n  step b { required by clerk within 4294967295 days after a cite \"1\" }\n}\nrule r { on missing, late liable clerk as direct cite \"2\" }\n";
    let (status, codes) = check_codes(&dir, "money.dcl", text);
    // The two bounds near the decimal maximum leave no amount: a warning, not an overflow.
    assert_eq!((status, codes), (0, vec!["DC0307".to_owned()]));
    let case = r#"{"id":"far","closed":true,"facts":{"amount":"1"},"people":[{"id":"c","roles":["clerk"]}],"events":[{"step":"a","by":"c","start":"2024-01-02"},{"step":"b","by":"c","start":"2024-01-03"}]}"#;
    write(&dir.join("far.json"), case);
    let (status, stdout, _) =
        run(duechain(&dir).args(["eval", "money.dcl", "far.json", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    // A limit of 2^32 - 1 days reaches past the last date: a coded error, not 1970.
    assert_eq!(
        (status, v["error"]["code"].as_str()),
        (2, Some("DC0505")),
        "{v}"
    );
    assert!(!stdout.contains("1970-01-01"), "{stdout}");
    // So does the due date of the same duty in an open matter, blamed on the as-of date.
    let open = r#"{"id":"far","closed":false,"as_of":"2024-02-01","facts":{"amount":"1"},"people":[{"id":"c","roles":["clerk"]}],"events":[{"step":"a","by":"c","start":"2024-01-02"}]}"#;
    write(&dir.join("open.json"), open);
    let (status, stdout, _) =
        run(duechain(&dir).args(["eval", "money.dcl", "open.json", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (
            status,
            v["error"]["code"].as_str(),
            v["error"]["path"].as_str()
        ),
        (2, Some("DC0505"), Some("as_of")),
        "{v}"
    );
}

/// Class 3: a closed pipe ends the program quietly; a full device is DC0905, exit 2.
#[test]
fn closed_and_full_outputs() {
    let dir = project("pipes");
    for args in [
        vec!["check", "major_decision.dcl", "--format", "sarif"],
        vec!["graph", "major_decision.dcl"],
        vec!["explain", "DC0303"],
        vec!["eval", "major_decision.dcl", "-", "--format", "jsonl"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("duechain"))
            .args(&args)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.code().is_some(), "{args:?} was killed");
    }
    {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap_or_else(|e| panic!("{e}"));
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("duechain"))
            .args(["explain", "DC0303"])
            .env("NO_COLOR", "1")
            .stdout(full)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("DC0905"), "{stderr}");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(common::manifest().join("tests/fixtures/check"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!("DC0905-write-failed", stderr));
    }
}

/// Class 4: directories, FIFOs and devices given as rulebook, import, calendar, case or
/// reference file are refused at once (DC0901), never read without end.
#[test]
fn special_files_are_refused() {
    let dir = project("special");
    std::fs::create_dir_all(dir.join("adir")).unwrap_or_else(|e| panic!("{e}"));
    let fifo = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut paths = vec!["adir".to_owned(), "/dev/zero".to_owned()];
    if made.is_ok_and(|s| s.success()) {
        paths.push("fifo".to_owned());
    }
    for p in &paths {
        let (status, _, stderr) = run(duechain(&dir).args(["graph", p, "--root", "/"]));
        assert_eq!(status, 2, "{p}: {stderr}");
        let (status, stdout, _) = run(duechain(&dir).args([
            "eval",
            "major_decision.dcl",
            p,
            "--format",
            "json",
            "--root",
            "/",
        ]));
        assert_eq!(status, 2, "{p}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v["error"]["code"], "DC0901", "{p}: {v}");
    }
    write(
        &dir.join("imp.dcl"),
        "rulebook i { }\nimport \"adir\"\ncalendar c from \"fifo\"\n",
    );
    let (status, codes) = check_codes(
        &dir,
        "imp.dcl",
        &std::fs::read_to_string(dir.join("imp.dcl")).unwrap_or_default(),
    );
    assert_eq!(status, 2);
    assert!(codes.iter().all(|c| c == "DC0901"), "{codes:?}");
}

/// Class 5: links cannot lead an import outside the root, and a walk does not follow a loop.
#[test]
fn links_do_not_escape_the_root() {
    let dir = project("links");
    let outside = dir.with_extension("outside");
    std::fs::create_dir_all(&outside).unwrap_or_else(|e| panic!("{e}"));
    write(&outside.join("o.dcl"), "rulebook o { }\nrole x\n");
    let linked = std::os::unix::fs::symlink(outside.join("o.dcl"), dir.join("link.dcl"));
    assert!(linked.is_ok());
    let (status, codes) = check_codes(&dir, "main.dcl", "rulebook m { }\nimport \"link.dcl\"\n");
    assert_eq!((status, codes), (2, vec!["DC0904".to_owned()]));
    std::fs::create_dir_all(dir.join("loop")).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::os::unix::fs::symlink(dir.join("loop"), dir.join("loop/self"));
    let (status, _, _) = run(duechain(&dir).args(["fmt", "--check", "loop"]));
    assert_eq!(status, 0, "a loop of links holds no rulebook to format");
}

/// Class 6: shapes that were quadratic or worse finish near-linearly.
#[test]
fn large_inputs_stay_near_linear() {
    let dir = project("large");
    let chain = shapes::backward_chain(30_000);
    assert_eq!(check_codes(&dir, "chain.dcl", &chain).0, 0);
    let mut cal =
        String::from("rulebook cal { }\ncalendar c {\n weekend sat, sun\n covers 2024 .. 2024\n");
    for _ in 0..2000 {
        cal.push_str(" holiday 0001-01-01 .. 9999-12-31\n");
    }
    cal.push_str("}\nrole k\nprocedure p {\n calendar c\n step a { required by k cite \"1\" }\n}\nrule r { on missing liable k as direct cite \"2\" }\n");
    assert_eq!(check_codes(&dir, "cal.dcl", &cal).0, 0);
    // Many long ranges over the widest covered span, and thousands of different limits.
    let wide = shapes::wide_calendar(20_000, 3_000);
    assert_eq!(check_codes(&dir, "wide.dcl", &wide), (0, Vec::new()));
    write(&dir.join("keys.json"), shapes::many_keys(100_000));
    write(&dir.join("events.json"), shapes::many_events(100_000));
    // Fifty thousand holders of the role a missing step charges, and twenty thousand meetings
    // each checked against the members present.
    let crowd: Vec<String> = (0..50_000)
        .map(|i| format!(r#"{{"id":"p{i}","roles":["window_officer"]}}"#))
        .collect();
    write(
        &dir.join("crowd.json"),
        format!(
            r#"{{"id":"crowd","facts":{{"complete":true}},"people":[{}],"events":[]}}"#,
            crowd.join(",")
        ),
    );
    let members: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id":"m{i}","roles":["member"]}}"#))
        .collect();
    let meetings: Vec<&str> = std::iter::repeat_n(
        r#"{"step":"collective_discussion","by":"z","start":"2024-03-20","fields":{"attendees":["z","m0"],"dissent":[]}}"#,
        20_000,
    )
    .collect();
    write(
        &dir.join("meetings.json"),
        format!(
            r#"{{"id":"q","facts":{{"withheld":true,"professional":false,"risk":false,"hearing_required":false,"price":false}},"people":[{{"id":"z","roles":["head"]}},{}],"events":[{}]}}"#,
            members.join(","),
            meetings.join(",")
        ),
    );
    for (book, case) in [
        ("service_window.dcl", "crowd.json"),
        ("county_major_decision.dcl", "meetings.json"),
    ] {
        let (status, stdout, _) =
            run(duechain(&dir).args(["eval", book, case, "--format", "jsonl"]));
        assert_eq!(status, 1, "{case}");
        let _: serde_json::Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}"));
    }
    // 100,000 unknown fact keys are an invalid case; 100,000 reviews a violating one, as are
    // 150,000 findings each reaching the attendees a meeting lists.
    write(&dir.join("findings.json"), shapes::many_findings(150_000));
    for (case, want) in [("keys.json", 2), ("events.json", 1), ("findings.json", 1)] {
        let (status, stdout, _) =
            run(duechain(&dir).args(["eval", "major_decision.dcl", case, "--format", "json"]));
        assert_eq!(status, want, "{case}");
        let _: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    }
    // A matter's status finds who answers for each duty in the liability's length, not in the
    // product of a step's findings and another's (60,000 of each once took 7 s released; the
    // `shapes` benchmark shows the growth).
    write(&dir.join("two.json"), shapes::findings_in_two_steps(20_000));
    let args = [
        "status",
        "major_decision.dcl",
        "two.json",
        "--format",
        "json",
    ];
    let (status, v) = json_run(&dir, &args);
    assert_eq!(status, 1, "{v}");
    let liable = v["duties"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["step"] == "publication")
        .map(|d| &d["liable"]);
    assert_eq!(liable, Some(&serde_json::json!(["li", "z", "chen"])));
}

/// A mapping of the CSV and XES logs below onto `information_disclosure`.
const LOG_MAPPING: &str = r#"
[event]
activity = "concept:name"
timestamp = "time:timestamp"
[activities]
x = "receipt"
[facts]
unclear = { attribute = "unclear", values = { "yes" = true, "no" = false } }
"#;

/// Runs `eval information_disclosure.dcl LOG --map log.toml` with `mapping` in `log.toml` and
/// returns its exit status and JSON Lines records (each must parse).
fn eval_log(dir: &Path, log: &str, mapping: &str) -> (i32, Vec<serde_json::Value>) {
    write(&dir.join("log.toml"), mapping);
    let (status, stdout, _) = run(duechain(dir).args([
        "eval",
        "information_disclosure.dcl",
        log,
        "--map",
        "log.toml",
        "--format",
        "jsonl",
    ]));
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (status, records)
}

/// Class 6 in a log: a matter of 250,000 open starts, then their completions, pairs them in
/// linear time.
#[test]
fn lifecycle_pairs_stay_near_linear() {
    let dir = project("pairs");
    write(&dir.join("starts.csv"), shapes::many_open_starts(250_000));
    let (status, records) = eval_log(&dir, "starts.csv", LOG_MAPPING);
    assert_eq!((status, records.len()), (1, 1), "{records:?}");
    assert_eq!(records[0]["case"], "c0");
}

/// Class 8 in a log: one matter is bounded as one JSON case is. An endless attribute in a
/// gzip bomb, a trace of endless events and a CSV matter of endless rows each end the log with
/// a coded error naming the matter, and a matter cut off is never judged on the part read.
#[test]
fn log_matters_are_bounded() {
    use std::io::Write as _;
    let dir = project("bounded");
    // `head`, then `repeat` `times` times, then `tail`, gzip-compressed.
    let gzip = |head: &[u8], repeat: &[u8], times: usize, tail: &[u8]| {
        let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let ok = z.write_all(head).is_ok()
            && (0..times).all(|_| z.write_all(repeat).is_ok())
            && z.write_all(tail).is_ok();
        assert!(ok);
        z.finish().unwrap_or_else(|e| panic!("{e}"))
    };
    let event = br#"<event><string key="concept:name" value="x"/><date key="time:timestamp" value="2024-01-02"/></event>"#;
    let trace = |id: &str| {
        format!(
            r#"<trace><string key="concept:name" value="{id}"/><string key="unclear" value="no"/>"#
        )
    };
    let first = format!(
        "<log>{}{}</trace>",
        trace("c0"),
        String::from_utf8_lossy(event)
    );
    let attribute = gzip(
        format!(r#"{first}<trace><string key="concept:name" value=""#).as_bytes(),
        &[b'A'; 1 << 16],
        400,
        br#""/></trace></log>"#,
    );
    write(&dir.join("attribute.xes.gz"), attribute);
    let head = format!("{first}{}", trace("c1"));
    let events = gzip(head.as_bytes(), event, 200_000, b"</trace></log>");
    write(&dir.join("events.xes.gz"), events);
    let mut rows = format!("{}c0,x,2024-01-02,complete,no\n", shapes::LOG_HEADER);
    rows.push_str(&"c1,x,2024-01-02,complete,no\n".repeat(700_000));
    write(&dir.join("rows.csv"), rows);
    for (log, cut) in [
        ("attribute.xes.gz", serde_json::Value::Null),
        ("events.xes.gz", serde_json::Value::Null),
        ("rows.csv", "c1".into()),
    ] {
        let (status, records) = eval_log(&dir, log, LOG_MAPPING);
        assert_eq!((status, records.len()), (2, 2), "{log}: {records:?}");
        assert_eq!(
            records[0]["case"], "c0",
            "{log}: the matter before is judged"
        );
        assert!(records[0]["error"].is_null(), "{log}: {records:?}");
        let error = &records[1]["error"];
        assert_eq!(error["code"], "DC0603", "{log}: {records:?}");
        assert!(
            error["message"]
                .as_str()
                .is_some_and(|m| m.contains("16777216 bytes"))
        );
        assert_eq!(
            records[1]["case"], cut,
            "{log}: the matter cut off is named, not judged"
        );
    }
}

/// Class 8 in a log: matters are judged in chunks bounded in bytes as well as in number, so a
/// log of many large matters (a few megabytes of gzip that once held gigabytes in one chunk)
/// never has more than about [`CHUNK_BYTES`] of them in memory at once; their events count.
#[test]
fn log_chunks_are_bounded_in_bytes() {
    use duechain::eval::batch::{self, CHUNK_BYTES};
    use duechain::import::{LogError, LogEvent, Place, Trace};
    let attr = |len: usize| (std::sync::Arc::from("k"), "x".repeat(len));
    let matter = |i: usize| -> Result<Trace, LogError> {
        let large = i.is_multiple_of(2);
        Ok(Trace {
            id: format!("c{i}"),
            attrs: vec![attr(if large { 1 << 20 } else { 0 })],
            events: (0..if large { 0 } else { 10_000 })
                .map(|_| LogEvent {
                    attrs: vec![attr(100)],
                    place: Place::default(),
                    fault: None,
                })
                .collect(),
            place: Place::default(),
        })
    };
    let weight = |t: &Result<Trace, LogError>| t.as_ref().map_or(0, Trace::bytes);
    assert!(weight(&matter(1)) > 10_000 * 100, "events weigh");
    let mut next = batch::chunks((0..400).map(matter), weight);
    let (mut seen, mut chunks) = (0, 0);
    while let Some(chunk) = next() {
        let bytes: usize = chunk.iter().map(weight).sum();
        let largest = chunk.iter().map(weight).max().unwrap_or(0);
        assert!(
            bytes < CHUNK_BYTES + largest,
            "chunk {chunks}: {bytes} bytes"
        );
        assert!(largest >= 1 << 20, "{largest}");
        seen += chunk.len();
        chunks += 1;
    }
    assert_eq!(seen, 400);
    assert!(chunks > 4, "{chunks}");
}

/// Class 8 in a verdict: every liable person's entry lists every finding they answer for, so a
/// record of many people and many findings once took memory and time of their product (a
/// 350 KB case, 9 million pairs: 2 s, 320 MB and a 126 MB verdict). Past 262,144 pairs the case
/// is one coded error; below it the verdict is whole.
#[test]
fn liability_pairs_are_bounded() {
    let dir = project("pairs");
    write(&dir.join("small.json"), shapes::many_liable(300));
    write(&dir.join("large.json"), shapes::many_liable(3_000));
    let eval = |case| ["eval", "major_decision.dcl", case, "--format", "json"];
    let (status, v) = json_run(&dir, &eval("small.json"));
    assert_eq!(status, 1, "{v}");
    let members: Vec<&serde_json::Value> = v["liability"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|l| l["role"] == "member")
        .collect();
    assert_eq!(members.len(), 300);
    // Each member answers for every finding of the rules the meeting rule follows
    // (`conditional_steps` and `legality_gate`): all but the missing publication.
    let answered: Vec<serde_json::Value> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(_, f)| f["step"] != "publication")
        .map(|(i, _)| i.into())
        .collect();
    assert_eq!(
        answered.len(),
        301,
        "300 comment periods and the legality review"
    );
    assert!(
        members
            .iter()
            .all(|l| l["findings"].as_array() == Some(&answered))
    );
    let (status, v) = json_run(&dir, &eval("large.json"));
    assert_eq!((status, &v["error"]["code"]), (2, &"DC0507".into()), "{v}");
    assert_eq!(v["case"], "crowd");
}

/// An OCEL 2.0 log of `matters` applications and `others` objects each of a type of its own,
/// with one event related to all of them.
fn ocel_relating_all(matters: usize, others: usize) -> String {
    let object = |id: String, kind: &str| format!(r#"{{"id":"{id}","type":"{kind}"}}"#);
    let objects: Vec<String> = (0..matters)
        .map(|i| object(format!("m{i}"), "application"))
        .chain((0..others).map(|i| object(format!("o{i}"), &format!("t{i}"))))
        .collect();
    let related: Vec<String> = (0..matters)
        .map(|i| format!("m{i}"))
        .chain((0..others).map(|i| format!("o{i}")))
        .map(|id| format!(r#"{{"objectId":"{id}","qualifier":"x"}}"#))
        .collect();
    format!(
        r#"{{"objectTypes":[],"eventTypes":[],"objects":[{}],"events":[{{"id":"e1","type":"x","time":"2024-09-23","relationships":[{}]}}]}}"#,
        objects.join(","),
        related.join(",")
    )
}

/// Classes 6 and 8 in an OCEL log: an event related to 150,000 objects of as many types is
/// read in linear time, and one related to 20,000 matters and 20,000 other objects, copied to
/// each matter, ends the log with a coded error instead of filling memory.
#[test]
fn ocel_relations_stay_bounded() {
    let dir = project("ocel");
    write(&dir.join("types.jsonocel"), ocel_relating_all(1, 150_000));
    write(
        &dir.join("wide.jsonocel"),
        ocel_relating_all(20_000, 20_000),
    );
    let mapping = "[log]\nformat = \"ocel-json\"\nobject_type = \"application\"\n[activities]\nx = \"receipt\"\n";
    for (log, code) in [("types.jsonocel", "DC0503"), ("wide.jsonocel", "DC0603")] {
        let (status, records) = eval_log(&dir, log, mapping);
        assert_eq!((status, records.len()), (2, 1), "{log}: {records:?}");
        assert_eq!(records[0]["error"]["code"], code, "{log}: {records:?}");
    }
}

/// Class 7: how input is read is a rule, not a guess: one record per non-blank line, an error
/// record per unreadable input, the JSON array always closed.
#[test]
fn every_input_yields_its_records() {
    let dir = project("records");
    let ok = r#"{"id":"a","facts":{"withheld":true,"professional":false,"risk":false,"hearing_required":false},"people":[{"id":"z","roles":["head"]}]}"#;
    let stdin = format!("garbage\n{ok}\n\u{c}\n   \n{ok}\n");
    let (_, stdout, _) = run(duechain(&dir)
        .args(["eval", "major_decision.dcl", "-", "--format", "jsonl"])
        .write_stdin(stdin));
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    // Four non-blank lines, four records: the bad first line and the form feed are errors.
    assert_eq!(records.len(), 4, "{stdout}");
    let lines: Vec<u64> = records.iter().filter_map(|r| r["line"].as_u64()).collect();
    assert_eq!(lines, vec![1, 3]);
    write(&dir.join("UPPER.JSONL"), format!("{ok}\n{ok}\n"));
    std::fs::create_dir_all(dir.join("adir")).unwrap_or_else(|e| panic!("{e}"));
    let (status, stdout, _) = run(duechain(&dir).args([
        "eval",
        "major_decision.dcl",
        "adir",
        "UPPER.JSONL",
        "--format",
        "json",
    ]));
    assert_eq!(status, 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}"));
    let codes: Vec<&str> = doc
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["error"]["code"].as_str().unwrap_or("verdict"))
        .collect();
    assert_eq!(codes, vec!["DC0901", "verdict", "verdict"]);
}

/// Class 8: an endless line is one record, and worker counts are bounded.
#[test]
fn memory_stays_bounded() {
    let dir = project("memory");
    let zero = std::fs::File::open("/dev/zero");
    if let Ok(zero) = zero {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("duechain"))
            .args(["eval", "major_decision.dcl", "-", "--format", "jsonl"])
            .current_dir(&dir)
            .stdin(zero)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    }
    for jobs in ["0", "100000"] {
        let (status, _, _) =
            run(duechain(&dir).args(["eval", "major_decision.dcl", "-", "--jobs", jobs]));
        assert_eq!(status, 2, "--jobs {jobs}");
    }
}

/// Class 9: an array where the case format wants an object is an error naming the path.
#[test]
fn arrays_are_not_objects() {
    let dir = project("shapes");
    let cases = [
        (r#"["x"]"#, ""),
        (
            r#"{"id":"a","people":[["li","Li",["sponsor"]]]}"#,
            "people[0]",
        ),
        (
            r#"{"id":"a","events":[["legality_review","li","2024-01-01"]]}"#,
            "events[0]",
        ),
        (r#"{"id":"a","outcome":["major"]}"#, "outcome"),
        (r#"{"id":"a","history":[{}]}"#, "history"),
    ];
    let stdin: String = cases.iter().map(|(c, _)| format!("{c}\n")).collect();
    let (status, stdout, _) = run(duechain(&dir)
        .args(["eval", "major_decision.dcl", "-", "--format", "jsonl"])
        .write_stdin(stdin));
    assert_eq!(status, 2);
    let paths: Vec<String> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(v["error"]["code"], "DC0503", "{v}");
            v["error"]["path"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    let want: Vec<&str> = cases.iter().map(|(_, p)| *p).collect();
    assert_eq!(paths, want);
}

/// Class 10: user text never breaks a format: terminal escapes and bidi overrides are shown,
/// Mermaid labels cannot inject markup, SARIF URIs are encoded and every result is located.
#[test]
fn outputs_stay_well_formed() {
    let dir = project("formats");
    let nasty = "esc \u{1b}[2J bidi \u{202e}x\u{202c} %%{init}%% <script> \" # |";
    let text = format!(
        "rulebook h \"{t}\" {{ }}\nrole clerk \"{t}\"\nprocedure p {{\n  step a \"{t}\" {{ required by clerk cite \"{t}\" }}\n}}\nrule r {{ on missing liable clerk as direct cite \"2\" }}\n",
        t = nasty.replace('"', "'")
    );
    write(&dir.join("weird name #%.dcl"), &text);
    let (_, mermaid, _) =
        run(duechain(&dir).args(["graph", "weird name #%.dcl", "--format", "mermaid"]));
    assert!(!mermaid.contains("%%") && !mermaid.contains("<script") && !mermaid.contains('\u{1b}'));
    let case = "{\"id\":\"\\u001b[31mred\\u202e\",\"facts\":{},\"people\":[{\"id\":\"c\",\"roles\":[\"clerk\"]}]}";
    write(&dir.join("c.json"), case);
    let (_, human, _) = run(duechain(&dir).args(["eval", "weird name #%.dcl", "c.json"]));
    assert!(
        !human.contains('\u{1b}') && !human.contains('\u{202e}'),
        "{human}"
    );
    write(
        &dir.join("bad.dcl"),
        "rulebook b { }\nimport \"nope.dcl\"\n",
    );
    let (_, sarif, _) = run(duechain(&dir).args([
        "check",
        "weird name #%.dcl",
        "bad.dcl",
        "missing file.dcl",
        "--format",
        "sarif",
    ]));
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap_or_else(|e| panic!("{e}"));
    for r in log["runs"][0]["results"].as_array().into_iter().flatten() {
        assert!(!r["locations"].as_array().is_none_or(Vec::is_empty), "{r}");
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default();
        assert!(!uri.contains(' ') && !uri.contains('#'), "{uri}");
    }
}

/// Class 12: codes and places everywhere.
#[test]
fn every_error_has_a_code() {
    let dir = project("codes");
    let (status, _, stderr) =
        run(duechain(&dir).args(["graph", "major_decision.dcl", "--procedure", "nope"]));
    assert_eq!((status, stderr.contains("DC0201")), (2, true), "{stderr}");
    let (status, stdout, _) =
        run(duechain(&dir).args(["check", "major_decision.dcl", "--root", "/no/such/dir"]));
    assert_eq!((status, stdout.contains("DC0901")), (2, true), "{stdout}");
    let (status, _, _) = run(duechain(&dir).args(["test", ".", "--min-coverage", "NaN"]));
    assert_eq!(status, 2);
    // Non-UTF-8: `check` and `fmt` give the same code; 10 MB and 100 MB the same too.
    write(&dir.join("gbk.dcl"), b"rulebook g { }\nrole \xb2\xe2\n");
    let (_, check_out, _) = run(duechain(&dir).args(["check", "gbk.dcl"]));
    let (_, _, fmt_err) = run(duechain(&dir).args(["fmt", "--check", "gbk.dcl"]));
    assert!(
        check_out.contains("DC0902") && fmt_err.contains("DC0902"),
        "{check_out}{fmt_err}"
    );
    for mb in [10, 100] {
        let name = format!("big{mb}.dcl");
        let body = format!(
            "rulebook b {{ }}\n{}",
            "// padding\n".repeat(mb * 1024 * 1024 / 11)
        );
        write(&dir.join(&name), body);
        let (status, stdout, _) = run(duechain(&dir).args(["check", &name, "--format", "json"]));
        assert_eq!(status, 2);
        assert!(stdout.contains("DC0903"), "{name}");
    }
    // A 4,000-file import chain stops at the nesting limit with its own code.
    for i in 0..4000 {
        write(
            &dir.join(format!("chain{i}.dcl")),
            format!("rulebook c{i} {{ }}\nimport \"chain{}.dcl\"\n", i + 1),
        );
    }
    let (status, codes) = check_codes(
        &dir,
        "chain0.dcl",
        "rulebook c0 { }\nimport \"chain1.dcl\"\n",
    );
    assert_eq!(status, 2);
    assert!(codes.contains(&"DC0102".to_owned()), "{codes:?}");
}

/// Copies `from` into `to`, putting a UTF-8 byte order mark before each file's text when `bom`.
fn copy_tree(from: &Path, to: &Path, bom: bool) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target, bom);
        } else {
            let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
            let mark: &[u8] = if bom { "\u{feff}".as_bytes() } else { b"" };
            write(&target, [mark, &text].concat());
        }
    }
}

/// Files saved by Windows editors (Notepad's "UTF-8" before 2019) begin with a byte order mark:
/// every reader skips it — rulebooks, calendars, cases, batches, expected verdicts, mappings and
/// CSV, XES and OCEL logs — and the outputs are those of the same files without it.
#[test]
fn byte_order_marks_are_skipped() {
    let root = |name: &str, bom: bool| {
        let dir = project(name);
        for sub in [
            "rules",
            "examples/service_window",
            "examples/information_disclosure",
        ] {
            copy_tree(&common::manifest().join(sub), &dir.join(sub), bom);
        }
        dir
    };
    let (plain, marked) = (root("bom-plain", false), root("bom-marked", true));
    let sw = "examples/service_window";
    let commands: [&[&str]; 6] = [
        &["test", "rules/service_window.dcl", "--format", "json"],
        &[
            "test",
            "rules/information_disclosure.dcl",
            "--format",
            "json",
        ],
        &[
            "eval",
            "rules/service_window.dcl",
            &format!("{sw}/turned-away.json"),
            "--format",
            "json",
        ],
        &[
            "import",
            &format!("{sw}/window-log.csv"),
            "--map",
            &format!("{sw}/window-log.toml"),
        ],
        &[
            "import",
            &format!("{sw}/applications-log.jsonocel"),
            "--map",
            &format!("{sw}/applications-log.toml"),
        ],
        &[
            "import",
            "examples/information_disclosure/requests-log.xes",
            "--map",
            "examples/information_disclosure/requests-log.toml",
        ],
    ];
    // The files' hashes differ, as their bytes do; nothing else may.
    let unhashed =
        |out: String| -> String { out.lines().filter(|l| !l.contains("\"sha256\"")).collect() };
    for args in commands {
        let (want_status, want, _) = run(duechain(&plain).args(args));
        let (status, got, stderr) = run(duechain(&marked).args(args));
        let (want, got) = (unhashed(want), unhashed(got));
        assert_eq!((status, &got), (want_status, &want), "{args:?}: {stderr}");
        assert!(matches!(status, 0 | 1), "{args:?} failed: {stderr}");
    }
}
