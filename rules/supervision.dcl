// 督查督办 — matters assigned for supervision are reported on within set times, and each level
// answers to the one above it (一级督办一级，下级对上级负责).
rulebook supervision "Supervised matters with time-limited reporting (督查事项限时报告)" {
  version "2024.1"
  effective 2024-01-01
  source "Municipal rules on leadership supervision and time-limited reporting of supervised matters (领导督办机制、重大项目跟踪督办, seed text 001); CPC Accountability Regulation (问责条例, 2019) Art. 7"
  cases "../examples/supervision"
  // Graded as `none` when a case does not say (the lightest reading; listed among the defaults).
  consequence default none
  // A case that does not say is a closed matter, judged after the fact (listed among the
  // defaults); an open one says `"closed": false` and is judged as of a date.
  closed default true
  // A pending duty of an open matter turns yellow 3 working days before it is due.
  warn 3 workdays before
}

import "accountability.dcl"

calendar cn from "calendars/cn_mainland.json"

role government_head "政府负责人 head of the government"
role supervisor "督查机构督办人 officer of the supervision office" reports_to government_head
role unit_head "承办单位负责人 head of the handling unit" reports_to government_head
role handler "承办单位经办人 officer handling the matter" reports_to unit_head

fact deadline_days: int "督办通知确定的办结时限（工作日）the working days the assignment gave"
fact report_due: date "督办通知确定的进展报告时限 the day by which the assignment asked for a progress report"
fact major_project: bool default false "重大项目、领导批示件 a major project or a leader's written instruction"
// 公务员法 Art. 60: "但是，公务员执行明显违法的决定或者命令的，应当依法承担相应的责任".
fact clearly_illegal: bool default false "the objected order was clearly illegal (明显违法)"

procedure supervision "督查督办" {
  calendar cn

  step assignment "交办 assignment" {
    // the supervision office assigns the matter with a time limit
    required
    by supervisor
    cite "督查事项交办 (seed 001)"
  }

  step progress_report "进展报告 progress report" {
    // "限时报告": the handling unit reports progress by the day the assignment set
    required
    by handler
    after assignment
    ends by report_due
    cite "督查事项限时报告 (seed 001)"
  }

  step follow_up "跟踪督办 follow-up" {
    // major projects and leaders' instructions are followed up by the supervision office (the
    // 20 working days are this municipality's choice; seed 001 sets no figure)
    required when major_project
    by supervisor
    after assignment
    within 20 workdays after assignment
    cite "重大项目活动跟踪督办 (seed 001; 20 working days a local choice)"
  }

  step written_objection "书面异议 written objection to a superior's order" {
    // a handler who objects in writing to an order that is then upheld does not answer for it
    by handler
    after assignment
    records objector: person
    cite "公务员法 Art. 60; 问责条例 Art. 17"
  }

  step completion "办结 completion" {
    // the matter is completed within the time the assignment set
    required
    by handler
    after assignment
    within deadline_days workdays after assignment
    cite "限时办结 (seed 001)"
  }

  step completion_report "办结报告 report of completion" {
    // the head of the handling unit reports completion to the level above within 3 working days
    // (a local choice: seed 001 asks for the report, not its time)
    required
    by unit_head
    after completion
    within 3 workdays after completion
    cite "下级对上级负责 (seed 001; 3 working days a local choice)"
  }
}

// The handling unit's officer answers for late or missing work, and the unit head above them:
// each level answers to the one above. A handler who objected in writing to the order, which was
// upheld, answers for nothing and the superior whose order it was answers directly instead —
// unless the order was clearly illegal, when the handler answers too (公务员法 Art. 60).
rule handling_unit "承办单位逾期、不报告" {
  on missing, late, out_of_order of progress_report, completion
  liable actor as direct
  liable leader of actor as main_leadership
  liable leader of objector of written_objection as direct
  exempt objector of written_objection "objected in writing to the superior's order, which was upheld: the superior bears the consequences (公务员法 Art. 60; 问责条例 Art. 17)" unless clearly_illegal
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> suspension
    main_leadership -1
    aggravate +1
    mitigate -1
  }
  penalty accountability {
    none -> nothing
    minor -> rectify
    major -> criticism
    severe -> no_award
    main_leadership -1
  }
  cite "一级督办一级 (seed 001); 问责条例 Art. 7; 公务员法 Art. 60"
}

// The unit head answers for the report to the level above.
rule unit_head_report "承办单位负责人未按时报告" {
  on missing, late, out_of_order of completion_report
  liable unit_head as direct
  liable leader of unit_head as important_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    important_leadership -2
    aggravate +1
  }
  cite "下级对上级负责 (seed 001)"
}

// The supervision office answers for not assigning or not following up (督办不力).
rule supervision_office "督办不力" {
  on missing, late, out_of_order of assignment, follow_up
  liable supervisor as direct
  liable leader of supervisor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    main_leadership -1
    aggravate +1
  }
  cite "领导督办机制 (seed 001)"
}

// A step done by someone outside the post.
rule post_responsibility "岗位责任追究" {
  on wrong_actor
  liable actor as direct
  penalty efficiency {
    none -> efficiency_warning
    aggravate +1
  }
  cite "岗位责任制 (seed 001)"
}
