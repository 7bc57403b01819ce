// A real OpenRosa client: ODK Web Forms' engine (@getodk/xforms-engine, the engine ODK Web Forms runs in the
// browser), here on Node with jsdom as its DOM. It reads our form list, loads the XForm with its stations.csv,
// fills the answers given, lets the engine write the instance (meta/instanceID, start, end) and POSTs its
// submission payload to our server, printing what the server answered as JSON.
//
//   node odk_client.mjs <server url> <form id> '<{"question": "value", ...}>'
import { JSDOM } from "jsdom";

const { window } = new JSDOM("");
for (const name of ["DOMParser", "XMLSerializer", "Node", "Element", "Document", "XPathResult", "document"]) {
  globalThis[name] ??= window[name];
}

const [server, formId, answersJson] = process.argv.slice(2);
const answers = JSON.parse(answersJson);
const headers = { "X-OpenRosa-Version": "1.0" };

const listXml = await (await fetch(`${server}/formList`, { headers })).text();
const list = new window.DOMParser().parseFromString(listXml, "text/xml");
const entry = [...list.getElementsByTagName("xform")].find(
  (node) => node.getElementsByTagName("formID")[0].textContent === formId,
);
if (!entry) throw new Error(`${formId} is not in the form list: ${listXml}`);
const downloadUrl = entry.getElementsByTagName("downloadUrl")[0].textContent;
const manifestUrl = entry.getElementsByTagName("manifestUrl")[0].textContent;
const formXml = await (await fetch(downloadUrl, { headers })).text();
const manifest = new window.DOMParser().parseFromString(await (await fetch(manifestUrl, { headers })).text(), "text/xml");
const media = Object.fromEntries(
  [...manifest.getElementsByTagName("mediaFile")].map((file) => [
    file.getElementsByTagName("filename")[0].textContent,
    file.getElementsByTagName("downloadUrl")[0].textContent,
  ]),
);

// The engine's XPath parser is tree-sitter compiled to WebAssembly, inlined as a data: URL; its loader, on seeing
// Node, reaches for the file system, which the engine's browser build leaves out. Shown a browser (a window, no
// process.versions.node) while it starts, it fetches the data: URL instead, as in Chromium.
// (fetch, already used above, read process.versions when it started.)
globalThis.window = window;
const versions = process.versions;
Object.defineProperty(process, "versions", { value: { ...versions, node: undefined }, configurable: true });
const { createInstance } = await import("@getodk/xforms-engine");
Object.defineProperty(process, "versions", { value: versions, configurable: true });

const created = createInstance(formXml, {
  form: {
    fetchFormAttachment: async (url) => {
      const name = String(url.href ?? url).split("/").pop();
      if (!media[name]) throw new Error(`no media file ${name}`);
      return fetch(media[name], { headers });
    },
  },
});
const { root } = await created;

function* nodes(node) {
  yield node;
  for (const child of node.currentState.children ?? []) yield* nodes(child);
}
const byName = Object.fromEntries([...nodes(root)].map((node) => [node.currentState.reference.split("/").pop(), node]));
const filled = [];
for (const [name, value] of Object.entries(answers)) {
  const node = byName[name];
  if (!node) throw new Error(`the form has no question ${name}`);
  if (node.nodeType === "select") {
    const values = Array.isArray(value) ? value : [value];
    if (node.selectValues) node.selectValues(values.map(String));
    else node.selectValue(String(values[0]));
  } else if (node.nodeType === "input") {
    const typed = { int: Number(value), time: `${value}:00.000+06:00` }[node.valueType];
    node.setValue(typed ?? String(value));
  } else {
    throw new Error(`${name} is a ${node.nodeType}`);
  }
  filled.push(name);
}

const payload = await root.prepareInstancePayload();
if (payload.status !== "ready") {
  console.log(JSON.stringify({ status: "not ready", violations: payload.violations?.map((v) => v.reference) }));
  process.exit(2);
}
const response = await fetch(`${server}/submission`, { method: "POST", body: payload.data[0], headers });
console.log(
  JSON.stringify({
    status: response.status,
    body: await response.text(),
    instanceID: payload.submissionMeta?.instanceID ?? null,
    filled,
  }),
);
