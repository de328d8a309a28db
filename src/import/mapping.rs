//! The mapping file (TOML): how an event log's cases, activities, times, resources and
//! attributes become the case format, checked against the rulebook with coded diagnostics.

use std::collections::BTreeMap;
use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::compile::model::{FactId, Model, ProcId, RoleId, StepId};
use crate::compile::suggest_help;
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::{FileId, SourceFile, Sources, Span};

/// A mapping file as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    /// The rulebook the log's matters follow, relative to the mapping file (used by
    /// `duechain import`; `eval` names its rulebook itself).
    pub rulebook: Option<String>,
    /// The procedure the matters follow, when the rulebook has several.
    #[schemars(with = "Option<String>")]
    pub procedure: Option<Spanned<String>>,
    /// How the log is stored.
    #[serde(default)]
    pub log: LogSpec,
    /// Where a case's id is.
    #[serde(default)]
    pub case: CaseSpec,
    /// Where each event's activity, times, lifecycle and resource are.
    #[serde(default)]
    pub event: EventSpec,
    /// How timestamps are written.
    #[serde(default)]
    pub time: TimeSpec,
    /// Activity name → step name. Names may hold spaces or Chinese.
    #[schemars(with = "BTreeMap<String, String>")]
    pub activities: BTreeMap<String, Spanned<String>>,
    /// What an activity the table does not name becomes: `"error"` (the case is not evaluated),
    /// `"ignore"`, or `{ step = "NAME" }`.
    #[schemars(with = "Option<UnmappedSchema>")]
    pub unmapped: Option<Spanned<Unmapped>>,
    /// Which lifecycle transitions open and close an activity.
    #[serde(default)]
    pub lifecycle: LifecycleSpec,
    /// Who acted and which roles they hold.
    #[serde(default)]
    pub people: PeopleSpec,
    /// Fact name → the case attribute it is read from.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, FactSpec>")]
    pub facts: BTreeMap<Spanned<String>, FactSpec>,
    /// Recorded field name → the event attribute it is read from.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldSpec>,
    /// What closes a matter; without this table the rulebook's `closed default` applies.
    pub close: Option<CloseSpec>,
}

impl MappingFile {
    /// Every attribute key the mapping reads: a reader keeps only these.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.named_keys().into_iter().map(|(_, k)| k).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Every attribute key the mapping reads, with the place in the mapping that names it.
    fn named_keys(&self) -> Vec<(String, &str)> {
        /// A key that `place` names.
        fn at<'a>(place: &'static str) -> impl Fn(&'a String) -> (String, &'a str) {
            move |key| (place.to_owned(), key.as_str())
        }
        let e = &self.event;
        let mut keys = vec![
            ("event.activity".to_owned(), e.activity.as_str()),
            ("event.timestamp".to_owned(), e.timestamp.as_str()),
            ("event.lifecycle".to_owned(), e.lifecycle.as_str()),
            ("event.resource".to_owned(), e.resource.as_str()),
        ];
        keys.extend(e.end.iter().map(at("event.end")));
        keys.extend(self.case.id.iter().map(at("case.id")));
        let p = &self.people;
        keys.extend(p.role_attribute.iter().map(at("people.role_attribute")));
        keys.extend(p.unit_attribute.iter().map(at("people.unit_attribute")));
        keys.extend(p.case_roles.keys().map(at("people.case_roles")));
        keys.extend(self.facts.iter().map(|(name, f)| match f {
            FactSpec::Attribute(a) => (format!("facts.{}", name.get_ref()), a.as_str()),
            FactSpec::Mapped { attribute: a, .. } => {
                (format!("facts.{}.attribute", name.get_ref()), a.as_str())
            }
        }));
        keys.extend(
            self.fields
                .iter()
                .map(|(name, f)| (format!("fields.{name}.attribute"), f.attribute.as_str())),
        );
        let close = self.close.as_ref().and_then(|c| c.attribute.as_ref());
        keys.extend(close.map(at("close.attribute")));
        keys
    }
}

