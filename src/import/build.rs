//! One matter of a log → one case: activities to steps, lifecycle pairs to one event, times to
//! dates, resources to people with their roles, attributes to facts and recorded fields.

use crate::diag::Msg;
use crate::msg;
use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::Value;

use super::mapping::{FactSpec, Mapping, Unmapped};
use super::{LogError, LogEvent, Place, Trace, attr};
use crate::compile::model::{Model, StepId, Type};
use crate::diag::Code;
use crate::eval::case::{RawCase, RawEvent, RawPerson, Text, UniqueMap};

/// An event on its way into the case: its step, actor, times and log place.
struct Building<'t> {
    step: StepId,
    by: Option<&'t str>,
    start: Time,
    end: Time,
    /// Still waiting for its `complete`.
    open: bool,
    source: &'t LogEvent,
    /// The event's position in its trace.
    index: usize,
}

/// A time as the case writes it, with a key that orders it.
#[derive(Clone)]
struct Time {
    key: i128,
    text: String,
}

/// The starts still waiting for their `complete`, by step and by step and resource, in order:
/// finding the one a completion closes costs no more however many are open.
#[derive(Default)]
struct Openings<'t> {
    /// Every open start of a step, as indexes of the events built.
    by_step: HashMap<StepId, VecDeque<usize>>,
    /// The open starts of a step by one resource (None: by no recorded resource).
    by_actor: HashMap<(StepId, Option<&'t str>), VecDeque<usize>>,
}

impl<'t> Openings<'t> {
    fn open(&mut self, step: StepId, by: Option<&'t str>, k: usize) {
        self.by_step.entry(step).or_default().push_back(k);
        self.by_actor.entry((step, by)).or_default().push_back(k);
    }

