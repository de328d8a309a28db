//! The two keyword sets of DCL, English and Chinese: the table that pairs every keyword (and
//! every keyword phrase and vocabulary word) with its counterpart, the check that a file keeps to
//! the set its header chose, and the conversion between the sets (`duechain fmt --keywords`).
//! The grammar spells both sets; a test holds the grammar and this table together.

use std::collections::HashMap;

use pest::Parser;
use pest::iterators::Pair;

use super::grammar::{DclParser, Rule};
use crate::diag::{Code, Diagnostic};
use crate::msg;
use crate::source::{FileId, Span};
use crate::vocab::{FindingKind, Grade, Level, Unit};

/// A keyword set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keywords {
    /// `rulebook`, `procedure`, `step`, `required` …
    En,
    /// `规则集`, `程序`, `步骤`, `必须` …
    Zh,
}

impl Keywords {
    /// The set named `en` or `zh`.
    pub fn parse(name: &str) -> Option<Keywords> {
        match name {
            "en" => Some(Keywords::En),
            "zh" => Some(Keywords::Zh),
            _ => None,
        }
    }
}

/// Keywords and keyword phrases: the rule that reads them, English, Chinese.
const WORDS: &[(Rule, &str, &str)] = &[
    (Rule::kw_rulebook, "rulebook", "规则集"),
    (Rule::kw_version, "version", "版本"),
    (Rule::kw_effective, "effective", "施行"),
    (Rule::kw_source, "source", "依据"),
    (Rule::kw_cases, "cases", "案例"),
    (Rule::kw_consequence, "consequence", "后果"),
    (Rule::kw_closed, "closed", "办结"),
    (Rule::kw_warn, "warn", "预警"),
    (Rule::kw_before, "before", "前"),
    (Rule::kw_default, "default", "默认"),
    (Rule::kw_optional, "optional", "可缺"),
    (Rule::kw_zone, "zone", "时区"),
    (Rule::kw_first, "first", "首次"),
    (Rule::kw_last, "last", "末次"),
    (Rule::kw_each, "each", "每次"),
    (Rule::kw_requires, "requires", "须先经"),
    (Rule::kw_deemed, "deemed", "视为"),
    (Rule::kw_since, "since", "自"),
    (Rule::kw_until, "until", "至"),
    (Rule::kw_holding, "holding", "担任"),
    (Rule::kw_min, "min", "最小"),
    (Rule::kw_max, "max", "最大"),
    (Rule::kw_import, "import", "引入"),
    (Rule::kw_refine, "refine", "细化"),
    (Rule::kw_calendar, "calendar", "日历"),
    (Rule::kw_from, "from", "来自"),
    (Rule::kw_std, "std", "标准"),
    (Rule::kw_weekend, "weekend", "周末"),
    (Rule::kw_covers, "covers", "覆盖"),
    (Rule::kw_holiday, "holiday", "节假日"),
    (Rule::kw_rest, "rest", "调休"),
    (Rule::kw_workday, "workday", "补班"),
    (Rule::kw_role, "role", "角色"),
    (Rule::kw_reports_to, "reports_to", "上级为"),
    (Rule::kw_separate, "separate", "分离"),
    (Rule::kw_fact, "fact", "事实"),
    (Rule::kw_enum, "enum", "枚举"),
    (Rule::ty_bool, "bool", "布尔"),
    (Rule::ty_int, "int", "整数"),
    (Rule::ty_money, "money", "金额"),
    (Rule::ty_date, "date", "日期"),
    (Rule::ty_text, "text", "文本"),
    (Rule::ty_person, "person", "人员"),
    (Rule::ty_persons, "persons", "人员名单"),
    (Rule::kw_ladder, "ladder", "阶梯"),
    (Rule::kw_measure, "measure", "措施"),
    (Rule::kw_combine, "combine", "合并"),
    (Rule::kw_heaviest, "heaviest", "择重"),
    (Rule::kw_sum, "sum", "合计"),
    (Rule::kw_cap, "cap", "上限"),
    (Rule::kw_procedure, "procedure", "程序"),
    (Rule::kw_step, "step", "步骤"),
    (Rule::kw_required, "required", "必须"),
    (Rule::kw_forbidden, "forbidden", "禁止"),
    (Rule::kw_when, "when", "当"),
    (Rule::kw_unless, "unless", "除非"),
    (Rule::kw_by, "by", "由"),
    (Rule::kw_after, "after", "后于"),
    (Rule::kw_within, "within", "限"),
    (Rule::kw_excluding, "excluding", "扣除"),
    (Rule::kw_extend, "extend", "延长"),
    (Rule::kw_at, "at", "在"),
    (Rule::kw_lasts, "lasts", "持续"),
    (Rule::kw_occurs, "occurs", "发生"),
    (Rule::kw_records, "records", "记录"),
    (Rule::kw_ensure, "ensure", "确保"),
    (Rule::kw_cite, "cite", "引用"),
    (Rule::kw_start, "start", "开始"),
    (Rule::kw_end, "end", "结束"),
    (Rule::kw_rule, "rule", "追责"),
    (Rule::kw_on, "on", "针对"),
    (Rule::kw_findings, "findings", "认定"),
    (Rule::kw_of, "of", "于"),
    (Rule::kw_liable, "liable", "追究"),
    (Rule::kw_as, "as", "作为"),
    (Rule::kw_exempt, "exempt", "免责"),
    (Rule::kw_reduce, "reduce", "从轻"),
    (Rule::kw_except, "except", "除"),
    (Rule::kw_actor, "actor", "行为人"),
    (Rule::kw_penalty, "penalty", "处理"),
    (Rule::kw_nothing, "nothing", "不予处理"),
    (Rule::kw_aggravate, "aggravate", "加重"),
    (Rule::kw_mitigate, "mitigate", "减轻"),
    (Rule::kw_or, "or", "或"),
    (Rule::kw_and, "and", "且"),
    (Rule::kw_not, "not", "非"),
    (Rule::kw_in, "in", "属于"),
    (Rule::kw_true, "true", "是"),
    (Rule::kw_false, "false", "否"),
    (Rule::kw_count, "count", "计数"),
    (Rule::kw_holders, "holders", "持有人数"),
    (Rule::at_least, "at least", "至少"),
    (Rule::at_most, "at most", "至多"),
    (Rule::sum_equal, "sum equal", "同等相加"),
    (Rule::prior_during, "during sanction", "处分期间"),
    (Rule::leader_of, "leader of", "上级领导"),
    (Rule::for_each_kw, "for each", "对每个"),
    (Rule::ends_by, "ends by", "截止于"),
    (Rule::weekday, "mon", "周一"),
    (Rule::weekday, "tue", "周二"),
    (Rule::weekday, "wed", "周三"),
    (Rule::weekday, "thu", "周四"),
    (Rule::weekday, "fri", "周五"),
    (Rule::weekday, "sat", "周六"),
    (Rule::weekday, "sun", "周日"),
];

