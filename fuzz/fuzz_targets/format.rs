//! The formatter's round trip: what it writes formats to itself, and parses to the same tree;
//! and converting a formatted rulebook's keywords to Chinese and back gives it again.
#![no_main]

use duechain::parse::keywords::{Keywords, convert};
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
        let english = duechain::fmt::format_as(&once, Some(Keywords::En));
        if let Ok(english) = english
            && let Some(chinese) = convert(&english, Keywords::Zh)
        {
            assert!(
                convert(&chinese, Keywords::En).as_deref() == Some(english.as_str()),
                "keyword conversion is not undone"
            );
        }
    }
});
