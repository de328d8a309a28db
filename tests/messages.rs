//! The message catalogs: both parse, both hold the same messages with the same variables (a
//! message in one language only fails here), every message the code asks for is in them, and
//! the English summaries are the registry's own.
#![expect(
    clippy::disallowed_methods,
    reason = "the test reads the sources to find the messages they use"
)]
#![allow(clippy::panic, reason = "a failing test panics with its message")]

mod common;

use duechain::diag::messages::{EN_FTL, Lang, Msg, ZH_FTL, entries};
use duechain::diag::{Code, Diagnostic};

#[test]
fn both_catalogs_parse_and_say_the_same_things() {
    for (name, ftl) in [("en", EN_FTL), ("zh-CN", ZH_FTL)] {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(ftl.to_owned()) {
            panic!("{name}.ftl does not parse: {errors:?}");
        }
    }
    let (en, zh) = (entries(EN_FTL), entries(ZH_FTL));
    let ids = |e: &[(String, Vec<String>)]| e.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let only_en: Vec<String> = ids(&en)
        .into_iter()
        .filter(|i| !ids(&zh).contains(i))
        .collect();
    let only_zh: Vec<String> = ids(&zh)
        .into_iter()
        .filter(|i| !ids(&en).contains(i))
        .collect();
    assert!(only_en.is_empty(), "in English only: {only_en:?}");
    assert!(only_zh.is_empty(), "in Chinese only: {only_zh:?}");
    assert_eq!(en, zh, "a message's variables differ between the languages");
}

/// Every `msg!("id", …)` in the sources names a message of the catalogs, with the variables
/// the message uses.
#[test]
fn every_message_the_code_uses_is_in_the_catalogs() {
    let catalog = entries(EN_FTL);
    let mut used = 0;
    let mut stack = vec![common::manifest().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for call in text.split("msg!(\"").skip(1) {
                let id = call.split('"').next().unwrap_or_default();
                let args = balanced(call);
                let Some((_, vars)) = catalog.iter().find(|(i, _)| i == id) else {
                    panic!("{}: `{id}` is in no catalog", path.display());
                };
                for v in vars {
                    assert!(
                        args.contains(&format!("{v} ="))
                            || args.contains(&format!("{} =", v.replace('-', "_"))),
                        "{}: `{id}` needs `{v}`",
                        path.display()
                    );
                }
                used += 1;
            }
        }
    }
    assert!(used > 10, "only {used} messages found");
}

/// The text of a call up to its closing parenthesis.
fn balanced(call: &str) -> &str {
    let mut depth = 1;
    for (i, c) in call.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &call[..i];
                }
            }
            _ => {}
        }
    }
    call
}

#[test]
fn every_code_has_its_summary_in_both_languages() {
    for c in Code::ALL {
        assert_eq!(c.summary_in(Lang::En), c.summary(), "{c:?}");
        let zh = c.summary_in(Lang::Zh);
        assert!(common::chinese(&zh), "{c:?}: {zh}");
    }
}

/// Every code's explanation exists in both languages, the Chinese one in Chinese, and both
/// have the same examples (the fixture test runs them).
#[test]
fn every_explanation_is_in_both_languages() {
    for c in Code::ALL {
        let (en, zh) = (c.explanation_in(Lang::En), c.explanation_in(Lang::Zh));
        assert!(
            zh.chars()
                .filter(|ch| ('\u{4e00}'..='\u{9fff}').contains(ch))
                .count()
                > 20,
            "{c:?}"
        );
        assert_eq!(
            en.matches("```").count(),
            zh.matches("```").count(),
            "{c:?}: examples differ"
        );
    }
}

/// A keyed diagnostic keeps English for the machine formats and speaks Chinese when asked.
#[test]
fn diagnostics_speak_the_language_asked_for() {
    let m = Msg {
        id: "summary-counts",
        args: vec![("errors", "2".to_owned()), ("warnings", "0".to_owned())],
        nested: Vec::new(),
    };
    let d = Diagnostic::keyed(Code::SyntaxError, m);
    assert_eq!(d.message, "2 error(s), 0 warning(s)");
    assert_eq!(d.localized(Lang::Zh).message, "2 个错误，0 个警告");
}

