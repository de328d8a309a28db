//! `duechain lsp` driven over stdio with real LSP messages (Content-Length framing, JSON-RPC):
//! diagnostics as the text changes, hover, definition, references, rename, completion,
//! formatting, document symbols, and a clean shutdown.
#![allow(clippy::panic, reason = "a failing test panics with its message")]
#![allow(
    clippy::indexing_slicing,
    reason = "the client indexes the JSON it checks"
)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// A client of a running `duechain lsp`.
struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next: i64,
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("duechain"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            next: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .unwrap_or_else(|e| panic!("{e}"));
    }

    fn receive(&self) -> Value {
        self.incoming
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|e| panic!("no message from the server: {e}"))
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response (notifications in between are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.receive();
            if m["id"] == id {
                return m;
            }
        }
    }

    /// The next diagnostics published.
    fn diagnostics(&self) -> Vec<Value> {
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics" {
                return m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// The LSP position of the first `needle` in `text` (UTF-16 columns).
fn find(text: &str, needle: &str) -> (u32, u32) {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..i];
    let line = before.matches('\n').count();
    let col: usize = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .map(char::len_utf16)
        .sum();
    (line as u32, col as u32)
}

#[test]
fn the_language_server_answers_an_editor() {
    let dir = std::env::temp_dir().join(format!("duechain-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let text = common::text(&common::manifest().join("examples/licensing_zh/行政许可办理.dcl"))
        .replace("  案例 \".\"\n", "");
    let path = dir.join("许可.dcl");
    std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let root = format!("file://{}", dir.display());
    let uri = format!("file://{}", dir.join("%E8%AE%B8%E5%8F%AF.dcl").display());
    let mut c = Client::start();
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {}}),
    );
    assert_eq!(
        init["result"]["capabilities"]["hoverProvider"], true,
        "{init}"
    );
    c.notify("initialized", json!({}));

    // A typo shows at once, at its place; the mended text clears it.
    let typo = text.replace("后于 决定\n    须先经", "后于 决订\n    须先经");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "dcl", "version": 1, "text": typo}}),
    );
    let diags = c.diagnostics();
    let unknown: Vec<&Value> = diags.iter().filter(|d| d["code"] == "DC0201").collect();
    assert_eq!(unknown.len(), 1, "{diags:?}");
    let (line, col) = find(&typo, "决订");
    assert_eq!(
        unknown[0]["range"]["start"],
        json!({"line": line, "character": col})
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    assert_eq!(c.diagnostics(), Vec::<Value>::new());

    // Hover: a step's label and duties, a keyword's other spelling.
    let (line, col) = find(&text, "后于 决定");
    let hover = c.request("textDocument/hover", at(&uri, line, col + 3));
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(
        shown.contains("作出行政许可决定") && shown.contains("时限"),
        "{hover}"
    );
    let hover = c.request("textDocument/hover", at(&uri, line, col));
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("`after`"), "{hover}");

    // Definition: the declaration of 决定.
    let def = c.request("textDocument/definition", at(&uri, line, col + 3));
    let (decl_line, _) = find(&text, "步骤 决定");
    assert_eq!(def["result"]["range"]["start"]["line"], decl_line, "{def}");

    // References and rename: every place the name is written, nothing in strings.
    let (line, col) = find(&text, "步骤 受理");
    let refs = c.request("textDocument/references", at(&uri, line, col + 3));
    let count = refs["result"].as_array().map_or(0, Vec::len);
    let expected = common::names_in(&text, "受理");
    assert_eq!(count, expected, "{refs}");
    let bad = c.request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 3}, "newName": "受 理"}));
    assert!(bad["error"].is_object(), "{bad}");
    let renamed = c.request("textDocument/rename", json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 3}, "newName": "受理申请步骤"}));
    let edits = renamed["result"]["changes"][&uri]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(edits.len(), expected, "{renamed}");

    // Completion: keywords of the file's set and the declared names.
    let done = c.request("textDocument/completion", at(&uri, 0, 0));
    let labels: Vec<&str> = done["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for want in ["必须", "工作日", "决定", "窗口人员", "效能告诫"] {
        assert!(labels.contains(&want), "completion lacks {want}");
    }

    // Formatting a messy text gives the formatter's output; symbols list the procedure.
    let messy = text.replace(
        "  步骤 收件 \"接收申请材料\" {",
        "  步骤   收件 \"接收申请材料\"{",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": messy}]}),
    );
    let _ = c.diagnostics();
    let formatted = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(
        formatted["result"][0]["newText"].as_str(),
        Some(text.as_str())
    );
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let procedure = symbols["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["name"] == "行政许可")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        procedure["children"].as_array().map(Vec::len),
        Some(7),
        "{symbols}"
    );

    // A request the server does not answer is MethodNotFound, with a document or without.
    for params in [at(&uri, 0, 0), json!({})] {
        let unknown = c.request("textDocument/noSuchRequest", params);
        assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    }

    let bye = c.request("shutdown", Value::Null);
    assert!(bye["error"].is_null(), "{bye}");
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "{status:?}");
}

/// The VS Code grammar highlights every keyword and vocabulary word of both sets.
#[test]
fn the_editor_grammar_knows_both_keyword_sets() {
    use duechain::parse::keywords::{Keywords, words};
    let path = common::manifest().join("editors/vscode/syntaxes/dcl.tmLanguage.json");
    let grammar: Value = serde_json::from_str(&common::text(&path)).unwrap_or_default();
    let alternatives = |key: &str| -> Vec<String> {
        let pattern = grammar["repository"][key]["match"]
            .as_str()
            .unwrap_or_default();
        let inner = pattern
            .split_once("(?:")
            .and_then(|(_, rest)| rest.split_once(")(?!"))
            .map_or("", |(inner, _)| inner);
        inner.split('|').map(|w| w.replace(" +", " ")).collect()
    };
    let known: Vec<String> = alternatives("keywords")
        .into_iter()
        .chain(alternatives("constants"))
        .collect();
    for set in [Keywords::En, Keywords::Zh] {
        for word in words(set) {
            assert!(
                known.iter().any(|k| k == word),
                "the grammar lacks `{word}`"
            );
        }
    }
}

/// `npm run build` of the VS Code extension: its dependencies install from the lock file, the
/// grammar's patterns compile and the client library loads.
#[test]
fn the_vscode_extension_builds_with_npm() {
    if common::outside_program(&["npm"]).is_none() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("duechain-vscode-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("syntaxes")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(dir.join("scripts")).unwrap_or_else(|e| panic!("{e}"));
    let source = common::manifest().join("editors/vscode");
    for file in [
        "package.json",
        "package-lock.json",
        "extension.js",
        "language-configuration.json",
        "syntaxes/dcl.tmLanguage.json",
        "scripts/check.js",
    ] {
        std::fs::copy(source.join(file), dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    for args in [
        &["ci", "--no-audit", "--no-fund", "--omit=dev"][..],
        &["run", "build"],
    ] {
        let out = Command::new("npm")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "npm {args:?}: {out:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
