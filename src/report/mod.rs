//! Stage 5: everything the user reads: diagnostics, verdicts and flowcharts.

/// A page's own words, read from the catalogs once per language: `{prefix}-{field}` for each
/// word, `{prefix}-{list}-{i}` for each item of a list.
macro_rules! page_words {
    ($(#[$m:meta])* $vis:vis struct $name:ident($prefix:literal) {
        $($field:ident),* $(,)?
    } lists { $($list:ident[$n:literal]),* $(,)? }) => {
        $(#[$m])*
        $vis struct $name {
            /// The language these words are in.
            $vis lang: $crate::diag::Lang,
            $($vis $field: String,)*
            $($vis $list: [String; $n],)*
        }

        impl $name {
            /// The words in a language.
            $vis fn of(lang: $crate::diag::Lang) -> &'static $name {
                static EN: std::sync::OnceLock<$name> = std::sync::OnceLock::new();
                static ZH: std::sync::OnceLock<$name> = std::sync::OnceLock::new();
                let cell = if lang == $crate::diag::Lang::Zh { &ZH } else { &EN };
                cell.get_or_init(|| {
                    let word = |id: &str| $crate::diag::messages::word(lang, id);
                    $name {
                        lang,
                        $($field: word(concat!($prefix, "-", stringify!($field))),)*
                        $($list: std::array::from_fn(|i| {
                            word(&format!(concat!($prefix, "-", stringify!($list), "-{}"), i))
                        }),)*
                    }
                })
            }

            /// Every word, for the test that the catalogs hold them all.
            #[cfg(test)]
            $vis fn all(&self) -> Vec<&str> {
                [$(self.$field.as_str()),*]
                    .into_iter()
                    $(.chain(self.$list.iter().map(String::as_str)))*
                    .collect()
            }
        }
    };
}

pub mod compact;
pub mod dashboard;
pub mod diagnostics;
pub mod doc;
pub mod graph;
pub mod html;
pub mod schema;
pub mod status;
pub mod summary;
pub mod text;
pub mod verdict;
pub mod wording;

#[cfg(test)]
mod tests {
    use crate::diag::Lang;

    /// Every word of every page is in both catalogs (a missing one would show its id).
    #[test]
    fn every_page_word_is_in_the_catalogs() {
        for lang in [Lang::En, Lang::Zh] {
            let words = super::html::Words::of(lang)
                .all()
                .into_iter()
                .chain(super::doc::Words::of(lang).all());
            for w in words {
                assert!(!w.starts_with("page-") && !w.starts_with("doc-"), "{w}");
            }
        }
    }
}
