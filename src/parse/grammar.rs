//! The pest parser generated from `grammar/dcl.pest`, and the words its rules are shown as.

use pest_derive::Parser;

use super::keywords::Keywords;
use crate::msg;

/// The generated DCL parser.
#[derive(Parser)]
#[grammar = "grammar/dcl.pest"]
pub struct DclParser;

/// True for keyword and punctuation rules: the lowering skips them.
pub fn is_token(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        kw_rulebook
            | kw_cases
            | kw_version
            | kw_effective
            | kw_source
            | kw_import
            | kw_refine
            | kw_calendar
            | kw_from
            | kw_std
            | kw_weekend
            | kw_covers
            | kw_holiday
            | kw_rest
            | kw_workday
            | kw_role
            | kw_reports_to
            | kw_separate
            | kw_fact
            | kw_enum
            | kw_ladder
            | kw_measure
            | kw_months
            | kw_combine
            | kw_heaviest
            | kw_cap
            | kw_procedure
            | kw_step
            | kw_required
            | kw_forbidden
            | kw_when
            | kw_unless
            | kw_by
            | kw_after
            | kw_within
            | kw_excluding
            | kw_extend
            | kw_lasts
            | kw_occurs
            | kw_records
            | kw_ensure
            | kw_cite
            | kw_rule
            | kw_on
            | kw_findings
            | kw_of
            | kw_liable
            | kw_as
            | kw_exempt
            | kw_reduce
            | kw_except
            | kw_penalty
            | kw_aggravate
            | kw_mitigate
            | kw_or
            | kw_and
            | kw_in
            | kw_count
            | kw_holders
            | kw_consequence
            | kw_closed
            | kw_warn
            | kw_before
            | kw_default
            | kw_optional
            | kw_zone
            | kw_for
            | kw_each
            | kw_first
            | kw_last
            | kw_requires
            | kw_deemed
            | kw_at
            | kw_ends
            | kw_since
            | kw_until
            | kw_holding
            | kw_during
            | kw_sanction
            | kw_min
            | kw_max
            | for_each_kw
            | ends_by
            | zh_for_each
            | zh_ends_by
            | lbrace
            | rbrace
            | lparen
            | rparen
            | lbracket
            | rbracket
            | comma
            | colon
            | dot
            | dotdot
            | arrow
            | times
    )
}

/// How a rule is named in "expected …" messages: its keyword in the rulebook's set `set`,
/// or the catalog id of the words that name it in the reader's language (an item of a word
/// list, see [`crate::diag::messages::ITEM`]).
pub fn describe(rule: Rule, set: Keywords) -> String {
    use Rule::*;
    let word = |m: crate::diag::Msg| m.id.to_owned();
    match rule {
        lbrace => "`{`".to_owned(),
        rbrace => "`}`".to_owned(),
        lparen => "`(`".to_owned(),
        rparen => "`)`".to_owned(),
        lbracket => "`[`".to_owned(),
        rbracket => "`]`".to_owned(),
        comma => "`,`".to_owned(),
        colon => "`:`".to_owned(),
        dot => "`.`".to_owned(),
        dotdot => "`..`".to_owned(),
        arrow => "`->`".to_owned(),
        times => "`*`".to_owned(),
        sum_op => word(msg!("token-plus-minus")),
        cmp_op => word(msg!("token-comparison")),
        ident | name => word(msg!("token-name")),
        string => word(msg!("token-string")),
        date => word(msg!("token-date")),
        int => word(msg!("token-number")),
        money => word(msg!("token-amount")),
        signed => word(msg!("token-signed")),
        kind => word(msg!("token-kind")),
        grade => word(msg!("token-grade")),
        level => word(msg!("token-level")),
        unit => word(msg!("token-unit")),
        EOI => word(msg!("token-eof")),
        expr | disj | conj | neg | cmp | sum | product => word(msg!("token-condition")),
        fact_type | field_type => word(msg!("token-type")),
        header => spelled("rulebook", set),
        at_least => spelled("at least", set),
        at_most => spelled("at most", set),
        sum_equal => spelled("sum equal", set),
        for_each_kw => spelled("for each", set),
        ends_by => spelled("ends by", set),
        other => keyword(other, set),
    }
}

/// A keyword in backticks, in the set's spelling.
fn spelled(en: &str, set: Keywords) -> String {
    let word = match (set, super::keywords::counterpart(en)) {
        (Keywords::Zh, Some((_, zh))) => zh,
        _ => en,
    };
    format!("`{word}`")
}

/// `kw_within` → "`within`" (or "`限`"); another rule is the catalog's word for it.
fn keyword(rule: Rule, set: Keywords) -> String {
    let name = format!("{rule:?}");
    match name
        .strip_prefix("kw_")
        .or_else(|| name.strip_prefix("ty_"))
    {
        Some(word) => spelled(word, set),
        None => format!("{} {name}", msg!("token-rule", code = name).id),
    }
}
