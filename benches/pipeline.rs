//! Benchmarks of the pipeline on generated input (`cargo bench`):
//! - `check`: parse + compile + every static check of a rulebook of N steps (a precedence chain
//!   with cross edges, deadlines, minimum gaps and durations);
//! - `batch`: 100,000 generated `major_decision` cases of 10 events each — deserializing only
//!   (serde_json into owned structs: the floor) and reading with duechain's case reader, against
//!   deserializing + validating +
//!   evaluating, evaluating already parsed cases, and end to end with each verdict written as a
//!   JSON line, on one thread and on two (`cargo bench --bench pipeline -- batch`);
//! - `logs`: the same cases read from disk as JSON Lines, as a CSV event log and as an XES log
//!   through a mapping, each evaluated on one thread, and the XML parser alone on the XES log
//!   (`cargo bench --bench pipeline -- logs`);
//! - `shapes`: the input shapes that were once quadratic or worse, each at two sizes ten times
//!   apart, so the figures show how the cost grows (`cargo bench --bench pipeline -- shapes`):
//!   the timing check of gaps that chain backwards, a calendar of long ranges with many distinct
//!   limits, a case object with many keys, a case with many events, a case with many findings
//!   that each reach the people a recorded field lists, a procedure of many steps with many
//!   findings in one, and the status of a matter whose findings in two steps are answered for
//!   by different people.
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a broken benchmark input panics with its message"
)]

use std::fmt::Write;
use std::sync::OnceLock;

#[path = "../tests/common/mod.rs"]
mod common;

use divan::counter::ItemsCount;
use duechain::compile::model::Model;
use duechain::eval::Plan;
use rayon::prelude::*;

/// The allocator the `duechain` binary uses, so the figures are the command's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// A rulebook of `n` steps: each after the previous, every 10th also after the 7th before it,
/// every 5th with a deadline, every 7th with a minimum gap in working days, every 3rd with a
/// minimum duration.
fn rulebook(n: usize) -> String {
    let mut s = String::from(
        "rulebook generated {\n  closed default true\n}\ncalendar cal {\n  weekend sat, sun\n  covers 2024 .. 2026\n  holiday 2024-10-01 .. 2024-10-03\n  rest 2024-10-04 .. 2024-10-07\n  workday 2024-09-29\n}\nrole clerk\nrole head\nrole clerk2 reports_to head\nprocedure p {\n  calendar cal\n",
    );
    for i in 0..n {
        let _ = write!(s, "  step s{i} \"step {i}\" {{ required by clerk");
        if i > 0 {
            let _ = write!(s, " after s{}", i - 1);
        }
        if i >= 7 && i % 10 == 0 {
            let _ = write!(s, ", s{}", i - 7);
        }
        if i >= 3 && i % 5 == 0 {
            let _ = write!(s, " within 90 days after s{}", i - 3);
        }
        if i >= 2 && i % 7 == 0 {
            let _ = write!(s, " at least 2 workdays after s{}.start", i - 2);
        }
        if i % 3 == 0 {
            s.push_str(" lasts at least 1 days");
        }
        let _ = writeln!(s, " cite \"Art. {i}\" }}");
    }
    s.push_str("}\nrule all { on missing, late, too_short, too_soon, out_of_order liable actor as direct liable leader of actor as main_leadership cite \"Art. 0\" }\n");
    s
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn check(bencher: divan::Bencher, n: usize) {
    let text = rulebook(n);
    let clean = duechain::check_text("generated.dcl", &text);
    assert!(
        clean.diagnostics.is_empty(),
        "{:?}",
        clean.diagnostics.first()
    );
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| duechain::check_text("generated.dcl", divan::black_box(&text)));
}

/// Parsing alone (pest and the lowering to the syntax tree), to see what the rest costs.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn parse(bencher: divan::Bencher, n: usize) {
    let text = rulebook(n);
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| duechain::parse::parse(duechain::source::FileId(0), divan::black_box(&text)));
}

/// The static checks alone, on a compiled model.
#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn checks(bencher: divan::Bencher, n: usize) {
    let checked = duechain::check_text("generated.dcl", &rulebook(n));
    let model = checked.model.unwrap_or_default();
    bencher
        .counter(ItemsCount::new(n))
        .bench(|| duechain::check::check(divan::black_box(&model)));
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| common::rulebook("major_decision").model.unwrap_or_default())
}

const CASES: usize = 100_000;

