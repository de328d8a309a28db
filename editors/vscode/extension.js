// Starts `duechain lsp` for *.dcl files and connects VS Code to it.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("duechain").get("path") || "duechain";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "duechain",
    "duechain",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "dcl" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
