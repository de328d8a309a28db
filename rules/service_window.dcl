// 窗口服务 — first-inquiry responsibility, one-time notice, time-limited completion and service
// commitments at an administrative service window, with escalating efficiency measures.
规则集 service_window "Service-window duties (首问负责、一次性告知、限时办结、服务承诺)" {
  版本 "2024.1"
  施行 2019-04-23
  依据 "Administrative Licensing Law (行政许可法, amended 2019) Arts. 30-32, 42, 44-45, 72, 74, 82; local administrative-efficiency rules on 首问负责制, 一次性告知制, 限时办结制, 服务承诺制 and 责任追究制 (seed texts 000, 002, 004)"
  案例 "../examples/service_window"
  // Graded as `none` when a case does not say (the lightest reading; listed among the defaults).
  后果 默认 无
  // A case that does not say is a closed matter, judged after the fact (listed among the
  // defaults); an open one says `"closed": false` and is judged as of a date.
  办结 默认 是
  // A pending duty of an open matter turns yellow 3 working days before it is due.
  预警 3 工作日 前
}

引入 "accountability.dcl"

日历 cn 来自 "calendars/cn_mainland.json"

角色 window_officer "窗口工作人员 window officer (首问责任人)" 上级为 section_chief
角色 competent_officer "承办岗位人员 officer of the competent post" 上级为 section_chief
角色 section_chief "科室负责人 section chief" 上级为 head
角色 head "行政机关负责人 head of the organ"

// The one who receives a matter hands it on but never also decides it (审管分离).
分离 window_officer, head "the window that receives a matter does not approve it"

事实 complete: 布尔 "申请材料齐全、符合法定形式 the application was complete on receipt"
事实 granted: 布尔 默认 否 "准予行政许可 the decision granted the licence"
// An office that made no service commitment has no commitment limit: absence is allowed and
// reported (`null` among the verdict's defaults), and only the statutory limit applies.
事实 committed_days: 整数 可缺 "服务承诺的办结时限（工作日）the completion time the office committed to, in working days"

程序 service_window "窗口服务" {
  日历 cn

  步骤 inquiry "首问登记 first inquiry" {
    // "首问责任人对来访、来电、来函事项负责接待、登记"
    必须
    由 window_officer, competent_officer
    引用 "首问负责制 (seed 002)"
  }

  步骤 turn_away "推诿、拒绝接待 turning the person away" {
    // the first official asked accepts the matter or hands it on, never turns the person away
    禁止
    由 window_officer, competent_officer
    引用 "首问负责制 (seeds 002, 004)"
  }

  步骤 referral "转交承办岗位 handing on to the competent post" {
    // a matter outside the first official's post goes to the competent post the same day
    由 window_officer
    后于 inquiry
    限 1 日 后于 inquiry
    引用 "首问负责制 (seed 002)"
  }

  步骤 notice "一次性告知补正材料 one-time notice of missing items" {
    // "一次告知申请人需要补正的全部内容"; otherwise "自收到申请材料之日起即为受理"
    必须 除非 complete
    由 window_officer, competent_officer
    后于 inquiry
    限 5 工作日 后于 inquiry
    发生 至多 1
    // once the matter is accepted, no further materials may be demanded (一次告知)
    禁止 后于 acceptance
    引用 "行政许可法 Art. 32(4)"
  }

  步骤 acceptance "受理 acceptance" {
    // "申请材料齐全、符合法定形式…应当受理"; and "逾期不告知的，自收到申请材料之日起即为受理": an
    // incomplete application whose one-time notice was not given within 5 days counts as
    // accepted on the day it was received, and every limit runs from that day
    必须 当 complete
    由 window_officer, competent_officer
    后于 inquiry
    视为 在 inquiry 当 缺失, 逾期 于 notice
    引用 "行政许可法 Art. 32"
  }

  // Art. 45: "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，
  // 所需时间不计算在本节规定的期限内": each of these stops the clock while it runs.
  步骤 hearing "听证 hearing" {
    由 competent_officer
    后于 acceptance
    引用 "行政许可法 Arts. 45, 47-48"
  }

  步骤 expert_review "专家评审 expert review" {
    由 competent_officer
    后于 acceptance
    引用 "行政许可法 Art. 45"
  }

  步骤 bidding_auction "招标、拍卖 bidding or auction" {
    由 competent_officer
    后于 acceptance
    引用 "行政许可法 Art. 45"
  }

  步骤 inspection "检验、检测、检疫 inspection, testing, quarantine" {
    由 competent_officer
    后于 acceptance
    引用 "行政许可法 Art. 45"
  }

  步骤 appraisal "鉴定 appraisal" {
    由 competent_officer
    后于 acceptance
    引用 "行政许可法 Art. 45"
  }

  步骤 extension "延长期限批准 extension approved by the head" {
    // "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日": granted by the head of the
    // organ, and only while the 20 days are still running
    由 head
    后于 acceptance
    引用 "行政许可法 Art. 42"
  }

  步骤 decision "作出决定 decision" {
    // "自受理行政许可申请之日起二十日内作出行政许可决定" (working days, Art. 82); and within the
    // office's own service commitment where it made one. The head of the organ may decide a
    // matter himself (Art. 42 names him as the one who answers for the time limit).
    必须 当 计数(acceptance) > 0
    由 competent_officer, section_chief, head
    后于 acceptance
    限 20 工作日 后于 acceptance 扣除 hearing, expert_review, bidding_auction, inspection, appraisal 延长 10 工作日 由 extension
    限 committed_days 工作日 后于 acceptance 扣除 hearing, expert_review, bidding_auction, inspection, appraisal
    引用 "行政许可法 Arts. 42, 45, 82; 服务承诺制"
  }

  步骤 delivery "送达 delivery of the licence" {
    // "作出准予行政许可的决定…应当自作出决定之日起十日内向申请人颁发、送达行政许可证件": a grant
    // is delivered within 10 working days (a refusal is notified under Art. 38, with no limit here)
    必须 当 granted
    由 window_officer, competent_officer
    后于 decision
    // a licence is never delivered without a decision granting it
    须先经 decision
    限 10 工作日 后于 decision
    引用 "行政许可法 Arts. 44, 82"
  }
}

