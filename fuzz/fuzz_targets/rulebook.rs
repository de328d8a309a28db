//! The rulebook pipeline (parse, compile, check) on any text: it must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = duechain::check_text("fuzz.dcl", text);
    }
});
