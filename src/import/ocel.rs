//! OCEL 2.0 object-centric event logs, JSON or SQLite: the objects of one type (the mapping's
//! `log.object_type`) are the matters, and each matter's events are those related to it. An
//! event's attributes are its own, `concept:name` (its type), `time:timestamp` (its time) and,
//! for each object it relates to, `object:TYPE` (that object's id) — so a mapping can name the
//! employee object as the resource. An object's attributes (their latest values) are the case's.
//! Both forms are read whole: OCEL has no order by matter.

use crate::diag::Msg;
use crate::msg;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Deserialize;

use super::budget::{Allowance, Budgeted, MAX_WHOLE_LOG_BYTES};
use super::mapping::MappingFile;
use super::{Attr, LogError, LogEvent, Place, Trace, Traces};

/// An object or event as both forms give it.
struct Item {
    id: String,
    kind: String,
    /// Time (events).
    time: String,
    attrs: Vec<Attr>,
    /// Ids of related objects.
    related: Vec<String>,
}

/// An OCEL log in memory.
#[derive(Default)]
struct Log {
    objects: Vec<Item>,
    events: Vec<Item>,
}

fn whole(e: LogError) -> Traces<'static> {
    Box::new(std::iter::once(Err(e)))
}

fn unreadable(message: Msg) -> LogError {
    LogError::malformed(Place::default(), message)
}

/// Reads an OCEL 2.0 JSON log.
pub fn from_json(input: Box<dyn std::io::Read + Send>, spec: &MappingFile) -> Traces<'static> {
    let allowance = Allowance::new(MAX_WHOLE_LOG_BYTES);
    let mut input = std::io::BufReader::new(input);
    if let Err(e) = crate::source::skip_bom(&mut input) {
        return whole(unreadable(msg!("log-not-ocel", form = "json", reason = e)));
    }
    let input = Budgeted::new(input, allowance.clone());
    let raw: JsonLog = match serde_json::from_reader(input) {
        Ok(r) => r,
        Err(_) if allowance.spent() => {
            let limit = MAX_WHOLE_LOG_BYTES;
            return whole(unreadable(msg!("log-whole-too-large", limit = limit)));
        }
        Err(e) => return whole(unreadable(msg!("log-not-ocel", form = "json", reason = e))),
    };
    let attrs = |list: Vec<JsonAttr>| -> Vec<Attr> {
        list.into_iter()
            .map(|a| (Arc::from(a.name.as_str()), text(&a.value)))
            .collect()
    };
    let log = Log {
        objects: raw
            .objects
            .into_iter()
            .map(|o| Item {
                id: o.id,
                kind: o.kind,
                time: String::new(),
                attrs: attrs(o.attributes),
                related: o.relationships.into_iter().map(|r| r.object_id).collect(),
            })
            .collect(),
        events: raw
            .events
            .into_iter()
            .map(|e| Item {
                id: e.id,
                kind: e.kind,
                time: e.time,
                attrs: attrs(e.attributes),
                related: e.relationships.into_iter().map(|r| r.object_id).collect(),
            })
            .collect(),
    };
    traces(log, spec)
}

fn text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(Deserialize)]
struct JsonLog {
    #[serde(default)]
    objects: Vec<JsonItem>,
    #[serde(default)]
    events: Vec<JsonItem>,
}

#[derive(Deserialize)]
struct JsonItem {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    attributes: Vec<JsonAttr>,
    #[serde(default)]
    relationships: Vec<JsonRel>,
}

#[derive(Deserialize)]
struct JsonAttr {
    name: String,
    value: serde_json::Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonRel {
    object_id: String,
}

/// Reads an OCEL 2.0 SQLite log.
pub fn from_sqlite(db: &rusqlite::Connection, spec: &MappingFile) -> Traces<'static> {
    match read_sqlite(db) {
        Ok(log) => traces(log, spec),
        Err(e) => whole(unreadable(msg!(
            "log-not-ocel",
            form = "sqlite",
            reason = e
        ))),
    }
}

/// Reads the OCEL 2.0 relational schema: `event` and `object` with their types, the
/// `event_object` relation, and one `event_<type>` / `object_<type>` table per type (named by
/// `event_map_type` / `object_map_type`) holding times and attributes.
fn read_sqlite(db: &rusqlite::Connection) -> rusqlite::Result<Log> {
    let mut log = Log::default();
    let mut related: HashMap<String, Vec<String>> = HashMap::new();
    let mut q = db.prepare("SELECT ocel_event_id, ocel_object_id FROM event_object")?;
    for row in q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (e, o) = row?;
        related.entry(e).or_default().push(o);
    }
    for (table, map, is_event) in [
        ("event", "event_map_type", true),
        ("object", "object_map_type", false),
    ] {
        let mut kinds: HashMap<String, String> = HashMap::new();
        let mut q = db.prepare(&format!("SELECT ocel_type, ocel_type_map FROM {map}"))?;
        for row in q.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (kind, suffix) = row?;
            kinds.insert(kind, suffix);
        }
        let mut q = db.prepare(&format!(
            "SELECT ocel_id, ocel_type FROM {table} ORDER BY rowid"
        ))?;
        let items: Vec<(String, String)> = q
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut details: HashMap<String, (String, Vec<Attr>)> = HashMap::new();
        for suffix in kinds.values() {
            type_table(db, &format!("{table}_{suffix}"), &mut details)?;
        }
        for (id, kind) in items {
            let (time, attrs) = details.remove(&id).unwrap_or_default();
            let item = Item {
                related: related.remove(&id).unwrap_or_default(),
                id,
                kind,
                time,
                attrs,
            };
            if is_event {
                log.events.push(item);
            } else {
                log.objects.push(item);
            }
        }
    }
    Ok(log)
}

