//! Laws the toolchain must obey, as property tests and boundary tests: parsing never panics;
//! renaming people never changes a verdict; adding the missing event never adds a finding;
//! removing dissent never lightens liability; measures never shrink as consequences grow;
//! working days are counted per the annual notices; a batch yields one result a line, in order.
#![expect(
    clippy::disallowed_methods,
    reason = "tests read the bundled rulebooks"
)]
#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a failing test panics with its message"
)]

use std::path::PathBuf;
use std::sync::OnceLock;

mod common;

use duechain::compile::model::Model;
use duechain::eval::Plan;
use duechain::eval::case::RawCase;
use duechain::eval::verdict::Verdict;
use proptest::prelude::*;
use serde_json::{Value, json};

fn rules() -> PathBuf {
    common::manifest().join("rules")
}

fn major_decision() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| common::rulebook("major_decision").model.unwrap_or_default())
}

fn service_window() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| common::rulebook("service_window").model.unwrap_or_default())
}

fn eval(case: &Value) -> Verdict {
    let raw: RawCase =
        serde_json::from_value(case.clone()).unwrap_or_else(|e| panic!("{e}: {case}"));
    Plan::new(major_decision())
        .evaluate_raw(&raw, false)
        .unwrap_or_else(|e| panic!("{e:?}: {case}"))
}

fn example(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/major_decision")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default()).unwrap_or_default()
}

// ------------------------------------------------------------------ generated cases

const PEOPLE: [(&str, &str); 6] = [
    ("zhang", "head"),
    ("liu", "deputy"),
    ("li", "sponsor"),
    ("wang", "legal_office"),
    ("chen", "member"),
    ("zhou", "member"),
];

/// A compliant `major_decision` case: facts, and a timeline that meets every duty.
#[derive(Debug, Clone)]
struct Timeline {
    facts: [bool; 4],
    start: i64,
    gaps: [i64; 4],
    attendees: Vec<usize>,
    dissent: Vec<usize>,
    consequence: &'static str,
    prior: [u32; 6],
}

fn timeline() -> impl Strategy<Value = Timeline> {
    (
        any::<[bool; 4]>(),
        0i64..600,
        [0i64..5, 0i64..5, 20i64..40, 0i64..10],
        proptest::sample::subsequence(vec![1usize, 4, 5], 0..=3),
        any::<[bool; 3]>(),
        prop_oneof![Just("none"), Just("minor"), Just("major"), Just("severe")],
        [0u32..2, 0u32..2, 0u32..3, 0u32..2, 0u32..2, 0u32..2],
    )
        .prop_map(|(facts, start, gaps, others, dis, consequence, prior)| {
            let mut attendees = vec![0];
            attendees.extend(others.iter().copied());
            let dissent = others
                .iter()
                .zip(dis)
                .filter(|(_, d)| *d)
                .map(|(p, _)| *p)
                .collect();
            Timeline {
                facts,
                start,
                gaps,
                attendees,
                dissent,
                consequence,
                prior,
            }
        })
}

fn day(offset: i64) -> String {
    let d = jiff::civil::date(2023, 1, 2)
        .checked_add(jiff::Span::new().days(offset))
        .unwrap_or(jiff::civil::date(2023, 1, 2));
    d.to_string()
}

impl Timeline {
    fn case(&self) -> Value {
        let [withheld, professional, risk, hearing] = self.facts;
        let ev = |step: &str, by: &str, s: i64, e: i64| json!({"step": step, "by": by, "start": day(s), "end": day(e)});
        let mut t = self.start;
        let mut events = Vec::new();
        let prep_end = t + 35 + self.gaps[0];
        if !withheld {
            events.push(ev("public_participation", "li", t, prep_end));
        }
        if hearing {
            events.push(ev("hearing", "li", t + 3, t + 4));
        }
        if professional {
            events.push(ev("expert_review", "li", t + 5, t + 8 + self.gaps[1]));
        }
        if risk {
            events.push(ev("risk_assessment", "li", t + 2, t + 20));
        }
        t = prep_end + 1;
        let review_end = t + 5 + self.gaps[3];
        events.push(ev("legality_review", "wang", t, review_end));
        // 7 working days after the request always fit in 15 calendar days, holidays included.
        let meet = (review_end + 1).max(t + self.gaps[2]);
        let names = |ix: &[usize]| ix.iter().map(|i| PEOPLE[*i].0).collect::<Vec<_>>();
        events.push(
            json!({"step": "collective_discussion", "by": "zhang", "start": day(meet),
            "fields": {"attendees": names(&self.attendees), "dissent": names(&self.dissent)}}),
        );
        // A matter withheld from disclosure by law is not published (Decree 713 Art. 32).
        if !withheld {
            events.push(ev("publication", "li", meet + 3, meet + 3));
        }
        let prior: serde_json::Map<String, Value> = PEOPLE
            .iter()
            .zip(self.prior)
            .filter(|(_, n)| *n > 0)
            .map(|((id, _), n)| ((*id).to_owned(), json!(n)))
            .collect();
        json!({
            "id": "generated",
            "procedure": "major_decision",
            "facts": {"withheld": withheld, "professional": professional, "risk": risk, "hearing_required": hearing},
            "people": PEOPLE.iter().map(|(id, role)| json!({"id": id, "roles": [role]})).collect::<Vec<_>>(),
            "events": events,
            "outcome": {"consequence": self.consequence},
            "history": {"prior_offences": prior, "self_corrected": []}
        })
    }
}