/// 100,000 cases as JSON Lines, about 10 events each, a third of them violating.
fn cases() -> &'static [String] {
    static CASES_TEXT: OnceLock<Vec<String>> = OnceLock::new();
    CASES_TEXT.get_or_init(|| {
        (0..CASES)
            .map(|i| {
                let month = 1 + (i % 9);
                let d = |day: usize| format!("2024-{month:02}-{:02}", day.min(28));
                // Every third case has a 19-day comment period (too short).
                let end = if i % 3 == 0 { d(20) } else { format!("2024-{:02}-{:02}", month + 1, 28) };
                format!(
                    concat!(
                        r#"{{"id":"case-{i}","title":"generated case {i}","procedure":"major_decision","#,
                        r#""facts":{{"withheld":false,"professional":true,"risk":true,"hearing_required":true}},"#,
                        r#""people":[{{"id":"zhang","name":"Zhang","roles":["head"]}},{{"id":"liu","roles":["deputy"]}},{{"id":"li","roles":["sponsor"]}},{{"id":"wang","roles":["legal_office"]}},{{"id":"chen","roles":["member"]}}],"#,
                        r#""events":[{{"step":"public_participation","by":"li","start":"{a}","end":"{b}"}},"#,
                        r#"{{"step":"hearing","by":"li","start":"{c}"}},{{"step":"hearing","by":"li","start":"{c2}"}},{{"step":"hearing","by":"li","start":"{c3}"}},"#,
                        r#"{{"step":"expert_review","by":"li","start":"{c}","end":"{c2}"}},{{"step":"expert_review","by":"li","start":"{c3}"}},"#,
                        r#"{{"step":"risk_assessment","by":"li","start":"{c}","end":"{c3}"}},"#,
                        r#"{{"step":"legality_review","by":"wang","start":"{e}","end":"{e}"}},"#,
                        r#"{{"step":"collective_discussion","by":"zhang","start":"{f}","fields":{{"attendees":["zhang","liu","chen"],"dissent":["chen"]}}}},"#,
                        r#"{{"step":"publication","by":"li","start":"{f}"}}],"#,
                        r#""outcome":{{"consequence":"major"}},"history":{{"prior_offences":{{"li":1}},"self_corrected":[]}}}}"#
                    ),
                    i = i,
                    a = d(1),
                    b = end,
                    c = d(3),
                    c2 = d(5),
                    c3 = d(8),
                    e = format!("2024-{:02}-{:02}", month + 2, 1),
                    f = format!("2024-{:02}-{:02}", month + 2, 20),
                )
            })
            .collect()
    })
}

#[divan::bench_group(sample_count = 5)]
mod batch {
    use super::*;
    use duechain::eval::batch::{self, Lines};

    /// Deserializing only, with plain serde_json into owned structs: the floor that evaluation
    /// is compared with.
    #[divan::bench]
    fn parse_only(bencher: divan::Bencher) {
        count_read(bencher, |l| {
            serde_json::from_str::<duechain::eval::case::RawCase>(l).is_ok()
        });
    }

    /// Reading only, as duechain reads a case (its case reader).
    #[divan::bench]
    fn read_only(bencher: divan::Bencher) {
        count_read(bencher, |l| duechain::eval::case::parse(l).is_ok());
    }

    /// Benchmarks reading every case line with `read`, counting those read.
    fn count_read(bencher: divan::Bencher, read: impl Fn(&str) -> bool + Sync) {
        let lines = cases();
        bencher
            .counter(ItemsCount::new(lines.len()))
            .bench(|| lines.iter().filter(|l| read(l)).count());
    }

    /// Deserializing, validating and evaluating, on one thread.
    #[divan::bench]
    fn parse_and_eval_1_thread(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let lines = cases();
        let first = plan.evaluate_json(&lines[0], Some(1), false);
        assert_eq!(
            first.status(),
            duechain::eval::verdict::Status::Violating,
            "{first:?}"
        );
        judge_all(bencher, lines, |l, n| plan.evaluate_json(l, Some(n), false));
    }

    /// Validating and evaluating cases already parsed, on one thread (the evaluation-only
    /// target: the verdict record is built, not written).
    #[divan::bench]
    fn eval_only_1_thread(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let parsed: Vec<_> = cases()
            .iter()
            .map(|l| duechain::eval::case::parse(l).unwrap_or_else(|e| panic!("{}", e.message)))
            .collect();
        judge_all(bencher, &parsed, |c, n| {
            plan.evaluate_case(c, Some(n), false)
        });
    }

