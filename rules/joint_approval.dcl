// 联合审批 — one lead unit accepts a matter that needs several departments, each co-organizer gives
// its opinion within the time the lead unit sets, and the whole is decided within 45 working days
// (+15 with the government head's approval). The lead answers for the whole; each co-organizer
// for its own delay, and one that answered in time for nothing.
rulebook joint_approval "Joint approval by lead and co-organizing units (主办、协办与统一办理)" {
  version "2024.1"
  effective 2019-04-23
  source "Administrative Licensing Law (行政许可法, amended 2019) Arts. 26, 42, 45, 82; municipal rules on 主办/协办 units and 统一受理 (seed texts 001, 002, 003)"
  cases "../examples/joint_approval"
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

role lead_officer "主办单位经办人 officer of the lead unit" reports_to lead_head
role lead_head "主办单位负责人 head of the lead unit" reports_to government_head
role co_officer "协办单位经办人 officer of a co-organizing unit" reports_to co_head
role co_head "协办单位负责人 head of a co-organizing unit" reports_to government_head
role government_head "本级人民政府负责人 head of the government"

fact opinion_days: int "主办单位确定的协办意见时限（工作日）the working days the lead unit gave co-organizers"

procedure joint_approval "联合审批" {
  calendar cn

  step acceptance "统一受理 single acceptance" {
    // "由一个部门统一受理": one lead unit accepts, once
    required
    by lead_officer
    occurs at most 1
    cite "行政许可法 Art. 26; 统一受理 (seed 002)"
  }

  step referral "转送协办单位 referral to the co-organizers" {
    // the lead unit hands the matter to every co-organizer
    required
    by lead_officer
    after acceptance
    within 2 workdays after acceptance
    cite "主办单位负责协调 (seed 001)"
  }

  step co_opinion "协办意见 co-organizer's opinion" {
    // Art. 26: the matter is passed to the other departments, each of which gives its opinion;
    // every co-organizer's officer answers within the time the lead unit set
    required for each co_officer
    by co_officer
    after referral
    within opinion_days workdays after referral
    cite "协办单位配合办理 (seeds 001, 003)"
  }

  // Art. 45: hearings, bidding, auction, inspection, testing, quarantine, appraisal and expert
  // review are not counted in the time limit.
  step hearing "听证 hearing" {
    by lead_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step technical_review "招标、拍卖、检验、检测、检疫、鉴定、专家评审 other procedures the law does not count" {
    by lead_officer, co_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step extension "延长期限批准 extension by the government head" {
    // "经本级人民政府负责人批准，可以延长十五日", while the 45 days are still running
    by government_head
    after acceptance
    cite "行政许可法 Art. 42"
  }

  step decision "统一办理决定 joint decision" {
    // "办理的时间不得超过四十五日"
    required
    by lead_head
    after co_opinion
    within 45 workdays after acceptance excluding hearing, technical_review extend 15 workdays by extension
    cite "行政许可法 Arts. 26, 42, 45, 82"
  }
}

// The lead unit answers for the whole: acceptance, referral and the decision, including a
// decision made late because a co-organizer was late.
rule lead_answers_for_whole "主办单位对联合办理负总责" {
  on missing, late, out_of_order, occurrence of acceptance, referral, decision
  on out_of_order of hearing, technical_review
  on late, out_of_order of extension
  liable actor as direct
  liable leader of actor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    main_leadership -1
    aggravate +1
    mitigate -1
  }
  cite "主办单位负责制 (seed 001); 行政许可法 Art. 26"
}

// Art. 74(2): the joint decision not made within the statutory limit is sanctioned at every
// consequence level ("对直接负责的主管人员和其他直接责任人员依法给予处分").
rule late_decision "不在法定期限内作出行政许可决定" {
  on missing, late of decision
  liable actor as direct
  liable leader of actor as main_leadership
  penalty sanctions {
    none -> warning
    minor -> warning
    major -> demerit
    severe -> major_demerit
    main_leadership -1
    aggravate +1
  }
  cite "行政许可法 Arts. 42, 74(2)"
}

// Each co-organizer answers for its own opinion: missing, late or given before the referral. The
// officer who failed answers, and the head of their own unit; those who answered in time do not.
rule co_organizer_delay "协办单位对自身延误负责" {
  on missing, late, out_of_order of co_opinion
  liable actor as direct
  liable leader of actor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    main_leadership -1
    aggravate +1
    mitigate -1
  }
  cite "协办单位配合责任 (seeds 001, 003)"
}

// A step performed by someone outside the post it belongs to.
rule post_responsibility "岗位责任追究" {
  on wrong_actor
  liable actor as direct
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    aggravate +1
  }
  cite "岗位责任制 (seed 001)"
}
