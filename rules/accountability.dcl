// 行政问责 — the ladders of measures that the other rulebooks grade findings on.
// Imported by every procedure rulebook; it declares no procedure of its own.
rulebook accountability "Sanctions and accountability measures (处分与问责)" {
  version "2024.1"
  effective 2020-07-01
  source "Public Officials Administrative Sanctions Law (公职人员政务处分法, 2020) Arts. 7-8, 15, 19, 26; Regulation on Sanctions of Civil Servants of Administrative Organs (Decree 495) Arts. 6-10; CPC Accountability Regulation (问责条例, 2019) Art. 8; Interim Provisions on Accountability of Party and Government Leaders (中办发〔2009〕25号); local efficiency-accountability rules"
}

// 政务处分: six sanctions, lightest first, with their periods (政务处分法 Art. 8).
// Several sanctions: the heaviest applies; equal ones of removal or lighter combine up to 48
// months (政务处分法 Art. 15; Decree 495 Art. 10).
ladder sanctions "政务处分 administrative sanctions" {
  measure warning "警告 warning" 6 months
  measure demerit "记过 demerit" 12 months
  measure major_demerit "记大过 major demerit" 18 months
  measure demotion "降级 demotion" 24 months
  measure removal "撤职 removal from post" 24 months
  measure expulsion "开除 expulsion"
  combine heaviest, sum equal, cap 48 months
}

// 问责: accountability measures for the persons answering (问责条例 Art. 8; Decree 713 Art. 41;
// 2009 Interim Provisions Art. 7; 公务员法 Art. 87). Measures may be combined with sanctions.
ladder accountability "问责 accountability measures" {
  measure rectify "责令限期整改 rectification by a deadline"
  measure criticism "通报批评 circulated criticism"
  measure no_award "取消评先资格 loss of award eligibility"
  measure resign "责令辞职 ordered resignation"
  measure dismissal "建议免职/免职 dismissal from post"
  combine heaviest
}

// 效能问责: local administrative-efficiency measures (seed texts 000, 004; e.g. Ningbo's rules),
// escalating with repeated findings within one year.
ladder efficiency "效能问责 efficiency measures" {
  measure efficiency_warning "效能告诫 efficiency warning"
  measure admonition "诫勉 admonition"
  measure no_award "取消评先资格 loss of award eligibility"
  measure suspension "停职检查 suspension pending self-examination"
  combine heaviest
}
