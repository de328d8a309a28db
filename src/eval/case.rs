//! The case format (the auditors' data contract): JSON in, validated against a rulebook into a
//! case whose names are ids. Every error names its JSON path.

use foldhash::{HashMap, HashMapExt};
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::verdict::Defaults;
use crate::compile::model::{FactDefault, FactId, Model, ProcId, RoleId, StepId, Type, Val};
use crate::compile::suggest_help;
use crate::date::{self, Day};
use crate::diag::{Code, Lang, Msg};
use crate::msg;
use crate::vocab::{FindingKind, Level};

/// Text as a case writes it: ids, names, dates and step names short enough are kept inline,
/// without an allocation of their own.
pub type Text = compact_str::CompactString;

/// A JSON object whose keys must be unique, kept in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct UniqueMap<V>(pub Vec<(Text, V)>);

impl<V: Serialize> Serialize for UniqueMap<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = UniqueMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(Text, V)> = Vec::with_capacity(map.size_hint().unwrap_or(4));
                // A few keys are compared directly; many go through a set, so the check stays
                // linear however large the object.
                let mut seen: foldhash::HashSet<Text> = foldhash::HashSet::default();
                while let Some(key) = map.next_key::<Text>()? {
                    let repeated = if out.len() < 16 {
                        out.iter().any(|(k, _)| *k == key)
                    } else {
                        if seen.is_empty() {
                            seen.extend(out.iter().map(|(k, _)| k.clone()));
                        }
                        !seen.insert(key.clone())
                    };
                    if repeated {
                        return Err(de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    let value = map.next_value()?;
                    out.push((key, value));
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_map(V2(PhantomData))
    }
}

/// `T` read only from a JSON object: serde's derived structs also accept an array, read by
/// position, which the case format forbids (`["a", …]` for a person is an error naming its path).
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Object)
    }
}

/// A field that must be an object.
fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Object::deserialize(d).map(|o| o.0)
}

/// A list whose items must be objects.
fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Vec::<Object<T>>::deserialize(d).map(|v| v.into_iter().map(|o| o.0).collect())
}

/// A case as written (§4 of the design).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// Case id.
    pub id: Text,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The procedure the case followed (optional when the rulebook has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procedure: Option<Text>,
    /// Facts by name.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, serde_json::Value>")]
    pub facts: UniqueMap<serde_json::Value>,
    /// The people involved.
    #[serde(default, deserialize_with = "objects")]
    pub people: Vec<RawPerson>,
    /// What happened.
    #[serde(default, deserialize_with = "objects")]
    pub events: Vec<RawEvent>,
    /// How it ended.
    #[serde(default, deserialize_with = "object")]
    pub outcome: RawOutcome,
    /// Record of the people involved.
    #[serde(default, deserialize_with = "object")]
    pub history: RawHistory,
    /// Whether the matter is closed (the rulebook's `closed default` when absent); an open
    /// matter is judged as of a date, its unexpired duties pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<bool>,
    /// The date the record was taken: an open matter is judged as of it unless told otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Text>,
}

/// A person of a case.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    /// Id used in events.
    pub id: Text,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Roles held.
    #[serde(default)]
    pub roles: Vec<Text>,
    /// The unit the person works in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// The person's direct superior (a person id): `leader of` follows this chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superior: Option<Text>,
}

/// One performed step.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// The step.
    pub step: Text,
    /// Who performed it; absent when the record does not say (the actor is `unknown`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Text>,
    /// When it started.
    pub start: Text,
    /// When it ended (defaults to `start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text>,
    /// Recorded fields.
    #[serde(default, skip_serializing_if = "is_empty_map")]
    #[schemars(with = "std::collections::BTreeMap<String, serde_json::Value>")]
    pub fields: UniqueMap<serde_json::Value>,
}

fn is_empty_map<V>(m: &UniqueMap<V>) -> bool {
    m.0.is_empty()
}

/// How a case ended.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    /// none, minor, major or severe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<Text>,
    /// When the breach was discovered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discovered: Option<Text>,
}

