// `npm run build`: the grammar and the language configuration are well-formed JSON whose
// patterns compile, and the extension loads its client library.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const read = (f) => JSON.parse(fs.readFileSync(path.join(root, f), "utf8"));

const grammar = read("syntaxes/dcl.tmLanguage.json");
read("language-configuration.json");
let patterns = 0;
const visit = (node) => {
  if (Array.isArray(node)) return node.forEach(visit);
  if (node && typeof node === "object") {
    for (const key of ["match", "begin", "end"]) {
      if (typeof node[key] === "string") {
        // Oniguruma's lookbehind and \p{…} are valid JavaScript with the u flag.
        new RegExp(node[key].replace(/\$$/, ""), "u");
        patterns += 1;
      }
    }
    Object.values(node).forEach(visit);
  }
};
visit(grammar);
require.resolve("vscode-languageclient/node");
console.log(`grammar ok: ${patterns} patterns; client library found`);