// First-inquiry responsibility: whoever turned the person away, or did not register the matter,
// answers directly; their section chief as main leadership. Repeat findings within one year
// escalate (local efficiency rules): each dated prior offence of the year before moves the
// measure one step up — 效能告诫, 诫勉, 取消评先, 停职检查.
追责 first_inquiry "首问责任追究" {
  针对 违禁 于 turn_away
  针对 缺失 于 inquiry
  针对 逾期, 顺序错误 于 referral
  追究 行为人 作为 直接责任
  追究 上级领导 行为人 作为 主要领导责任
  处理 efficiency {
    无 -> efficiency_warning
    较轻 -> efficiency_warning
    较重 -> admonition
    严重 -> no_award
    主要领导责任 -1
    加重 +1 限 12 个月
    减轻 -1
  }
  处理 accountability {
    无 -> 不予处理
    较轻 -> 不予处理
    较重 -> criticism
    严重 -> no_award
    主要领导责任 -1
  }
  引用 "首问负责制、责任追究制 (seeds 000, 002, 004)"
}

// One-time notice: not given, given late, or given more than once.
追责 one_time_notice "一次性告知责任追究" {
  针对 缺失, 逾期, 次数不符, 顺序错误, 违禁 于 notice
  追究 行为人 作为 直接责任
  追究 上级领导 行为人 作为 主要领导责任
  处理 efficiency {
    无 -> efficiency_warning
    较轻 -> efficiency_warning
    较重 -> admonition
    严重 -> no_award
    主要领导责任 -1
    加重 +1 限 12 个月
    减轻 -1
  }
  处理 accountability {
    无 -> rectify
    较轻 -> rectify
    较重 -> criticism
    严重 -> no_award
    主要领导责任 -1
  }
  引用 "行政许可法 Arts. 32(4), 72(4)"
}

// Time-limited completion: a decision or delivery later than the law or the service commitment
// allows, no decision on an accepted matter, a licence delivered without a decision, or an
// extension granted after the limit ran out: efficiency measures (限时办结制).
追责 time_limit "限时办结责任追究" {
  针对 缺失, 逾期, 顺序错误 于 acceptance, decision, delivery
  针对 前置缺失 于 delivery
  针对 顺序错误 于 hearing, expert_review, bidding_auction, inspection, appraisal
  针对 逾期, 顺序错误 于 extension
  追究 行为人 作为 直接责任
  追究 上级领导 行为人 作为 主要领导责任
  处理 efficiency {
    无 -> efficiency_warning
    较轻 -> efficiency_warning
    较重 -> admonition
    严重 -> suspension
    主要领导责任 -1
    加重 +1 限 12 个月
    减轻 -1
  }
  引用 "行政许可法 Arts. 42, 44; 限时办结制"
}

// Art. 74(2): a licensing decision not made within the statutory limit — "对直接负责的主管人员和
// 其他直接责任人员依法给予处分" — is sanctioned at every consequence level. (A decision later than
// the office's own commitment but within the law is answered by `time_limit` alone only where the
// commitment is the sole limit broken; both limits share the finding kind `late`, so a case late
// by the commitment alone is graded here too — see the note in docs/language.md.)
追责 late_decision "不在法定期限内作出行政许可决定" {
  针对 缺失, 逾期 于 decision
  追究 行为人 作为 直接责任
  追究 上级领导 行为人 作为 主要领导责任
  处理 sanctions {
    无 -> warning
    较轻 -> warning
    较重 -> demerit
    严重 -> major_demerit
    主要领导责任 -1
    加重 +1
  }
  引用 "行政许可法 Art. 74(2)"
}

// Receiving and approving a matter in one hand, or acting outside one's post.
追责 post_responsibility "岗位责任追究" {
  针对 主体不符, 未分离
  追究 行为人 作为 直接责任
  处理 efficiency {
    无 -> efficiency_warning
    较轻 -> efficiency_warning
    较重 -> admonition
    严重 -> no_award
    加重 +1 限 12 个月
  }
  引用 "岗位责任制 (seeds 000, 001)"
}