/// The flowcharts and the rulebook documents of every standard rulebook, in both languages,
/// show no catalog id (`chart-…`, `w-…`, `page-…`, `doc-…`, as a word missing from the
/// catalogs would): each word they look up is there.
#[test]
fn charts_and_documents_find_their_words() {
    use duechain::report::{doc, graph};
    let shows_an_id = |page: &str| {
        ["chart-", "w-", "page-", "doc-"].iter().any(|prefix| {
            page.match_indices(prefix).any(|(i, _)| {
                !page[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
            })
        })
    };
    for book in common::entries("rules") {
        if book.extension().is_none_or(|e| e != "dcl") {
            continue;
        }
        let checked = duechain::check_file(&common::Disk, &common::manifest(), &book);
        let Some(model) = checked.valid_model() else {
            panic!("{} has errors", book.display());
        };
        let procs = graph::procedures(model, None).unwrap_or_default();
        for lang in [Lang::En, Lang::Zh] {
            for page in [
                graph::dot(model, &procs, lang),
                graph::mermaid(model, &procs, lang),
                doc::document(model, lang, None),
            ] {
                assert!(
                    !shows_an_id(&page),
                    "{} ({lang:?}) shows a catalog id",
                    book.display()
                );
            }
        }
    }
}

/// A syntax error's words for what was expected follow the reader's language; the keywords
/// stay in the rulebook's own set.
#[test]
fn syntax_words_follow_the_reader() {
    let text = "rulebook r {\n  version \"1\"\n}\nprocedure p {\n  step a { cite Art }\n}\n";
    let (_, diagnostics) = duechain::parse::parse(duechain::source::FileId(0), text);
    let d = diagnostics
        .first()
        .expect("an unquoted citation is a syntax error");
    assert!(d.message.contains("a string"), "{}", d.message);
    let zh = d.localized(Lang::Zh).message;
    assert!(common::chinese(&zh) && !zh.contains("a string"), "{zh}");
}

/// Every finding of the bundled examples reads as a Chinese sentence naming its step, for every
/// finding kind the examples hold.
#[test]
fn findings_read_in_chinese() {
    use duechain::eval::Plan;
    use duechain::eval::verdict::Record;
    use duechain::report::wording::finding;
    let mut kinds = std::collections::BTreeSet::new();
    for book in [
        "major_decision",
        "service_window",
        "county_major_decision",
        "supervision",
    ] {
        let checked = common::rulebook(book);
        let model = checked.valid_model().unwrap_or_else(|| panic!("{book}"));
        let plan = Plan::new(model);
        for case in common::entries(&format!("examples/{book}")) {
            if case.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Record::Verdict(v) = plan.evaluate_json(&common::text(&case), None, false) else {
                continue;
            };
            for f in &v.findings {
                let zh = finding(f, Lang::Zh);
                assert!(
                    zh.contains(f.step.as_str()) && common::chinese(&zh),
                    "{}: {zh}",
                    case.display()
                );
                assert_eq!(finding(f, Lang::En), f.message);
                kinds.insert(f.kind);
            }
        }
    }
    assert!(kinds.len() >= 6, "the examples hold only {kinds:?}");
}

/// Every case-error fixture reads in Chinese: its message comes from the catalogs (serde_json's
/// words taken apart too), and its record keeps English.
#[test]
fn every_case_error_reads_in_chinese() {
    use duechain::eval::verdict::Record;
    let cases: Vec<_> = common::entries("tests/fixtures/cases")
        .into_iter()
        .filter(|c| c.extension().is_some_and(|e| e == "json"))
        .collect();
    for (case, record) in cases.iter().zip(major_decision(&cases)) {
        assert!(
            matches!(record, Record::Error(_)),
            "{}: the case should be an error record",
            case.display()
        );
        common::reads_in_chinese(&record, case);
    }
    assert!(cases.len() >= 15, "only {} case fixtures", cases.len());
}

/// The chains of liability and the combining of measures read in Chinese in the human report.
#[test]
fn liability_reads_in_chinese() {
    use duechain::report::verdict::human;
    let case = common::manifest().join("examples/major_decision/riverside-rezoning.json");
    let record = major_decision(&[case]).remove(0);
    let zh = human(&record, false, Lang::Zh);
    assert!(
        zh.contains("追责链：认定 #0") && zh.contains("从重适用"),
        "{zh}"
    );
    for english in [
        "answers for",
        "is held by",
        "reports to",
        "single measure",
        "heaviest",
        "no measure",
        "finding #",
    ] {
        assert!(!zh.contains(english), "`{english}` in {zh}");
    }
    let en = human(&record, false, Lang::En);
    assert!(
        en.contains("trace: finding #0") && en.contains("heaviest applies"),
        "{en}"
    );
}

/// A case error reads in Chinese (its suggestion too) while its record keeps English.
#[test]
fn case_errors_read_in_chinese() {
    use duechain::eval::verdict::Record;
    let case = common::manifest().join("tests/fixtures/cases/DC0502-unknown-step.json");
    let Record::Error(e) = major_decision(&[case]).remove(0) else {
        panic!("the case should be an error record");
    };
    assert_eq!(e.error.message_in(Lang::En), e.error.message);
    let zh = e.error.message_in(Lang::Zh);
    assert!(
        zh.contains("未声明的步骤") && zh.contains("是不是指"),
        "{zh}"
    );
}

/// The records of case files judged under the standard `major_decision` rulebook.
fn major_decision(cases: &[std::path::PathBuf]) -> Vec<duechain::eval::verdict::Record> {
    let checked = common::rulebook("major_decision");
    let model = checked
        .valid_model()
        .unwrap_or_else(|| panic!("major_decision"));
    let plan = duechain::eval::Plan::new(model);
    cases
        .iter()
        .map(|c| plan.evaluate_json(&common::text(c), None, false))
        .collect()
}
