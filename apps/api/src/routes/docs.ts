/** A self-contained, offline API reference rendered from the OpenAPI document. */

type Json = Record<string, unknown>;

const escapeHtml = (value: unknown) =>
  String(value).replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

function resolve(schema: unknown, components: Json): Json {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  if (ref) return (components[ref.split("/").pop() ?? ""] as Json) ?? {};
  return (schema as Json) ?? {};
}

function describeSchema(schema: unknown, components: Json, depth = 0): string {
  const s = resolve(schema, components);
  if (depth > 3) return "…";
  if (s.anyOf || s.oneOf) {
    return ((s.anyOf ?? s.oneOf) as unknown[]).map((part) => describeSchema(part, components, depth + 1)).join(" | ");
  }
  if (s.type === "object" && s.properties) {
    const required = new Set((s.required as string[]) ?? []);
    const rows = Object.entries(s.properties as Json).map(
      ([name, value]) =>
        `<li><code>${escapeHtml(name)}</code>${required.has(name) ? "" : "?"}: ${describeSchema(value, components, depth + 1)}</li>`,
    );
    return `object<ul>${rows.join("")}</ul>`;
  }
  if (s.type === "array") return `array of ${describeSchema(s.items, components, depth + 1)}`;
  if (s.enum) return (s.enum as unknown[]).map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(" | ");
  if (s.const !== undefined) return `<code>${escapeHtml(JSON.stringify(s.const))}</code>`;
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  const bounds = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : "",
    s.maximum !== undefined ? `≤ ${s.maximum}` : "",
    s.minLength !== undefined ? `length ≥ ${s.minLength}` : "",
    s.maxLength !== undefined ? `length ≤ ${s.maxLength}` : "",
    s.format ? `format ${s.format}` : "",
  ].filter(Boolean);
  return `${escapeHtml(type)}${bounds.length ? ` <small>(${escapeHtml(bounds.join(", "))})</small>` : ""}`;
}

export function renderDocs(document: unknown): string {
  const doc = document as Json;
  const components = ((doc.components as Json)?.schemas as Json) ?? {};
  const sections = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths as Json) ?? {})) {
    for (const [method, op] of Object.entries(item as Json)) {
      const operation = op as Json;
      const tag = ((operation.tags as string[]) ?? ["Other"])[0] ?? "Other";
      const params = ((operation.parameters as Json[]) ?? [])
        .map(
          (p) =>
            `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)})${p.required ? "" : "?"}: ${describeSchema(p.schema, components)}</li>`,
        )
        .join("");
      const body = ((operation.requestBody as Json)?.content as Json)?.["application/json"] as Json | undefined;
      const ok = Object.entries((operation.responses as Json) ?? {}).find(([code]) => code.startsWith("2"));
      const okSchema = ((ok?.[1] as Json)?.content as Json)?.["application/json"] as Json | undefined;
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
      const html = `<section id="${id}"><h3><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>/api/v1${escapeHtml(path)}</code></h3>
<p>${escapeHtml(operation.summary ?? "")}</p>${operation.description ? `<p>${escapeHtml(operation.description)}</p>` : ""}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ""}
${body ? `<h4>Body</h4>${describeSchema(body.schema, components)}` : ""}
${okSchema ? `<h4>Response ${escapeHtml(ok?.[0])}</h4>${describeSchema(okSchema.schema, components)}` : ""}</section>`;
      sections.set(tag, [...(sections.get(tag) ?? []), html]);
    }
  }
  // The event catalogue (OpenAPI `webhooks`): what PayGate POSTs to the merchant.
  const webhooks = Object.entries((doc.webhooks as Json) ?? {}).map(([name, item]) => {
    const operation = ((item as Json).post as Json) ?? {};
    const media = ((operation.requestBody as Json)?.content as Json)?.["application/json"] as Json | undefined;
    return `<section id="event-${escapeHtml(name.replace(/\W+/g, "-"))}"><h3><code>${escapeHtml(name)}</code></h3>
<p>${escapeHtml(operation.summary ?? "")}</p><p>${escapeHtml(operation.description ?? "")}</p>
${media?.example ? `<h4>Sample body</h4><pre>${escapeHtml(JSON.stringify(media.example, null, 2))}</pre>` : ""}</section>`;
  });
  if (webhooks.length > 0) sections.set("Webhook events", webhooks);
  const nav = [...sections.keys()]
    .map((tag) => `<a href="#tag-${escapeHtml(tag.replace(/\W+/g, "-"))}">${escapeHtml(tag)}</a>`)
    .join("");
  const content = [...sections.entries()]
    .map(([tag, items]) => `<h2 id="tag-${escapeHtml(tag.replace(/\W+/g, "-"))}">${escapeHtml(tag)}</h2>${items.join("")}`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>PayGate API reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1a1a2e;display:flex}nav{position:sticky;top:0;height:100vh;overflow:auto;padding:1rem;background:#f4f5fb;min-width:12rem}
nav a{display:block;color:#3b3bb3;text-decoration:none;padding:.2rem 0}main{padding:1rem 2rem;max-width:60rem}section{border-top:1px solid #e3e4ee;padding:.5rem 0}
.m{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem}.get{background:#2b7a3d}.post{background:#3b3bb3}.patch{background:#a36b00}.delete{background:#b3261e}
code{background:#f1f1f6;padding:0 .2rem;border-radius:3px}pre{background:#f1f1f6;padding:.5rem;overflow:auto}ul{margin:.2rem 0}</style></head>
<body><nav><strong>PayGate API</strong>${nav}<a href="/api/v1/openapi.json">openapi.json</a></nav><main><h1>PayGate API reference</h1>
<p>Base path <code>/api/v1</code>. Money is integer minor units. Errors: <code>{"success":false,"exception":{code,type,message,description,param,meta,request_id}}</code>. Merchant endpoints take <code>X-Api-Key</code> + <code>X-Api-Secret</code>, HTTP Basic, or a Bearer access token.</p>
${content}</main></body></html>`;
}
