//! The event-log readers (CSV, XES, OCEL 2.0 JSON; the first byte picks one) and the import of
//! each matter, then the evaluator, on any bytes, against the standard service-window rulebook
//! and a mapping that reads the standard keys: every matter yields a case or an error, never a
//! panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use duechain::compile::Files;
use duechain::compile::model::Model;
use duechain::eval::Plan;
use duechain::import::{
    self, Source,
    mapping::{LogFormat, Mapping},
};
use libfuzzer_sys::fuzz_target;

/// The standard rulebook and what it imports, built into the target.
struct Bundled;

impl Files for Bundled {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let text = match path.file_name().and_then(|n| n.to_str()) {
            Some("service_window.dcl") => include_str!("../../rules/service_window.dcl"),
            Some("accountability.dcl") => include_str!("../../rules/accountability.dcl"),
            Some("cn_mainland.json") => include_str!("../../rules/calendars/cn_mainland.json"),
            _ => return Err(std::io::ErrorKind::NotFound.into()),
        };
        Ok(text.as_bytes().to_vec())
    }
}

const MAPPING: &str = r#"
unmapped = "ignore"
[log]
object_type = "application"
as_of = "2024-11-01"
[activities]
inquiry = "inquiry"
acceptance = "acceptance"
decision = "decision"
delivery = "delivery"
notice = "notice"
[people]
role_attribute = "org:role"
[people.roles]
zhao = ["window_officer"]
[facts]
complete = { attribute = "complete", values = { "yes" = true, "no" = false } }
committed_days = "committed"
[close]
attribute = "status"
values = ["closed"]
activities = ["archived"]
"#;

fn setup() -> &'static (Model, Mapping) {
    static SETUP: OnceLock<(Model, Mapping)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let checked = duechain::check_file(
            &Bundled,
            Path::new("/rules"),
            Path::new("/rules/service_window.dcl"),
        );
        let model = checked.model.unwrap_or_default();
        let mapping =
            Mapping::load("fuzz.toml", MAPPING, &model).unwrap_or_else(|_| std::process::abort());
        (model, mapping)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = match pick % 3 {
        0 => LogFormat::Csv,
        1 => LogFormat::Xes,
        _ => LogFormat::OcelJson,
    };
    let (model, mapping) = setup();
    let plan = Plan::new(model);
    let source = Source::Stream(Box::new(std::io::Cursor::new(bytes.to_vec())));
    for trace in import::traces(source, format, mapping).take(10_000) {
        if let Ok(case) = trace.and_then(|t| import::case_of(&t, mapping, model)) {
            let _ = plan.evaluate_case(&case, None, false);
        }
    }
});
