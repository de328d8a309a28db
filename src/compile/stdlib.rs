//! The standard rulebooks and calendars, carried in the binary so that a rulebook anywhere can
//! use them: `import std "accountability"`, `refine std "major_decision"`,
//! `calendar cn from std "cn_mainland"`. `std "…"` always means these; a local file of the same
//! name is read only when it is named by its path.

use std::path::{Path, PathBuf};

/// Where standard files live among the loader's paths: no file on a disk can have this path (a
/// path holding NUL cannot be opened, and the loader refuses any that does).
const ROOT: &str = "\0std";

/// The standard files, by their path under `rules/`.
const FILES: &[(&str, &str)] = &[
    (
        "accountability.dcl",
        include_str!("../../rules/accountability.dcl"),
    ),
    (
        "administrative_penalty.dcl",
        include_str!("../../rules/administrative_penalty.dcl"),
    ),
    (
        "county_major_decision.dcl",
        include_str!("../../rules/county_major_decision.dcl"),
    ),
    (
        "information_disclosure.dcl",
        include_str!("../../rules/information_disclosure.dcl"),
    ),
    (
        "joint_approval.dcl",
        include_str!("../../rules/joint_approval.dcl"),
    ),
    (
        "major_decision.dcl",
        include_str!("../../rules/major_decision.dcl"),
    ),
    (
        "service_window.dcl",
        include_str!("../../rules/service_window.dcl"),
    ),
    (
        "supervision.dcl",
        include_str!("../../rules/supervision.dcl"),
    ),
    (
        "calendars/cn_mainland.json",
        include_str!("../../rules/calendars/cn_mainland.json"),
    ),
];

/// The loader's path of a standard rulebook (`calendar: false`) or calendar, by its name.
pub fn path(name: &str, calendar: bool) -> Option<PathBuf> {
    let file = if calendar {
        format!("calendars/{name}.json")
    } else {
        format!("{name}.dcl")
    };
    FILES
        .iter()
        .any(|(f, _)| *f == file)
        .then(|| Path::new(ROOT).join(file))
}

/// The text of a standard file, given its loader path; `None` for any other path.
pub fn text(path: &Path) -> Option<&'static str> {
    let rel = relative(path)?;
    FILES
        .iter()
        .find(|(f, _)| Path::new(f) == rel)
        .map(|(_, t)| *t)
}

/// A standard path below the standard root (`accountability.dcl`), or `None` for a disk path.
pub fn relative(path: &Path) -> Option<&Path> {
    path.strip_prefix(ROOT).ok()
}

/// The names `std "…"` accepts, for help: rulebooks, or calendars.
pub fn names(calendar: bool) -> Vec<&'static str> {
    FILES
        .iter()
        .filter_map(|(f, _)| match calendar {
            true => f.strip_prefix("calendars/")?.strip_suffix(".json"),
            false => f.strip_suffix(".dcl"),
        })
        .collect()
}
