//! The words of a verdict built from data: the chain of links that reached a liable person, the
//! rule by which a person's measures were combined, and the verdict's warnings. Verdicts keep them as data; the JSON contract shows
//! them in English (written here, without the catalog, since every verdict pays for it), the
//! reports in the asked language from the catalogs (a test keeps the two English forms equal).

use std::fmt;

use serde::{Serialize, Serializer};

use super::case::Text;
use crate::diag::{Lang, Msg};
use crate::msg;
use crate::vocab::FindingKind;

/// One link of the chain from a finding to the person who answers for it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant's doc names what its fields hold")]
pub enum Link {
    /// The finding answered.
    Finding {
        /// Its index in the verdict.
        index: usize,
        /// Its kind.
        kind: FindingKind,
        /// Its step.
        step: Text,
    },
    /// The person performed the finding's own event.
    Performed { step: Text, person: Text },
    /// The step is the duty of a role.
    Duty { step: Text, role: Text },
    /// The person holds the role.
    Held { role: Text, person: Text },
    /// A role the rule names answers for the step.
    Answers { role: Text, step: Text },
    /// The first role reports to the second.
    ReportsTo { from: Text, to: Text },
    /// The person is the recorded direct superior of another.
    Superior { person: Text, of: Text },
    /// The step is required of each holder of the role, and the person did not perform it.
    Holder {
        step: Text,
        role: Text,
        person: Text,
    },
    /// The person is listed in a recorded field of an event.
    Listed {
        person: Text,
        field: Text,
        step: Text,
        event: usize,
    },
}

/// The link in English, as the JSON verdict shows it.
impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Link::Finding { index, kind, step } => {
                write!(f, "finding #{index}: {kind} of `{step}`")
            }
            Link::Performed { step, person } => write!(f, "`{step}` was performed by `{person}`"),
            Link::Duty { step, role } => write!(f, "`{step}` is the duty of `{role}`"),
            Link::Held { role, person } => write!(f, "`{role}` is held by `{person}`"),
            Link::Answers { role, step } => write!(f, "`{role}` answers for `{step}`"),
            Link::ReportsTo { from, to } => write!(f, "`{from}` reports to `{to}`"),
            Link::Superior { person, of } => {
                write!(f, "`{person}` is the direct superior of `{of}`")
            }
            Link::Holder { step, role, person } => write!(
                f,
                "`{step}` is required of each `{role}`; `{person}` did not perform it"
            ),
            Link::Listed {
                person,
                field,
                step,
                event,
            } => write!(
                f,
                "`{person}` is listed in `{field}` of `{step}` (event {event})"
            ),
        }
    }
}

impl Link {
    /// The link in a language, from the catalogs.
    pub fn text(&self, lang: Lang) -> String {
        self.message(lang).text(lang)
    }

    fn message(&self, lang: Lang) -> Msg {
        match self {
            Link::Finding { index, kind, step } => msg!(
                "link-finding",
                index = index,
                kind = kind.in_lang(lang),
                step = step
            ),
            Link::Performed { step, person } => {
                msg!("link-performed", step = step, person = person)
            }
            Link::Duty { step, role } => msg!("link-duty", step = step, role = role),
            Link::Held { role, person } => msg!("link-held", role = role, person = person),
            Link::Answers { role, step } => msg!("link-answers", role = role, step = step),
            Link::ReportsTo { from, to } => msg!("link-reports-to", from = from, to = to),
            Link::Superior { person, of } => msg!("link-superior", person = person, of = of),
            Link::Holder { step, role, person } => {
                msg!("link-holder", step = step, role = role, person = person)
            }
            Link::Listed {
                person,
                field,
                step,
                event,
            } => msg!(
                "link-listed",
                person = person,
                field = field,
                step = step,
                event = event
            ),
        }
    }
}

/// How one person's measures on one ladder were combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combination {
    /// One measure only.
    Single,
    /// The heaviest of several applies.
    Heaviest,
    /// The heaviest applies, and this many equal periods add up, to the ladder's cap if any.
    Summed {
        /// How many periods.
        count: usize,
        /// The ladder's cap in months.
        cap: Option<u32>,
    },
}

