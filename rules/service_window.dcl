// 窗口服务 — first-inquiry responsibility, one-time notice, time-limited completion and service
// commitments at an administrative service window, with escalating efficiency measures.
rulebook service_window "Service-window duties (首问负责、一次性告知、限时办结、服务承诺)" {
  version "2024.1"
  effective 2019-04-23
  source "Administrative Licensing Law (行政许可法, amended 2019) Arts. 30-32, 42, 44-45, 72, 74, 82; local administrative-efficiency rules on 首问负责制, 一次性告知制, 限时办结制, 服务承诺制 and 责任追究制 (seed texts 000, 002, 004)"
  cases "../examples/service_window"
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

role window_officer "窗口工作人员 window officer (首问责任人)" reports_to section_chief
role competent_officer "承办岗位人员 officer of the competent post" reports_to section_chief
role section_chief "科室负责人 section chief" reports_to head
role head "行政机关负责人 head of the organ"

// The one who receives a matter hands it on but never also decides it (审管分离).
separate window_officer, head "the window that receives a matter does not approve it"

fact complete: bool "申请材料齐全、符合法定形式 the application was complete on receipt"
fact granted: bool default false "准予行政许可 the decision granted the licence"
// An office that made no service commitment has no commitment limit: absence is allowed and
// reported (`null` among the verdict's defaults), and only the statutory limit applies.
fact committed_days: int optional "服务承诺的办结时限（工作日）the completion time the office committed to, in working days"

procedure service_window "窗口服务" {
  calendar cn

  step inquiry "首问登记 first inquiry" {
    // "首问责任人对来访、来电、来函事项负责接待、登记"
    required
    by window_officer, competent_officer
    cite "首问负责制 (seed 002)"
  }

  step turn_away "推诿、拒绝接待 turning the person away" {
    // the first official asked accepts the matter or hands it on, never turns the person away
    forbidden
    by window_officer, competent_officer
    cite "首问负责制 (seeds 002, 004)"
  }

  step referral "转交承办岗位 handing on to the competent post" {
    // a matter outside the first official's post goes to the competent post the same day
    by window_officer
    after inquiry
    within 1 days after inquiry
    cite "首问负责制 (seed 002)"
  }

  step notice "一次性告知补正材料 one-time notice of missing items" {
    // "一次告知申请人需要补正的全部内容"; otherwise "自收到申请材料之日起即为受理"
    required unless complete
    by window_officer, competent_officer
    after inquiry
    within 5 workdays after inquiry
    occurs at most 1
    // once the matter is accepted, no further materials may be demanded (一次告知)
    forbidden after acceptance
    cite "行政许可法 Art. 32(4)"
  }

  step acceptance "受理 acceptance" {
    // "申请材料齐全、符合法定形式…应当受理"; and "逾期不告知的，自收到申请材料之日起即为受理": an
    // incomplete application whose one-time notice was not given within 5 days counts as
    // accepted on the day it was received, and every limit runs from that day
    required when complete
    by window_officer, competent_officer
    after inquiry
    deemed at inquiry when missing, late of notice
    cite "行政许可法 Art. 32"
  }

  // Art. 45: "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，
  // 所需时间不计算在本节规定的期限内": each of these stops the clock while it runs.
  step hearing "听证 hearing" {
    by competent_officer
    after acceptance
    cite "行政许可法 Arts. 45, 47-48"
  }

  step expert_review "专家评审 expert review" {
    by competent_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step bidding_auction "招标、拍卖 bidding or auction" {
    by competent_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step inspection "检验、检测、检疫 inspection, testing, quarantine" {
    by competent_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step appraisal "鉴定 appraisal" {
    by competent_officer
    after acceptance
    cite "行政许可法 Art. 45"
  }

  step extension "延长期限批准 extension approved by the head" {
    // "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日": granted by the head of the
    // organ, and only while the 20 days are still running
    by head
    after acceptance
    cite "行政许可法 Art. 42"
  }

  step decision "作出决定 decision" {
    // "自受理行政许可申请之日起二十日内作出行政许可决定" (working days, Art. 82); and within the
    // office's own service commitment where it made one. The head of the organ may decide a
    // matter himself (Art. 42 names him as the one who answers for the time limit).
    required when count(acceptance) > 0
    by competent_officer, section_chief, head
    after acceptance
    within 20 workdays after acceptance excluding hearing, expert_review, bidding_auction, inspection, appraisal extend 10 workdays by extension
    within committed_days workdays after acceptance excluding hearing, expert_review, bidding_auction, inspection, appraisal
    cite "行政许可法 Arts. 42, 45, 82; 服务承诺制"
  }

  step delivery "送达 delivery of the licence" {
    // "作出准予行政许可的决定…应当自作出决定之日起十日内向申请人颁发、送达行政许可证件": a grant
    // is delivered within 10 working days (a refusal is notified under Art. 38, with no limit here)
    required when granted
    by window_officer, competent_officer
    after decision
    // a licence is never delivered without a decision granting it
    requires decision
    within 10 workdays after decision
    cite "行政许可法 Arts. 44, 82"
  }
}

// First-inquiry responsibility: whoever turned the person away, or did not register the matter,
// answers directly; their section chief as main leadership. Repeat findings within one year
// escalate (local efficiency rules): each dated prior offence of the year before moves the
// measure one step up — 效能告诫, 诫勉, 取消评先, 停职检查.
rule first_inquiry "首问责任追究" {
  on forbidden of turn_away
  on missing of inquiry
  on late, out_of_order of referral
  liable actor as direct
  liable leader of actor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    main_leadership -1
    aggravate +1 within 12 months
    mitigate -1
  }
  penalty accountability {
    none -> nothing
    minor -> nothing
    major -> criticism
    severe -> no_award
    main_leadership -1
  }
  cite "首问负责制、责任追究制 (seeds 000, 002, 004)"
}

// One-time notice: not given, given late, or given more than once.
rule one_time_notice "一次性告知责任追究" {
  on missing, late, occurrence, out_of_order, forbidden of notice
  liable actor as direct
  liable leader of actor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    main_leadership -1
    aggravate +1 within 12 months
    mitigate -1
  }
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> no_award
    main_leadership -1
  }
  cite "行政许可法 Arts. 32(4), 72(4)"
}

// Time-limited completion: a decision or delivery later than the law or the service commitment
// allows, no decision on an accepted matter, a licence delivered without a decision, or an
// extension granted after the limit ran out: efficiency measures (限时办结制).
rule time_limit "限时办结责任追究" {
  on missing, late, out_of_order of acceptance, decision, delivery
  on unprepared of delivery
  on out_of_order of hearing, expert_review, bidding_auction, inspection, appraisal
  on late, out_of_order of extension
  liable actor as direct
  liable leader of actor as main_leadership
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> suspension
    main_leadership -1
    aggravate +1 within 12 months
    mitigate -1
  }
  cite "行政许可法 Arts. 42, 44; 限时办结制"
}

// Art. 74(2): a licensing decision not made within the statutory limit — "对直接负责的主管人员和
// 其他直接责任人员依法给予处分" — is sanctioned at every consequence level. (A decision later than
// the office's own commitment but within the law is answered by `time_limit` alone only where the
// commitment is the sole limit broken; both limits share the finding kind `late`, so a case late
// by the commitment alone is graded here too — see the note in docs/language.md.)
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
  cite "行政许可法 Art. 74(2)"
}

// Receiving and approving a matter in one hand, or acting outside one's post.
rule post_responsibility "岗位责任追究" {
  on wrong_actor, separation
  liable actor as direct
  penalty efficiency {
    none -> efficiency_warning
    minor -> efficiency_warning
    major -> admonition
    severe -> no_award
    aggravate +1 within 12 months
  }
  cite "岗位责任制 (seeds 000, 001)"
}
