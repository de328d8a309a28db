//! The case reader and the evaluator on any text, against the standard major-decision rulebook:
//! every input yields one record, never a panic; a case the reader reads, serde reads the same
//! (the reader gives up, never differs); and the record's JSON line is byte for byte
//! serde_json's.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use duechain::compile::Files;
use duechain::compile::model::Model;
use duechain::eval::Plan;
use libfuzzer_sys::fuzz_target;

/// The standard rulebook and what it imports, built into the target.
struct Bundled;

impl Files for Bundled {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let text = match path.file_name().and_then(|n| n.to_str()) {
            Some("major_decision.dcl") => include_str!("../../rules/major_decision.dcl"),
            Some("accountability.dcl") => include_str!("../../rules/accountability.dcl"),
            Some("cn_mainland.json") => include_str!("../../rules/calendars/cn_mainland.json"),
            _ => return Err(std::io::ErrorKind::NotFound.into()),
        };
        Ok(text.as_bytes().to_vec())
    }
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let checked = duechain::check_file(
            &Bundled,
            Path::new("/rules"),
            Path::new("/rules/major_decision.dcl"),
        );
        checked.model.unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(read) = duechain::eval::read::case(text) {
            let serde = duechain::eval::case::parse_serde(text).map(|c| format!("{c:?}"));
            assert_eq!(
                serde.ok(),
                Some(format!("{read:?}")),
                "the reader and serde differ"
            );
        }
        let plan = Plan::new(model());
        let record = plan.evaluate_json(text, Some(1), false);
        assert_eq!(
            duechain::report::compact::to_line(&record).ok(),
            serde_json::to_string(&record).ok(),
            "the compact writer differs from serde_json"
        );
    }
});
