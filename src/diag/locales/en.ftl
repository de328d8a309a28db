# duechain's messages in English. Every message here has its Chinese twin in zh-CN.ftl with the
# same id and the same variables (a test holds them together).

## The human report

summary-counts = { $errors } error(s), { $warnings } warning(s)
more-places = … and { $count } more place(s), listed in `--format json`

## Code summaries (`duechain explain`)

summary-DC0101 = the text does not follow the DCL grammar
summary-DC0102 = brackets, conditions, chains or imports are nested deeper than the compiler accepts
summary-DC0103 = a date or number literal is not a valid value
summary-DC0104 = a rulebook mixes English and Chinese keywords
summary-DC0201 = a name refers to nothing declared
summary-DC0202 = a name is declared twice
summary-DC0203 = a condition compares or combines values of the wrong types
summary-DC0204 = working days are counted without a calendar
summary-DC0205 = rulebooks import or refine each other in a cycle
summary-DC0206 = a calendar's data is malformed or contradictory
summary-DC0301 = steps must each come after the other
summary-DC0302 = the chain of command loops back on itself
summary-DC0303 = no schedule can meet all timing constraints
summary-DC0304 = a step names no role that performs it
summary-DC0305 = a duty has no accountability rule answering its breach
summary-DC0306 = an accountability rule holds a role liable that no step names
summary-DC0307 = a condition can never hold
summary-DC0308 = a worse consequence maps to a lighter measure
summary-DC0309 = a step's roles make a separation of duties impossible
summary-DC0310 = a penalty table leaves a consequence level unmapped between mapped ones
summary-DC0311 = a step or rule cites no article
summary-DC0312 = two different names look the same (Unicode TR39 confusables)
summary-DC0313 = the text holds a bidirectional control character that can make it read differently from what it does
summary-DC0401 = a refining rulebook drops a step or rule of its superior
summary-DC0402 = a refining rulebook requires a step in fewer cases than its superior
summary-DC0403 = a refining rulebook allows more time than its superior
summary-DC0404 = a refining rulebook shortens a minimum period or gap of its superior
summary-DC0405 = a refining rulebook punishes less than its superior
summary-DC0501 = a case is not well-formed JSON of the case format
summary-DC0502 = a case names a step, person, role or fact the rulebook does not know
summary-DC0503 = a case value has the wrong type or a required field is missing
summary-DC0504 = a case date is not an ISO 8601 date
summary-DC0505 = a working-day count leaves the years the calendar covers
summary-DC0506 = the record of an open matter holds an event after the day it is judged as of
summary-DC0507 = a case makes more people answer for more findings than one verdict may hold
summary-DC0601 = a log mapping is not valid TOML of the mapping format
summary-DC0602 = a log mapping names a procedure, step, role, fact or field the rulebook does not know
summary-DC0603 = an event log cannot be read: a malformed record, time or value
summary-DC0604 = a log holds an activity its mapping does not map
summary-DC0605 = a log holds one case's events apart (CSV rows, XES traces)
summary-DC0901 = a file cannot be read
summary-DC0902 = a file is not UTF-8 text
summary-DC0903 = a file is larger than the compiler accepts
summary-DC0904 = an import leaves the project root
summary-DC0905 = the output cannot be written
summary-DC0906 = a run found nothing to check, evaluate or test
summary-DC0907 = blessing would record an error as a case's expected verdict
summary-DC0908 = an outside program the command needs is not installed, or failed
summary-DC0909 = the system refuses what a command needs: a network address, worker threads, a running service
summary-DC0910 = an editor's message to the language server breaks the protocol: malformed, cut off or too long
summary-DC0911 = the service refuses a request: no token or one whose scope does not cover it, a route, method or query it does not have, a matter it does not hold or has closed, a body too large or too slow

## The checks (DC03xx)

