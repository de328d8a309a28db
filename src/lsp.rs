//! The language server (`duechain lsp`): the same checks as `check` as you type, hover (a
//! name's label, article and duties in words; a keyword's other spelling; a code's
//! explanation), go to definition, references, rename, completion of names and keywords,
//! formatting and document symbols. The protocol runs over any `lsp_server::Connection`; the
//! command line gives it standard input and output, tests a pipe.

pub mod frame;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};

use crate::compile::Files;
use crate::compile::model::Model;
use crate::diag::Msg;
use crate::msg;
use crate::parse::keywords::{self, Keywords};
use crate::report::html::Lang;
use crate::report::wording;
use crate::source::{FileId, Span};

/// Why the server stopped early.
pub type LspError = Box<dyn std::error::Error + Send + Sync>;

/// The requests the server answers (besides the lifecycle's); any other is MethodNotFound,
/// whether or not it names a document.
const REQUESTS: [&str; 7] = [
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/rename",
    "textDocument/completion",
    "textDocument/formatting",
    "textDocument/documentSymbol",
];

/// What the server says it can do.
fn capabilities() -> Value {
    json!({
        "textDocumentSync": 1,
        "hoverProvider": true,
        "definitionProvider": true,
        "referencesProvider": true,
        "renameProvider": true,
        "completionProvider": {"triggerCharacters": ["."]},
        "documentFormattingProvider": true,
        "documentSymbolProvider": true
    })
}

/// Serves one client until it shuts down. `files` reads what is not open in the editor
/// (imports), and nothing is read outside the workspace the client names.
pub fn serve(conn: &Connection, files: &dyn Files) -> Result<(), LspError> {
    let params = conn.initialize(capabilities())?;
    let root = params
        .get("rootUri")
        .and_then(Value::as_str)
        .and_then(path_of)
        .or_else(|| {
            params
                .pointer("/workspaceFolders/0/uri")
                .and_then(Value::as_str)
                .and_then(path_of)
        });
    // The editor's display language, for the messages (`zh-cn` and the like: Chinese).
    let lang = match params.get("locale").and_then(Value::as_str) {
        Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    };
    let mut server = Server {
        files,
        root,
        lang,
        docs: HashMap::new(),
        analyses: HashMap::new(),
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req)? {
                    return Ok(());
                }
                let resp = server.request(req);
                conn.sender.send(Message::Response(resp))?;
            }
            Message::Notification(n) => {
                for out in server.notification(&n) {
                    conn.sender.send(Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// The open documents and what reads the rest.
struct Server<'a> {
    files: &'a dyn Files,
    root: Option<PathBuf>,
    lang: Lang,
    docs: HashMap<String, String>,
    /// The last check of each open document, made when it changed; any change empties it (a
    /// document may import another).
    analyses: HashMap<String, Rc<Analysis>>,
}

/// Reads open documents from the editor, the rest through `files`.
struct Overlay<'a> {
    files: &'a dyn Files,
    docs: &'a HashMap<String, String>,
}

impl Files for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        match self.docs.get(&uri_of(path)) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => self.files.read(path),
        }
    }

    fn real(&self, path: &Path) -> PathBuf {
        self.files.real(path)
    }
}

/// A document checked: its text, the result, and the file id of the document itself.
struct Analysis {
    text: String,
    checked: crate::Checked,
}