/// The units, whose rules read the spellings of [`Unit`].
const UNITS: &[(Rule, Unit)] = &[
    (Rule::kw_days, Unit::Days),
    (Rule::kw_workdays, Unit::Workdays),
    (Rule::kw_months, Unit::Months),
    (Rule::kw_years, Unit::Years),
];

/// Every pair of spellings: the words above, the units, and the vocabulary (finding kinds,
/// grades, consequence levels).
pub(crate) fn pairs() -> impl Iterator<Item = (Rule, &'static str, &'static str)> {
    let units = UNITS.iter().map(|&(r, u)| (r, u.as_str(), u.zh()));
    let kinds = FindingKind::ALL
        .iter()
        .map(|k| (Rule::kind, k.as_str(), k.zh()));
    let grades = Grade::ALL.iter().map(|g| (Rule::grade, g.as_str(), g.zh()));
    let levels = Level::ALL.iter().map(|l| (Rule::level, l.as_str(), l.zh()));
    WORDS
        .iter()
        .copied()
        .chain(units)
        .chain(kinds)
        .chain(grades)
        .chain(levels)
}

/// The spelling of `text` (read by `rule`) in the set it belongs to and in the other: `None`
/// when `rule` is no keyword or `text` no spelling of it.
fn lookup(rule: Rule, text: &str) -> Option<(Keywords, &'static str, &'static str)> {
    // Every pair of a parse tree is looked up: index the table by rule once, so a rule that
    // reads no keyword costs one hash probe.
    static BY_RULE: std::sync::OnceLock<HashMap<Rule, Vec<(&'static str, &'static str)>>> =
        std::sync::OnceLock::new();
    let by_rule = BY_RULE.get_or_init(|| {
        let mut map: HashMap<Rule, Vec<(&'static str, &'static str)>> = HashMap::new();
        for (r, en, zh) in pairs() {
            map.entry(r).or_default().push((en, zh));
        }
        map
    });
    let entries = by_rule.get(&rule)?;
    // A phrase is matched whatever the spaces between its words.
    let text: std::borrow::Cow<'_, str> = if text.contains(char::is_whitespace) {
        text.split_whitespace().collect::<Vec<_>>().join(" ").into()
    } else {
        text.into()
    };
    entries.iter().find_map(|&(en, zh)| {
        if text == en {
            Some((Keywords::En, en, zh))
        } else if text == zh {
            Some((Keywords::Zh, en, zh))
        } else {
            None
        }
    })
}