/// Findings as comparable (kind, step) pairs.
fn kinds(v: &Verdict) -> Vec<(String, String)> {
    v.findings
        .iter()
        .map(|f| (f.kind.to_string(), f.step.to_string()))
        .collect()
}

/// The heaviest measure index per (person, ladder): how heavy a verdict is for each person.
fn weight(v: &Verdict, model: &Model) -> std::collections::BTreeMap<(String, String), i64> {
    let mut out = std::collections::BTreeMap::new();
    for l in &v.liability {
        for m in &l.measures {
            let idx = model
                .ladders
                .iter()
                .find(|x| x.name == m.ladder)
                .and_then(|x| {
                    m.measure
                        .as_ref()
                        .and_then(|n| x.measures.iter().position(|y| y.name == *n))
                })
                .map_or(-1, |i| i as i64);
            let slot = out
                .entry((l.person.to_string(), m.ladder.to_string()))
                .or_insert(-1);
            *slot = (*slot).max(idx);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Parsing arbitrary text never panics, however it is broken.
    #[test]
    fn parsing_never_panics(text in "\\PC{0,400}") {
        let _ = duechain::check_text("any.dcl", &text);
    }

    /// Mutations of a real rulebook never panic the compiler or the checks either.
    #[test]
    fn mutated_rulebooks_never_panic(cut in 0usize..6000, len in 0usize..40, insert in "[a-z{}()\" ,.:0-9]{0,12}") {
        let text = std::fs::read_to_string(rules().join("major_decision.dcl")).unwrap_or_default();
        let mut chars: Vec<char> = text.chars().collect();
        let at = cut.min(chars.len());
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.chars());
        let _ = duechain::check_text("mutated.dcl", &chars.into_iter().collect::<String>());
    }

    /// A comment at the end of any line of a formatted rulebook stays at the end of that line,
    /// and a comment line put before any line stays right before it.
    #[test]
    fn comments_stay_on_their_lines(
        book in 0usize..64,
        trailing in prop::collection::btree_set(0usize..400, 0..24),
        leading in prop::collection::btree_set(0usize..400, 0..8),
    ) {
        let books = common::entries("rules");
        let books: Vec<&PathBuf> = books.iter().filter(|p| p.extension().is_some_and(|e| e == "dcl")).collect();
        let text = common::text(books[book % books.len()]);
        let mut want = Vec::new();
        let mut input = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if leading.contains(&i) && !line.trim().is_empty() {
                input.push(format!("// l{i}"));
            }
            let mut line = line.to_owned();
            if trailing.contains(&i) && !line.trim().is_empty() && !line.contains("//") {
                line.push_str(&format!(" // t{i}"));
            }
            input.push(line.clone());
            want.push(line);
        }
        let out = duechain::fmt::format(&(input.join("\n") + "\n"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let kept: Vec<&str> = out.lines().filter(|l| !l.trim_start().starts_with("// l")).collect();
        prop_assert_eq!(kept, want.iter().map(String::as_str).collect::<Vec<_>>());
        let lines: Vec<&str> = out.lines().collect();
        for (n, l) in lines.iter().enumerate() {
            if let Some(i) = l.trim_start().strip_prefix("// l") {
                let i: usize = i.parse().unwrap_or_default();
                let next = lines.get(n + 1).map(|l| l.trim());
                prop_assert_eq!(next, want.get(i).map(|l| l.trim()));
            }
        }
    }

    /// A matter still in progress whose record so far is a prefix of a compliant one, judged
    /// as of the day of its last recorded event, has no finding: what it has not done yet is
    /// pending, never `missing`, and every pending duty is due on or after that day. Judged as
    /// of a later day, it keeps every finding it had (a finding never goes away with time).
    #[test]
    fn an_open_prefix_of_a_compliant_matter_breaks_nothing_yet(
        t in timeline(),
        cut in any::<prop::sample::Index>(),
        later in 0i64..400,
    ) {
        let mut case = t.case();
        let mut events = case["events"].as_array().cloned().unwrap_or_default();
        events.sort_by_key(|e| e["start"].as_str().unwrap_or_default().to_owned());
        events.truncate(cut.index(events.len()) + 1);
        let last = events.iter().filter_map(|e| e["start"].as_str()).max().unwrap_or_default().to_owned();
        case["events"] = Value::Array(events);
        case["closed"] = json!(false);
        case["as_of"] = json!(last.clone());
        let now = eval(&case);
        prop_assert!(now.compliant, "as of {}: {:?}", last, kinds(&now));
        for p in &now.duties.pending {
            prop_assert!(p.due.as_deref().is_none_or(|d| d >= last.as_str()), "{:?}", p);
        }
        let then = jiff::civil::Date::strptime("%Y-%m-%d", &last)
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().days(later)).ok())
            .map(|d| d.to_string())
            .unwrap_or(last);
        case["as_of"] = json!(then);
        let after = eval(&case);
        let before = kinds(&now);
        let grown = kinds(&after);
        for k in &before {
            prop_assert!(grown.contains(k), "{:?} went away as of {}", k, then);
        }
    }

    /// An open service-window matter judged on a later day keeps every finding it had; a duty
    /// pending with a due date is never late before that date, and while still pending its due
    /// date only moves later and is never before the day judged.
    #[test]
    fn open_matters_only_get_worse_with_time(
        complete in any::<bool>(),
        committed in prop::option::of(5i64..25),
        start in 0i64..300,
        steps in proptest::sample::subsequence(vec![("notice", 2i64), ("inspection", 5), ("extension", 12), ("decision", 30)], 0..=4),
        wait in 0i64..40,
        more in 0i64..60,
    ) {
        let on = |d: i64| day(start + 365 + d);
        let mut events = vec![
            json!({"step": "inquiry", "by": "zhao", "start": on(0)}),
            json!({"step": "acceptance", "by": "zhao", "start": on(0)}),
        ];
        for (step, at) in &steps {
            let by = match *step { "extension" => "zhou", "decision" => "qian", _ => "zhao" };
            events.push(json!({"step": step, "by": by, "start": on(*at), "end": on(*at + 1)}));
        }
        let last = steps.iter().map(|s| s.1).max().unwrap_or(0);
        let mut case = json!({
            "id": "open", "closed": false,
            "facts": {"complete": complete},
            "people": [
                {"id": "zhao", "roles": ["window_officer"]}, {"id": "qian", "roles": ["competent_officer"]},
                {"id": "sun", "roles": ["section_chief"]}, {"id": "zhou", "roles": ["head"]}
            ],
            "events": events,
        });
        if let Some(c) = committed {
            case["facts"]["committed_days"] = json!(c);
        }
        let judge = |as_of: &str, case: &mut Value| {
            case["as_of"] = json!(as_of);
            let raw: RawCase = serde_json::from_value(case.clone()).unwrap_or_else(|e| panic!("{e}"));
            Plan::new(service_window()).evaluate_raw(&raw, false).unwrap_or_else(|e| panic!("{e:?}"))
        };
        let (t1, t2) = (on(last + wait), on(last + wait + more));
        let first = judge(&t1, &mut case);
        let second = judge(&t2, &mut case);
        for k in kinds(&first) {
            prop_assert!(kinds(&second).contains(&k), "{:?} went away between {} and {}", k, t1, t2);
        }
        for p in &first.duties.pending {
            let Some(due) = &p.due else { continue };
            let late = second.findings.iter().any(|f| f.step == p.step && f.kind.to_string() == "late");
            prop_assert!(!late || t2.as_str() > due.as_str(), "{} due {} was late on {}", p.step, due, t2);
            // A due date only moves later (a stop-the-clock step still running at t1 goes on
            // stopping it).
            // With nothing still running at t1, the due date is settled: late exactly past it.
            if wait > 1 {
                prop_assert_eq!(late, t2.as_str() > due.as_str(), "{} due {} judged {}", p.step, due, t2);
            }
            if let Some(q) = second.duties.pending.iter().find(|q| q.step == p.step) {
                prop_assert!(q.due.as_deref().is_some_and(|d| d >= due.as_str() && t2.as_str() <= d), "{:?} then {:?}", p, q);
            }
        }
    }

    /// A closed matter's status is its verdict: no duty pending, the violated duties are the
    /// steps of its findings, and every step of the procedure is listed once.
    #[test]
    fn a_closed_matter_s_status_is_its_verdict(t in timeline(), drop in any::<prop::sample::Index>()) {
        let mut case = t.case();
        if let Some(events) = case["events"].as_array_mut() {
            let i = drop.index(events.len());
            events.remove(i);
        }
        let v = eval(&case);
        prop_assert!(v.closed);
        let s = duechain::report::status::of(&v, major_decision());
        let steps = major_decision().procedures.first().map_or(0, |p| p.steps.len());
        prop_assert_eq!(s.duties.len(), steps);
        let violated: std::collections::BTreeSet<&str> = s.duties.iter()
            .filter(|d| d.state == duechain::report::status::State::Violated)
            .map(|d| d.step.as_str()).collect();
        let found: std::collections::BTreeSet<&str> = v.findings.iter().map(|f| f.step.as_str()).collect();
        prop_assert_eq!(violated, found);
        prop_assert!(s.duties.iter().all(|d| d.state != duechain::report::status::State::Pending));
        prop_assert_eq!(s.compliant, v.compliant);
    }

    /// The generated timelines are compliant: the generator is a valid oracle for the laws below.
    #[test]
    fn generated_timelines_are_compliant(t in timeline()) {
        let v = eval(&t.case());
        prop_assert!(v.compliant, "{:?}", kinds(&v));
    }

    /// Dropping one required event gives exactly its `missing` finding; adding it back removes
    /// that finding and adds none.
    #[test]
    fn adding_the_missing_event_adds_no_finding(t in timeline(), pick in any::<prop::sample::Index>()) {
        let full = t.case();
        let events = full["events"].as_array().cloned().unwrap_or_default();
        let i = pick.index(events.len());
        let step = events[i]["step"].as_str().unwrap_or_default().to_owned();
        let mut without = full.clone();
        without["events"].as_array_mut().map(|e| e.remove(i));
        let missing = eval(&without);
        prop_assert!(kinds(&missing).contains(&("missing".to_owned(), step.clone())), "{:?}", kinds(&missing));
        let restored = eval(&full);
        let before: Vec<_> = kinds(&missing).into_iter().filter(|k| *k != ("missing".to_owned(), step.clone())).collect();
        for k in kinds(&restored) {
            prop_assert!(before.contains(&k), "adding `{}` added {:?}", step, k);
        }
    }

    /// Renaming people changes nothing but the names.
    #[test]
    fn renaming_people_changes_only_names(t in timeline(), drop in 0usize..5, salt in "[a-z]{1,6}") {
        let mut case = t.case();
        case["events"].as_array_mut().map(|e| e.remove(drop.min(e.len() - 1)));
        let original = serde_json::to_string(&eval(&case)).unwrap_or_default();
        let mut text = serde_json::to_string(&case).unwrap_or_default();
        for (id, _) in PEOPLE {
            text = text.replace(&format!("\"{id}\""), &format!("\"{salt}_{id}_x\""));
        }
        let renamed_case: Value = serde_json::from_str(&text).unwrap_or_default();
        let mut renamed = serde_json::to_string(&eval(&renamed_case)).unwrap_or_default();
        for (id, _) in PEOPLE {
            renamed = renamed.replace(&format!("{salt}_{id}_x"), id);
        }
        prop_assert_eq!(original, renamed);
    }

    /// Removing recorded dissent never lightens anyone's liability.
    #[test]
    fn removing_dissent_never_lightens(t in timeline(), drop in 0usize..5) {
        let mut case = t.case();
        case["events"].as_array_mut().map(|e| e.remove(drop.min(e.len() - 1)));
        let with = eval(&case);
        for e in case["events"].as_array_mut().into_iter().flatten() {
            if let Some(f) = e.get_mut("fields") {
                f["dissent"] = json!([]);
            }
        }
        let without = eval(&case);
        let (a, b) = (weight(&with, major_decision()), weight(&without, major_decision()));
        for (key, w) in &a {
            prop_assert!(b.get(key).copied().unwrap_or(-1) >= *w, "{:?} lighter without dissent", key);
        }
        prop_assert!(without.liability.iter().filter(|l| l.exempt.is_some()).count() == 0);
    }

    /// Rule 5: measures grow with the consequence and never shrink as it grows.
    #[test]
    fn measures_never_shrink_as_consequences_grow(t in timeline(), drop in 0usize..5) {
        let mut case = t.case();
        case["events"].as_array_mut().map(|e| e.remove(drop.min(e.len() - 1)));
        let mut last: Option<std::collections::BTreeMap<(String, String), i64>> = None;
        for level in ["none", "minor", "major", "severe"] {
            case["outcome"]["consequence"] = json!(level);
            let w = weight(&eval(&case), major_decision());
            if let Some(prev) = &last {
                for (key, before) in prev {
                    prop_assert!(w.get(key).copied().unwrap_or(-1) >= *before, "{:?} lighter at {}", key, level);
                }
            }
            last = Some(w);
        }
    }
}

