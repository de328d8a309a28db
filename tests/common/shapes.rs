//! Input shapes that were once quadratic or worse, generated at any size: the hostile-input
//! suite runs them large once, the `shapes` benchmark times them at two sizes.

use std::fmt::Write;

/// `n` steps, each at least a day after the previous one's start and within 5 days of its end:
/// gaps that chain backwards through the whole procedure.
pub fn backward_chain(n: usize) -> String {
    let mut s =
        String::from("rulebook big { }\nrole c\nprocedure p {\nstep s0 { by c cite \"1\" }\n");
    for i in 1..n.max(1) {
        let p = i - 1;
        let _ = writeln!(
            s,
            "step s{i} {{ by c at least 1 days after s{p}.start within 5 days after s{p} cite \"1\" }}"
        );
    }
    s.push_str("}\nrule r { on late, too_soon liable actor as direct cite \"2\" }\n");
    s
}

/// A calendar of `ranges` rest ranges over 1900–2200 and a procedure of `limits` steps, each
/// with a different limit in working days and a different minimum gap.
pub fn wide_calendar(ranges: usize, limits: usize) -> String {
    let mut s =
        String::from("rulebook wide { }\ncalendar c {\n weekend sat, sun\n covers 1900 .. 2200\n");
    for _ in 0..ranges {
        s.push_str(" rest 1900-01-01 .. 2199-12-31\n");
    }
    s.push_str(" workday 2200-01-04\n}\nrole k\nprocedure p {\n calendar c\n step s0 { required by k cite \"1\" }\n");
    for i in 1..limits {
        let _ = writeln!(
            s,
            " step s{i} {{ required by k within {i} workdays after s0 at least {i} days after s0 cite \"1\" }}"
        );
    }
    s.push_str("}\nrule r { on missing, late, too_soon liable k as direct cite \"2\" }\n");
    s
}

/// A case whose `facts` object has `n` distinct keys.
pub fn many_keys(n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\":1")).collect();
    format!("{{\"id\":\"k\",\"facts\":{{{}}}}}", keys.join(","))
}

/// A `major_decision` case of `n` legality reviews by one person.
pub fn many_events(n: usize) -> String {
    let events = vec![r#"{"step":"legality_review","by":"w","start":"2024-03-01"}"#; n];
    format!(
        r#"{{"id":"e","facts":{{"withheld":true,"professional":false,"risk":false,"hearing_required":false}},"people":[{{"id":"w","roles":["legal_office"]}}],"events":[{}]}}"#,
        events.join(",")
    )
}

/// A `major_decision` case of `n` comment periods each too short and one collective
/// discussion listing its attendees: `n` findings, each reaching the people a recorded field
/// lists across all the events.
pub fn many_findings(n: usize) -> String {
    let short = r#"{"step":"public_participation","by":"li","start":"2024-01-01"}"#;
    let meeting = r#"{"step":"collective_discussion","by":"z","start":"2024-03-20","fields":{"attendees":["z","m"],"dissent":["m"]}}"#;
    let mut events = vec![short; n];
    events.push(meeting);
    format!(
        r#"{{"id":"f","facts":{{"withheld":false,"professional":false,"risk":false,"hearing_required":false}},"people":[{{"id":"z","roles":["head"]}},{{"id":"m","roles":["member"]}},{{"id":"li","roles":["sponsor"]}}],"events":[{}]}}"#,
        events.join(",")
    )
}

/// A `major_decision` case of `n` findings (a comment period too short, `n` times) and a
/// meeting of `n` members without dissent, each of whom answers for every finding.
pub fn many_liable(n: usize) -> String {
    let short = r#"{"step":"public_participation","by":"li","start":"2024-01-01"}"#;
    let members: Vec<String> = (0..n).map(|i| format!("\"m{i}\"")).collect();
    let people: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"m{i}","roles":["member"]}}"#))
        .collect();
    let mut events = vec![short.to_owned(); n];
    events.push(format!(
        r#"{{"step":"collective_discussion","by":"z","start":"2024-03-20","fields":{{"attendees":["z",{}],"dissent":[]}}}}"#,
        members.join(",")
    ));
    format!(
        r#"{{"id":"crowd","facts":{{"withheld":false,"professional":false,"risk":false,"hearing_required":false}},"people":[{{"id":"z","roles":["head"]}},{{"id":"li","roles":["sponsor"]}},{}],"events":[{}]}}"#,
        people.join(","),
        events.join(",")
    )
}

/// A `major_decision` case of `n` too-short comment periods by the sponsor and `n` publications
/// by a member (each wrongly performed and out of order): many findings in two steps, answered
/// for by different people.
pub fn findings_in_two_steps(n: usize) -> String {
    let short = r#"{"step":"public_participation","by":"li","start":"2024-01-01"}"#;
    let publication = r#"{"step":"publication","by":"chen","start":"2024-01-02"}"#;
    let meeting = r#"{"step":"collective_discussion","by":"z","start":"2024-03-20","fields":{"attendees":["z"],"dissent":[]}}"#;
    let mut events = vec![short; n];
    events.extend(std::iter::repeat_n(publication, n));
    events.push(meeting);
    format!(
        r#"{{"id":"s","facts":{{"withheld":false,"professional":false,"risk":false,"hearing_required":false}},"people":[{{"id":"z","roles":["head"]}},{{"id":"li","roles":["sponsor"]}},{{"id":"chen","roles":["member"]}}],"events":[{}]}}"#,
        events.join(",")
    )
}

/// A procedure of `n` steps, any of them wrongly performed a finding, and a case of `n` events
/// of its first step by someone holding none of its roles: `n` findings in one of `n` steps.
pub fn many_steps_and_findings(n: usize) -> (String, String) {
    let mut book = String::from("rulebook steps { }\nrole c\nrole d\nprocedure p {\n");
    for i in 0..n.max(1) {
        let _ = writeln!(book, "step s{i} {{ by c cite \"1\" }}");
    }
    book.push_str("}\nrule r { on wrong_actor liable actor as direct cite \"2\" }\n");
    let event = r#"{"step":"s0","by":"x","start":"2024-01-01"}"#;
    let case = format!(
        r#"{{"id":"k","closed":true,"people":[{{"id":"x","roles":["d"]}}],"events":[{}]}}"#,
        vec![event; n].join(",")
    );
    (book, case)
}

/// The header row of the CSV logs made here.
pub const LOG_HEADER: &str =
    "case:concept:name,concept:name,time:timestamp,lifecycle:transition,unclear\n";

/// A CSV log of one matter: `n` starts of the same activity, then `n` completions.
pub fn many_open_starts(n: usize) -> String {
    let mut s = String::from(LOG_HEADER);
    for phase in ["start", "complete"] {
        for _ in 0..n {
            let _ = writeln!(s, "c0,x,2024-01-02,{phase},no");
        }
    }
    s
}