/// The storage of a log.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogSpec {
    /// `csv`, `xes`, `ocel-json` or `ocel-sqlite` [default: by the file's extension].
    pub format: Option<LogFormat>,
    /// A CSV file's text encoding: `utf-8` (a BOM is skipped), `gbk` or `gb18030`.
    #[serde(default)]
    pub encoding: Encoding,
    /// A CSV file's delimiter (one character) [default: `,`].
    pub delimiter: Option<char>,
    /// Whether a CSV file's rows of one case are contiguous, so cases stream in bounded memory
    /// [default: true]; `false` reads the whole log first and groups it.
    pub grouped: Option<bool>,
    /// OCEL: the object type whose objects are the matters (cases).
    pub object_type: Option<String>,
    /// The day the log was exported (`"YYYY-MM-DD"`, or TOML's own date `YYYY-MM-DD`): its open
    /// matters are judged as of it unless `eval --as-of` says otherwise.
    #[serde(default, deserialize_with = "day_text")]
    pub as_of: Option<String>,
}

/// A day written as text or as a TOML date (`as_of = 2024-11-01`), kept as its text; a TOML
/// date-time or any other value is refused.
fn day_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match toml::Value::deserialize(d)? {
        toml::Value::String(s) => Ok(Some(s)),
        toml::Value::Datetime(t) if t.time.is_none() && t.offset.is_none() => {
            Ok(Some(t.to_string()))
        }
        other => Err(serde::de::Error::custom(format!(
            "expected a day (YYYY-MM-DD), found `{other}`"
        ))),
    }
}

/// A log's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LogFormat {
    /// RFC 4180 comma-separated values with a header row.
    Csv,
    /// IEEE 1849 XES, plain or gzip.
    Xes,
    /// OCEL 2.0 JSON.
    OcelJson,
    /// OCEL 2.0 SQLite.
    OcelSqlite,
}

/// A CSV file's text encoding.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK (Windows code page 936), decoded as GB18030, its superset.
    Gbk,
    /// GB 18030.
    Gb18030,
}

/// Where a case's id is.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// The CSV column or XES trace attribute [default: `case:concept:name` in CSV,
    /// `concept:name` in XES].
    pub id: Option<String>,
}

/// Where an event's parts are (CSV columns, XES or OCEL event attributes).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct EventSpec {
    /// The activity name.
    pub activity: String,
    /// When it happened (or started).
    pub timestamp: String,
    /// When it ended, when the log has a separate column for it.
    pub end: Option<String>,
    /// The lifecycle transition (`start`, `complete`, …).
    pub lifecycle: String,
    /// Who performed it.
    pub resource: String,
}

impl Default for EventSpec {
    fn default() -> Self {
        EventSpec {
            activity: "concept:name".into(),
            timestamp: "time:timestamp".into(),
            end: None,
            lifecycle: "lifecycle:transition".into(),
            resource: "org:resource".into(),
        }
    }
}

/// How timestamps are written.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeSpec {
    /// A strftime format (`%Y/%m/%d %H:%M`) [default: ISO 8601 / RFC 3339, a date-time with or
    /// without an offset, or a date].
    pub format: Option<String>,
    /// The zone of a time written without an offset (`Asia/Shanghai`) [default: local dates as
    /// written].
    pub zone: Option<String>,
}

/// What an unmapped activity becomes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Unmapped {
    /// The case is an error record naming the activity.
    #[default]
    Error,
    /// The event is left out.
    Ignore,
    /// The event is taken as this step.
    Step(String),
}

/// The written forms of [`Unmapped`], for the schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum UnmappedSchema {
    /// `"error"` or `"ignore"`.
    Word(String),
    /// `{ step = "NAME" }`.
    Step {
        /// The step.
        step: String,
    },
}

impl<'de> Deserialize<'de> for Unmapped {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Word(String),
            Step { step: String },
        }
        match Raw::deserialize(d)? {
            Raw::Word(w) if w == "error" => Ok(Unmapped::Error),
            Raw::Word(w) if w == "ignore" => Ok(Unmapped::Ignore),
            Raw::Word(w) => Err(serde::de::Error::custom(format!(
                "`{w}` is neither \"error\", \"ignore\" nor {{ step = \"NAME\" }}"
            ))),
            Raw::Step { step } => Ok(Unmapped::Step(step)),
        }
    }
}