// ------------------------------------------------------------------ §8 liability rules

fn entries<'a>(v: &'a Verdict, rule: &str) -> Vec<(&'a str, &'a str, bool)> {
    v.liability
        .iter()
        .filter(|l| l.rule == rule)
        .map(|l| (l.person.as_str(), l.grade.as_str(), l.exempt.is_some()))
        .collect()
}

#[test]
fn rule_1_conditional_step_sponsor_direct_deputy_main() {
    let v = eval(&example("risk-assessment-after-review"));
    assert_eq!(
        kinds(&v),
        vec![("out_of_order".to_owned(), "legality_review".to_owned())]
    );
    assert_eq!(
        entries(&v, "conditional_steps"),
        vec![("li", "direct", false), ("liu", "main_leadership", false)]
    );
}

#[test]
fn rule_2_legality_review_missing_sponsor_direct_head_main() {
    let v = eval(&example("missing-legality-review"));
    assert_eq!(
        entries(&v, "legality_gate"),
        vec![("li", "direct", false), ("zhang", "main_leadership", false)]
    );
    let v = eval(&example("discussion-before-review-ended"));
    assert_eq!(
        kinds(&v),
        vec![
            (
                "out_of_order".to_owned(),
                "collective_discussion".to_owned()
            ),
            ("too_soon".to_owned(), "collective_discussion".to_owned())
        ]
    );
    assert_eq!(
        entries(&v, "legality_gate"),
        vec![("li", "direct", false), ("zhang", "main_leadership", false)]
    );
}

