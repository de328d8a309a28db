//! The domain vocabulary shared by the language, the evaluator and the reports: finding kinds,
//! responsibility grades, consequence levels and time units. Their English spellings are part of
//! the data contracts and never change; the Chinese ones are what Chinese rulebooks write.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal / $zh:literal),+ $(,)? }) => {
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

            /// The spelling in Chinese rulebooks.
            pub fn zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// The spelling in a report's language.
            pub fn in_lang(self, lang: crate::diag::Lang) -> &'static str {
                match lang {
                    crate::diag::Lang::En => self.as_str(),
                    crate::diag::Lang::Zh => self.zh(),
                }
            }

            /// Reads a spelling back, English or Chinese.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text | $zh => Some($name::$variant),)+ _ => None }
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
        Missing = "missing" / "缺失",
        /// A step ended after its deadline.
        Late = "late" / "逾期",
        /// A step lasted less than its minimum period.
        TooShort = "too_short" / "过短",
        /// A step started before its minimum gap after another had passed.
        TooSoon = "too_soon" / "过早",
        /// A step started before a step it must follow had ended.
        OutOfOrder = "out_of_order" / "顺序错误",
        /// The person who performed a step does not hold its role.
        WrongActor = "wrong_actor" / "主体不符",
        /// One person acted in two roles that must be kept apart.
        Separation = "separation" / "未分离",
        /// A condition over a step's recorded fields (a quorum) was not met.
        Quorum = "quorum" / "未达人数",
        /// A step happened more or fewer times than allowed.
        Occurrence = "occurrence" / "次数不符",
        /// A step happened although it was forbidden.
        Forbidden = "forbidden" / "违禁",
        /// A step happened without a step it requires having happened before it.
        Unprepared = "unprepared" / "前置缺失",
    }
}

vocabulary! {
    /// Responsibility grades, from the person who failed to the leaders above them.
    Grade {
        /// 直接责任: failed in their own duty.
        Direct = "direct" / "直接责任",
        /// 主要领导责任: directly supervised the work.
        MainLeadership = "main_leadership" / "主要领导责任",
        /// 重要领导责任: should have managed it or took part in deciding it.
        ImportantLeadership = "important_leadership" / "重要领导责任",
    }
}

vocabulary! {
    /// How grave a case's consequences were.
    Level {
        /// No loss or harm.
        None = "none" / "无",
        /// Minor loss or bad impact.
        Minor = "minor" / "较轻",
        /// Major loss or bad impact.
        Major = "major" / "较重",
        /// Severe loss or bad impact.
        Severe = "severe" / "严重",
    }
}

vocabulary! {
    /// The unit a duration is counted in.
    Unit {
        /// Calendar days.
        Days = "days" / "日",
        /// Working days of a named calendar.
        Workdays = "workdays" / "工作日",
        /// Calendar months (Civil Code Art. 202: the corresponding day, or the month's last).
        Months = "months" / "个月",
        /// Calendar years, counted as twelve months.
        Years = "years" / "年",
    }
}