/// The record of the people involved.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    /// Prior offences per person id: a count, or a list of dated offences.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, RawPriors>")]
    pub prior_offences: UniqueMap<RawPriors>,
    /// People who corrected the breach themselves.
    #[serde(default)]
    pub self_corrected: Vec<Text>,
}

/// A person's prior offences as written.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RawPriors {
    /// How many, undated.
    Count(u32),
    /// Each with its date.
    Dated(Vec<RawOffence>),
}

impl<'de> Deserialize<'de> for RawPriors {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawPriors;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of prior offences or a list of dated offences")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<RawPriors, E> {
                u32::try_from(n).map(RawPriors::Count).map_err(|_| {
                    E::custom(format!("{n} prior offences is more than can be counted"))
                })
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<RawPriors, A::Error> {
                objects(de::value::SeqAccessDeserializer::new(seq)).map(RawPriors::Dated)
            }
        }
        d.deserialize_any(V)
    }
}

/// One dated prior offence.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOffence {
    /// When the conduct happened.
    pub date: Text,
    /// Its finding kind (`late`, `missing`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text>,
    /// The last day of the sanction imposed for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Text>,
}

/// A dated prior offence of a validated case.
#[derive(Debug, Clone)]
pub struct Prior {
    /// When the conduct happened.
    pub day: Day,
    /// Its finding kind.
    pub kind: Option<FindingKind>,
    /// The last day of its sanction.
    pub until: Option<Day>,
}

/// A problem with a case, at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseError {
    /// The registry code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// Where, as a JSON path (`events[2].by`; empty for the whole case).
    pub path: String,
    /// The catalog messages of the message and its help, when it has them.
    pub keys: Option<Box<(Msg, Option<Msg>)>>,
}

impl CaseError {
    /// An error whose message (and help) come from the catalogs; the message keeps English.
    pub(crate) fn keyed(
        code: Code,
        path: impl Into<String>,
        message: Msg,
        help: Option<Msg>,
    ) -> CaseError {
        CaseError {
            code,
            message: super::verdict::english(&message, help.as_ref()),
            path: path.into(),
            keys: Some(Box::new((message, help))),
        }
    }

    /// The error with a note after its message (where no help is), as `(line 1, column 9)`.
    pub(crate) fn followed_by(mut self, note: Msg) -> CaseError {
        self.message = format!("{} ({})", self.message, note.text(Lang::En));
        if let Some(keys) = &mut self.keys
            && keys.1.is_none()
        {
            keys.1 = Some(note);
        }
        self
    }

    /// A date that cannot be read (DC0504), at a path.
    fn bad_date(path: impl Into<String>, message: Msg) -> CaseError {
        CaseError::keyed(Code::BadDate, path, message, None)
    }

    /// An unknown name (DC0502) with the closest known one.
    fn unknown(path: impl Into<String>, what: &'static str, name: &str, help: Msg) -> CaseError {
        let message = msg!("unknown-name", what = what, name = name);
        CaseError::keyed(Code::UnknownCaseName, path, message, Some(help))
    }
}

/// Parses one case from JSON text.
///
/// Well-formed input is read by the case reader ([`super::read`]); what it cannot vouch for
/// takes the plain serde path, and only when that fails is the text read again with path
/// tracking, so the error can name its JSON path without slowing every case down.
pub fn parse(text: &str) -> Result<RawCase, CaseError> {
    let text = crate::source::without_bom(text);
    super::read::case(text).map_or_else(|| parse_serde(text), Ok)
}

/// Parses one case with serde alone: the reference [`parse`]'s case reader is checked against.
pub fn parse_serde(text: &str) -> Result<RawCase, CaseError> {
    serde_json::from_str::<Object<RawCase>>(text)
        .map(|o| o.0)
        .or_else(|_| parse_tracked(text))
}

/// Parses with path tracking (the slow path, for errors).
fn parse_tracked(text: &str) -> Result<RawCase, CaseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: RawCase = serde_path_to_error::deserialize(&mut de)
        .map(|o: Object<RawCase>| o.0)
        .map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." || path == "?" {
                String::new()
            } else {
                path
            };
            super::json_error::case_error(&e.into_inner(), path)
        })?;
    de.end()
        .map_err(|e| super::json_error::case_error(&e, String::new()))?;
    Ok(raw)
}

