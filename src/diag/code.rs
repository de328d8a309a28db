//! The registry of diagnostic codes: the only list of them. A code is never reused; a retired
//! code stays here with a note.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used.
    Error,
    /// The input can be used but is probably wrong.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $name:literal, $sev:ident, $summary:literal;)+) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $(
            #[doc = $summary]
            $variant
        ),+ }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as users write it, e.g. `DC0301`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id),+ }
            }

            /// A short kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),+ }
            }

            /// Error or warning.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),+ }
            }

            /// One line saying what the code reports, in English (as documented here).
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),+ }
            }

            /// One line saying what the code reports, in a language (from the catalogs).
            pub fn summary_in(self, lang: super::Lang) -> String {
                super::Msg { id: self.summary_id(), ..Default::default() }.text(lang)
            }

            /// The catalog id of the summary.
            fn summary_id(self) -> &'static str {
                match self { $(Code::$variant => concat!("summary-", $id)),+ }
            }

            /// The long explanation printed by `duechain explain`.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => include_str!(concat!("explain/", $id, ".md"))),+ }
            }

            /// The explanation in a language.
            pub fn explanation_in(self, lang: super::Lang) -> &'static str {
                match lang {
                    super::Lang::En => self.explanation(),
                    super::Lang::Zh => match self {
                        $(Code::$variant => include_str!(concat!("explain/zh/", $id, ".md"))),+
                    },
                }
            }
        }
    };
}

codes! {
    SyntaxError = "DC0101", "syntax-error", Error, "the text does not follow the DCL grammar";
    NestingTooDeep = "DC0102", "nesting-too-deep", Error, "brackets, conditions, chains or imports are nested deeper than the compiler accepts";
    InvalidLiteral = "DC0103", "invalid-literal", Error, "a date or number literal is not a valid value";
    MixedKeywords = "DC0104", "mixed-keywords", Error, "a rulebook mixes English and Chinese keywords";
    UnknownName = "DC0201", "unknown-name", Error, "a name refers to nothing declared";
    DuplicateDeclaration = "DC0202", "duplicate-declaration", Error, "a name is declared twice";
    TypeMismatch = "DC0203", "type-mismatch", Error, "a condition compares or combines values of the wrong types";
    MissingCalendar = "DC0204", "missing-calendar", Error, "working days are counted without a calendar";
    ImportCycle = "DC0205", "import-cycle", Error, "rulebooks import or refine each other in a cycle";
    InvalidCalendar = "DC0206", "invalid-calendar", Error, "a calendar's data is malformed or contradictory";
    PrecedenceCycle = "DC0301", "precedence-cycle", Error, "steps must each come after the other";
    ReportsToCycle = "DC0302", "reports-to-cycle", Error, "the chain of command loops back on itself";
    InfeasibleTiming = "DC0303", "infeasible-timing", Error, "no schedule can meet all timing constraints";
    NoResponsibleRole = "DC0304", "no-responsible-role", Error, "a step names no role that performs it";
    UnenforcedDuty = "DC0305", "unenforced-duty", Warning, "a duty has no accountability rule answering its breach";
    UnusedLiableRole = "DC0306", "unused-liable-role", Warning, "an accountability rule holds a role liable that no step names";
    DeadCondition = "DC0307", "dead-condition", Warning, "a condition can never hold";
    NonMonotonePenalty = "DC0308", "non-monotone-penalty", Error, "a worse consequence maps to a lighter measure";
    ImpossibleSeparation = "DC0309", "impossible-separation", Error, "a step's roles make a separation of duties impossible";
    PenaltyGap = "DC0310", "penalty-gap", Warning, "a penalty table leaves a consequence level unmapped between mapped ones";
    MissingCite = "DC0311", "missing-cite", Warning, "a step or rule cites no article";
    ConfusableNames = "DC0312", "confusable-names", Warning, "two different names look the same (Unicode TR39 confusables)";
    BidiControl = "DC0313", "bidi-control", Warning, "the text holds a bidirectional control character that can make it read differently from what it does";
    DroppedDuty = "DC0401", "dropped-duty", Error, "a refining rulebook drops a step or rule of its superior";
    WeakerCondition = "DC0402", "weaker-condition", Error, "a refining rulebook requires a step in fewer cases than its superior";
    LongerDeadline = "DC0403", "longer-deadline", Error, "a refining rulebook allows more time than its superior";
    ShorterMinimum = "DC0404", "shorter-minimum", Error, "a refining rulebook shortens a minimum period or gap of its superior";
    LighterPenalty = "DC0405", "lighter-penalty", Error, "a refining rulebook punishes less than its superior";
    MalformedCase = "DC0501", "malformed-case", Error, "a case is not well-formed JSON of the case format";
    UnknownCaseName = "DC0502", "unknown-case-name", Error, "a case names a step, person, role or fact the rulebook does not know";
    WrongCaseType = "DC0503", "wrong-case-type", Error, "a case value has the wrong type or a required field is missing";
    BadDate = "DC0504", "bad-date", Error, "a case date is not an ISO 8601 date";
    DateOutsideCalendar = "DC0505", "date-outside-calendar", Error, "a working-day count leaves the years the calendar covers";
    AfterAsOf = "DC0506", "after-as-of", Error, "the record of an open matter holds an event after the day it is judged as of";
    LiabilityTooLarge = "DC0507", "liability-too-large", Error, "a case makes more people answer for more findings than one verdict may hold";
    InvalidMapping = "DC0601", "invalid-mapping", Error, "a log mapping is not valid TOML of the mapping format";
    UnknownMappedName = "DC0602", "unknown-mapped-name", Error, "a log mapping names a procedure, step, role, fact or field the rulebook does not know";
    MalformedLog = "DC0603", "malformed-log", Error, "an event log cannot be read: a malformed record, time or value";
    UnmappedActivity = "DC0604", "unmapped-activity", Error, "a log holds an activity its mapping does not map";
    UngroupedLog = "DC0605", "ungrouped-log", Error, "a log holds one case's events apart (CSV rows, XES traces)";
    UnreadableFile = "DC0901", "unreadable-file", Error, "a file cannot be read";
    NotUtf8 = "DC0902", "not-utf8", Error, "a file is not UTF-8 text";
    FileTooLarge = "DC0903", "file-too-large", Error, "a file is larger than the compiler accepts";
    ImportOutsideRoot = "DC0904", "import-outside-root", Error, "an import leaves the project root";
    WriteFailed = "DC0905", "write-failed", Error, "the output cannot be written";
    EmptyRun = "DC0906", "empty-run", Error, "a run found nothing to check, evaluate or test";
    BlessInvalid = "DC0907", "bless-invalid", Error, "blessing would record an error as a case's expected verdict";
    MissingProgram = "DC0908", "missing-program", Error, "an outside program the command needs is not installed, or failed";
    SystemRefused = "DC0909", "system-refused", Error, "the system refuses what a command needs: a network address, worker threads, a running service";
    ProtocolBroken = "DC0910", "protocol-broken", Error, "an editor's message to the language server breaks the protocol: malformed, cut off or too long";
    RefusedRequest = "DC0911", "refused-request", Error, "the service refuses a request: no token or one whose scope does not cover it, a route, method or query it does not have, a matter it does not hold or has closed, a body too large or too slow";
}

impl Code {
    /// Looks a code up by its id (`DC0301`), case-insensitively.
    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.id().eq_ignore_ascii_case(id.trim()))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}
