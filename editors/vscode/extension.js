// Starts `kerjasama lsp` for .kr files. The server does all the work (docs/editor.md).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("kerjasama");
  const [command, ...args] = config.get("server.command", ["kerjasama", "lsp"]);
  client = new LanguageClient(
    "kerjasama",
    "kerjasama",
    { command, args },
    {
      documentSelector: [{ language: "kerjasama" }],
      initializationOptions: {
        rules: config.get("rules", []),
        withBundled: config.get("withBundled", false),
        analyze: config.get("analyze", true),
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