/// Lifecycle transitions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct LifecycleSpec {
    /// Transitions that open an activity; its `complete` closes it into one event.
    pub start: Vec<String>,
    /// Transitions that complete an activity (an event without a transition completes too).
    pub complete: Vec<String>,
}

impl Default for LifecycleSpec {
    fn default() -> Self {
        LifecycleSpec {
            start: vec!["start".into()],
            complete: vec!["complete".into()],
        }
    }
}

/// Who acted, and the roles they hold.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeopleSpec {
    /// Resource → the roles it holds.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub roles: BTreeMap<String, Vec<Spanned<String>>>,
    /// An event attribute naming the role its resource acted in.
    pub role_attribute: Option<String>,
    /// The role attribute's values as the log writes them → role names (`"窗口人员" =
    /// "window_officer"`); without it the values must be role names.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub role_values: BTreeMap<String, Spanned<String>>,
    /// Case attribute → the role of the person it names (e.g. the responsible official).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub case_roles: BTreeMap<String, Spanned<String>>,
    /// An event attribute naming its resource's unit.
    pub unit_attribute: Option<String>,
}

/// Where a fact is read from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum FactSpec {
    /// The case attribute, its value taken as the fact's type reads it.
    Attribute(String),
    /// The case attribute, with a table from the log's values to the fact's.
    Mapped {
        /// The case attribute.
        attribute: String,
        /// Log value → fact value (`"是" = true`); a value not in the table is an error.
        #[serde(default)]
        #[schemars(with = "BTreeMap<String, serde_json::Value>")]
        values: BTreeMap<String, toml::Value>,
    },
}

/// Where a recorded field is read from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The event attribute.
    pub attribute: String,
    /// For a list of persons: the separator between ids (`;`).
    pub split: Option<String>,
}

/// What closes a matter.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseSpec {
    /// Activities that close the matter (they need not be steps).
    #[serde(default)]
    pub activities: Vec<String>,
    /// A case attribute that says the matter is closed.
    pub attribute: Option<String>,
    /// The attribute's values that mean closed.
    #[serde(default)]
    pub values: Vec<String>,
}

/// A mapping checked against a rulebook: names resolved.
#[derive(Debug)]
pub struct Mapping {
    /// The file as written.
    pub file: MappingFile,
    /// The procedure.
    pub procedure: ProcId,
    /// Activity → step.
    pub steps: BTreeMap<String, StepId>,
    /// Fallback step of an unmapped activity.
    pub fallback: Option<StepId>,
    /// Resource → roles.
    pub roles: BTreeMap<String, Vec<RoleId>>,
    /// Facts in the rulebook's order, with their names in the mapping.
    pub facts: Vec<(FactId, String)>,
    /// The zone of times written without an offset.
    pub zone: Option<jiff::tz::TimeZone>,
}

/// A mapping file's problems, with the text they point into.
pub struct MappingErrors {
    /// The mapping's text.
    pub sources: Sources,
    /// What is wrong.
    pub diagnostics: Vec<Diagnostic>,
}

/// A mapping file read but not yet checked against a rulebook.
pub struct Parsed {
    /// The file as written.
    pub file: MappingFile,
    sources: Sources,
    id: FileId,
}

impl Parsed {
    /// Reads a mapping file's TOML.
    pub fn read(name: &str, text: &str) -> Result<Parsed, MappingErrors> {
        let mut sources = Sources::new();
        let id = sources.add(SourceFile::new(name, text));
        match toml::from_str(text) {
            Ok(file) => Ok(Parsed { file, sources, id }),
            Err(e) => {
                let reason = e.message().trim();
                let d =
                    Diagnostic::keyed(Code::InvalidMapping, msg!("mapping-toml", reason = reason))
                        .help_keyed(msg!("mapping-help"));
                let d = match e.span() {
                    Some(r) => d.label_keyed(span(id, r), msg!("here")),
                    None => d.at(name.to_owned()),
                };
                Err(MappingErrors {
                    sources,
                    diagnostics: vec![d],
                })
            }
        }
    }

