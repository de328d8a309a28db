// 县级重大行政决策程序 — a county's implementing rules under State Council Decree No. 713: the
// national duties, made stricter. The hierarchy-of-norms check (DC04xx) proves it weakens none.
rulebook county_major_decision "County rules on major administrative decisions (县级重大行政决策程序规定)" {
  version "2024.1"
  effective 2024-01-01
  source "A county government's implementing rules under Decree No. 713 Art. 43 (县人民政府重大行政决策程序规定), refining rules/major_decision.dcl"
  cases "../examples/county_major_decision"
  // Graded as `none` when a case does not say (the lightest reading; listed among the defaults).
  consequence default none
  // A case that does not say is a closed matter, judged after the fact (listed among the
  // defaults); an open one says `"closed": false` and is judged as of a date.
  closed default true
}

refine "major_decision.dcl"

fact price: bool "the decision sets or adjusts a price or fee (价格、收费决策)"

procedure major_decision "县级重大行政决策" {
  calendar cn

  step public_participation "公众参与 public participation" {
    // the county gives the public at least 35 days, not the national 30
    required unless withheld
    by sponsor
    lasts at least 35 days unless urgent
    cite "Decree 713 Arts. 14-15; county rules Art. 12"
  }

  step hearing "听证 hearing" {
    // price and fee decisions always go to a hearing in this county
    required when hearing_required or price
    by sponsor
    cite "Decree 713 Arts. 16-17; county rules Art. 14"
  }

  step expert_review "专家论证 expert review" {
    required when professional
    by sponsor
    cite "Decree 713 Arts. 19-21"
  }

  step risk_assessment "风险评估 risk assessment" {
    required when risk
    by sponsor
    cite "Decree 713 Arts. 22-24"
  }

  step legality_review "合法性审查 legality review" {
    required
    by legal_office
    after public_participation, hearing, expert_review, risk_assessment
    cite "Decree 713 Arts. 25, 27"
  }

  step collective_discussion "集体讨论决定 collective discussion and decision" {
    // more than half of the meeting's members must attend (政府工作规则); those sitting in without
    // being members (列席) do not count (Decree 713 Art. 30)
    required
    by head
    after legality_review
    at least 7 workdays after legality_review.start
    records attendees: persons, dissent: persons
    ensure count(attendees holding member) * 2 > holders(member) "more than half of the meeting's members attend"
    cite "Decree 713 Arts. 26, 30; county rules Art. 20"
  }

  step publication "公布 publication" {
    // published within 20 working days of the decision (a county choice; Art. 32 says "及时"),
    // unless withheld from disclosure by law
    required unless withheld
    by sponsor
    after collective_discussion
    within 20 workdays after collective_discussion
    cite "Decree 713 Art. 32; county rules Art. 24"
  }
}

// Publication skipped, made before the decision, or later than 20 working days after it.
rule publication_duty "决策未依法及时公布" {
  on missing, out_of_order, late of publication
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
  cite "Decree 713 Arts. 32, 39; county rules Art. 24"
}

// A decision taken by a meeting without a quorum: the head who convened it answers directly.
rule meeting_quorum "会议不足法定人数作出决定" {
  on quorum of collective_discussion
  liable head as direct
  penalty accountability {
    none -> rectify
    minor -> criticism
    major -> no_award
    severe -> resign
    aggravate +1
  }
  penalty sanctions {
    none -> nothing
    minor -> nothing
    major -> warning
    severe -> demerit
    aggravate +1
  }
  cite "Decree 713 Art. 30; county rules Art. 20"
}
