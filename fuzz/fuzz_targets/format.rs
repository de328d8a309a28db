//! The formatter's round trip: what it writes formats to itself, and parses to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(once) = duechain::fmt::format(text) {
        let twice = duechain::fmt::format(&once).ok();
        assert!(
            twice.as_deref() == Some(once.as_str()),
            "formatting is not idempotent"
        );
    }
});