    /// End to end as `eval --format jsonl` runs, on one thread: reading the JSON Lines in
    /// chunks, parsing, validating, evaluating and writing each verdict as a JSON line into the
    /// output buffer.
    #[divan::bench]
    fn end_to_end_1_thread(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let mut out = Output::default();
        bencher.counter(ItemsCount::new(CASES)).bench_local(|| {
            let mut lines = Lines::new(batch_text());
            let mut next = lines.chunks();
            while let Some(chunk) = next() {
                for line in &chunk {
                    out.write(&verdict_line(&plan, line));
                }
            }
            out.finish()
        });
    }

    /// The same as the command runs it with two worker threads: each chunk judged in parallel
    /// while the calling thread reads the next and writes the one before, in input order.
    #[divan::bench]
    fn end_to_end_2_threads(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let pool = two_threads();
        let mut out = Output::default();
        bencher.counter(ItemsCount::new(CASES)).bench_local(|| {
            let mut lines = Lines::new(batch_text());
            batch::pipelined(
                &pool,
                lines.chunks(),
                |line| verdict_line(&plan, line),
                |texts| texts.iter().for_each(|t| out.write(t)),
            );
            out.finish()
        });
    }

    /// The generated cases as one JSON Lines text.
    fn batch_text() -> &'static [u8] {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(|| cases().join("\n")).as_bytes()
    }

    /// One line's record as the command writes it in JSON Lines.
    fn verdict_line(plan: &Plan<'_>, line: &batch::Line) -> Vec<u8> {
        let mut text = duechain::report::compact::to_line(&plan.evaluate_line(line, false))
            .unwrap_or_else(|e| panic!("{e}"));
        text.push('\n');
        text.into_bytes()
    }

    /// An output buffer emptied whenever it fills, as a buffered writer's is.
    #[derive(Default)]
    struct Output {
        buf: Vec<u8>,
        written: usize,
    }

    impl Output {
        fn write(&mut self, text: &[u8]) {
            self.buf.extend_from_slice(text);
            if self.buf.len() > 1 << 16 {
                self.written += divan::black_box(&self.buf).len();
                self.buf.clear();
            }
        }

        /// The bytes written in all, starting over.
        fn finish(&mut self) -> usize {
            let n = std::mem::take(&mut self.written) + self.buf.len();
            self.buf.clear();
            n
        }
    }

    /// Benchmarks judging every item (its 1-based line given), counting the verdicts.
    fn judge_all<T: Sync>(
        bencher: divan::Bencher,
        items: &[T],
        judge: impl Fn(&T, usize) -> duechain::eval::verdict::Record + Sync,
    ) {
        bencher.counter(ItemsCount::new(items.len())).bench(|| {
            items
                .iter()
                .enumerate()
                .map(|(i, x)| judge(x, i + 1))
                .filter(|r| r.status() != duechain::eval::verdict::Status::Invalid)
                .count()
        });
    }

    fn two_threads() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The same on two rayon threads, input order kept.
    #[divan::bench]
    fn parse_and_eval_2_threads(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let lines = cases();
        let pool = two_threads();
        bencher.counter(ItemsCount::new(lines.len())).bench(|| {
            pool.install(|| {
                lines
                    .par_iter()
                    .enumerate()
                    .map(|(i, l)| plan.evaluate_json(l, Some(i + 1), false))
                    .collect::<Vec<_>>()
                    .len()
            })
        });
    }
}

/// The same cases as event logs: reading a CSV or XES log through a mapping and evaluating
/// it, against evaluating the JSON Lines (every path reads its file from disk).
#[divan::bench_group(sample_count = 5)]
mod logs {
    use super::*;
    use duechain::import::{self, mapping::Mapping};
    use std::path::PathBuf;

    const MAPPING: &str = r#"
[event]
end = "end"
[activities]
public_participation = "public_participation"
hearing = "hearing"
expert_review = "expert_review"
risk_assessment = "risk_assessment"
legality_review = "legality_review"
collective_discussion = "collective_discussion"
publication = "publication"
[people.roles]
zhang = ["head"]
liu = ["deputy"]
li = ["sponsor"]
wang = ["legal_office"]
chen = ["member"]
[facts]
withheld = "case:withheld"
professional = "case:professional"
risk = "case:risk"
hearing_required = "case:hearing_required"
[fields]
attendees = { attribute = "attendees", split = ";" }
dissent = { attribute = "dissent", split = ";" }
"#;