/// The rule in English, as the JSON verdict shows it.
impl fmt::Display for Combination {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Combination::Single => f.write_str("single measure"),
            Combination::Heaviest => f.write_str("heaviest applies"),
            Combination::Summed { count, cap } => {
                write!(f, "heaviest applies; {count} equal periods combined")?;
                match cap {
                    Some(c) => write!(f, ", capped at {c} months"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl Combination {
    /// The rule in a language, from the catalogs.
    pub fn text(self, lang: Lang) -> String {
        let m = match self {
            Combination::Single => msg!("combined-single"),
            Combination::Heaviest => msg!("combined-heaviest"),
            Combination::Summed { count, cap: None } => msg!("combined-summed", count = count),
            Combination::Summed {
                count,
                cap: Some(cap),
            } => msg!("combined-capped", count = count, cap = cap),
        };
        m.text(lang)
    }
}

/// What a verdict rests on that is less than certain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A count of working days reached this day, in a year no holiday notice covers yet.
    Provisional(jiff::civil::Date),
    /// These events record no actor.
    Unrecorded(Vec<usize>),
}

/// The warning in English, as the JSON verdict shows it.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Provisional(day) => write!(
                f,
                "a count of working days reached {day}, in a year no annual holiday notice covers yet: its statutory holidays are derived from the holiday regulation, and the notice may still move rest days (`--strict-calendar` refuses instead)"
            ),
            Warning::Unrecorded(events) => write!(
                f,
                "the actor of event(s) {} was not recorded: who performed them was not judged, and liability for them falls to the holders of their step's role",
                list(events)
            ),
        }
    }
}

impl Warning {
    /// The warning in a language, from the catalogs.
    pub fn text(&self, lang: Lang) -> String {
        let m = match self {
            Warning::Provisional(day) => msg!("warn-provisional", day = day),
            Warning::Unrecorded(events) => msg!("warn-unrecorded", events = list(events)),
        };
        m.text(lang)
    }
}

fn list(events: &[usize]) -> String {
    let items: Vec<String> = events.iter().map(usize::to_string).collect();
    items.join(", ")
}

/// Writes each type as its English text (its `Display`) in the JSON verdict, and its schema as a
/// string.
macro_rules! english_string {
    ($($name:ident),+) => {$(
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl schemars::JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string"})
            }
        }
    )+};
}

english_string!(Link, Combination, Warning);

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Text {
        Text::from(x)
    }

    /// Every link and combination, so the catalog's English is checked against the contract's.
    fn links() -> Vec<Link> {
        let kind = FindingKind::TooShort;
        vec![
            Link::Finding {
                index: 3,
                kind,
                step: s("hearing"),
            },
            Link::Performed {
                step: s("hearing"),
                person: s("li"),
            },
            Link::Duty {
                step: s("hearing"),
                role: s("clerk"),
            },
            Link::Held {
                role: s("clerk"),
                person: s("li"),
            },
            Link::Answers {
                role: s("head"),
                step: s("hearing"),
            },
            Link::ReportsTo {
                from: s("clerk"),
                to: s("head"),
            },
            Link::Superior {
                person: s("zhang"),
                of: s("li"),
            },
            Link::Holder {
                step: s("sign"),
                role: s("member"),
                person: s("chen"),
            },
            Link::Listed {
                person: s("liu"),
                field: s("attendees"),
                step: s("meeting"),
                event: 2,
            },
        ]
    }

    #[test]
    fn the_catalog_english_is_the_contract_english() {
        for l in links() {
            assert_eq!(l.text(Lang::En), l.to_string());
            assert_ne!(l.text(Lang::Zh), l.to_string(), "{l:?}");
        }
        for c in [
            Combination::Single,
            Combination::Heaviest,
            Combination::Summed {
                count: 2,
                cap: None,
            },
            Combination::Summed {
                count: 3,
                cap: Some(48),
            },
        ] {
            assert_eq!(c.text(Lang::En), c.to_string());
            assert_ne!(c.text(Lang::Zh), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn warnings_in_the_catalog_say_what_the_contract_says() {
        let day = jiff::civil::date(2027, 10, 1);
        for w in [Warning::Provisional(day), Warning::Unrecorded(vec![0, 3])] {
            assert_eq!(w.text(Lang::En), w.to_string());
            assert_ne!(w.text(Lang::Zh), w.to_string(), "{w:?}");
        }
    }

    #[test]
    fn chinese_links_name_their_kind_in_chinese() {
        let l = links().remove(0);
        assert!(l.text(Lang::Zh).contains("过短"), "{}", l.text(Lang::Zh));
    }
}
