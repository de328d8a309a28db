//! `duechain graph` and `duechain doc`: the rulebook drawn and written for people.

use super::args::{DocArgs, GraphArgs, GraphFormat, Lang};
use super::{INVALID, OK, files};
use duechain::diag::{Code, Msg};
use duechain::parse::keywords::Keywords;
use duechain::report::graph;

/// Prints the flowchart; a rulebook with errors prints its diagnostics instead (exit 2), and an
/// SVG without Graphviz is DC0908.
pub fn run(args: &GraphArgs) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.file) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let procs = match graph::procedures(model, args.procedure.as_deref()) {
        Ok(p) => p,
        Err(msg) => {
            super::fail(
                Code::UnknownName,
                "--procedure",
                duechain::msg!("plain", text = msg),
                duechain::msg!("name-a-procedure"),
            );
            return INVALID;
        }
    };
    let lang = page_lang(&checked);
    match args.format {
        GraphFormat::Dot => out!("{}", graph::dot(model, &procs, lang)),
        GraphFormat::Mermaid => out!("{}", graph::mermaid(model, &procs, lang)),
        GraphFormat::Svg => match render_svg(&graph::dot(model, &procs, lang)) {
            Ok(svg) => out!("{svg}"),
            Err(why) => {
                let help = duechain::msg!("missing-dot-help");
                super::fail(Code::MissingProgram, "dot", why, help);
                return INVALID;
            }
        },
    }
    OK
}

/// The language asked for; else Chinese for a rulebook with Chinese keywords; else the
/// locale's; else English.
fn page_lang(checked: &duechain::Checked) -> duechain::report::html::Lang {
    super::asked_lang()
        .or_else(|| (checked.keywords() == Keywords::Zh).then_some(Lang::Zh))
        .or_else(super::locale_lang)
        .unwrap_or(Lang::En)
        .into()
}

/// Writes the rulebook document; its flowcharts come from Graphviz where it is installed, else
/// from duechain's own layout (with a notice).
pub fn doc(args: &DocArgs) -> u8 {
    let Some(checked) = files::valid(&args.root, &args.file) else {
        return INVALID;
    };
    let Some(model) = checked.model.as_ref() else {
        return INVALID;
    };
    let lang = page_lang(&checked);
    let charts: Result<Vec<String>, Msg> = (0..model.procedures.len())
        .map(|i| {
            let p = duechain::compile::model::ProcId::of(i);
            render_svg(&graph::dot(model, &[p], lang))
        })
        .collect();
    let charts = match charts {
        Ok(c) => Some(c),
        Err(why) => {
            let notice = duechain::msg!("own-layout", reason = why.text(super::lang()));
            errln!("{}", notice.text(super::lang()));
            None
        }
    };
    let page = duechain::report::doc::document(model, lang, charts.as_deref());
    super::write_page(args.output.as_deref(), &page)
}

/// The SVG Graphviz's `dot` draws of a DOT text.
fn render_svg(dot: &str) -> Result<String, Msg> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| duechain::msg!("dot-cannot-run", reason = e))?;
    let input = dot.to_owned();
    let stdin = child.stdin.take();
    // Written from another thread, so a large chart cannot fill both pipes and stall.
    let writer = std::thread::spawn(move || stdin.map(|mut s| s.write_all(input.as_bytes())));
    let out = child
        .wait_with_output()
        .map_err(|e| duechain::msg!("dot-failed", reason = e))?;
    let _ = writer.join();
    if !out.status.success() {
        let reason = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(duechain::msg!("dot-failed", reason = reason));
    }
    String::from_utf8(out.stdout).map_err(|e| duechain::msg!("dot-not-utf8", reason = e))
}