dead-condition = the `{ $clause }` condition of step `{ $step }` can never hold
dead-condition-label = false for every case
dead-condition-help = no combination of facts satisfies it; check the comparisons and `and`/`not`
precedence-cycle = steps wait for each other in a cycle: { $cycle }
precedence-cycle-label = `{ $step }` after `{ $before }`
precedence-cycle-help = remove one of these `after` clauses: no step in the cycle could ever start
reports-to-cycle = roles report to each other in a cycle: { $cycle }
reports-to-cycle-label = `{ $role }` reports to `{ $to }`
reports-to-cycle-help = the chain of command must end at a role that reports to no one
no-responsible-role = step `{ $step }` names no role that performs it
no-responsible-role-label = no `by` clause
no-responsible-role-help = add `by ROLE` naming the post responsible for this step
unenforced-duty = no accountability rule answers { $kinds } findings of step `{ $step }`
unenforced-duty-label = duty without consequence
unenforced-duty-help = add a rule with `on { $kinds } of { $step }`
unused-liable-role = rule `{ $rule }` holds `{ $role }` liable, but no step is performed by it and no role reports to it
unused-liable-role-label = this role
unused-liable-role-help = name the role in a step's `by`, or hold the performing role liable
missing-cite = { $what } `{ $name }` cites no article
missing-cite-label = no `cite`
missing-cite-help = add `cite "Art. N"` naming the article this duty or rule comes from
confusable-names = { $what } `{ $name }` looks the same as { $other_what } `{ $other }` but is a different name
confusable-names-this = this name
confusable-names-that = looks the same as this one
confusable-names-help = rename one of them, or write both with the same characters (`{ $name }` is { $spelled }; `{ $other }` is { $other_spelled })
non-monotone-penalty = rule `{ $rule }` punishes a `{ $level }` consequence more lightly than a `{ $lesser }` one
non-monotone-penalty-this = { $measure } for `{ $level }`
non-monotone-penalty-lesser = { $measure } for a lesser consequence
non-monotone-penalty-help = order the table so that measures never get lighter as the consequence grows
penalty-gap = rule `{ $rule }` gives no measure for a `{ $level }` consequence, though it does for lesser and graver ones
penalty-gap-label = no entry for `{ $level }`
penalty-gap-help = add `{ $level } -> MEASURE` (or `{ $level } -> nothing` where the law sets none)
separated-from-itself = role `{ $role }` is separated from itself
separated-from-itself-label = no one could ever hold this role
separated-from-itself-help = name two different roles
impossible-separation = step `{ $step }` may be performed by `{ $a }` or `{ $b }`, which must be kept apart
impossible-separation-both = both separated roles
impossible-separation-here = separated here
impossible-separation-help = let one of the two roles perform the step

## Names (DC0201, DC0202, DC0204, DC0602)

thing-role = role
thing-step = step
thing-fact = fact
thing-rule = rule
thing-procedure = procedure
thing-calendar = calendar
thing-ladder = ladder
thing-measure = measure
thing-field = field
thing-value = value
thing-person = person
unknown-name = unknown { $what } `{ $name }`
unknown-name-label = no { $what } has this name
did-you-mean = did you mean `{ $candidate }`?
none-declared = no { $what } is declared; declare `{ $name }` first
known-names = known { $what }s: { $list }
declare-or-check = declare the { $what } `{ $name }`, or check its spelling
declared-twice = { $what } `{ $name }` is declared twice
declared-again-here = declared again here
first-declared-here = first declared here
declared-twice-help = rename one of them or remove the repeat; every { $what } name must be unique
missing-calendar = procedure `{ $procedure }` counts working days but names no calendar
missing-calendar-here = working days counted here
missing-calendar-procedure = this procedure
missing-calendar-help = add `calendar NAME` at the top of the procedure, naming a declared calendar
mapping-unknown-name = the rulebook has no { $what } `{ $name }`
named-here = named here

## Syntax (DC0101)

syntax-expected = expected { $expected_words }, found { $found_words }
syntax-unexpected = unexpected { $found_words }
syntax-unexpected-here = unexpected here
syntax-help = see `duechain explain DC0101` for the shape of a rulebook
token-comparison = a comparison
token-plus-minus = `+` or `-`
token-name = a name
token-string = a string
token-date = a date (YYYY-MM-DD)
token-number = a number
token-amount = an amount
token-signed = a signed number like `+1`
token-kind = a finding kind (missing, late, too_short, …)
token-grade = a grade (direct, main_leadership, important_leadership)
token-level = a consequence level (none, minor, major, severe)
token-unit = `days`, `workdays`, `months` or `years`
token-eof = end of file
token-condition = a condition
token-type = a type
token-control = control character { $code }
token-rule = { $code ->
        [header_field] a header field (`version`, `effective`, `source`, `cases`, …)
        [guard] `when`, `unless`, `since` or `until`
        [persons] who (a role, `actor`, `leader of …` or a field)
        [person_atom] who (a role, `actor`, `leader of …` or a field)
        [bound] `at least` or `at most`
        [target] a rulebook to refine (a path or `std:NAME`)
        [duration] a duration (e.g. `20 workdays`)
        [literal] a value
        [item] a declaration (`role`, `fact`, `procedure`, `rule`, …)
        [clause] a clause of the step
        [anchor] a step, or `start`/`end` of one
       *[other] a part of the rulebook (`{ $code }`)
    }

## Timing (DC0303)

unit-days = days
unit-workdays = workdays
unit-months = months
unit-years = years
infeasible-timing = these timing constraints cannot all hold: together they need { $excess } more { $space ->
        [days] day(s)
       *[workdays] working day(s)
    } than they allow
infeasible-timing-help = lengthen a deadline or shorten a minimum period on this cycle
constraint-ends-after-start = `{ $step }` ends no earlier than it starts
constraint-after = `{ $step }` starts after `{ $before }` ends
constraint-within = `{ $step }` ends within { $amount } { $unit } after `{ $anchor }`
constraint-gap = `{ $step }` starts at least { $amount } { $unit } after `{ $anchor }`
constraint-lasts-at-least = `{ $step }` lasts at least { $amount } { $unit }
constraint-lasts-at-most = `{ $step }` lasts at most { $amount } { $unit }

## Reading a rulebook (DC0102, DC0103, DC0104, DC0313, DC0903)

