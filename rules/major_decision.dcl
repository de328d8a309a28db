// 重大行政决策程序 — the decision chain of State Council Decree No. 713. The names of facts,
// roles, steps and liability rules 1-5 are a fixed interface: auditors' data depends on them.
rulebook major_decision "Major administrative decision-making procedure (重大行政决策程序)" {
  version "2019-09-01"
  effective 2019-09-01
  source "Interim Regulations on Major Administrative Decision-making Procedures (重大行政决策程序暂行条例), State Council Decree No. 713, in force 2019-09-01"
  cases "../examples/major_decision"
  // A case that does not say how grave its consequences were is graded as `none`: the lightest
  // reading, and the verdict lists it among its defaults.
  consequence default none
  // A case that does not say is a closed matter, judged after the fact (listed among the
  // defaults); an open one says `"closed": false` and is judged as of a date.
  closed default true
  // A pending duty of an open matter turns yellow 3 working days before it is due.
  warn 3 workdays before
}

import "accountability.dcl"

calendar cn from "calendars/cn_mainland.json"

role head "行政首长 principal executive leader"
role deputy "分管负责人 leader in charge" reports_to head
role sponsor "决策承办单位 undertaking unit" reports_to deputy
role legal_office "合法性审查机构 legality-review body" reports_to head
role expert "专家 expert"
role member "决策机关会议组成人员 member of the deciding meeting"

// The legality review is done by the reviewing body, not by the unit that drafted (Art. 25).
separate sponsor, legal_office "the drafting unit does not review its own draft (Art. 25)"

// Disclosure is the rule and withholding the exception the law must establish (公开为常态、不公开为
// 例外), so a case that says nothing about it is read as not withheld, and the verdict says so.
fact withheld: bool default false "withheld from disclosure by law (依法不予公开)"
fact professional: bool "strongly professional or technical (专业性、技术性较强)"
fact risk: bool "may harm social stability or public safety (社会稳定、公共安全风险)"
fact hearing_required: bool "a law requires a hearing, or the organ decided to hold one"
// Art. 15: "因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明" — a shorter comment period
// is lawful only for urgency explained when the draft was published.
fact urgent: bool default false "comment period shortened for urgency, with the reasons explained (Art. 15)"

procedure major_decision "重大行政决策" {
  calendar cn

  step public_participation "公众参与 public participation" {
    // "公开征求意见的期限一般不少于30日"
    required unless withheld
    by sponsor
    lasts at least 30 days unless urgent
    cite "Decree 713 Arts. 14-15"
  }

  step hearing "听证 hearing" {
    // hearing when the law requires it or the organ decides to hold one
    required when hearing_required
    by sponsor
    cite "Decree 713 Arts. 16-17"
  }

  step expert_review "专家论证 expert review" {
    // "专业性、技术性较强的决策事项，应当组织专家论证"
    required when professional
    by sponsor
    cite "Decree 713 Arts. 19-21"
  }

  step risk_assessment "风险评估 risk assessment" {
    // "可能对社会稳定、公共安全等方面造成不利影响的，应当组织评估"
    required when risk
    by sponsor
    cite "Decree 713 Arts. 22-24"
  }

  step legality_review "合法性审查 legality review" {
    // "未经合法性审查或者经审查不合法的，不得提交决策机关讨论"
    required
    by legal_office
    after public_participation, hearing, expert_review, risk_assessment
    cite "Decree 713 Arts. 25, 27"
  }

  step collective_discussion "集体讨论决定 collective discussion and decision" {
    // "给予合法性审查机构不少于7个工作日的审查时间"; the head decides after discussion
    required
    by head
    after legality_review
    at least 7 workdays after legality_review.start
    records attendees: persons, dissent: persons
    cite "Decree 713 Arts. 26, 30"
  }

  step publication "公布 publication" {
    // "决策机关应当通过本级人民政府公报和政府网站…及时公布…依法不予公开的除外"
    required unless withheld
    by sponsor
    after collective_discussion
    cite "Decree 713 Art. 32"
  }
}

// 1. A conditional procedure not performed, cut short, or performed after the legality review
//    started: the undertaking unit answers directly, its leader in charge as main leadership.
rule conditional_steps "公众参与、听证、专家论证、风险评估未履行" {
  on missing, too_short, out_of_order of public_participation, hearing, expert_review, risk_assessment
  liable sponsor as direct
  liable leader of sponsor as main_leadership
  penalty sanctions {
    none -> nothing
    minor -> warning
    major -> demerit
    severe -> demotion
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Art. 39"
}

// 2. No legality review, or the decision discussed before it ended or less than 7 working days
//    after it was requested: the undertaking unit directly, the head as main leadership.
rule legality_gate "未经合法性审查或审查时间不足即提交讨论" {
  on missing of legality_review
  on out_of_order, too_soon of collective_discussion
  liable sponsor as direct
  liable head as main_leadership
  penalty sanctions {
    none -> nothing
    minor -> warning
    major -> demerit
    severe -> demotion
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Arts. 25, 26, 38"
}

// 3. No collective discussion: the head decided alone and answers directly. Deciding alone is
//    sanctioned from warning up to removal (政务处分法 Art. 30): even aggravated, never expulsion.
rule head_decided_alone "未经集体讨论决定，个人决定重大事项" {
  on missing of collective_discussion
  liable head as direct
  penalty sanctions {
    none -> warning
    minor -> demerit
    major -> major_demerit
    severe -> demotion
    aggravate +1
    mitigate -1
  }
  penalty accountability {
    none -> criticism
    minor -> no_award
    major -> resign
    severe -> dismissal
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Arts. 30, 38; Decree 495 Art. 19(1)"
}

// 4. The meeting adopted a decision whose procedure had a finding under rule 1 or 2: each
//    member who attended, but the head, answers as important leadership, unless their dissent
//    was recorded. Non-members sitting in (列席) took no part in the decision (Art. 30).
rule meeting_members "会议组成人员的重要领导责任" {
  on findings of conditional_steps, legality_gate
  liable attendees of collective_discussion holding member except head as important_leadership
  exempt dissent of collective_discussion "dissent recorded in the collective decision (Decree 713 Art. 38(3); 问责条例 Art. 17(2))"
  penalty sanctions {
    none -> nothing
    minor -> warning
    major -> demerit
    severe -> demotion
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Art. 38(3)"
}

// Publication skipped or made before the decision: the undertaking unit, as under Art. 39.
rule publication_duty "决策未依法公布" {
  on missing, out_of_order of publication
  liable sponsor as direct
  liable leader of sponsor as main_leadership
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    main_leadership -1
    important_leadership -2
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Arts. 32, 39"
}

// A step performed outside one's post, or by one person in two roles kept apart: the person who
// acted answers directly (岗位责任).
rule post_responsibility "越岗履职、审管不分" {
  on wrong_actor, separation
  liable actor as direct
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    aggravate +1
    mitigate -1
  }
  cite "Decree 713 Arts. 25, 39"
}