    /// Checks the mapping against a rulebook, resolving its names.
    pub fn check(self, model: &Model) -> Result<Mapping, MappingErrors> {
        let mut check = Checker {
            model,
            file: self.id,
            diags: Vec::new(),
        };
        let mapping = check.resolve(self.file);
        match mapping {
            Some(m) if check.diags.is_empty() => Ok(m),
            _ => Err(MappingErrors {
                sources: self.sources,
                diagnostics: check.diags,
            }),
        }
    }
}

impl Mapping {
    /// Reads and checks a mapping against a rulebook.
    pub fn load(name: &str, text: &str, model: &Model) -> Result<Mapping, MappingErrors> {
        Parsed::read(name, text)?.check(model)
    }
}

fn span(file: FileId, r: Range<usize>) -> Span {
    Span::new(file, r.start, r.end)
}

struct Checker<'m> {
    model: &'m Model,
    file: FileId,
    diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A name the rulebook does not know, with the closest it does.
    fn unknown(&mut self, kind: &str, name: &Spanned<String>, known: &[&str]) {
        let help = suggest_help(kind, name.get_ref(), known.iter().copied());
        self.diags.push(
            Diagnostic::keyed(
                Code::UnknownMappedName,
                msg!("mapping-unknown-name", what = kind, name = name.get_ref()),
            )
            .label_keyed(span(self.file, name.span()), msg!("named-here"))
            .help_keyed(help),
        );
    }

    /// Each value a fact's table gives must be one the fact's type takes, as a case would give
    /// it: said here, at the table, rather than on every case.
    fn typed_values(&mut self, name: &str, id: FactId, spec: &FactSpec) {
        let (FactSpec::Mapped { values, .. }, Some(fact)) =
            (spec, self.model.facts.get(id.index()))
        else {
            return;
        };
        for (key, value) in values {
            let path = || format!("facts.{name}.values.{key}");
            let Err(e) = crate::eval::case::value_of(self.model, &fact.ty, &json_of(value), &path)
            else {
                continue;
            };
            // The case reader's message and help, from the catalogs when it has them.
            let d = match e.keys.map(|k| *k) {
                Some((message, Some(help))) => {
                    Diagnostic::keyed(Code::InvalidMapping, message).help_keyed(help)
                }
                Some((message, None)) => Diagnostic::keyed(Code::InvalidMapping, message),
                None => Diagnostic::new(Code::InvalidMapping, e.message),
            };
            self.diags.push(d.at(path()));
        }
    }

    fn resolve(&mut self, raw: MappingFile) -> Option<Mapping> {
        let model = self.model;
        let procedure = match &raw.procedure {
            Some(p) => match model.procedure_named(p.get_ref()) {
                Some(id) => id,
                None => {
                    let known: Vec<&str> =
                        model.procedures.iter().map(|x| x.name.as_str()).collect();
                    self.unknown("procedure", p, &known);
                    return None;
                }
            },
            None if model.procedures.len() == 1 => ProcId(0),
            None => {
                self.diags.push(
                    Diagnostic::keyed(Code::InvalidMapping, msg!("mapping-name-procedure"))
                        .label_keyed(span(self.file, 0..0), msg!("mapping-name-procedure-label")),
                );
                return None;
            }
        };
        let step_names: Vec<&str> = model
            .procedures
            .get(procedure.index())
            .map(|p| p.steps.iter().map(|s| model.step_name(*s)).collect())
            .unwrap_or_default();
        let step = |this: &mut Self, name: &Spanned<String>| -> Option<StepId> {
            let found = model
                .step_named(name.get_ref())
                .filter(|s| model.step(*s).is_some_and(|x| x.procedure == procedure));
            if found.is_none() {
                this.unknown("step", name, &step_names);
            }
            found
        };
        let mut steps = BTreeMap::new();
        for (activity, name) in &raw.activities {
            match step(self, name) {
                Some(id) => {
                    steps.insert(activity.clone(), id);
                }
                None if ["unmapped", "rulebook", "procedure"].contains(&activity.as_str()) => {
                    if let Some(d) = self.diags.last_mut() {
                        d.help = Some(format!(
                            "every key after `[activities]` belongs to that table: write `{activity} = …` above the first table"
                        ));
                    }
                }
                None => {}
            }
        }
        let fallback = match raw.unmapped.as_ref().map(|u| (u.get_ref(), u.span())) {
            Some((Unmapped::Step(s), at)) => step(self, &Spanned::new(at, s.clone())),
            _ => None,
        };
        let role_names: Vec<&str> = model.roles.iter().map(|r| r.name.as_str()).collect();
        let role = |this: &mut Self, name: &Spanned<String>| -> Option<RoleId> {
            let found = model.role_named(name.get_ref());
            if found.is_none() {
                this.unknown("role", name, &role_names);
            }
            found
        };
        let mut roles = BTreeMap::new();
        for (resource, list) in &raw.people.roles {
            let ids: Vec<RoleId> = list.iter().filter_map(|r| role(self, r)).collect();
            roles.insert(resource.clone(), ids);
        }
        for r in raw
            .people
            .case_roles
            .values()
            .chain(raw.people.role_values.values())
        {
            role(self, r);
        }
        if let Some(d) = &raw.log.as_of
            && let Err(m) = crate::date::parse(d)
        {
            self.diags
                .push(Diagnostic::keyed(Code::InvalidMapping, m).at("log.as_of"));
        }
        // A key that names no column or attribute would fail every record, not the mapping.
        for (place, _) in raw.named_keys().into_iter().filter(|(_, k)| k.is_empty()) {
            self.diags.push(
                Diagnostic::keyed(Code::InvalidMapping, msg!("mapping-empty-key"))
                    .at(place)
                    .help_keyed(msg!("mapping-empty-key-help")),
            );
        }
        if let Some(c) = raw.log.delimiter.filter(|c| !c.is_ascii()) {
            let m = msg!("csv-delimiter", delimiter = c);
            self.diags
                .push(Diagnostic::keyed(Code::InvalidMapping, m).at("log.delimiter"));
        }
        let mut facts = Vec::new();
        for (name, spec) in &raw.facts {
            match model.fact_named(name.get_ref()) {
                Some(id) => {
                    self.typed_values(name.get_ref(), id, spec);
                    facts.push((id, name.get_ref().clone()));
                }
                None => {
                    let known: Vec<&str> = model.facts.iter().map(|f| f.name.as_str()).collect();
                    self.unknown("fact", name, &known);
                }
            }
        }
        facts.sort_unstable();
        let zone = raw
            .time
            .zone
            .as_deref()
            .and_then(|z| match jiff::tz::db().get(z) {
                Ok(tz) => Some(tz),
                Err(_) => {
                    self.diags.push(
                        Diagnostic::keyed(Code::InvalidMapping, msg!("not-a-zone", zone = z))
                            .at("time.zone")
                            .help_keyed(msg!("not-a-zone-help")),
                    );
                    None
                }
            });
        for (name, spec) in &raw.fields {
            let recorded = step_names
                .iter()
                .filter_map(|s| model.step_named(s).and_then(|id| model.step(id)))
                .any(|s| s.field(name).is_some());
            if !recorded {
                self.diags.push(
                    Diagnostic::keyed(
                        Code::UnknownMappedName,
                        msg!("no-step-records", field = name),
                    )
                    .at(format!("fields.{name} (from `{}`)", spec.attribute)),
                );
            }
        }
        Some(Mapping {
            zone,
            procedure,
            steps,
            fallback,
            roles,
            facts,
            file: raw,
        })
    }
}

/// A value of a mapping's table as JSON: a TOML date or date-time as the text TOML writes
/// (serde would give toml's private object for it). Lists and tables need no such care: no
/// fact takes one, so the check refuses them.
pub(crate) fn json_of(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::Datetime(t) => serde_json::Value::String(t.to_string()),
        other => serde_json::to_value(other).unwrap_or(serde_json::Value::Null),
    }
}