number-too-large = number `{ $number }` is too large
number-too-large-32 = larger than 4294967295
number-too-large-32-help = durations, counts and periods must fit in 32 bits
number-too-large-64 = does not fit in 64 bits
shift-too-large = shift `{ $shift }` is too large
out-of-range = out of range
clause-not-read = this clause could not be read
clause-not-read-label = not understood
bug-help = this is a bug in duechain: please report it with this rulebook
chain-too-long = { $chain ->
        [leader_of] `leader of`
        [not] `not`
       *[terms] arithmetic terms
    } in a row: { $count }, more than the { $limit } accepted
too-deep-here = too deep here
too-deep = too deep
too-deep-help = simplify the condition or split it into named facts
condition-too-deep = a condition nested { $depth } deep; at most { $limit } is accepted
brackets-too-deep = brackets nested more than { $limit } deep
rulebook-too-large = the rulebook is { $size } bytes, more than the { $limit } accepted
this-file = this file
rulebook-too-large-help = split the rulebook into files joined by `import`
bidi-control = a bidirectional control character ({ $character }) that changes how the text reads
bidi-control-label = invisible reordering here
bidi-control-help = delete it: a rulebook must display as it is written
mixed-keywords = `{ $word }` is a keyword of the other set in a rulebook written with { $set ->
        [zh] Chinese
       *[en] English
    } keywords
mixed-keywords-label = the other set's keyword
mixed-keywords-help = write `{ $other }`, or convert the whole file with `duechain fmt --keywords { $set }`

## Types (DC0203)

type-bool = bool
type-int = int
type-money = money
type-date = date
type-text = text
type-person = person
type-persons = persons
this-is = this is { $ty }
need-aggregate = `{ $op }` needs a number, an amount or (min, max) a date, but found { $ty }
need-persons-field = `count` needs a `persons` field, but found { $ty }
need-not-condition = `not` needs a condition, but found { $ty }
need-joins-conditions = `{ $op }` joins conditions, but found { $ty }
need-orders = `{ $op }` orders numbers, amounts or dates, but found { $ty }
need-arithmetic = `{ $op }` works on numbers and amounts, but found { $ty }
not-a-condition = a condition must be true or false, but this is { $ty }
not-a-condition-label = not a condition
not-a-condition-help = compare it with something, e.g. `amount > 1000000.00`
default-type = a default must be a constant of type { $ty }
invalid-amount = `{ $amount }` is not a valid amount
invalid-amount-label = invalid amount
invalid-date = invalid date
not-a-value = `{ $name }` is not a value of `{ $fact }`
unknown-value = unknown value
not-declared = not declared
count-outside-ensure = `count` counts a step's events, or the people of a recorded field (which only `ensure` can see)
count-outside-ensure-label = outside `ensure`
cannot-look-for = cannot look for { $ty } among { $among_ty }
no-such-field = step `{ $step }` records no field `{ $field }`
not-recorded = not recorded
cannot-combine = cannot combine { $ty } with { $other_ty }
cannot-combine-help = both sides must have the same type

## Files, imports and calendars (DC0205, DC0206, DC09xx)

thing-rulebook = rulebook
file-too-large = `{ $file }` is larger than the { $limit } bytes accepted
not-utf8 = `{ $file }` is not UTF-8 text
invalid-byte = invalid byte at offset { $offset }
not-utf8-help = save the rulebook as UTF-8
cannot-read = cannot read `{ $file }`: { $reason_words }
one-superior = a rulebook refines one superior only
second-refine = second `refine`
calendar-unusable = the calendar file cannot be used
here = here
not-calendar-data = `{ $file }` is not calendar data: { $reason }
loaded-here = loaded here
calendar-format-help = see `duechain explain DC0206` for the calendar file format
no-standard = there is no standard { $what } `{ $name }`
not-a-standard-name = not a standard name
standard-names = the standard { $what }s are: { $list }
imports-too-deep = imports and refinements nested more than { $limit } deep
one-level-too-deep = one level too deep
imports-too-deep-help = import the shared declarations from fewer levels of files
import-cycle = `{ $file }` leads back to itself: { $cycle }
closes-the-cycle = closes the cycle
import-cycle-help = move what both rulebooks need into a third file that both import
outside-root = `{ $file }` is outside the project root
leaves-the-root = leaves the root
outside-root-help = keep imported files inside the project root (the current directory, or `--root DIR`)

## Declarations (DC0202, DC0203, DC0206)

fact-cannot-hold-people = a fact cannot hold people
fact-cannot-hold-people-label = people are recorded by steps
fact-cannot-hold-people-help = record people in a step: `records attendees: persons`
value-listed-twice = value `{ $value }` is listed twice
repeated = repeated
calendar-invalid = calendar `{ $calendar }` is invalid: { $reason }
declared-here = declared here
measure-twice = measure `{ $measure }` is declared twice in `{ $ladder }`
limit-not-date = a limit runs from a step or a date, but `{ $name }` is not a date fact
not-a-date = not a date
field-twice = field `{ $field }` is recorded twice
length-not-int = a deadline's length must be a number, but `{ $name }` is not an int fact
not-an-int = not an int
only-deadline-from-fact = only a deadline's length may come from a fact, not this one (`{ $name }`)
write-a-number = write a number of days
only-deadline-from-fact-help = minimum periods, gaps and extensions are fixed by the rulebook
rule-answers-itself = rule `{ $rule }` cannot answer its own findings
refers-to-itself = refers to itself
not-recorded-by-step = not recorded by that step
field-not-people = field `{ $field }` does not list people
field-not-people-label = not of type `person` or `persons`

