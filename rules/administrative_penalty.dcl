// 行政处罚普通程序 — the general procedure of administrative penalties under the Administrative
// Penalty Law as revised in 2021: limitation, notice of rights, hearing, legality review,
// decision within 90 days, delivery, payment, closing and enforcement.
rulebook administrative_penalty "General procedure of administrative penalties (行政处罚普通程序)" {
  version "2021-07-15"
  effective 2021-07-15
  source "Administrative Penalty Law (行政处罚法, revised 2021-01-22, in force 2021-07-15) Arts. 36-37, 44, 54, 57-58, 60-64, 66-67, 72, 76, 85; Administrative Compulsion Law (行政强制法) Art. 53"
  cases "../examples/administrative_penalty"
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

role officer "执法人员 law-enforcement officer" reports_to organ_head
role presiding "听证主持人 hearing officer" reports_to organ_head
role reviewer "法制审核人员 legality reviewer" reports_to organ_head
role organ_head "行政机关负责人 head of the organ"
role party "当事人 party"

// Art. 64(4): the hearing is presided over by someone the organ names who did not investigate.
separate officer, presiding "the hearing is presided over by someone who did not investigate the case (Art. 64(4))"

fact offence_on: date "违法行为发生之日（连续、继续的，终了之日）the day the offence happened or ended (Art. 36)"
fact grave_harm: bool default false "涉及公民生命健康安全、金融安全且有危害后果 life, health or financial safety harmed (Art. 36)"
fact hearing_requested: bool default false "当事人在告知后五日内要求听证 the party asked for a hearing in time (Arts. 63-64)"
fact major_case: bool "须经法制审核的情形 a case Art. 58 sends to legality review"
fact fine: money default 0 "罚款数额 the fine imposed (0 when none)"
// 行政强制法 Art. 53: the organ applies to the court within three months of the day the party's
// time to sue ran out.
fact appeal_period_ends: date optional "法定起诉期限届满之日 the day the party's time to appeal or sue ran out"

procedure administrative_penalty "行政处罚普通程序" {
  calendar cn

  step case_filing "立案 filing the case" {
    // Art. 36: "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且
    // 有危害后果的，上述期限延长至五年", counted from the day of the offence
    required
    by officer
    within 2 years after offence_on unless grave_harm
    within 5 years after offence_on when grave_harm
    cite "行政处罚法 Arts. 36, 54"
  }

  step notice_of_rights "告知拟处罚内容及陈述、申辩、听证权利 notice of the intended penalty and of the party's rights" {
    required
    by officer
    after case_filing
    cite "行政处罚法 Arts. 44, 63"
  }

  step hearing_notice "听证通知 notice of the hearing" {
    required when hearing_requested
    by officer
    after notice_of_rights
    cite "行政处罚法 Art. 64(2)"
  }

  step hearing "听证 hearing" {
    // "应当在举行听证的七日前，通知当事人" (working days, Art. 85)
    required when hearing_requested
    by presiding
    after hearing_notice
    requires hearing_notice
    at least 7 workdays after hearing_notice
    cite "行政处罚法 Arts. 63, 64, 85"
  }

  step legality_review "法制审核 legality review" {
    required when major_case
    by reviewer
    after case_filing
    cite "行政处罚法 Art. 58"
  }

  step decision "作出行政处罚决定 decision" {
    // Art. 57: the head of the organ decides; Art. 62: never without the notice of rights;
    // Art. 60 (new in 2021): within 90 days of filing, for cases filed from 2021-07-15 on
    required
    by organ_head
    after notice_of_rights, hearing, legality_review
    requires notice_of_rights
    within 90 days after case_filing since 2021-07-15
    cite "行政处罚法 Arts. 57, 60, 62, 65"
  }

  step delivery "送达 delivery of the decision" {
    // "当事人不在场的，行政机关应当在七日内…将行政处罚决定书送达当事人" (working days, Art. 85)
    required
    by officer
    after decision
    within 7 workdays after decision
    cite "行政处罚法 Arts. 61, 85"
  }

  step payment "缴纳罚款 payment of the fine" {
    // Art. 67: within 15 days of receiving the decision; by instalments with approval (Art. 66)
    by party
    records amount: money
    cite "行政处罚法 Arts. 66, 67"
  }

  step closing "结案 closing the case" {
    // a case whose fine is not paid in full is not closed as executed
    by officer
    after decision
    ensure sum(payment.amount) >= fine "the fine was paid in full before the case was closed"
    cite "行政处罚法 Arts. 66, 67, 72"
  }

  step enforcement "申请人民法院强制执行 application for enforcement by the court" {
    // 行政强制法 Art. 53: within three months of the end of the time to sue; never once the case
    // was closed as paid
    by officer
    after delivery
    within 3 months after appeal_period_ends
    forbidden after closing
    cite "行政处罚法 Art. 72; 行政强制法 Art. 53"
  }
}

// Art. 76: a case not filed, a penalty outside its legal basis (a time-barred offence) or in
// breach of the statutory procedure: the officer who acted answers directly, the head of the
// organ as main leadership.
rule procedure_breach "违反法定的行政处罚程序" {
  on missing, late of case_filing
  on missing, out_of_order of notice_of_rights, hearing_notice, hearing, legality_review, decision, delivery
  on unprepared, late of decision
  on unprepared, too_soon of hearing
  on late of delivery
  liable actor as direct
  liable leader of actor as main_leadership
  penalty sanctions {
    none -> nothing
    minor -> warning
    major -> demerit
    severe -> major_demerit
    main_leadership -1
    aggravate +1 during sanction
  }
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> no_award
    main_leadership -1
  }
  cite "行政处罚法 Art. 76; 政务处分法 Art. 13"
}

// Closing a case whose fine was not paid in full, applying for enforcement late, or after the
// case was closed as paid.
rule execution_breach "罚款执行违法" {
  on quorum, out_of_order of closing
  on late, forbidden, out_of_order of enforcement
  liable actor as direct
  liable leader of actor as main_leadership
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> no_award
    main_leadership -1
  }
  cite "行政处罚法 Arts. 72, 76; 行政强制法 Art. 53"
}

// The hearing presided over by the investigating officer, or a step done outside one's post.
rule post_responsibility "岗位责任追究" {
  on wrong_actor, separation
  liable actor as direct
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> no_award
  }
  cite "行政处罚法 Arts. 42, 64(4), 76"
}
