//! The pages of the live service (电子监察), rendered on the server in Chinese or English: the
//! board of open matters in red, yellow and green with the alert list, and one matter's page with
//! its timeline, its pending due dates, its findings and liability, and the procedure's
//! flowchart with the matter's position.

use std::fmt::Write;

use super::html::{self, Flowcharts, Lang, head};
use super::status::{Light, Status};
use super::text::markup as esc;
use crate::compile::model::Model;
use crate::eval::case::RawEvent;
use crate::eval::verdict::Record;

/// One open matter on the board.
pub struct Row {
    /// Its status as of today.
    pub status: Status,
    /// Its unit.
    pub unit: Option<String>,
}

fn light_class(l: Option<Light>) -> &'static str {
    l.map_or("none", Light::as_str)
}

/// A link to a page of the dashboard, keeping the token and the language.
fn link(path: &str, token: &str, lang: Lang) -> String {
    let l = if lang == Lang::Zh { "zh" } else { "en" };
    let token: String = token
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(char::from)
        .collect();
    format!("{path}?lang={l}&amp;token={token}")
}

/// The board: counts by light, the open matters most urgent first, and the alerts.
pub fn board(rows: &[Row], model: &Model, lang: Lang, token: &str) -> String {
    let w = html::Words::of(lang);
    let mut out = String::with_capacity(16 * 1024 + rows.len() * 512);
    head(&mut out, &w.board, model, lang);
    let count = |l: Light| rows.iter().filter(|r| r.status.worst() == Some(l)).count();
    out.push_str("<section id=\"board\"><div class=\"cards\">");
    for (i, l) in [Light::Red, Light::Yellow, Light::Green]
        .into_iter()
        .enumerate()
    {
        let _ = write!(
            out,
            "<div class=\"card light {}\"><b>{}</b>{}</div>",
            light_class(Some(l)),
            count(l),
            esc(w.lights.get(i).map_or("", String::as_str))
        );
    }
    let _ = write!(
        out,
        "</div><table id=\"matters-table\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&w.case),
        esc(&w.unit),
        esc(&w.status),
        esc(&w.left)
    );
    for r in rows {
        let worst = r.status.worst();
        let left = Some(r.status.left())
            .filter(|n| *n != i64::MAX)
            .map_or(String::new(), |n| n.to_string());
        let _ = write!(
            out,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td><span class=\"dot {}\"></span></td><td class=\"n\">{left}</td></tr>",
            link(
                &format!("/dashboard/matters/{}", esc(&r.status.case)),
                token,
                lang
            ),
            esc(&r.status.case),
            esc(r.unit.as_deref().unwrap_or("")),
            light_class(worst)
        );
    }
    let _ = write!(
        out,
        "</tbody></table></section><section id=\"alerts\"><h2>{}</h2><ul>",
        esc(&w.alerts)
    );
    for r in rows {
        for d in r
            .status
            .duties
            .iter()
            .filter(|d| matches!(d.level, Some(Light::Red | Light::Yellow)))
        {
            let _ = write!(
                out,
                "<li class=\"{}\"><b>{}</b> · {} {} {}</li>",
                light_class(d.level),
                esc(&r.status.case),
                esc(&d.step),
                esc(d.due.as_deref().unwrap_or("")),
                esc(&d.liable.join(", "))
            );
        }
    }
    out.push_str("</ul></section></body></html>\n");
    out
}

/// One matter's page: its timeline, then what the report shows of a matter.
pub fn matter(record: &Record, events: &[RawEvent], model: &Model, lang: Lang) -> String {
    let w = html::Words::of(lang);
    let mut out = String::with_capacity(32 * 1024);
    head(&mut out, &w.board, model, lang);
    let _ = write!(
        out,
        "<section id=\"timeline\"><h2>{}</h2><ol class=\"timeline\">",
        esc(&w.timeline)
    );
    let mut order: Vec<&RawEvent> = events.iter().collect();
    order.sort_by(|a, b| a.start.cmp(&b.start));
    for e in order {
        let end = e
            .end
            .as_deref()
            .map_or(String::new(), |x| format!(" – {x}"));
        let _ = write!(
            out,
            "<li><time>{}{}</time> <b>{}</b> {}</li>",
            esc(&e.start),
            esc(&end),
            esc(&e.step),
            esc(e.by.as_deref().unwrap_or("?"))
        );
    }
    out.push_str("</ol></section><section id=\"details\">");
    html::detail(&mut out, 0, record, model, &Flowcharts::new(model), w);
    out.push_str("</section></body></html>\n");
    out
}