    /// The generated cases written as JSON Lines, CSV and XES under the target directory.
    fn files() -> &'static (PathBuf, PathBuf, PathBuf) {
        static FILES: OnceLock<(PathBuf, PathBuf, PathBuf)> = OnceLock::new();
        FILES.get_or_init(|| {
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-logs");
            std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
            let (mut csv, mut xes) = (String::new(), String::new());
            csv.push_str("case:concept:name,concept:name,time:timestamp,end,org:resource,case:withheld,case:professional,case:risk,case:hearing_required,attendees,dissent\n");
            xes.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n");
            for line in cases() {
                let case: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                let id = case["id"].as_str().unwrap_or("");
                let f = &case["facts"];
                let _ = write!(xes, "<trace><string key=\"concept:name\" value=\"{id}\"/>");
                for k in ["withheld", "professional", "risk", "hearing_required"] {
                    let _ = write!(xes, "<string key=\"case:{k}\" value=\"{}\"/>", f[k]);
                }
                for e in case["events"].as_array().into_iter().flatten() {
                    let text = |k: &str| e[k].as_str().unwrap_or("").to_owned();
                    let list = |k: &str| -> String {
                        e["fields"][k].as_array().into_iter().flatten().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(";")
                    };
                    let end = e["end"].as_str().map_or_else(|| text("start"), str::to_owned);
                    let _ = writeln!(
                        csv,
                        "{id},{},{},{end},{},{},{},{},{},{},{}",
                        text("step"), text("start"), text("by"),
                        f["withheld"], f["professional"], f["risk"], f["hearing_required"],
                        list("attendees"), list("dissent")
                    );
                    let _ = write!(
                        xes,
                        "<event><string key=\"concept:name\" value=\"{}\"/><date key=\"time:timestamp\" value=\"{}\"/><date key=\"end\" value=\"{end}\"/><string key=\"org:resource\" value=\"{}\"/><string key=\"attendees\" value=\"{}\"/><string key=\"dissent\" value=\"{}\"/></event>",
                        text("step"), text("start"), text("by"), list("attendees"), list("dissent")
                    );
                }
                xes.push_str("</trace>\n");
            }
            xes.push_str("</log>\n");
            let paths = (dir.join("cases.jsonl"), dir.join("cases.csv"), dir.join("cases.xes"));
            for (path, text) in [(&paths.0, cases().join("\n")), (&paths.1, csv), (&paths.2, xes)] {
                std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
            }
            paths
        })
    }

    fn mapping() -> Mapping {
        Mapping::load("bench.toml", MAPPING, model())
            .unwrap_or_else(|e| panic!("{:?}", e.diagnostics))
    }

    /// Reading the JSON Lines file and evaluating it, one thread.
    #[divan::bench]
    fn jsonl(bencher: divan::Bencher) {
        let plan = Plan::new(model());
        let path = &files().0;
        bencher.counter(ItemsCount::new(CASES)).bench(|| {
            let mut text = String::new();
            std::io::Read::read_to_string(
                &mut std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}")),
                &mut text,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            text.lines()
                .map(|l| plan.evaluate_json(l, None, false))
                .filter(|r| r.status() != duechain::eval::verdict::Status::Invalid)
                .count()
        });
    }

    /// Reading a log through the mapping and evaluating it, one thread; every matter must be
    /// judged, and as the JSON Lines judge it.
    fn log(bencher: divan::Bencher, path: &std::path::Path) {
        let plan = Plan::new(model());
        let mapping = mapping();
        let run = || {
            common::log_traces(path, &mapping)
                .map(|t| {
                    let t = t.unwrap_or_else(|e| panic!("{e:?}"));
                    let case =
                        import::case_of(&t, &mapping, model()).unwrap_or_else(|e| panic!("{e:?}"));
                    plan.evaluate_case(&case, None, false)
                })
                .filter(|r| r.status() != duechain::eval::verdict::Status::Invalid)
                .count()
        };
        assert_eq!(run(), CASES);
        bencher.counter(ItemsCount::new(CASES)).bench(run);
    }

    /// A CSV event log (one row an event, grouped by case).
    #[divan::bench]
    fn csv(bencher: divan::Bencher) {
        log(bencher, &files().1);
    }

    /// An XES event log.
    #[divan::bench]
    fn xes(bencher: divan::Bencher) {
        log(bencher, &files().2);
    }

    /// The XES reader alone: matters read, not built into cases nor judged.
    #[divan::bench]
    fn xes_traces_only(bencher: divan::Bencher) {
        let mapping = mapping();
        bencher.counter(ItemsCount::new(CASES)).bench(|| {
            common::log_traces(&files().2, &mapping)
                .filter(|t| t.is_ok())
                .count()
        });
    }

    /// The XES reader and the building of cases through the mapping, not judged.
    #[divan::bench]
    fn xes_cases_only(bencher: divan::Bencher) {
        let mapping = mapping();
        bencher.counter(ItemsCount::new(CASES)).bench(|| {
            common::log_traces(&files().2, &mapping)
                .filter_map(|t| import::case_of(&t.ok()?, &mapping, model()).ok())
                .count()
        });
    }

    /// The XML parser alone on the XES log: every element and attribute read, nothing kept or
    /// judged (what the reader would cost if the parser read every element; it reads the plain
    /// attribute elements itself).
    #[divan::bench]
    fn xes_parser_only(bencher: divan::Bencher) {
        let path = &files().2;
        bencher.counter(ItemsCount::new(CASES)).bench(|| {
            let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
            let input = std::io::BufReader::with_capacity(1 << 18, file);
            let mut reader = quick_xml::Reader::from_reader(input);
            reader.config_mut().trim_text(true);
            let (mut buf, mut bytes) = (Vec::new(), 0usize);
            loop {
                buf.clear();
                match reader.read_event_into(&mut buf) {
                    Ok(quick_xml::events::Event::Eof) => break bytes,
                    Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                        bytes += e
                            .attributes()
                            .flatten()
                            .map(|a| a.value.len())
                            .sum::<usize>();
                    }
                    Ok(_) => {}
                    Err(e) => panic!("{e}"),
                }
            }
        });
    }
}