/// A recorded field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldVal {
    /// A plain value.
    Val(Val),
    /// One person (index into the case's people).
    Person(u32),
    /// People (indexes into the case's people).
    Persons(Vec<u32>),
}

/// A person of a validated case.
#[derive(Debug, Clone)]
pub struct Person {
    /// Id as written.
    pub id: Text,
    /// Display name.
    pub name: Option<Text>,
    /// Roles held.
    pub roles: Vec<RoleId>,
    /// Undated prior offences.
    pub prior_offences: u32,
    /// Dated prior offences.
    pub priors: Vec<Prior>,
    /// The direct superior (index into people).
    pub superior: Option<u32>,
    /// The unit.
    pub unit: Option<Text>,
    /// Corrected the breach themselves.
    pub self_corrected: bool,
}

/// An event of a validated case.
#[derive(Debug, Clone)]
pub struct Event {
    /// The step.
    pub step: StepId,
    /// Who performed it (index into people), or [`UNKNOWN`] when the record does not say.
    pub by: u32,
    /// First day.
    pub start: Day,
    /// Last day.
    pub end: Day,
    /// Recorded fields by the step's field index (empty when the record gives none: read them
    /// with `get`).
    pub fields: Vec<Option<FieldVal>>,
}

/// A case's event indexes grouped by step, each step's in input order: a step's events are one
/// slice, found without a search or a copy.
#[derive(Debug, Clone, Default)]
pub struct ByStep {
    /// Event indexes ordered by step, then by input order.
    order: Vec<usize>,
    /// Where each step's run begins in `order`, by step index, and where the last one ends.
    starts: Vec<usize>,
}

impl ByStep {
    /// Groups `events` of a rulebook with `steps` steps (a counting sort).
    fn of(steps: usize, events: &[Event]) -> ByStep {
        // Each step's count, summed so that each entry is where its step's run ends; placing the
        // events from the last back moves each entry to where its run begins.
        let mut starts = vec![0; steps + 1];
        for e in events {
            if let Some(n) = starts.get_mut(e.step.index()) {
                *n += 1;
            }
        }
        let mut total = 0;
        for s in &mut starts {
            total += *s;
            *s = total;
        }
        let mut order = vec![0; events.len()];
        for (i, e) in events.iter().enumerate().rev() {
            if let Some(at) = starts.get_mut(e.step.index()) {
                *at -= 1;
                if let Some(slot) = order.get_mut(*at) {
                    *slot = i;
                }
            }
        }
        ByStep { order, starts }
    }

    /// The indexes of `step`'s events, in input order.
    pub fn of_step(&self, step: StepId) -> &[usize] {
        let run = |i: usize| self.starts.get(i).copied().unwrap_or_default();
        let (from, to) = (run(step.index()), run(step.index() + 1));
        self.order.get(from..to).unwrap_or(&[])
    }
}

/// The actor of an event whose record names nobody: no person's index.
pub const UNKNOWN: u32 = u32::MAX;

/// A case validated against a rulebook: every name is an id.
#[derive(Debug, Clone)]
pub struct Case {
    /// Case id.
    pub id: Text,
    /// Title.
    pub title: Option<Text>,
    /// The procedure.
    pub procedure: ProcId,
    /// Fact values by fact id (None: not given).
    pub facts: Vec<Option<Val>>,
    /// People.
    pub people: Vec<Person>,
    /// Events in input order.
    pub events: Vec<Event>,
    /// The events' indexes grouped by step.
    pub by_step: ByStep,
    /// Consequence level (None: neither the case nor the rulebook gives one).
    pub consequence: Option<Level>,
    /// The defaults the rulebook supplied for what the case left out, by JSON path.
    pub defaults: Defaults,
    /// Whether the matter is closed.
    pub closed: bool,
    /// The date the record was taken, when it says.
    pub as_of: Option<Day>,
}

/// The people a case lists at most for their ids to be found by a scan rather than a hash map.
const FEW_PEOPLE: usize = 16;