#[test]
fn rule_3_no_collective_discussion_head_direct() {
    let v = eval(&example("head-decided-alone"));
    assert_eq!(
        entries(&v, "head_decided_alone"),
        vec![("zhang", "direct", false)]
    );
    let sanction = v
        .liability
        .iter()
        .flat_map(|l| &l.measures)
        .find(|m| m.ladder == "sanctions")
        .and_then(|m| m.measure.clone());
    assert_eq!(
        sanction.as_deref(),
        Some("removal"),
        "severe and aggravated, but never beyond removal"
    );
}

#[test]
fn rule_4_attendees_important_leadership_dissent_exempt() {
    let v = eval(&example("missing-legality-review"));
    assert_eq!(
        entries(&v, "meeting_members"),
        vec![
            ("liu", "important_leadership", false),
            ("chen", "important_leadership", false),
            ("zhou", "important_leadership", true)
        ]
    );
    let zhou = v
        .liability
        .iter()
        .find(|l| l.person == "zhou")
        .map(|l| (l.exempt.clone().unwrap_or_default(), l.measures.len()));
    assert!(zhou.is_some_and(|(reason, n)| reason.contains("Art. 38(3)") && n == 0));
}

#[test]
fn rule_4_needs_a_finding_under_rule_1_or_2() {
    // The head deciding alone (rule 3) does not make the other attendees liable.
    let v = eval(&example("head-decided-alone"));
    assert!(entries(&v, "meeting_members").is_empty());
}

