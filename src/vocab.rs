//! The domain vocabulary shared by the language, the evaluator and the reports: finding kinds,
//! responsibility grades, consequence levels and time units. Their spellings are part of the
//! data contracts and never change.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in rulebooks, cases and verdicts.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Reads a spelling back.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What kind of broken duty a finding reports.
    FindingKind {
        /// A required step did not happen.
        Missing = "missing",
        /// A step ended after its deadline.
        Late = "late",
        /// A step lasted less than its minimum period.
        TooShort = "too_short",
        /// A step started before its minimum gap after another had passed.
        TooSoon = "too_soon",
        /// A step started before a step it must follow had ended.
        OutOfOrder = "out_of_order",
        /// The person who performed a step does not hold its role.
        WrongActor = "wrong_actor",
        /// One person acted in two roles that must be kept apart.
        Separation = "separation",
        /// A condition over a step's recorded fields (a quorum) was not met.
        Quorum = "quorum",
        /// A step happened more or fewer times than allowed.
        Occurrence = "occurrence",
        /// A step happened although it was forbidden.
        Forbidden = "forbidden",
        /// A step happened without a step it requires having happened before it.
        Unprepared = "unprepared",
    }
}

vocabulary! {
    /// Responsibility grades, from the person who failed to the leaders above them.
    Grade {
        /// 直接责任: failed in their own duty.
        Direct = "direct",
        /// 主要领导责任: directly supervised the work.
        MainLeadership = "main_leadership",
        /// 重要领导责任: should have managed it or took part in deciding it.
        ImportantLeadership = "important_leadership",
    }
}

vocabulary! {
    /// How grave a case's consequences were.
    Level {
        /// No loss or harm.
        None = "none",
        /// Minor loss or bad impact.
        Minor = "minor",
        /// Major loss or bad impact.
        Major = "major",
        /// Severe loss or bad impact.
        Severe = "severe",
    }
}

vocabulary! {
    /// The unit a duration is counted in.
    Unit {
        /// Calendar days.
        Days = "days",
        /// Working days of a named calendar.
        Workdays = "workdays",
        /// Calendar months (Civil Code Art. 202: the corresponding day, or the month's last).
        Months = "months",
        /// Calendar years, counted as twelve months.
        Years = "years",
    }
}