/// A case's person ids to their index in its list: scanned for the few people a case usually
/// lists, hashed for many.
enum PersonIndex<'a> {
    Few(&'a [RawPerson]),
    Many(HashMap<&'a str, u32>),
}

impl<'a> PersonIndex<'a> {
    /// An index of `people`, filled by [`PersonIndex::repeats`] in list order.
    fn of(people: &'a [RawPerson]) -> Self {
        if people.len() <= FEW_PEOPLE {
            PersonIndex::Few(people)
        } else {
            PersonIndex::Many(HashMap::with_capacity(people.len()))
        }
    }

    /// Adds the `i`th person, whose id is `id`; true when an earlier one has the same id.
    fn repeats(&mut self, i: usize, id: &'a str) -> bool {
        match self {
            PersonIndex::Few(people) => people
                .get(..i)
                .is_some_and(|before| before.iter().any(|q| q.id == id)),
            PersonIndex::Many(map) => map.insert(id, place(i)).is_some(),
        }
    }

    /// The index of the person with `id`.
    fn get(&self, id: &str) -> Option<u32> {
        match self {
            PersonIndex::Few(people) => people.iter().position(|p| p.id == id).map(place),
            PersonIndex::Many(map) => map.get(id).copied(),
        }
    }
}

/// A list position as the `u32` a case keeps.
fn place(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Validates a raw case against a model.
pub fn validate(model: &Model, raw: &RawCase) -> Result<Case, CaseError> {
    let procedure = match &raw.procedure {
        Some(p) => model.procedure_named(p).ok_or_else(|| {
            let help = suggest_help(
                "procedure",
                p,
                model.procedures.iter().map(|x| x.name.as_str()),
            );
            CaseError::unknown("procedure", "procedure", p, help)
        })?,
        None if model.procedures.len() == 1 => ProcId(0),
        None => {
            return Err(CaseError::keyed(
                Code::WrongCaseType,
                "procedure",
                msg!("case-name-procedure"),
                None,
            ));
        }
    };
    let mut facts = vec![None; model.facts.len()];
    for (name, value) in &raw.facts.0 {
        let path = || format!("facts.{name}");
        let Some(id) = model.fact_named(name) else {
            let help = suggest_help("fact", name, model.facts.iter().map(|f| f.name.as_str()));
            return Err(CaseError::unknown(path(), "fact", name, help));
        };
        if let (Some(fact), Some(slot)) = (model.facts.get(id.index()), facts.get_mut(id.index())) {
            *slot = Some(value_of(model, &fact.ty, value, &path)?);
        }
    }
    // A fact not given takes the default the rulebook declares, and the verdict says so.
    let mut defaults = Defaults::default();
    for (i, f) in model.facts.iter().enumerate() {
        let Some(slot @ None) = facts.get_mut(i) else {
            continue;
        };
        match &f.default {
            FactDefault::Value(v) => {
                defaults
                    .0
                    .push((f.path.clone(), super::duties::json_of(model, v)));
                *slot = Some(v.clone());
            }
            FactDefault::Optional => {
                defaults.0.push((f.path.clone(), serde_json::Value::Null));
            }
            FactDefault::Required => {}
        }
    }
    defaults.0.sort_by(|a, b| a.0.cmp(&b.0));
    let zone = model
        .procedures
        .get(procedure.index())
        .and_then(|p| p.calendar)
        .and_then(|c| model.calendars.get(c.index()))
        .and_then(|c| c.zone.as_ref());
    let mut index = PersonIndex::of(&raw.people);
    let mut people = Vec::with_capacity(raw.people.len());
    for (i, p) in raw.people.iter().enumerate() {
        if index.repeats(i, &p.id) {
            return Err(CaseError::keyed(
                Code::MalformedCase,
                format!("people[{i}].id"),
                msg!("person-twice", person = p.id),
                None,
            ));
        }
        let mut roles = Vec::with_capacity(p.roles.len());
        for (j, r) in p.roles.iter().enumerate() {
            let id = model.role_named(r).ok_or_else(|| {
                let help = suggest_help("role", r, model.roles.iter().map(|x| x.name.as_str()));
                CaseError::unknown(format!("people[{i}].roles[{j}]"), "role", r, help)
            })?;
            roles.push(id);
        }
        people.push(Person {
            id: p.id.clone(),
            name: p.name.clone(),
            roles,
            prior_offences: 0,
            priors: Vec::new(),
            superior: None,
            unit: p.unit.clone(),
            self_corrected: false,
        });
    }
    let person = |id: &str, path: &dyn Fn() -> String| -> Result<u32, CaseError> {
        index.get(id).ok_or_else(|| {
            let help = suggest_help("person", id, raw.people.iter().map(|p| p.id.as_str()));
            CaseError::unknown(path(), "person", id, help)
        })
    };
    let mut events = Vec::with_capacity(raw.events.len());
    for (i, e) in raw.events.iter().enumerate() {
        let step = model
            .step_named(&e.step)
            .filter(|s| model.step(*s).is_some_and(|x| x.procedure == procedure))
            .ok_or_else(|| {
                let names = model
                    .procedures
                    .get(procedure.index())
                    .map(|p| {
                        p.steps
                            .iter()
                            .map(|s| model.step_name(*s))
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                let help = suggest_help("step", &e.step, names.iter().copied());
                CaseError::unknown(format!("events[{i}].step"), "step", &e.step, help)
            })?;
        let by = match &e.by {
            Some(by) => person(by, &|| format!("events[{i}].by"))?,
            None => UNKNOWN,
        };
        let start = date::parse_in(&e.start, zone)
            .map_err(|m| CaseError::bad_date(format!("events[{i}].start"), m))?;
        let end = match &e.end {
            Some(s) => date::parse_in(s, zone)
                .map_err(|m| CaseError::bad_date(format!("events[{i}].end"), m))?,
            None => start,
        };
        if end < start {
            return Err(CaseError::keyed(
                Code::BadDate,
                format!("events[{i}].end"),
                msg!(
                    "ends-before-start",
                    end = date::show(end),
                    start = date::show(start)
                ),
                None,
            ));
        }
        let s = model.step(step);
        // No slots when the record gives no field (a field not recorded reads the same).
        let mut fields = Vec::new();
        if !e.fields.0.is_empty() {
            fields.resize(s.map_or(0, |s| s.fields.len()), None);
        }
        for (name, value) in &e.fields.0 {
            let path = || format!("events[{i}].fields.{name}");
            let Some(fi) = s.and_then(|s| s.field(name)) else {
                let help = suggest_help(
                    "field",
                    name,
                    s.map(|s| s.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>())
                        .unwrap_or_default(),
                );
                return Err(CaseError::keyed(
                    Code::UnknownCaseName,
                    path(),
                    msg!("no-such-field", step = e.step, field = name),
                    Some(help),
                ));
            };
            let ty = s
                .and_then(|s| s.fields.get(fi as usize))
                .map(|f| f.ty.clone())
                .unwrap_or(Type::Text);
            let v = match ty {
                Type::Person => FieldVal::Person(person(
                    value
                        .as_str()
                        .ok_or_else(|| expected(path(), "a person id", value))?,
                    &path,
                )?),
                Type::Persons => {
                    let list = value
                        .as_array()
                        .ok_or_else(|| expected(path(), "a list of person ids", value))?;
                    let mut out = Vec::with_capacity(list.len());
                    for (k, item) in list.iter().enumerate() {
                        let p = || format!("{}[{k}]", path());
                        out.push(person(
                            item.as_str()
                                .ok_or_else(|| expected(p(), "a person id", item))?,
                            &p,
                        )?);
                    }
                    FieldVal::Persons(out)
                }
                other => FieldVal::Val(value_of(model, &other, value, &path)?),
            };
            if let Some(slot) = fields.get_mut(fi as usize) {
                *slot = Some(v);
            }
        }
        events.push(Event {
            step,
            by,
            start,
            end,
            fields,
        });
    }
    for (pi, p) in raw.people.iter().enumerate() {
        if let Some(s) = &p.superior {
            let sup = person(s, &|| format!("people[{pi}].superior"))?;
            if let Some(x) = people.get_mut(pi) {
                x.superior = Some(sup);
            }
        }
    }
    for (name, n) in &raw.history.prior_offences.0 {
        let path = || format!("history.prior_offences.{name}");
        let i = person(name, &path)?;
        let (count, priors) = match n {
            RawPriors::Count(n) => (*n, Vec::new()),
            RawPriors::Dated(list) => (0, priors(list, zone, &path)?),
        };
        if let Some(p) = people.get_mut(i as usize) {
            p.prior_offences = count;
            p.priors = priors;
        }
    }
    for (k, name) in raw.history.self_corrected.iter().enumerate() {
        let i = person(name, &|| format!("history.self_corrected[{k}]"))?;
        if let Some(p) = people.get_mut(i as usize) {
            p.self_corrected = true;
        }
    }
    let consequence = match &raw.outcome.consequence {
        None => {
            if let Some(l) = model.consequence_default {
                defaults
                    .0
                    .push((CONSEQUENCE_PATH.clone(), l.as_str().into()));
            }
            model.consequence_default
        }
        Some(c) => Some(Level::parse(c).ok_or_else(|| {
            CaseError::keyed(
                Code::WrongCaseType,
                "outcome.consequence",
                msg!("not-a-level", value = c),
                None,
            )
        })?),
    };
    if let Some(d) = &raw.outcome.discovered {
        date::parse(d).map_err(|m| CaseError::bad_date("outcome.discovered", m))?;
    }
    let closed = match (raw.closed, model.closed_default) {
        (Some(c), _) => c,
        (None, Some(c)) => {
            defaults.0.push((CLOSED_PATH.clone(), c.into()));
            defaults.0.sort_by(|a, b| a.0.cmp(&b.0));
            c
        }
        (None, None) => {
            return Err(CaseError::keyed(
                Code::WrongCaseType,
                "closed",
                msg!("missing-closed"),
                None,
            ));
        }
    };
    let as_of = match &raw.as_of {
        Some(d) => Some(date::parse_in(d, zone).map_err(|m| CaseError::bad_date("as_of", m))?),
        None => None,
    };
    Ok(Case {
        id: raw.id.clone(),
        title: raw.title.clone(),
        procedure,
        facts,
        people,
        by_step: ByStep::of(model.steps.len(), &events),
        events,
        consequence,
        defaults,
        closed,
        as_of,
    })
}

/// The paths of the defaults a case's own keys take, made once rather than per case.
static CONSEQUENCE_PATH: std::sync::LazyLock<std::sync::Arc<str>> =
    std::sync::LazyLock::new(|| "outcome.consequence".into());
static CLOSED_PATH: std::sync::LazyLock<std::sync::Arc<str>> =
    std::sync::LazyLock::new(|| "closed".into());

/// Reads a person's dated prior offences.
fn priors(
    list: &[RawOffence],
    zone: Option<&jiff::tz::TimeZone>,
    path: &dyn Fn() -> String,
) -> Result<Vec<Prior>, CaseError> {
    let mut out = Vec::with_capacity(list.len());
    for (k, o) in list.iter().enumerate() {
        let at = |field: &str| format!("{}[{k}].{field}", path());
        let day = date::parse_in(&o.date, zone).map_err(|m| CaseError::bad_date(at("date"), m))?;
        let until = match &o.until {
            Some(u) => {
                Some(date::parse_in(u, zone).map_err(|m| CaseError::bad_date(at("until"), m))?)
            }
            None => None,
        };
        let kind = match &o.kind {
            Some(text) => Some(FindingKind::parse(text).ok_or_else(|| {
                CaseError::keyed(
                    Code::WrongCaseType,
                    at("kind"),
                    msg!("not-a-kind", text = text),
                    None,
                )
            })?),
            None => None,
        };
        out.push(Prior { day, kind, until });
    }
    Ok(out)
}

/// A value of the wrong kind; `want` is a kind of value (`bool`, `int`, `amount`, `date`,
/// `enum`, `string`) the catalogs word.
fn expected(path: String, want: &'static str, value: &serde_json::Value) -> CaseError {
    let found = match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "list",
        serde_json::Value::Object(_) => "object",
    };
    let message = msg!("expected-found", want = want, found = found);
    CaseError::keyed(Code::WrongCaseType, path, message, None)
}

/// Reads a JSON value as a value of a type.
pub(crate) fn value_of(
    model: &Model,
    ty: &Type,
    value: &serde_json::Value,
    path: &dyn Fn() -> String,
) -> Result<Val, CaseError> {
    use serde_json::Value as J;
    Ok(match (ty, value) {
        (Type::Bool, J::Bool(b)) => Val::Bool(*b),
        (Type::Int, J::Number(n)) => {
            Val::Int(n.as_i64().ok_or_else(|| expected(path(), "int", value))?)
        }
        (Type::Money, J::Number(n)) => Val::Money(
            n.to_string()
                .parse::<Decimal>()
                .map_err(|_| expected(path(), "amount", value))?,
        ),
        (Type::Money, J::String(s)) => Val::Money(s.parse::<Decimal>().map_err(|_| {
            CaseError::keyed(
                Code::WrongCaseType,
                path(),
                msg!("not-an-amount", text = s),
                None,
            )
        })?),
        (Type::Date, J::String(s)) => {
            Val::Date(date::parse(s).map_err(|m| CaseError::bad_date(path(), m))?)
        }
        (Type::Text, J::String(s)) => Val::Text(s.clone()),
        (Type::Enum(f), J::String(s)) => {
            let fact = model.facts.get(f.index());
            let variants = fact.map(|x| x.variants.as_slice()).unwrap_or(&[]);
            let v = variants.iter().position(|x| x == s).ok_or_else(|| {
                let help = suggest_help("value", s, variants.iter().map(String::as_str));
                let message = msg!("not-a-fact-value", text = s);
                CaseError::keyed(Code::WrongCaseType, path(), message, Some(help))
            })?;
            Val::Enum(*f, u32::try_from(v).unwrap_or(0))
        }
        (ty, v) => {
            let want = match ty {
                Type::Bool => "bool",
                Type::Int => "int",
                Type::Money => "amount",
                Type::Date => "date",
                Type::Enum(_) => "enum",
                _ => "string",
            };
            return Err(expected(path(), want, v));
        }
    })
}

/// The id a fact had in a model (for `because`).
pub fn fact_name(model: &Model, id: FactId) -> &str {
    model.facts.get(id.index()).map_or("?", |f| f.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Each step's slice holds exactly the indexes of its events, in input order, whatever
        /// the steps and however many there are.
        #[test]
        fn events_grouped_by_step_are_the_events_of_each_step(
            steps in proptest::collection::vec(0u32..6, 0..40),
        ) {
            let events: Vec<Event> = steps
                .iter()
                .map(|&s| Event { step: StepId(s), by: UNKNOWN, start: 0, end: 0, fields: vec![] })
                .collect();
            let grouped = ByStep::of(6, &events);
            for s in 0..7 {
                let want: Vec<usize> = (0..steps.len()).filter(|&i| steps.get(i) == Some(&s)).collect();
                prop_assert_eq!(grouped.of_step(StepId(s)), want.as_slice());
            }
        }

        /// Law: scanned (few people) or hashed (many), the index finds a repeated id where the
        /// list first repeats it, and each id of a list without repeats at its own place.
        #[test]
        fn the_person_index_finds_repeats_and_places(
            ids in proptest::collection::vec(0u8..200, 0..2 * FEW_PEOPLE + 2),
        ) {
            let people: Vec<RawPerson> = ids
                .iter()
                .map(|n| RawPerson { id: format!("p{n}").into(), name: None, roles: vec![], unit: None, superior: None })
                .collect();
            let mut index = PersonIndex::of(&people);
            let first_repeat = (0..ids.len()).find(|&i| ids.get(..i).is_some_and(|b| b.iter().any(|x| Some(x) == ids.get(i))));
            let found = people.iter().enumerate().position(|(i, p)| index.repeats(i, &p.id));
            prop_assert_eq!(found, first_repeat);
            if first_repeat.is_none() {
                for (i, p) in people.iter().enumerate() {
                    prop_assert_eq!(index.get(&p.id), u32::try_from(i).ok());
                }
                prop_assert_eq!(index.get("nobody"), None);
            }
        }
    }
}