## Refinement (DC04xx)

dropped-step = step `{ $step }` of the superior rulebook `{ $superior }` is dropped
this-rulebook = this rulebook
required-by-superior = required by the superior here
dropped-step-help = keep step `{ $step }`: a subordinate rulebook may add duties, never drop them
dropped-rule = accountability rule `{ $rule }` of the superior is dropped
superiors-rule = the superior's rule
dropped-liable = rule `{ $rule }` no longer holds someone the superior holds liable as `{ $grade }`
refined-here = refined here
liable-under-superior = liable under the superior
dropped-measures = rule `{ $rule }` drops the superior's `{ $ladder }` measures
superiors-measures = the superior's measures
lighter-measures = rule `{ $rule }` grades { $levels } consequences more lightly on `{ $ladder }` than the superior
lighter-here = lighter here
lighter-measures-help = a subordinate rulebook may raise measures, never lower them
weaker-here = weaker here
superiors-duty = the superior's duty
no-longer = step `{ $step }` is no longer { $clause }
fewer-cases = step `{ $step }` is { $clause } in fewer cases than the superior
fewer-dates = step `{ $step }` is required for fewer dates than the superior
no-longer-after = step `{ $step }` no longer has to come after `{ $before }`
dropped-deadline = step `{ $step }` drops the deadline after `{ $anchor }`
no-such-deadline = no such deadline here
superiors-deadline = the superior's deadline
deadline-fewer-cases = step `{ $step }`'s deadline after `{ $anchor }` applies in fewer cases than the superior's
more-time = step `{ $step }` allows more time after `{ $anchor }` than the superior
longer-here = longer here
superiors-limit = the superior's limit
shorter-here = shorter here
superiors-minimum = the superior's minimum
dropped-gap = step `{ $step }` drops the minimum gap after `{ $anchor }`
gap-fewer-cases = step `{ $step }`'s minimum gap after `{ $anchor }` applies in fewer cases than the superior's
waits-less = step `{ $step }` waits less after `{ $anchor }` than the superior
dropped-minimum = step `{ $step }` drops its minimum period
minimum-fewer-cases = step `{ $step }`'s minimum period applies in fewer cases than the superior's
lasts-less = step `{ $step }` may last less than the superior's minimum
lasts-longer = step `{ $step }` may last longer than the superior allows
superiors-maximum = the superior's maximum
occurs-more = step `{ $step }` may occur more often than the superior allows
occurs-less = step `{ $step }` may occur less often than the superior requires

## Vocabulary

grade-direct = direct
grade-main_leadership = main_leadership
grade-important_leadership = important_leadership
level-none = none
level-minor = minor
level-major = major
level-severe = severe

## Log mappings (DC06xx)

mapping-help = see `duechain explain DC0601` and `duechain schema mapping`
mapping-name-procedure = the rulebook has several procedures: the mapping must name one
mapping-name-procedure-label = add `procedure = "NAME"` here
not-a-zone = `{ $zone }` is not a time zone
not-a-zone-help = name an IANA zone, e.g. "Asia/Shanghai"
no-step-records = no step of the procedure records a field `{ $field }`

## The verdict for people (`eval`, `status`)

v-error = error[{ $code }]
v-line = line { $line }:{ " " }
v-case-prefix = case { $case }:{ " " }
v-at-path = { " " }at `{ $path }`
v-pending = pending
v-of-holder = { " " }of `{ $holder }`
v-due-workdays = due { $due } ({ $left } working day(s) left)
v-due-days = due { $due } ({ $left } day(s) left)
v-no-limit = no time limit running
v-counted-from = , counted from `{ $step }`
v-case = case { $case }{ $title }
v-rulebook = rulebook { $rulebook }{ $version }, procedure { $procedure }
v-open = open matter, judged as of { $as_of }
v-verdict = verdict:
v-none-broken = no duty broken so far
v-pending-count = { $count } duty(ies) pending
v-compliant = compliant — every triggered duty was met
v-violations = violations
v-violation-counts = { $findings } finding(s), { $entries } liability { $entries ->
        [1] entry
       *[other] entries
    } ({ $exempt } exempt)
v-warning = warning:
v-findings = findings
v-because = because { $facts }
v-events = events { $events }
v-liability = liability
v-exempt = exempt
v-months = , { $months } months
v-col-person = person
v-col-role = role
v-col-grade = grade
v-col-rule = rule
v-col-measures = measures
v-exempt-reason = exempt: { $reason }
v-reduced = reduced by { $by }: { $reason }
v-trace = trace: { $trace }{ $cite }
v-combined = measures per person (combined)
v-trace-title = evaluation trace
s-case = case { $case } · { $state }, as of { $as_of }
s-col-step = step
s-col-state = state
s-col-level = level
s-col-due = due
s-col-left = left
s-col-liable = liable
s-state = { $state ->
        [not_triggered] not triggered
        [not_applicable] not applicable
       *[other] { $state }
    }
