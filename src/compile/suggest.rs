//! "Did you mean": the closest known name by Damerau–Levenshtein distance.

use crate::diag::Msg;
use crate::msg;

/// The candidate closest to `name`, when it is close enough to be a likely typo: at most one
/// edit for short names, a third of the length for longer ones.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|&(d, c)| d <= limit && c != name)
        .min()
        .map(|(_, c)| c)
}

/// `help` for an unknown name: a suggestion, or the list of known names.
pub fn help<'a>(
    what: &str,
    name: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Msg {
    match closest(name, candidates.clone()) {
        Some(c) => msg!("did-you-mean", candidate = c),
        None => {
            let mut all: Vec<&str> = candidates.into_iter().collect();
            all.sort_unstable();
            all.dedup();
            if all.is_empty() {
                msg!("none-declared", what = what, name = name)
            } else if all.len() <= 12 {
                let list = all
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                msg!("known-names", what = what, list = list)
            } else {
                msg!("declare-or-check", what = what, name = name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_typos_only() {
        let names = ["legality_review", "hearing", "publication"];
        assert_eq!(
            super::closest("legality_reveiw", names),
            Some("legality_review")
        );
        assert_eq!(super::closest("hearnig", names), Some("hearing"));
        assert_eq!(super::closest("budget", names), None);
    }
}