    /// The earliest open start of `step` that a completion by `by` closes: by the same
    /// resource or by none recorded; any, when the completion records none.
    fn close(
        &mut self,
        step: StepId,
        by: Option<&'t str>,
        events: &[Building<'t>],
    ) -> Option<usize> {
        let front = |q: Option<&mut VecDeque<usize>>| -> Option<usize> {
            let q = q?;
            // Starts closed since they were queued leave the front as they are met.
            while let Some(&k) = q.front() {
                if events.get(k).is_some_and(|b| b.open) {
                    return Some(k);
                }
                q.pop_front();
            }
            None
        };
        match by {
            None => front(self.by_step.get_mut(&step)),
            Some(_) => {
                let same = front(self.by_actor.get_mut(&(step, by)));
                let unsaid = front(self.by_actor.get_mut(&(step, None)));
                same.into_iter().chain(unsaid).min()
            }
        }
    }
}

/// Builds the case of one matter.
pub fn case_of(trace: &Trace, mapping: &Mapping, model: &Model) -> Result<RawCase, LogError> {
    let fail = |e: LogError| e.of_case(&trace.id);
    let spec = &mapping.file;
    let mut closed = spec.close.as_ref().map(|c| {
        c.attribute
            .as_deref()
            .and_then(|a| case_attr(trace, a))
            .is_some_and(|v| c.values.iter().any(|x| x == v))
    });
    let mut events: Vec<Building<'_>> = Vec::with_capacity(trace.events.len());
    let mut openings = Openings::default();
    for (i, e) in trace.events.iter().enumerate() {
        let at = |key: &str| at(trace, i, e, key);
        if let Some(why) = &e.fault {
            return Err(fail(LogError::malformed(at(""), (**why).clone())));
        }
        let Some(activity) = attr(&e.attrs, &spec.event.activity) else {
            return Err(fail(LogError::malformed(
                at(&spec.event.activity),
                msg!("event-no-activity"),
            )));
        };
        let transition = attr(&e.attrs, &spec.event.lifecycle);
        let starts = transition.is_some_and(|t| spec.lifecycle.start.iter().any(|s| s == t));
        let completes = transition.is_none_or(|t| spec.lifecycle.complete.iter().any(|s| s == t));
        if !starts && !completes {
            continue;
        }
        if let Some(c) = &spec.close
            && c.activities.iter().any(|a| a == activity)
        {
            closed = Some(true);
            if !mapping.steps.contains_key(activity) {
                continue;
            }
        }
        let step = match (
            mapping.steps.get(activity),
            spec.unmapped.as_ref().map(|u| u.get_ref()),
        ) {
            (Some(s), _) => *s,
            (None, Some(Unmapped::Ignore)) => continue,
            (None, Some(Unmapped::Step(_))) => match mapping.fallback {
                Some(s) => s,
                None => continue,
            },
            (None, Some(Unmapped::Error) | None) => {
                return Err(fail(LogError::new(
                    Code::UnmappedActivity,
                    at(&spec.event.activity),
                    msg!("activity-unmapped", activity = activity),
                )));
            }
        };
        let time = |key: &str| -> Result<Option<Time>, LogError> {
            attr(&e.attrs, key)
                .map(|t| time(t, mapping).map_err(|m| LogError::malformed(at(key), m)))
                .transpose()
        };
        let Some(when) = time(&spec.event.timestamp).map_err(fail)? else {
            return Err(fail(LogError::malformed(
                at(&spec.event.timestamp),
                msg!("event-no-time"),
            )));
        };
        let end = match &spec.event.end {
            Some(k) => time(k).map_err(fail)?,
            None => None,
        };
        let by = attr(&e.attrs, &spec.event.resource);
        if starts && !completes {
            openings.open(step, by, events.len());
            events.push(Building {
                step,
                by,
                start: when.clone(),
                end: when,
                open: true,
                source: e,
                index: i,
            });
            continue;
        }
        // A completion closes the earliest open start of the same step (and resource, when both
        // say one); a completion with none is an event of its own.
        let opened = openings
            .close(step, by, &events)
            .and_then(|k| events.get_mut(k));
        match opened {
            Some(b) => {
                b.end = end.unwrap_or(when);
                b.open = false;
                b.by = b.by.or(by);
            }
            None => events.push(Building {
                step,
                by,
                end: end.unwrap_or_else(|| when.clone()),
                start: when,
                open: false,
                source: e,
                index: i,
            }),
        }
    }
    // An activity started but not completed is in progress: not done yet.
    events.retain(|b| !b.open);
    events.sort_by_key(|b| b.start.key);
    let people = people(trace, mapping, model, &events).map_err(fail)?;
    let mut raw_events = Vec::with_capacity(events.len());
    for b in events {
        let fields = fields(trace, &b, mapping, model).map_err(fail)?;
        let (start, end) = (b.start.text, b.end.text);
        raw_events.push(RawEvent {
            step: model.step_name(b.step).into(),
            by: b.by.map(Text::from),
            end: (end != start).then_some(end.into()),
            fields,
            start: start.into(),
        });
    }
    Ok(RawCase {
        id: trace.id.as_str().into(),
        title: None,
        procedure: model
            .procedures
            .get(mapping.procedure.index())
            .map(|p| p.name.as_str().into()),
        facts: facts(trace, mapping, model).map_err(fail)?,
        people,
        events: raw_events,
        outcome: Default::default(),
        history: Default::default(),
        closed,
        as_of: spec.log.as_of.as_deref().map(Text::from),
    })
}

/// The place of an attribute of the `i`-th event of a trace: its line (CSV), its own path, or
/// its position in the trace (made only when an error needs it).
fn at(trace: &Trace, i: usize, e: &LogEvent, key: &str) -> Place {
    let path = match (e.place.line, e.place.path.is_empty()) {
        (Some(_), _) => key.to_owned(),
        (None, false) => format!("{}.{key}", e.place.path),
        (None, true) => format!("{}.event[{i}].{key}", trace.place.path),
    };
    Place {
        line: e.place.line,
        path: path.trim_end_matches('.').to_owned(),
    }
}

/// A case attribute: the trace's own, else the first event's that has it (a CSV log repeats
/// case attributes on every row).
fn case_attr<'t>(trace: &'t Trace, key: &str) -> Option<&'t str> {
    attr(&trace.attrs, key).or_else(|| trace.events.iter().find_map(|e| attr(&e.attrs, key)))
}