s-level = { $level }

## Findings for people in Chinese (English keeps the evaluator's own sentence)

finding = { $kind ->
        [missing] `{ $step }` is required but did not happen
        [late] `{ $step }` ended after its deadline { $deadline }
        [too_short] `{ $step }` lasted { $took } { $unit }, less than { $limit } { $unit }
        [too_soon] `{ $step }` started before { $earliest }
        [out_of_order] `{ $step }` started before `{ $after }` ended
        [wrong_actor] `{ $step }` was performed by `{ $actor }`, who holds none of { $roles }
        [separation] `{ $step }` was performed by `{ $actor }` in roles that must be kept apart ({ $roles })
        [quorum] `{ $step }` does not meet its condition: { $condition }
        [occurrence] `{ $step }` happened { $count } time(s)
        [forbidden] `{ $step }` happened although it is forbidden
       *[unprepared] `{ $step }` happened without `{ $after }`, which it requires
    }{ $holder ->
        [none] {""}
       *[other] {""}
    }

## Cases (DC05xx)

case-name-procedure = missing field `procedure`: the rulebook has several procedures
person-twice = person `{ $person }` is listed twice
ends-before-start = the event ends ({ $end }) before it starts ({ $start })
not-a-level = `{ $value }` is not a consequence level (none, minor, major, severe)

## The command line

plain = { $text }
cannot-render-man = cannot render the manual page: { $reason }
report-bug = report this as a bug
empty-run = { $missing ->
        [no-rulebook] no rulebook (`*.dcl`) was found
        [no-case] no case was read: every input was empty or blank
        [no-matter] no matter was found in the logs
       *[no-reference-case] no reference case was run (no `cases "DIR"` directory holds a `*.json` case that matches)
    } (looked in { $place })