impl Server<'_> {
    /// The document's check: the one made since the last change, else a new one.
    fn analysis(&mut self, uri: &str) -> Option<Rc<Analysis>> {
        if let Some(a) = self.analyses.get(uri) {
            return Some(Rc::clone(a));
        }
        let a = Rc::new(self.analyse(uri)?);
        self.analyses.insert(uri.to_owned(), Rc::clone(&a));
        Some(a)
    }

    fn analyse(&self, uri: &str) -> Option<Analysis> {
        let text = self.docs.get(uri)?.clone();
        let path = path_of(uri)?;
        let root = self
            .root
            .clone()
            .or_else(|| path.parent().map(Path::to_path_buf))?;
        let overlay = Overlay {
            files: self.files,
            docs: &self.docs,
        };
        let checked = crate::check_file(&overlay, &root, &path);
        Some(Analysis { text, checked })
    }

    fn notification(&mut self, n: &Notification) -> Vec<Notification> {
        let uri = n
            .params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let Some(uri) = uri else {
            return Vec::new();
        };
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let text = n
                    .params
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str);
                self.docs.insert(uri.clone(), text.unwrap_or("").to_owned());
            }
            "textDocument/didChange" => {
                // Full synchronisation: the last change holds the whole text.
                let changes = n.params.get("contentChanges").and_then(Value::as_array);
                let text = changes
                    .and_then(|c| c.last())
                    .and_then(|c| c.get("text"))
                    .and_then(Value::as_str);
                if let Some(text) = text {
                    self.docs.insert(uri.clone(), text.to_owned());
                }
            }
            "textDocument/didClose" => {
                self.docs.remove(&uri);
                self.analyses.clear();
                return vec![publish(&uri, Vec::new())];
            }
            _ => return Vec::new(),
        }
        self.analyses.clear();
        let diagnostics = self
            .analysis(&uri)
            .map(|a| diagnostics(&a, self.lang))
            .unwrap_or_default();
        vec![publish(&uri, diagnostics)]
    }

    fn request(&mut self, req: Request) -> Response {
        let uri = req
            .params
            .pointer("/textDocument/uri")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let analysis = self.analysis(uri);
        let position = req
            .params
            .get("position")
            .and_then(|p| serde_json::from_value::<lsp::Position>(p.clone()).ok());
        let result = match (analysis, req.method.as_str()) {
            (_, method) if !REQUESTS.contains(&method) => {
                return Response::new_err(
                    req.id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    msg!("lsp-unknown-method", method = method).text(self.lang),
                );
            }
            (Some(a), "textDocument/hover") => position.and_then(|p| hover(&a, p)),
            (Some(a), "textDocument/definition") => position.and_then(|p| definition(&a, p)),
            (Some(a), "textDocument/references") => position.map(|p| references(&a, uri, p)),
            (Some(a), "textDocument/rename") => {
                let new = req.params.get("newName").and_then(Value::as_str);
                match (position, new) {
                    (Some(p), Some(new)) => match rename(&a, uri, p, new) {
                        Ok(edit) => Some(edit),
                        Err(message) => return error(req.id, message.text(self.lang)),
                    },
                    _ => None,
                }
            }
            (Some(a), "textDocument/completion") => Some(completion(&a)),
            (Some(a), "textDocument/formatting") => Some(formatting(&a)),
            (Some(a), "textDocument/documentSymbol") => Some(symbols(&a)),
            // A document the server does not know: nothing to say about it.
            _ => None,
        };
        Response::new_ok(req.id, result.unwrap_or(Value::Null))
    }
}

fn error(id: RequestId, message: String) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, message)
}

fn publish(uri: &str, diagnostics: Vec<Value>) -> Notification {
    Notification::new(
        "textDocument/publishDiagnostics".to_owned(),
        json!({"uri": uri, "diagnostics": diagnostics}),
    )
}

// ---------------------------------------------------------------- positions