/// Reads a time: by the mapping's strftime format, else as ISO 8601 (with or without an offset,
/// or a date); a time without an offset is in the mapping's zone when it names one.
fn time(text: &str, mapping: &Mapping) -> Result<Time, Msg> {
    let zone = mapping.zone.as_ref();
    let local = |dt: jiff::civil::DateTime| -> Result<Time, Msg> {
        match zone {
            Some(z) => {
                let zoned = dt
                    .to_zoned(z.clone())
                    .map_err(|e| msg!("time-in-zone", text = text, reason = e))?;
                Ok(Time {
                    key: zoned.timestamp().as_nanosecond(),
                    text: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                })
            }
            None => Ok(Time {
                key: dt
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .map(|z| z.timestamp().as_nanosecond())
                    .unwrap_or_default(),
                text: dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
            }),
        }
    };
    let instant = |ts: jiff::Timestamp, written: Option<&str>| Time {
        key: ts.as_nanosecond(),
        text: written.map_or_else(|| ts.to_string(), str::to_owned),
    };
    // A plain date is the common case of exports: no parsing beyond the date's own, unless the
    // mapping declares another form (`%Y-%d-%m` reads `2024-05-01` as the fifth of January).
    let format = mapping.file.time.format.as_deref();
    if text.len() == 10
        && format.is_none_or(|f| f == "%Y-%m-%d")
        && let Ok(day) = crate::date::parse(text)
    {
        let key = i128::from(day) * 86_400_000_000_000;
        return Ok(Time {
            key,
            text: text.to_owned(),
        });
    }
    if let Some(format) = format {
        let by_format =
            |e: jiff::Error| msg!("time-by-format", text = text, format = format, reason = e);
        let tm = jiff::fmt::strtime::parse(format, text).map_err(by_format)?;
        if let Ok(ts) = tm.to_timestamp() {
            return Ok(instant(ts, None));
        }
        let dt = tm
            .to_datetime()
            .or_else(|_| {
                tm.to_date()
                    .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
            })
            .map_err(by_format)?;
        return local(dt);
    }
    // An ISO time with an offset is kept as written (the evaluator reads its date in the
    // calendar's zone).
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(instant(ts, Some(text)));
    }
    if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        return local(dt);
    }
    text.parse::<jiff::civil::Date>()
        .map_err(|_| msg!("time-not-iso", text = text))
        .and_then(|d| local(d.to_datetime(jiff::civil::Time::midnight())))
}

/// Everyone who acted or whom a case attribute names, with their roles and units.
fn people<'t>(
    trace: &'t Trace,
    mapping: &'t Mapping,
    model: &Model,
    events: &[Building<'t>],
) -> Result<Vec<RawPerson>, LogError> {
    let spec = &mapping.file.people;
    let mut out: BTreeMap<&'t str, (Vec<Text>, Option<Text>)> = BTreeMap::new();
    fn add_role<'t>(
        out: &mut BTreeMap<&'t str, (Vec<Text>, Option<Text>)>,
        who: &'t str,
        role: &str,
    ) {
        let roles = &mut out.entry(who).or_default().0;
        if !roles.iter().any(|r| r == role) {
            roles.push(role.into());
        }
    }
    for b in events {
        let Some(who) = b.by else { continue };
        let entry = out.entry(who).or_default();
        if entry.1.is_none() {
            entry.1 = spec
                .unit_attribute
                .as_deref()
                .and_then(|k| attr(&b.source.attrs, k))
                .map(Text::from);
        }
        if let Some(k) = &spec.role_attribute
            && let Some(written) = attr(&b.source.attrs, k)
        {
            let role = spec
                .role_values
                .get(written)
                .map_or(written, |r| r.get_ref().as_str());
            if model.role_named(role).is_none() {
                let help = crate::compile::suggest_help(
                    "role",
                    role,
                    model.roles.iter().map(|r| r.name.as_str()),
                );
                let place = at(trace, b.index, b.source, k);
                let e = LogError::malformed(place, msg!("log-no-role", role = role));
                return Err(e.with_help(help));
            }
            add_role(&mut out, who, role);
        }
    }
    // The roster: everyone the mapping gives roles is part of every matter (a superior answers
    // for a matter in which they did not act).
    for (who, roles) in &mapping.roles {
        for r in roles {
            add_role(&mut out, who, model.role_name(*r));
        }
    }
    for (key, role) in &spec.case_roles {
        if let Some(who) = case_attr(trace, key) {
            add_role(&mut out, who, role.get_ref());
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, (roles, unit))| RawPerson {
            id: id.into(),
            name: None,
            roles,
            unit,
            superior: None,
        })
        .collect())
}