empty-run-help = check the path (and a rulebook's `cases "DIR"`), or pass `--allow-empty` when an empty run is expected
cannot-write-output = cannot write the output: { $reason }
cannot-write-output-help = check that the output goes to a file or pipe that can take it (disk space, permissions)
cannot-write = cannot write `{ $file }`: { $reason }
cannot-write-help = check the directory's permissions and the disk space
cases-not-dir = the reference cases `{ $dir }` named by `cases` are not a directory
cases-not-dir-help = `cases "DIR"` is relative to the rulebook; check its spelling
cases-outside-root = the reference cases `{ $dir }` are outside the project root
cases-outside-root-help = keep a rulebook's cases inside the project root (the current directory, or `--root DIR`)
case-file-help = reference cases are UTF-8 JSON files of at most 16 MiB
bless-invalid = case `{ $case }` cannot be judged, so its error record is not blessed
bless-invalid-help = fix the case, or pass `--allow-invalid` once if the case is meant to be invalid
not-a-code = `{ $code }` is not a duechain diagnostic code
not-a-code-help = `duechain explain` lists them all
name-a-procedure = name a procedure the rulebook declares
missing-dot-help = install Graphviz (Debian: `apt-get install graphviz fonts-noto-cjk`), or write `--format dot` and render it elsewhere
db-serve-help = give `--db` a file the service may create and write, or a PostgreSQL URL it can reach
cannot-listen = cannot listen on `{ $address }`: { $reason }
listen-help = choose another address or port (`--listen 127.0.0.1:8080`)
db-token-help = give `--db` the service's file or PostgreSQL URL

## The chain that reached a liable person, and how measures combined
link-finding = finding #{ $index }: { $kind } of `{ $step }`
link-performed = `{ $step }` was performed by `{ $person }`
link-duty = `{ $step }` is the duty of `{ $role }`
link-held = `{ $role }` is held by `{ $person }`
link-answers = `{ $role }` answers for `{ $step }`
link-reports-to = `{ $from }` reports to `{ $to }`
link-superior = `{ $person }` is the direct superior of `{ $of }`
link-holder = `{ $step }` is required of each `{ $role }`; `{ $person }` did not perform it
link-listed = `{ $person }` is listed in `{ $field }` of `{ $step }` (event { $event })
combined-single = single measure
combined-heaviest = heaviest applies
combined-summed = heaviest applies; { $count } equal periods combined
combined-capped = heaviest applies; { $count } equal periods combined, capped at { $cap } months
v-no-measure = no measure (免予处分)
v-combined-entry = { $person }: { $ladder } { $measure } ({ $rule })
date-not-iso = `{ $text }` is not an ISO 8601 date (YYYY-MM-DD)
date-invalid = `{ $text }` is not a valid date

## Case errors the validator and the evaluator find
outside-calendar = counting reaches { $day }, outside the years the calendar covers
outside-calendar-from = counting from `{ $name }` ({ $from }) reaches { $day }, outside the years the calendar covers
missing-fact = missing fact `{ $name }`, which { $need ->
        [rule] an accountability rule needs
        [limit-from] a time limit runs from
        [limit-sets] sets a time limit
       *[condition] a condition of this rulebook needs
    }
unevaluable = a condition could not be evaluated
missing-consequence = missing `outcome.consequence`, which grading under rule `{ $rule }` needs (or declare `consequence default` in the rulebook)
missing-closed = missing field `closed`: the case does not say whether the matter is closed, and the rulebook declares no `closed default`
not-a-kind = `{ $text }` is not a finding kind (missing, late, too_short, …)
expected-found = expected { $want ->
        [bool] true or false
        [int] a whole number
        [amount] an amount
        [date] a date string
        [enum] one of the enum's values as a string
       *[string] a string
    }, found { $found ->
        [null] null
        [bool] a boolean
        [number] a number
        [string] a string
        [list] a list
       *[object] an object
    }
not-an-amount = `{ $text }` is not an amount
not-a-fact-value = `{ $text }` is not a value of this fact
after-as-of = the event starts on { $start }, after { $as_of }, the day the matter is judged as of
liability-too-large = the rules reach more than { $limit } pairs of a person and a finding (counted for each rule and clause): the verdict is not built
liability-too-large-help = a real matter stays far below this; a record that lists thousands of people for thousands of findings is damaged or hostile: check the people its recorded fields list and the findings it repeats

## A case's JSON as serde_json reads it (the English is serde_json's own)
json-where = { $what } at line { $line } column { $column }
json-at = line { $line }, column { $column }
json-invalid-type = invalid type: { $found_kind }{ $value }, expected { $expected_kind ->
       *[other] { $expected }
    }
json-missing-field = missing field `{ $field }`
json-unknown-field = unknown field { $field }, { $count ->
        [0] there are no fields
        [1] expected { $names }
       *[other] expected one of { $names }
    }
json-duplicate = duplicate key `{ $key }`
json-syntax = { $problem ->
       *[other] { $text }
    }

## The command line's counts
eval-counts = { $total } case(s): { $compliant } compliant, { $violating } violating, { $invalid } invalid
test-counts = { $name }: { $total } case(s), { $passed } passed
import-counts = { $cases } case(s) imported, { $errors } error(s)
test-totals = { $passed } passed, { $failed } failed
test-coverage = coverage of steps and rules: { $percent }%

## A verdict's warnings
warn-provisional = a count of working days reached { $day }, in a year no annual holiday notice covers yet: its statutory holidays are derived from the holiday regulation, and the notice may still move rest days (`--strict-calendar` refuses instead)
warn-unrecorded = the actor of event(s) { $events } was not recorded: who performed them was not judged, and liability for them falls to the holders of their step's role

## Reading an event log (DC0603, DC0604, DC0605)
log-unreadable = the log cannot be read: { $reason }
log-not-xml = the log is not XML: { $reason }
log-not-csv = the log is not CSV: { $reason }
log-not-ocel = the log is not OCEL 2.0 { $form ->
        [sqlite] SQLite
       *[json] JSON
    }: { $reason }
log-sqlite-stream = an OCEL SQLite log is a database, not a stream
log-needs-object-type = an OCEL log needs `log.object_type`: the object type whose objects are the matters
log-ends-in-trace = the log ends inside a trace
log-whole-too-large = an OCEL 2.0 JSON log is read whole, and this one is larger than { $limit } bytes (an OCEL SQLite log has no such bound)
log-copies-too-large = the events of this OCEL 2.0 log, copied to each matter they relate to, come to more than { $limit } bytes
log-matter-too-large = a matter takes more than { $limit } bytes of the log: the rest of the log is not read
log-matter-too-large-help = one matter of a log is bounded as one JSON case is; a matter this large is a damaged log (a value never closed, every event under one case id) or a hostile one
log-trace-no-id = the trace has no `{ $key }` attribute for its case id
log-not-encoded = the line holds bytes that are not { $encoding }: the log is read in the encoding its mapping names, and a byte it does not allow is refused rather than replaced
log-not-encoded-help = a CSV file saved by Excel on Chinese Windows is usually GBK: set `encoding = "gbk"` under `[log]` in the mapping (or save the file as "CSV UTF-8")
csv-column-twice = the header row names the column `{ $column }` twice, and the mapping reads it: which one is meant cannot be told (rename one in the export)
log-key-twice = the attribute `{ $key }` is given twice here: which value is meant cannot be told
xes-trace-twice = an earlier trace has the case id `{ $case }`: a matter's events belong in one trace, so this trace is not judged, and the record given earlier for `{ $case }` holds only that trace's events (merge the two)
ocel-object-twice = the object `{ $id }` of type `{ $kind }` is listed more than once: which entry holds its attributes cannot be told, so its matter is not judged
csv-delimiter = the delimiter `{ $delimiter }` is not one ASCII character
mapping-empty-key = names no column or attribute (the name is empty)
mapping-empty-key-help = give the column or attribute as the log names it, or leave the key out to take its default
csv-no-id-column = the header row has no column `{ $key }` for the case id (set `case.id`)
csv-width = the row has { $len } fields, the header { $expected }
csv-no-case-id = the row gives no case id
csv-not-grouped = the rows of case `{ $case }` are not together: the log is not grouped by case, so the record given earlier for `{ $case }` holds only its first rows, and the rest of the log is not read (set `log.grouped = false` to read it whole)
event-no-activity = the event names no activity
event-no-time = the event has no time
activity-unmapped = the activity `{ $activity }` is not in the mapping's `activities` table (set `unmapped` to "ignore" or to {"{"} step = "NAME" {"}"} to accept it)
time-in-zone = `{ $text }` is not a time: { $reason }
time-by-format = `{ $text }` is not a time written as `{ $format }`: { $reason }
time-not-iso = `{ $text }` is not a time in ISO 8601 (set `time.format` for another form)
log-no-role = the rulebook has no role `{ $role }`
log-not-in-values = `{ $text }` is not in the mapping's values for fact `{ $name }` ({ $known })
log-not-bool = `{ $text }` is not true or false (give the mapping a `values` table)
log-not-int = `{ $text }` is not a whole number

## Reading a batch of cases (DC0501, DC0901)
input-too-large = `{ $name }` is larger than { $limit } bytes
input-not-utf8 = `{ $name }` is not UTF-8 text (invalid byte at offset { $offset })
line-endless = no line break within { $limit } bytes: the rest of this input is not read
line-too-long = the line is longer than { $limit } bytes
line-not-utf8 = the line is not UTF-8 text (invalid byte at column { $column })

## The test runner (`duechain test`)
test-changed = { $path }: expected { $expected }, got { $got }
test-gone = { $path }: expected { $expected }, got (absent)
test-added = { $path }: expected (absent), got { $got }
test-expected-not-json = the expected verdict is not JSON: { $reason }
test-fail-no-expectation = FAIL { $suite } · { $case }: no expected verdict at `{ $file }` (run `duechain test --bless`)
test-fail-changed = FAIL { $suite } · { $case }: the verdict changed (expected → now)
test-fail-orphan = FAIL { $suite } · { $case }: `expected/{ $case }.json` has no case `{ $case }.json` (remove it, or restore the case)
test-rulebook-errors = { $suite }: the rulebook has errors
test-no-cases = { $suite }: no reference cases (add `cases "DIR"` to its header)
test-coverage-below = coverage { $percent }% is below the required { $min }%
test-blessed = blessed { $file }
coverage-dimension = { $dimension ->
        [steps] steps
        [kinds] finding kinds
       *[rules] rules
    }
coverage-missed = not exercised: { $list }
file-too-large = `{ $file }` is larger than { $limit } bytes
mapping-no-rulebook = no rulebook: give `--rulebook`, or name one in the mapping (`rulebook = "…"`)

## The language server's input (DC0910)
lsp-frame-io = message { $n } cannot be read: { $reason }
lsp-frame-truncated = the input ends inside message { $n }
lsp-frame-header = message { $n }: a header line is not `Name: value` within { $limit } bytes: { $line }
lsp-frame-no-length = message { $n }: its headers end without a Content-Length
lsp-frame-too-large = message { $n }: Content-Length { $length } is not a length of at most { $limit } bytes
lsp-frame-not-message = message { $n } is not a JSON-RPC message: { $reason }
lsp-no-exit = the input ended before message { $n }, without the `exit` notification
lsp-frame-help = the editor, or what stands between it and `duechain lsp`, sent a broken message: restart the language server from the editor, and report the editor's fault if it recurs

## The system's refusals (DC0909)
cannot-start-threads = cannot start the worker threads: { $reason }
cannot-start-service = cannot start the service: { $reason }
lsp-stopped = the language server stopped: { $reason }
system-help = free the resource the reason names (memory, threads, the connection) and run the command again
dot-cannot-run = cannot run Graphviz's `dot`: { $reason }
dot-failed = Graphviz's `dot` failed: { $reason }
dot-not-utf8 = Graphviz's `dot` wrote no UTF-8: { $reason }
own-layout = notice: { $reason }; the flowcharts are drawn with duechain's own layout
root-not-dir = the project root `{ $dir }` is not a directory
root-not-dir-help = give `--root` an existing directory that holds the rulebooks
mapping-toml = { $reason }
token-no-such-file = no such file
token-permission-denied = permission denied
token-is-a-directory = it is a directory
token-not-regular = it is not a regular file (a pipe, a device or a socket)

## Calendar data (DC0206)
cal-provisional-last = `provisional { $from } .. { $to }` must be the last years of `covers { $first } .. { $last }`
cal-derive-range = holidays can be derived for { $first } to { $last } only, not { $year }
cal-year-unlisted = `covers { $first } .. { $last }` includes { $year }, but no holiday of { $year } is listed; add that year's notice or narrow `covers`
cal-not-zone = `{ $zone }` is not a time zone (e.g. "Asia/Shanghai")
cal-covers-range = `covers { $first } .. { $last }` is not a range of years from 1900 to 2200
cal-not-weekday = `{ $day }` is not a weekday (mon, tue, wed, thu, fri, sat, sun)
cal-empty = empty calendar
cal-backwards = { $what ->
        [holiday] holiday
        [rest] rest-day
       *[working] working-day
    } range `{ $from } .. { $to }` ends before it starts
cal-both = { $day } is both a rest day and an adjusted working day; a notice makes a day one or the other

## The language server
lsp-unknown-method = duechain does not answer `{ $method }`
lsp-not-a-name = `{ $name }` is not a name: use letters, digits and `_` (Chinese is fine)
lsp-nothing-to-rename = there is no name here to rename

## The words of the audit report and dashboard pages
page-title = Audit report
page-matters = Matters
page-compliant = compliant
page-violating = violating
page-invalid = invalid
page-open = open
page-findings = Findings
page-by_kind = By kind
page-by_step = By step
page-by_article = By article
page-by_unit = By unit
page-by_person = By person
page-case = Case
page-status = Verdict
page-liable = Liable
page-pending = Pending
page-filter = Filter matters, steps, people…
page-all = all
page-kind = Kind
page-step = Step
page-article = Article
page-evidence = Facts and evidence
page-liability = Liability
page-flowchart = Flowchart (this matter's path)
page-exempt = exempt
page-due = due
page-share = compliant share
page-none = none
page-warnings = Warnings
page-legend-0 = done
page-legend-1 = violated
page-legend-2 = pending
page-legend-3 = not triggered
page-legend-4 = not applicable
page-board = Live supervision · open matters
page-alerts = Alerts
page-timeline = Timeline
page-lights-0 = red (overdue)
page-lights-1 = yellow (due soon)
page-lights-2 = green
page-left = working days left
page-unit = Unit

## The words of the rulebook document pages
doc-title = The rulebook
doc-contents = Contents
doc-procedure = Procedure
doc-duties = Duties of each step
doc-limits = Time limits
doc-roles = Who is responsible
doc-accountability = Accountability
doc-measures = Measures
doc-defaults = Defaults
doc-step = Step
doc-limit = Limit
doc-article = Article
doc-source = Source:{" "}
doc-role = Role
doc-reports_to = Reports to
doc-performs = Performs
doc-rule = Rule
doc-answers = Answers
doc-liable = Liable
doc-measure = Measure
doc-period = Period
doc-months = months
doc-none = no measure
doc-calendar = Working days are counted with the calendar{" "}
doc-flowchart = Flowchart
doc-generated = Generated by duechain from the rulebook

## A step's duties in words (flowcharts and the rulebook document)
w-sep = ,{" "}
w-sep-notes = ;{" "}
w-or = {" "}or{" "}
w-and = {" "}and{" "}
w-not = not{" "}
w-duration = { $span ->
        [days] { $n ->
            [1] { $n } day
           *[other] { $n } days
        }
        [workdays] { $n ->
            [1] { $n } working day
           *[other] { $n } working days
        }
        [months] { $n ->
            [1] { $n } month
           *[other] { $n } months
        }
       *[years] { $n ->
            [1] { $n } year
           *[other] { $n } years
        }
    }
w-point = { $pick ->
        [last] the last{" "}
        [each] each{" "}
       *[first] {""}
    }{ $title }{ $start ->
        [yes] {" "}starts
       *[no] {""}
    }
w-times-of = times of 「{ $step }」
w-holders-of = holders of 「{ $role }」
w-true = true
w-false = false
w-when-needed = when needed
w-required = required
w-required-unless = required unless { $cond }
w-required-when = required when { $cond }
w-by-each = { $base } (by each { $role })
w-forbidden = forbidden
w-forbidden-when = {" "}when { $cond }
w-forbidden-after = {" "}after { $steps }
w-fact-limit = the { $per } set by 「{ $fact }」
w-limit-by = limit: by { $from }
w-limit-within = limit: within { $limit } after { $from }
w-not-counting = not counting { $steps }
w-extension = { $more } more with 「{ $by }」
w-applies = applies when { $cond }
w-notes = {" "}({ $notes })
w-only-after = only after { $steps }
w-not-before = not before { $gap } after { $from }
w-at-least = at least
w-at-most = at most
w-lasts = lasts { $bound } { $time }
w-happens = happens { $bound } { $count } time(s)
w-deemed-findings = { $step } is { $kinds }
w-deemed = deemed done at { $at } when { $when }
w-after = after { $steps }
w-kinds-or = {" "}or{" "}
w-performed-by = performed by { $who }
w-sentence-end = .
w-cite = {" "}<cite>Article: { $cite }.</cite>
w-actor = the actor
w-leader-of = the leader of { $who }
w-except = {" "}except { $who }
w-default-consequence = a case that gives no consequence is graded `{ $consequence }`
w-default-closed = { $closed ->
        [true] a case that does not say is a closed matter
       *[false] a case that does not say is a matter in progress
    }
w-default-warn = a pending duty turns yellow { $time } before it is due

## The flowchart's words
chart-at-least = ≥ { $min }
chart-clock-stopped = [clock stopped] while it runs
chart-cite = cite: { $cite }
chart-title = { $procedures }: flowchart of the exercise of power · { $book }
chart-source = source: { $source }
chart-start = start
chart-end = end
chart-legend-0 = Legend
chart-legend-1 = required step
chart-legend-2 = conditional step (dashed)
chart-legend-3 = prohibition
chart-legend-4 = clock stopped
chart-legend-5 = comes after
chart-legend-6 = time limit
chart-no-role = (no role named)
chart-any-of = { $roles } (any of them)
w-any-step = any step
w-kinds-at = { $kinds }: { $steps }