/// The English spelling of a weekday, as the calendar reads it.
pub(crate) fn weekday(text: &str) -> &str {
    lookup(Rule::weekday, text).map_or(text, |(_, en, _)| en)
}

/// A keyword met in a file: where it is, the set it belongs to, and both its spellings.
struct Token {
    start: usize,
    end: usize,
    set: Keywords,
    en: &'static str,
    zh: &'static str,
}

/// The keywords of a parsed file, in order.
fn tokens<'i>(pairs: impl Iterator<Item = Pair<'i, Rule>>, out: &mut Vec<Token>) {
    for p in pairs {
        if let Some((set, en, zh)) = lookup(p.as_rule(), p.as_str()) {
            let span = p.as_span();
            out.push(Token {
                start: span.start(),
                end: span.end(),
                set,
                en,
                zh,
            });
        } else {
            tokens(p.into_inner(), out);
        }
    }
}

/// The most mixed-keyword errors reported for one file.
const MAX_MIXED: usize = 20;

/// DC0104: keywords of the set the header did not choose (`rulebook` for English, `规则集` for
/// Chinese).
pub(crate) fn check<'i>(
    file: FileId,
    pairs: impl Iterator<Item = Pair<'i, Rule>>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    tokens(pairs, &mut found);
    let Some(chosen) = found.first().map(|t| t.set) else {
        return Vec::new();
    };
    let (name, flag) = match chosen {
        Keywords::En => ("en", "en"),
        Keywords::Zh => ("zh", "zh"),
    };
    found
        .iter()
        .filter(|t| t.set != chosen)
        .take(MAX_MIXED)
        .map(|t| {
            let (this, other) = match chosen {
                Keywords::En => (t.zh, t.en),
                Keywords::Zh => (t.en, t.zh),
            };
            Diagnostic::keyed(
                Code::MixedKeywords,
                msg!("mixed-keywords", word = this, set = name),
            )
            .label_keyed(
                Span::new(file, t.start, t.end),
                msg!("mixed-keywords-label"),
            )
            .help_keyed(msg!("mixed-keywords-help", other = other, set = flag))
        })
        .collect()
}

/// The same rulebook text with every keyword in the set `to`: names, strings, comments and
/// layout are kept byte for byte. `None` when the text does not parse.
pub fn convert(text: &str, to: Keywords) -> Option<String> {
    let pairs = DclParser::parse(Rule::file, text).ok()?;
    let mut found = Vec::new();
    tokens(pairs, &mut found);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for t in &found {
        out.push_str(text.get(at..t.start)?);
        out.push_str(match to {
            Keywords::En => t.en,
            Keywords::Zh => t.zh,
        });
        at = t.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Every keyword of a set, phrases and vocabulary words included (for completion).
pub fn words(set: Keywords) -> impl Iterator<Item = &'static str> {
    pairs().map(move |(_, en, zh)| match set {
        Keywords::En => en,
        Keywords::Zh => zh,
    })
}

/// Both spellings of a keyword or vocabulary word, from either: `由` → (`by`, `由`).
pub fn counterpart(word: &str) -> Option<(&'static str, &'static str)> {
    pairs()
        .find(|(_, en, zh)| *en == word || *zh == word)
        .map(|(_, en, zh)| (en, zh))
}

/// The keyword set a rulebook's first word declares (`规则集`: Chinese), read without parsing,
/// so it is known even for a text with syntax errors.
pub fn declared(text: &str) -> Keywords {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    if rest.starts_with("规则集") {
        Keywords::Zh
    } else {
        Keywords::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar reads both spellings of every pair with the pair's rule, whole.
    #[test]
    fn the_grammar_reads_both_sets() {
        for (rule, en, zh) in pairs() {
            for word in [en, zh] {
                let read = DclParser::parse(rule, word)
                    .ok()
                    .and_then(|mut p| p.next())
                    .map(|p| p.as_str().len());
                assert_eq!(read, Some(word.len()), "{rule:?} does not read `{word}`");
            }
        }
    }

    /// No two pairs of one rule share a spelling, so a conversion is undone by the other.
    #[test]
    fn spellings_are_unique_per_rule() {
        let all: Vec<_> = pairs().collect();
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1).filter(|b| b.0 == a.0) {
                assert!(a.1 != b.1 && a.2 != b.2, "{a:?} and {b:?}");
            }
        }
    }
}