/// The facts the mapping reads from case attributes, typed as the rulebook declares them.
fn facts(trace: &Trace, mapping: &Mapping, model: &Model) -> Result<UniqueMap<Value>, LogError> {
    let mut out = Vec::with_capacity(mapping.facts.len());
    for (id, name) in &mapping.facts {
        let Some(spec) = mapping
            .file
            .facts
            .iter()
            .find(|(k, _)| k.get_ref() == name)
            .map(|(_, v)| v)
        else {
            continue;
        };
        let (key, table) = match spec {
            FactSpec::Attribute(a) => (a.as_str(), None),
            FactSpec::Mapped { attribute, values } => (attribute.as_str(), Some(values)),
        };
        let Some(text) = case_attr(trace, key) else {
            continue;
        };
        let place = || Place {
            line: trace.place.line,
            path: format!("{key} (fact `{name}`)"),
        };
        let value = match table.filter(|t| !t.is_empty()) {
            Some(t) => match t.get(text) {
                Some(v) => super::mapping::json_of(v),
                None => {
                    let known: Vec<&str> = t.keys().map(String::as_str).collect();
                    let known = known.join(", ");
                    return Err(LogError::malformed(
                        place(),
                        msg!("log-not-in-values", text = text, name = name, known = known),
                    ));
                }
            },
            None => {
                let ty = model.facts.get(id.index()).map(|f| &f.ty);
                typed(text, ty).map_err(|m| LogError::malformed(place(), m))?
            }
        };
        out.push((name.as_str().into(), value));
    }
    Ok(UniqueMap(out))
}

/// An attribute's text as the JSON value of a fact or field of type `ty`.
fn typed(text: &str, ty: Option<&Type>) -> Result<Value, Msg> {
    match ty {
        Some(Type::Bool) if text.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
        Some(Type::Bool) if text.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
        Some(Type::Bool) => Err(msg!("log-not-bool", text = text)),
        Some(Type::Int) => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| msg!("log-not-int", text = text)),
        _ => Ok(Value::String(text.to_owned())),
    }
}

/// The recorded fields the mapping reads from an event's attributes, for a step that records
/// them.
fn fields(
    trace: &Trace,
    b: &Building<'_>,
    mapping: &Mapping,
    model: &Model,
) -> Result<UniqueMap<Value>, LogError> {
    let Some(step) = model.step(b.step) else {
        return Ok(UniqueMap::default());
    };
    let mut out = Vec::new();
    for (name, spec) in &mapping.file.fields {
        let Some(field) = step.field(name).and_then(|i| step.fields.get(i as usize)) else {
            continue;
        };
        let Some(text) = attr(&b.source.attrs, &spec.attribute) else {
            continue;
        };
        let value = match (&field.ty, &spec.split) {
            (Type::Persons, Some(sep)) => Value::Array(
                text.split(sep.as_str())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            ),
            (ty, _) => typed(text, Some(ty)).map_err(|m| {
                LogError::malformed(at(trace, b.index, b.source, &spec.attribute), m)
            })?,
        };
        out.push((name.as_str().into(), value));
    }
    Ok(UniqueMap(out))
}