/// One per-type table: each id's time and attributes (for objects, the latest row wins).
fn type_table(
    db: &rusqlite::Connection,
    table: &str,
    out: &mut HashMap<String, (String, Vec<Attr>)>,
) -> rusqlite::Result<()> {
    let quoted = format!("\"{}\"", table.replace('"', "\"\""));
    let mut q = db.prepare(&format!("SELECT * FROM {quoted}"))?;
    let names: Vec<Arc<str>> = q.column_names().into_iter().map(Arc::from).collect();
    let mut rows = q.query([])?;
    while let Some(row) = rows.next()? {
        let (mut id, mut time, mut attrs) = (String::new(), String::new(), Vec::new());
        for (i, name) in names.iter().enumerate() {
            let value = match row.get_ref(i)? {
                rusqlite::types::ValueRef::Null => continue,
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                rusqlite::types::ValueRef::Real(x) => x.to_string(),
                rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                    String::from_utf8_lossy(t).into_owned()
                }
            };
            match &**name {
                "ocel_id" => id = value,
                "ocel_time" => time = value,
                "ocel_changed_field" => {}
                _ => attrs.push((name.clone(), value)),
            }
        }
        let entry = out.entry(id).or_default();
        entry.0 = time;
        for (k, v) in attrs {
            match entry.1.iter_mut().find(|(x, _)| *x == k) {
                Some(slot) => slot.1 = v,
                None => entry.1.push((k, v)),
            }
        }
    }
    Ok(())
}

/// The matters: each object of the mapping's type, with the events related to it in log order.
fn traces(log: Log, spec: &MappingFile) -> Traces<'static> {
    let Some(kind) = spec.log.object_type.clone() else {
        return whole(unreadable(msg!("log-needs-object-type")));
    };
    // Each object's `object:TYPE` key, made once per type and shared.
    let mut keys: HashMap<&str, Arc<str>> = HashMap::new();
    let key_of: HashMap<&str, Arc<str>> = log
        .objects
        .iter()
        .map(|o| {
            let key = keys
                .entry(o.kind.as_str())
                .or_insert_with(|| Arc::from(format!("object:{}", o.kind)));
            (o.id.as_str(), key.clone())
        })
        .collect();
    let (name, time): (Arc<str>, Arc<str>) = ("concept:name".into(), "time:timestamp".into());
    let mut cases: Vec<Trace> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    // An object listed twice cannot be told from its twin: its matter is refused.
    let mut twice: HashSet<String> = HashSet::new();
    for (i, o) in log.objects.iter().filter(|o| o.kind == kind).enumerate() {
        if index.contains_key(o.id.as_str()) {
            twice.insert(o.id.clone());
            continue;
        }
        index.insert(o.id.as_str(), cases.len());
        let mut attrs = o.attrs.clone();
        attrs.extend(related_attrs(&o.related, &key_of));
        cases.push(Trace {
            id: o.id.clone(),
            attrs,
            events: Vec::new(),
            place: Place {
                line: None,
                path: format!("objects[{i}]"),
            },
        });
    }
    // An event is copied to every matter it relates to: the copies are bounded as a log read
    // whole is, however many matters one event relates.
    let mut copied: u64 = 0;
    for e in &log.events {
        let mut attrs = vec![
            (name.clone(), e.kind.clone()),
            (time.clone(), e.time.clone()),
        ];
        attrs.extend(e.attrs.iter().cloned());
        attrs.extend(related_attrs(&e.related, &key_of));
        let size: usize = attrs
            .iter()
            .map(|(k, v)| k.len() + v.len() + std::mem::size_of::<Attr>())
            .sum();
        for o in &e.related {
            if let Some(t) = index.get(o.as_str()).and_then(|&c| cases.get_mut(c)) {
                copied = copied.saturating_add(size as u64);
                if copied > MAX_WHOLE_LOG_BYTES {
                    let limit = MAX_WHOLE_LOG_BYTES;
                    return whole(unreadable(msg!("log-copies-too-large", limit = limit)));
                }
                t.events.push(LogEvent {
                    attrs: attrs.clone(),
                    place: Place::default(),
                    fault: None,
                });
            }
        }
    }
    Box::new(cases.into_iter().map(move |t| match twice.contains(&t.id) {
        false => Ok(t),
        true => {
            let message = msg!("ocel-object-twice", id = t.id, kind = kind);
            Err(LogError::malformed(t.place, message).of_case(&t.id))
        }
    }))
}

/// `object:TYPE` → id for each related object (the first of each type).
fn related_attrs(related: &[String], key_of: &HashMap<&str, Arc<str>>) -> Vec<Attr> {
    let mut out: Vec<Attr> = Vec::new();
    let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for o in related {
        if let Some(key) = key_of.get(o.as_str())
            && seen.insert(key)
        {
            out.push((key.clone(), o.clone()));
        }
    }
    out
}
