// 依申请公开 — requests for government information under the Regulation on Open Government
// Information (State Council Decree No. 711, in force 2019-05-15), which seed 004 asks offices to
// carry out ("认真执行《政府信息公开条例》").
rulebook information_disclosure "Requests for government information (政府信息依申请公开)" {
  version "2019-05-15"
  effective 2019-05-15
  source "Regulation of the People's Republic of China on Open Government Information (政府信息公开条例), State Council Decree No. 492 as revised by Decree No. 711, in force 2019-05-15, Arts. 30-33, 47, 53"
  cases "../examples/information_disclosure"
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

role officer "政府信息公开工作人员 officer of the disclosure body" reports_to body_head
role body_head "政府信息公开工作机构负责人 head of the government information disclosure body" reports_to organ_head
role organ_head "行政机关负责人 head of the organ"
role applicant "申请人 applicant"

// Art. 30: "政府信息公开申请内容不明确的，…自收到申请之日起7个工作日内一次性告知申请人作出补正".
fact unclear: bool "申请内容不明确 the request did not make clear what it asked for"
// Art. 30: "申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请".
fact abandoned: bool default false "视为放弃申请 not supplemented in time without good reason"

procedure information_disclosure "政府信息依申请公开" {
  calendar cn

  step receipt "收到申请 receipt of the request" {
    // Art. 31: the day of receipt (in person: the day submitted; by post: the day the receipt is
    // signed; online: the day the system confirms it). A supplemented request is received again,
    // and the reply limit runs from that last receipt (Art. 30).
    required
    by officer
    cite "政府信息公开条例 Arts. 30, 31"
  }

  step supplement_notice "一次性告知补正 one notice to supplement" {
    // "自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限"
    required when unclear
    by officer
    after receipt
    within 7 workdays after first receipt
    occurs at most 1
    cite "政府信息公开条例 Art. 30"
  }

  step supplement "申请人补正 the applicant supplements the request" {
    by applicant
    after supplement_notice
    cite "政府信息公开条例 Art. 30"
  }

  step consultation "征求第三方或者其他机关意见 consulting a third party or another organ" {
    // Arts. 32, 33: the time spent consulting third parties or other organs is not counted
    by officer
    after receipt
    cite "政府信息公开条例 Arts. 32, 33"
  }

  step extension "延长答复期限 extension of the reply limit" {
    // "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得
    // 超过20个工作日": approved by the head of the disclosure body while the 20 days still run
    by body_head
    after receipt
    cite "政府信息公开条例 Art. 33"
  }

  step reply "答复 reply" {
    // "不能当场答复的，应当自收到申请之日起20个工作日内予以答复"; from the supplemented request's
    // receipt when it was supplemented (Art. 30)
    required unless abandoned
    by officer, body_head
    after receipt
    within 20 workdays after last receipt excluding consultation extend 20 workdays by extension
    cite "政府信息公开条例 Arts. 30, 33"
  }
}

// A late or missing reply, a late or repeated notice to supplement, an extension granted late or
// by someone without the power to: the officer who handled the request answers directly and the
// head of the disclosure body as main leadership. The superior organ orders correction; where it
// is serious, sanctions follow (Art. 53); the competent department may order rectification or
// circulate criticism (Art. 47).
rule disclosure_duty "不依法履行政府信息公开职能" {
  on missing, late, occurrence, out_of_order of reply, supplement_notice
  on late, out_of_order of extension, consultation
  on missing of receipt
  liable actor as direct
  liable leader of actor as main_leadership
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> criticism
    main_leadership -1
    aggravate +1
  }
  penalty sanctions {
    none -> nothing
    minor -> nothing
    major -> warning
    severe -> demerit
    main_leadership -1
    aggravate +1
  }
  cite "政府信息公开条例 Arts. 47, 53"
}

// A step handled by someone outside the post it belongs to (an extension the officer granted
// himself, a reply signed by no one with the duty).
rule post_responsibility "岗位责任追究" {
  on wrong_actor
  liable actor as direct
  penalty accountability {
    none -> rectify
    minor -> rectify
    major -> criticism
    severe -> criticism
  }
  cite "政府信息公开条例 Arts. 4, 33, 47"
}