/// The LSP position (line, UTF-16 column) of a byte offset.
fn position(text: &str, offset: usize) -> lsp::Position {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before
        .get(line_start..)
        .unwrap_or("")
        .chars()
        .map(char::len_utf16)
        .sum();
    lsp::Position::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The byte offset of an LSP position (clamped to its line).
fn offset(text: &str, p: lsp::Position) -> usize {
    let mut line_start = 0;
    for _ in 0..p.line {
        match text.get(line_start..).and_then(|t| t.find('\n')) {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0u32;
    for (i, c) in text.get(line_start..).unwrap_or("").char_indices() {
        if units >= p.character || c == '\n' {
            return line_start + i;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    text.len()
}

fn range(text: &str, start: usize, end: usize) -> lsp::Range {
    lsp::Range::new(position(text, start), position(text, end))
}

/// A span's range in the analysed document, when it lies in it (file 0).
fn span_range(a: &Analysis, span: Span) -> Option<lsp::Range> {
    (span.file == FileId(0)).then(|| range(&a.text, span.start as usize, span.end as usize))
}

// ---------------------------------------------------------------- the features

fn diagnostics(a: &Analysis, lang: Lang) -> Vec<Value> {
    a.checked
        .diagnostics
        .iter()
        .map(|d| d.localized(lang))
        .map(|d| {
            let label = d.labels.first();
            // A problem in an imported file is shown at the top of this one.
            let span = label.map(|l| l.span).filter(|s| s.file == FileId(0));
            let range = span.map_or_else(lsp::Range::default, |s| {
                range(&a.text, s.start as usize, s.end as usize)
            });
            let severity = match d.code.severity() {
                crate::diag::Severity::Error => 1,
                crate::diag::Severity::Warning => 2,
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            json!({
                "range": range,
                "severity": severity,
                "code": d.code.id(),
                "source": "duechain",
                "message": message,
            })
        })
        .collect()
}

/// The word (a name, a keyword or a code) under a byte offset, with its range.
fn word_at(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let start = text
        .get(..at)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text
        .get(at..)?
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start < end).then(|| (start, end, text.get(start..end).unwrap_or("")))
}

/// What a name declares: its kind, label, article, and (for a step) its duties in words.
fn describe(model: &Model, name: &str, lang: Lang) -> Option<String> {
    if let Some(id) = model.step_named(name) {
        let s = model.step(id)?;
        let mut lines = vec![format!(
            "**{}** step `{name}`",
            s.label.as_deref().unwrap_or(name)
        )];
        lines.extend(
            wording::duties(model, s, lang)
                .into_iter()
                .map(|l| format!("- {l}")),
        );
        let who = wording::performers(model, s, lang);
        if !who.is_empty() {
            lines.push(format!("- {who}"));
        }
        lines.extend(s.cite.as_ref().map(|c| format!("\n依据 / cite: {c}")));
        return Some(lines.join("\n"));
    }
    if let Some(r) = model
        .role_named(name)
        .and_then(|r| model.roles.get(r.index()))
    {
        let boss = r
            .reports_to
            .and_then(|b| model.roles.get(b.index()))
            .map(|b| format!(" — reports to `{}`", b.name))
            .unwrap_or_default();
        return Some(format!(
            "**{}** role `{name}`{boss}",
            wording::role_title(r)
        ));
    }
    if let Some(f) = model.facts.iter().find(|f| f.name == name) {
        return Some(format!(
            "**{}** fact `{name}`: {:?}",
            f.label.as_deref().unwrap_or(name),
            f.ty
        ));
    }
    if let Some(r) = model.rules.iter().find(|r| r.name == name) {
        let cite = r
            .cite
            .as_deref()
            .map(|c| format!("\n\ncite: {c}"))
            .unwrap_or_default();
        return Some(format!(
            "**{}** accountability rule `{name}`{cite}",
            r.label.as_deref().unwrap_or(name)
        ));
    }
    let p = model.procedures.iter().find(|p| p.name == name)?;
    Some(format!(
        "**{}** procedure `{name}` ({} steps)",
        p.label.as_deref().unwrap_or(name),
        p.steps.len()
    ))
}

fn lang_of(a: &Analysis) -> Lang {
    if a.checked.keywords() == Keywords::Zh {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn hover(a: &Analysis, p: lsp::Position) -> Option<Value> {
    let (start, end, word) = word_at(&a.text, offset(&a.text, p))?;
    let text = if let Some(code) = crate::diag::Code::ALL.iter().find(|c| c.id() == word) {
        format!(
            "**{}** {}\n\n{}",
            code.id(),
            code.summary(),
            code.explanation()
        )
    } else if let Some((en, zh)) = keywords::counterpart(word) {
        format!("keyword `{en}` · 关键字 `{zh}`")
    } else {
        describe(a.checked.model.as_ref()?, word, lang_of(a))?
    };
    Some(json!({
        "contents": {"kind": "markdown", "value": text},
        "range": range(&a.text, start, end),
    }))
}

/// Where a name is declared: its span.
fn declaration(model: &Model, name: &str) -> Option<Span> {
    if let Some(s) = model.step_named(name).and_then(|id| model.step(id)) {
        return Some(s.name_span);
    }
    if let Some(r) = model
        .role_named(name)
        .and_then(|r| model.roles.get(r.index()))
    {
        return Some(r.span);
    }
    model
        .facts
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.span)
        .or_else(|| {
            model
                .rules
                .iter()
                .find(|r| r.name == name)
                .map(|r| r.name_span)
        })
        .or_else(|| {
            model
                .procedures
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.span)
        })
        .or_else(|| {
            model
                .ladders
                .iter()
                .find(|l| l.name == name)
                .map(|l| l.span)
        })
        .or_else(|| {
            model
                .ladders
                .iter()
                .flat_map(|l| &l.measures)
                .find(|m| m.name == name)
                .map(|m| m.span)
        })
}

fn definition(a: &Analysis, p: lsp::Position) -> Option<Value> {
    let (_, _, word) = word_at(&a.text, offset(&a.text, p))?;
    let span = declaration(a.checked.model.as_ref()?, word)?;
    let file = a.checked.sources.get(span.file)?;
    let uri = uri_of(Path::new(&file.name));
    let r = range(&file.text, span.start as usize, span.end as usize);
    Some(json!({"uri": uri, "range": r}))
}

/// Every place the name under `p` is written in the document (names only: never inside a
/// string or a comment, never a keyword).
fn occurrences(a: &Analysis, p: lsp::Position) -> Option<(String, Vec<(usize, usize)>)> {
    let at = offset(&a.text, p);
    let names = crate::parse::names(&a.text);
    let (s, e) = names.iter().copied().find(|&(s, e)| s <= at && at <= e)?;
    let word = a.text.get(s..e)?.to_owned();
    let places = names
        .into_iter()
        .filter(|&(s, e)| a.text.get(s..e) == Some(word.as_str()))
        .collect();
    Some((word, places))
}

fn references(a: &Analysis, uri: &str, p: lsp::Position) -> Value {
    let places = occurrences(a, p)
        .map(|(_, places)| places)
        .unwrap_or_default();
    places
        .into_iter()
        .map(|(s, e)| json!({"uri": uri, "range": range(&a.text, s, e)}))
        .collect()
}

fn rename(a: &Analysis, uri: &str, p: lsp::Position, new: &str) -> Result<Value, Msg> {
    if !crate::parse::is_name(new) {
        return Err(msg!("lsp-not-a-name", name = new));
    }
    let Some((_, places)) = occurrences(a, p) else {
        return Err(msg!("lsp-nothing-to-rename"));
    };
    let edits: Vec<Value> = places
        .into_iter()
        .map(|(s, e)| json!({"range": range(&a.text, s, e), "newText": new}))
        .collect();
    Ok(json!({"changes": {uri: edits}}))
}

fn completion(a: &Analysis) -> Value {
    let set = a.checked.keywords();
    let mut items: Vec<Value> = keywords::words(set)
        .map(|w| json!({"label": w, "kind": 14}))
        .collect();
    if let Some(m) = &a.checked.model {
        let named = |kind: u32, name: &str, label: Option<&String>| json!({"label": name, "kind": kind, "detail": label});
        items.extend(m.steps.iter().map(|s| named(3, &s.name, s.label.as_ref())));
        items.extend(m.roles.iter().map(|r| named(7, &r.name, r.label.as_ref())));
        items.extend(m.facts.iter().map(|f| named(6, &f.name, f.label.as_ref())));
        items.extend(m.rules.iter().map(|r| named(9, &r.name, r.label.as_ref())));
        items.extend(
            m.procedures
                .iter()
                .map(|p| named(9, &p.name, p.label.as_ref())),
        );
        items.extend(
            m.ladders
                .iter()
                .map(|l| named(13, &l.name, l.label.as_ref())),
        );
        items.extend(
            m.ladders
                .iter()
                .flat_map(|l| &l.measures)
                .map(|x| named(20, &x.name, x.label.as_ref())),
        );
    }
    Value::Array(items)
}

fn formatting(a: &Analysis) -> Value {
    match crate::fmt::format(&a.text) {
        Ok(out) if out != a.text => {
            json!([{"range": range(&a.text, 0, a.text.len()), "newText": out}])
        }
        _ => json!([]),
    }
}

fn symbols(a: &Analysis) -> Value {
    let Some(m) = &a.checked.model else {
        return json!([]);
    };
    let symbol = |name: &str, detail: Option<&String>, kind: u32, span: Span, sel: Span| {
        let (r, s) = (span_range(a, span)?, span_range(a, sel)?);
        Some(json!({"name": name, "detail": detail, "kind": kind, "range": r, "selectionRange": s}))
    };
    let mut out: Vec<Value> = Vec::new();
    for p in &m.procedures {
        let children: Vec<Value> = p
            .steps
            .iter()
            .filter_map(|id| m.step(*id))
            .filter_map(|s| symbol(&s.name, s.label.as_ref(), 12, s.span, s.name_span))
            .collect();
        if let Some(mut sym) = symbol(&p.name, p.label.as_ref(), 2, p.span, p.span) {
            if let Some(o) = sym.as_object_mut() {
                o.insert("children".to_owned(), Value::Array(children));
            }
            out.push(sym);
        }
    }
    out.extend(
        m.roles
            .iter()
            .filter_map(|r| symbol(&r.name, r.label.as_ref(), 10, r.span, r.span)),
    );
    out.extend(
        m.facts
            .iter()
            .filter_map(|f| symbol(&f.name, f.label.as_ref(), 13, f.span, f.span)),
    );
    out.extend(
        m.ladders
            .iter()
            .filter_map(|l| symbol(&l.name, l.label.as_ref(), 10, l.span, l.span)),
    );
    out.extend(
        m.rules
            .iter()
            .filter_map(|r| symbol(&r.name, r.label.as_ref(), 5, r.span, r.name_span)),
    );
    Value::Array(out)
}

// ---------------------------------------------------------------- file URIs

/// The path of a `file://` URI (percent-decoded).
fn path_of(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// The `file://` URI of a path, every byte outside the unreserved set percent-encoded.
fn uri_of(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "规则集 x { }\n角色 𝔸 b\n";
        let at = text.find('b').unwrap_or(0);
        let p = position(text, at);
        // `角色 𝔸 ` is 2 + 1 + 2 (a surrogate pair) + 1 units.
        assert_eq!((p.line, p.character), (1, 6));
        assert_eq!(offset(text, p), at);
    }

    #[test]
    fn uris_round_trip() {
        let path = Path::new("/work/examples/licensing_zh/行政许可 办理.dcl");
        assert_eq!(path_of(&uri_of(path)).as_deref(), Some(path));
    }
}
