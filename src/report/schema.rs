//! JSON Schemas of the formats duechain reads and writes, generated from the types that read
//! and write them, so a schema cannot drift from the code.

use schemars::{JsonSchema, generate::SchemaSettings};

/// The documents that have a schema, by the name `duechain schema` takes.
pub const NAMES: [&str; 4] = ["case", "verdict", "diagnostics", "mapping"];

/// The schema of a document by name (JSON Schema draft 2020-12), pretty-printed.
pub fn schema(name: &str) -> Option<String> {
    let value = match name {
        "case" => of::<crate::eval::case::RawCase>(Read, "a case (the auditor's data contract)"),
        "verdict" => of::<crate::eval::verdict::Record>(
            Written,
            "one record of `duechain eval`: a verdict, or the error of a case that could not be judged",
        ),
        "diagnostics" => of::<super::diagnostics::JsonReport<'static>>(
            Written,
            "the diagnostics of `duechain check --format json`",
        ),
        "mapping" => of::<crate::import::mapping::MappingFile>(
            Read,
            "a mapping of an event log onto a rulebook (TOML, shown as JSON)",
        ),
        _ => return None,
    };
    Some(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n")
}

/// Whether duechain reads the document (what it accepts) or writes it (what it gives).
enum Contract {
    Read,
    Written,
}
use Contract::{Read, Written};

fn of<T: JsonSchema>(contract: Contract, description: &str) -> serde_json::Value {
    let settings = SchemaSettings::draft2020_12();
    let settings = match contract {
        Read => settings.for_deserialize(),
        Written => settings.for_serialize(),
    };
    let generator = settings.into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("description".into(), description.into());
    schema.to_value()
}