/// The once-quadratic input shapes (see the module documentation).
mod shapes {
    use super::*;
    use common::shapes;

    /// Checks a generated rulebook, which must be free of errors.
    fn check(bencher: divan::Bencher, n: usize, text: &str) {
        let checked = duechain::check_text("shape.dcl", text);
        assert!(checked.model.is_some(), "{:?}", checked.diagnostics.first());
        bencher
            .counter(ItemsCount::new(n))
            .bench(|| duechain::check_text("shape.dcl", divan::black_box(text)));
    }

    #[divan::bench(args = [3_000, 30_000], sample_count = 5)]
    fn backward_chain(bencher: divan::Bencher, n: usize) {
        check(bencher, n, &shapes::backward_chain(n));
    }

    #[divan::bench(args = [2_000, 20_000], sample_count = 5)]
    fn wide_calendar(bencher: divan::Bencher, n: usize) {
        check(bencher, n, &shapes::wide_calendar(n, n / 7));
    }

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn many_keys(bencher: divan::Bencher, n: usize) {
        let text = shapes::many_keys(n);
        bencher
            .counter(ItemsCount::new(n))
            .bench(|| duechain::eval::case::parse(divan::black_box(&text)).is_ok());
    }

    /// Evaluates a generated `major_decision` case of `n` items.
    fn evaluate(bencher: divan::Bencher, n: usize, text: &str) {
        let plan = Plan::new(model());
        bencher
            .counter(ItemsCount::new(n))
            .bench(|| plan.evaluate_json(divan::black_box(text), Some(1), false));
    }

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn many_events(bencher: divan::Bencher, n: usize) {
        evaluate(bencher, n, &shapes::many_events(n));
    }

    #[divan::bench(args = [10_000, 100_000], sample_count = 10)]
    fn many_findings(bencher: divan::Bencher, n: usize) {
        evaluate(bencher, n, &shapes::many_findings(n));
    }

    /// A procedure of `n` steps and a case of `n` findings in the first: where each step
    /// stands.
    #[divan::bench(args = [3_000, 30_000], sample_count = 5)]
    fn many_steps_and_findings(bencher: divan::Bencher, n: usize) {
        let (book, case) = shapes::many_steps_and_findings(n);
        let model = duechain::check_text("steps.dcl", &book)
            .model
            .unwrap_or_default();
        let plan = Plan::new(&model);
        bencher
            .counter(ItemsCount::new(n))
            .bench(|| plan.evaluate_json(divan::black_box(&case), Some(1), false));
    }

    /// A matter's status (`duechain status`) when two steps each have `n` findings answered
    /// for by different people: who answers for each duty.
    #[divan::bench(args = [6_000, 60_000], sample_count = 5)]
    fn status_of_many_findings(bencher: divan::Bencher, n: usize) {
        let record =
            Plan::new(model()).evaluate_json(&shapes::findings_in_two_steps(n), None, false);
        let duechain::eval::verdict::Record::Verdict(verdict) = record else {
            panic!("{record:?}")
        };
        bencher
            .counter(ItemsCount::new(n))
            .bench(|| duechain::report::status::of(divan::black_box(&verdict), model()));
    }
}