#[test]
fn rule_5_measures_grow_with_consequence() {
    let mut case = example("missing-legality-review");
    let mut seen = Vec::new();
    for level in ["none", "minor", "major", "severe"] {
        case["outcome"]["consequence"] = json!(level);
        seen.push(
            weight(&eval(&case), major_decision())
                .get(&("li".to_owned(), "sanctions".to_owned()))
                .copied()
                .unwrap_or(-1),
        );
    }
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]) && seen[0] < seen[3],
        "{seen:?}"
    );
}

// ------------------------------------------------------------------ working days

fn meeting_after_review(review_start: &str, meeting: &str) -> Vec<(String, String)> {
    let case = json!({
        "id": "boundary", "facts": {"withheld": true, "professional": false, "risk": false, "hearing_required": false},
        "people": [{"id": "z", "roles": ["head"]}, {"id": "w", "roles": ["legal_office"]}, {"id": "l", "roles": ["sponsor"]}],
        "events": [
            {"step": "legality_review", "by": "w", "start": review_start},
            {"step": "collective_discussion", "by": "z", "start": meeting},
            {"step": "publication", "by": "l", "start": meeting}
        ]
    });
    kinds(&eval(&case))
}

#[test]
fn national_day_2024_adjusted_working_days_count() {
    // Friday 2024-09-27 + 7 working days: 09-29 (adjusted Sunday), 09-30, 10-08 … 10-12 (adjusted Saturday).
    assert!(meeting_after_review("2024-09-27", "2024-10-12").is_empty());
    assert_eq!(
        meeting_after_review("2024-09-27", "2024-10-11"),
        vec![("too_soon".to_owned(), "collective_discussion".to_owned())]
    );
    // The holiday itself is not a working day: the 3rd working day after 09-27 is 10-08.
    assert!(!meeting_after_review("2024-09-27", "2024-10-07").is_empty());
}

#[test]
fn spring_festival_2024_adjusted_working_days_count() {
    // Wednesday 2024-02-07: 02-08, 02-09, (02-10..17 rest), 02-18 (adjusted Sunday), 02-19 … 02-22.
    assert!(meeting_after_review("2024-02-07", "2024-02-22").is_empty());
    assert_eq!(
        meeting_after_review("2024-02-07", "2024-02-21"),
        vec![("too_soon".to_owned(), "collective_discussion".to_owned())]
    );
}

/// A case whose review ends on `review` and whose meeting is on `meeting` (10 working days).
fn review_then_meeting(review: &str, meeting: &str) -> RawCase {
    serde_json::from_value(json!({
        "id": "future", "facts": {"withheld": true, "professional": false, "risk": false, "hearing_required": false},
        "people": [{"id": "z", "roles": ["head"]}, {"id": "w", "roles": ["legal_office"]}],
        "events": [{"step": "legality_review", "by": "w", "start": review}, {"step": "collective_discussion", "by": "z", "start": meeting}]
    })).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn dates_outside_the_calendar_are_errors_not_guesses() {
    let raw = review_then_meeting("2030-12-28", "2031-01-08");
    let err = Plan::new(major_decision())
        .evaluate_raw(&raw, false)
        .err()
        .map(|e| e.code.id());
    assert_eq!(err, Some("DC0505"));
}

#[test]
fn provisional_years_count_with_a_warning_or_not_at_all() {
    let raw = review_then_meeting("2026-12-28", "2027-01-08");
    let verdict = Plan::new(major_decision())
        .evaluate_raw(&raw, false)
        .unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(verdict.warnings.len(), 1, "{:?}", verdict.warnings);
    let strict = Plan::new(major_decision())
        .strict_calendar(true)
        .evaluate_raw(&raw, false)
        .err()
        .map(|e| e.code.id());
    assert_eq!(strict, Some("DC0505"));
    // Within the announced years nothing is provisional.
    let known = Plan::new(major_decision())
        .evaluate_raw(&review_then_meeting("2026-11-02", "2026-11-20"), false)
        .unwrap_or_else(|e| panic!("{}", e.message));
    assert!(known.warnings.is_empty());
}

// ------------------------------------------------------------------ the formatter

/// A valid rulebook as tokens, built from a random shape.
fn rulebook_tokens(
    roles: usize,
    facts: &[bool],
    steps: &[(u8, u8, u8)],
    rules: usize,
) -> Vec<String> {
    let mut t: Vec<String> = Vec::new();
    let mut push = |s: &str| t.extend(s.split(' ').filter(|w| !w.is_empty()).map(str::to_owned));
    push("rulebook generated \"Generated\" { version \"1\" }");
    for r in 0..roles {
        let up = if r > 0 {
            format!(" reports_to r{}", r - 1)
        } else {
            String::new()
        };
        push(&format!("role r{r} \"role-{r}\"{up}"));
    }
    for (i, is_int) in facts.iter().enumerate() {
        push(&format!(
            "fact f{i} : {}",
            if *is_int { "int" } else { "bool" }
        ));
    }
    push(
        "ladder l { measure a \"A\" 6 months measure b combine heaviest , sum equal , cap 48 months }",
    );
    push("procedure p \"P\" {");
    for (i, (req, extra, role)) in steps.iter().enumerate() {
        push(&format!("step s{i} {{"));
        let fact = facts.iter().position(|b| !*b).map(|f| format!("f{f}"));
        match (req % 3, &fact) {
            (1, Some(f)) => push(&format!("required when not ( {f} or {f} )")),
            (2, Some(f)) => push(&format!("required unless {f}")),
            _ => push("required"),
        }
        push(&format!("by r{}", usize::from(*role) % roles));
        if i > 0 {
            match extra % 4 {
                0 => push(&format!("after s{}", i - 1)),
                1 => push(&format!(
                    "within {} days after s{}.start",
                    10 + u32::from(*extra),
                    i - 1
                )),
                2 => push(&format!("at least {} days after s{}", extra % 5, i - 1)),
                _ => push("lasts at least 1 days occurs at most 2"),
            }
        }
        push(&format!("cite \"Art.{i}\" }}"));
    }
    push("}");
    for r in 0..rules {
        push(&format!(
            "rule q{r} {{ on missing , late , too_soon , too_short , out_of_order , occurrence liable actor as direct liable leader of actor except r0 as main_leadership penalty l {{ minor -> a major -> b main_leadership -1 aggravate +1 }} cite \"R{r}\" }}"
        ));
    }
    t
}

fn layout() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..8, 400)
}

