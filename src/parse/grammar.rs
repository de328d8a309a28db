//! The pest parser generated from `grammar/dcl.pest`, and the words its rules are shown as.

use pest_derive::Parser;

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

/// How a rule is named in "expected …" messages.
pub fn describe(rule: Rule) -> String {
    use Rule::*;
    let word = match rule {
        lbrace => "`{`",
        rbrace => "`}`",
        lparen => "`(`",
        rparen => "`)`",
        lbracket => "`[`",
        rbracket => "`]`",
        comma => "`,`",
        colon => "`:`",
        dot => "`.`",
        dotdot => "`..`",
        arrow => "`->`",
        times => "`*`",
        cmp_op => "a comparison",
        sum_op => "`+` or `-`",
        ident | name => "a name",
        string => "a string",
        date => "a date (YYYY-MM-DD)",
        int => "a number",
        money => "an amount",
        signed => "a signed number like `+1`",
        kind => "a finding kind (missing, late, too_short, …)",
        grade => "a grade (direct, main_leadership, important_leadership)",
        level => "a consequence level (none, minor, major, severe)",
        at_least => "`at least`",
        at_most => "`at most`",
        sum_equal => "`sum equal`",
        for_each_kw => "`for each`",
        ends_by => "`ends by`",
        unit => "`days`, `workdays`, `months` or `years`",
        header => "`rulebook`",
        EOI => "end of file",
        expr | disj | conj | neg | cmp | sum | product => "a condition",
        fact_type | field_type => "a type",
        other => return keyword(other),
    };
    word.to_owned()
}

/// `kw_at_least` → "`at least`"; other rules by their name.
fn keyword(rule: Rule) -> String {
    let name = format!("{rule:?}");
    let Some(word) = name
        .strip_prefix("kw_")
        .or_else(|| name.strip_prefix("ty_"))
    else {
        return name.replace('_', " ");
    };
    format!("`{word}`")
}