/// Joins tokens with whitespace and comments chosen by `seps`.
fn lay_out(tokens: &[String], seps: &[u8]) -> String {
    let mut out = String::new();
    for (i, tok) in tokens.iter().enumerate() {
        out.push_str(tok);
        out.push_str(match seps.get(i % seps.len()).copied().unwrap_or(0) {
            0..=2 => " ",
            3 => "\n",
            4 => "\n\n    ",
            5 => "  /* note */ ",
            6 => " // why\n",
            _ => "\t",
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Converting a formatted rulebook's keywords to Chinese and back gives the same text byte
    /// for byte (the spaces inside a phrase such as `at least`, one Chinese word, are the one
    /// thing not kept); the Chinese text parses to the same syntax tree, and formatting it keeps
    /// it Chinese.
    #[test]
    fn keyword_conversion_is_lossless(text in generated_rulebook()) {
        use duechain::parse::keywords::{Keywords, convert, declared};
        let text = duechain::fmt::format(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let zh = convert(&text, Keywords::Zh).unwrap_or_else(|| panic!("{text}"));
        prop_assert_eq!(convert(&zh, Keywords::En), Some(text.clone()));
        let file = duechain::source::FileId(0);
        prop_assert_eq!(duechain::parse::parse(file, &text).0, duechain::parse::parse(file, &zh).0);
        let formatted = duechain::fmt::format(&zh).unwrap_or_else(|e| panic!("{e:?}\n{zh}"));
        prop_assert_eq!(declared(&formatted), Keywords::Zh);
        let english = duechain::fmt::format_as(&zh, Some(Keywords::En)).unwrap_or_else(|e| panic!("{e:?}"));
        prop_assert_eq!(english, text);
    }

    /// Formatting keeps the meaning (the same syntax tree and the same diagnostics), keeps every
    /// comment, and formatting twice changes nothing.
    #[test]
    fn formatting_preserves_meaning_and_is_idempotent(text in generated_rulebook()) {
        let once = duechain::fmt::format(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let twice = duechain::fmt::format(&once).unwrap_or_else(|e| panic!("{e:?}\n{once}"));
        prop_assert_eq!(&once, &twice);
        let file = duechain::source::FileId(0);
        prop_assert_eq!(duechain::parse::parse(file, &text).0, duechain::parse::parse(file, &once).0);
        let codes = |t: &str| duechain::check_text("g.dcl", t).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        prop_assert_eq!(codes(&text), codes(&once));
        for comment in ["/* note */", "// why"] {
            prop_assert_eq!(text.matches(comment).count(), once.matches(comment).count());
        }
    }
}

/// A generated rulebook laid out at random (the formatter's and the converter's input).
fn generated_rulebook() -> impl Strategy<Value = String> {
    (
        1usize..4,
        proptest::collection::vec(any::<bool>(), 0..4),
        proptest::collection::vec(any::<(u8, u8, u8)>(), 1..7),
        0usize..3,
        layout(),
    )
        .prop_map(|(roles, facts, steps, rules, seps)| {
            lay_out(&rulebook_tokens(roles, &facts, &steps, rules), &seps)
        })
}

/// A model's debug form without its spans: what two spellings of one rulebook must share.
fn model_shape(checked: &duechain::Checked) -> String {
    let text = format!("{:?}", checked.model);
    // The name index is a hash map (its order varies) built from the rest.
    let text = text.split(", names: Names {").next().unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Spans and the files' hashes differ between spellings; nothing else may.
    while let Some(at) = rest
        .find("Span {")
        .into_iter()
        .chain(rest.find("sha256: "))
        .min()
    {
        out.push_str(&rest[..at]);
        let end = if rest[at..].starts_with("Span") {
            '}'
        } else {
            ' '
        };
        rest = rest[at + 8..].split_once(end).map_or("", |(_, r)| r);
    }
    out.push_str(rest);
    out
}

/// Reads one file from memory and the rest from the disk.
struct Overlay {
    path: PathBuf,
    text: String,
}

impl duechain::compile::Files for Overlay {
    fn read(&self, path: &std::path::Path) -> std::io::Result<Vec<u8>> {
        if path == self.path {
            Ok(self.text.clone().into_bytes())
        } else {
            duechain::compile::Files::read(&common::Disk, path)
        }
    }
}

/// The keyword guide lists every pair of spellings the grammar reads.
#[test]
fn the_keyword_guide_lists_every_pair() {
    use duechain::parse::keywords::{Keywords, words};
    let guide = common::text(&common::manifest().join("docs/keywords.md"));
    for (en, zh) in words(Keywords::En).zip(words(Keywords::Zh)) {
        assert!(
            guide.contains(&format!("| `{en}` | `{zh}` |")),
            "docs/keywords.md lacks {en} / {zh}"
        );
    }
}

/// Every standard rulebook converted to the other keyword set and back is the same text, and
/// the converted one (imports and all) compiles to the same model with the same diagnostics.
#[test]
fn standard_rulebooks_convert_between_keyword_sets() {
    use duechain::parse::keywords::{Keywords, convert, declared};
    let books = common::entries("rules");
    let books: Vec<&PathBuf> = books
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "dcl"))
        .collect();
    assert!(books.len() >= 6);
    for book in books {
        let text = common::text(book);
        let set = declared(&text);
        let other = if set == Keywords::En {
            Keywords::Zh
        } else {
            Keywords::En
        };
        let converted = convert(&text, other).unwrap_or_default();
        assert_ne!(converted, text, "{}", book.display());
        assert_eq!(
            convert(&converted, set).as_deref(),
            Some(text.as_str()),
            "{}",
            book.display()
        );
        let root = common::manifest();
        let before = duechain::check_file(&common::Disk, &root, book);
        let overlay = Overlay {
            path: book.clone(),
            text: converted,
        };
        let after = duechain::check_file(&overlay, &root, book);
        assert!(before.model.is_some(), "{}", book.display());
        assert_eq!(
            model_shape(&before),
            model_shape(&after),
            "{}",
            book.display()
        );
        let codes =
            |c: &duechain::Checked| c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(codes(&before), codes(&after), "{}", book.display());
    }
}

/// Every standard rulebook and every clean fixture is already in the canonical layout.
#[test]
fn standard_rulebooks_and_ok_fixtures_are_formatted() {
    let mut files = common::entries("rules");
    for dir in ["tests/fixtures/check", "tests/fixtures/graph"] {
        for p in common::entries(dir) {
            let clean = dir.ends_with("graph")
                || common::text(&common::main_file(&p)).contains("// expect: ok");
            if clean && p.is_dir() {
                files.extend(common::entries(&format!(
                    "{dir}/{}",
                    p.file_name().and_then(|n| n.to_str()).unwrap_or("")
                )));
            } else if clean {
                files.push(p);
            }
        }
    }
    files.retain(|f| f.extension().is_some_and(|e| e == "dcl"));
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let text = common::text(&f);
        let formatted =
            duechain::fmt::format(&text).unwrap_or_else(|e| panic!("{}: {e:?}", f.display()));
        assert!(
            formatted == text,
            "{} is not formatted; run `duechain fmt {}`",
            f.display(),
            f.display()
        );
    }
}

// ------------------------------------------------------------------ case input

/// JSON built from the case format's own words, nested at random: mostly wrong, sometimes right.
fn case_like_json() -> impl Strategy<Value = Value> {
    let words = prop::sample::select(vec![
        "id",
        "title",
        "procedure",
        "facts",
        "people",
        "events",
        "step",
        "by",
        "start",
        "end",
        "fields",
        "roles",
        "name",
        "outcome",
        "consequence",
        "discovered",
        "history",
        "prior_offences",
        "self_corrected",
        "withheld",
        "professional",
        "risk",
        "hearing_required",
        "attendees",
        "dissent",
        "legality_review",
        "collective_discussion",
        "head",
        "li",
        "major",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        words.clone().prop_map(Value::from),
        prop::sample::select(vec![
            "2024-02-29",
            "2024-13-01",
            "2027-01-05",
            "2024-10-12T08:00:00+08:00",
            "1900-01-01",
            "9999-12-31",
            ""
        ])
        .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((words.clone(), inner), 0..6).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever a case line holds, the evaluator answers with one record and never panics.
    #[test]
    fn any_case_json_gives_one_record(value in case_like_json(), id in "[a-z0-9-]{0,8}") {
        let mut value = value;
        if let Value::Object(map) = &mut value {
            map.entry("id").or_insert(json!(id));
        }
        let text = value.to_string();
        let record = Plan::new(major_decision()).evaluate_json(&text, Some(1), true);
        let out = serde_json::to_string(&record).unwrap_or_default();
        prop_assert!(out.starts_with('{'), "{out}");
    }

    /// Valid cases with extreme histories and dates still evaluate or fail cleanly.
    #[test]
    fn extreme_values_never_panic(prior in any::<u32>(), year in 1i32..9999, consequence in prop::sample::select(vec!["none", "minor", "major", "severe", "catastrophic"])) {
        let case = json!({
            "id": "extreme", "facts": {"withheld": true},
            "people": [{"id": "z", "roles": ["head"]}, {"id": "w", "roles": ["legal_office"]}, {"id": "l", "roles": ["sponsor"]}],
            "events": [{"step": "legality_review", "by": "w", "start": format!("{year:04}-03-01")}, {"step": "collective_discussion", "by": "z", "start": format!("{year:04}-03-02")}],
            "outcome": {"consequence": consequence},
            "history": {"prior_offences": {"l": prior, "z": prior}}
        });
        let record = Plan::new(major_decision()).evaluate_json(&case.to_string(), None, false);
        prop_assert!(serde_json::to_string(&record).is_ok());
    }
}

/// The holidays derived from the regulation are days off in every year an annual notice
/// covers: each derived statutory holiday is among the notice's rest days.
#[test]
fn derived_holidays_are_rest_days_of_each_notice() {
    let data: Value =
        serde_json::from_str(&common::text(&rules().join("calendars/cn_mainland.json")))
            .unwrap_or_else(|e| panic!("{e}"));
    let mut off = std::collections::BTreeSet::new();
    for key in ["holidays", "rest"] {
        for r in data[key].as_array().into_iter().flatten() {
            let from = duechain::date::parse(r["from"].as_str().unwrap_or("")).unwrap_or_default();
            let to = r["to"]
                .as_str()
                .map_or(from, |t| duechain::date::parse(t).unwrap_or_default());
            off.extend(from..=to);
        }
    }
    for year in [2025, 2026] {
        let derived =
            duechain::compile::holidays::statutory(year).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(derived.len(), 7);
        for (from, to, name) in derived {
            for day in from..=to {
                assert!(
                    off.contains(&day),
                    "{name} {} is not a rest day of the {year} notice",
                    duechain::date::date_of(day)
                );
            }
        }
    }
}

/// A reader that yields its bytes in pieces of `step` and fails once `fail_at` bytes are read.
struct Failing<'a> {
    bytes: &'a [u8],
    step: usize,
    fail_at: Option<usize>,
    read: usize,
}

impl std::io::Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = self
            .fail_at
            .map_or(self.bytes.len(), |f| f.min(self.bytes.len()));
        if self.read == end && self.fail_at.is_some() {
            return Err(std::io::Error::other("the disk went away"));
        }
        let n = buf.len().min(self.step).min(end - self.read);
        buf[..n].copy_from_slice(&self.bytes[self.read..self.read + n]);
        self.read += n;
        Ok(n)
    }
}

/// Lines of a batch: blank (JSON whitespace only) or not, each ended by `\n` or `\r\n`.
fn batch_lines() -> impl Strategy<Value = Vec<(bool, bool)>> {
    prop::collection::vec((prop::bool::weighted(0.1), any::<bool>()), 0..2600)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A batch yields exactly one result for each line that is not blank, in input order,
    /// however the input is split across reads and chunks and however many threads judge it;
    /// when the input fails, every line ended before the failure still yields its result and
    /// the failure is reported after them.
    #[test]
    fn a_batch_yields_one_result_a_line_in_order(
        lines in batch_lines(),
        step in 1usize..5000,
        threads in 1usize..4,
        fail in prop::option::of(any::<prop::sample::Index>()),
    ) {
        use duechain::eval::batch::{self, Lines, Stop};
        let mut text = Vec::new();
        let mut ends = Vec::new();
        for (i, (blank, crlf)) in lines.iter().enumerate() {
            let line = if *blank { b" \t".to_vec() } else { format!("{{\"n\":{i}}}").into_bytes() };
            text.extend(line);
            text.extend(if *crlf { &b"\r\n"[..] } else { b"\n" });
            ends.push(text.len());
        }
        let fail_at = fail.map(|f| f.index(text.len() + 1));
        let expected: Vec<usize> = lines
            .iter()
            .zip(&ends)
            .enumerate()
            .filter(|(_, ((blank, _), end))| !blank && fail_at.is_none_or(|f| **end <= f))
            .map(|(i, _)| i + 1)
            .collect();
        let reader = Failing { bytes: &text, step, fail_at, read: 0 };
        let mut lines = Lines::new(std::io::BufReader::with_capacity(4096, reader));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap_or_else(|e| panic!("{e}"));
        let mut got = Vec::new();
        batch::pipelined(&pool, lines.chunks(), |(n, bytes)| (*n, bytes.clone()), |done| got.extend(done));
        for (n, bytes) in &got {
            let want = format!("{{\"n\":{}}}", n - 1);
            prop_assert_eq!(bytes.as_deref(), Some(want.as_bytes()));
        }
        let numbers: Vec<usize> = got.iter().map(|(n, _)| *n).collect();
        prop_assert_eq!(numbers, expected);
        let failed = matches!(lines.stop(), Some(Stop::Failed(_)));
        prop_assert_eq!(failed, fail_at.is_some());
    }
}
