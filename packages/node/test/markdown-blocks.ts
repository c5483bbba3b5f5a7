import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A fenced code block of a Markdown file. The info string's first word is the language; the
 * other words are flags for readme-snippets.test.ts: `no-run` (checked, never executed), `run`
 * (a JS block executed with the packed @paygate/node), `server` (the merchant server the test
 * drives), `page` (the HTML page that server serves).
 */
export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  flags: string[];
  code: string;
}

export function codeBlocks(markdown: string, file: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const open = /^\s*(`{3,}|~{3,})\s*(.*)$/.exec(lines[index] ?? "");
    if (!open?.[1]) continue;
    const fence = open[1];
    const [lang = "", ...flags] = (open[2] ?? "").trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[end] ?? "")) {
      body.push(lines[end] ?? "");
      end++;
    }
    blocks.push({ file, line: index + 1, lang: lang.toLowerCase(), flags, code: body.join("\n") });
    index = end;
  }
  return blocks;
}

/** Every README in the repository and every Markdown file under docs/ (ADRs included). */
export function documentationFiles(repo: string): string[] {
  const files = ["README.md"];
  for (const group of ["packages", "apps", "examples"]) {
    for (const name of readdirSync(join(repo, group))) {
      if (existsSync(join(repo, group, name, "README.md"))) files.push(`${group}/${name}/README.md`);
    }
  }
  const markdownUnder = (dir: string): string[] =>
    readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((entry) => {
      if (entry.isDirectory()) return markdownUnder(`${dir}/${entry.name}`);
      return entry.name.endsWith(".md") ? [`${dir}/${entry.name}`] : [];
    });
  return [...files, ...markdownUnder("docs")];
}

export function repositoryCodeBlocks(repo: string): CodeBlock[] {
  return documentationFiles(repo).flatMap((file) => codeBlocks(readFileSync(join(repo, file), "utf8"), file));
}

/** The inline `<script>` elements of an HTML block, classic or module. */
export function inlineScripts(html: string): { module: boolean; code: string }[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => (match[2] ?? "").trim() !== "")
    .map((match) => ({ module: /\btype\s*=\s*["']?module\b/i.test(match[1] ?? ""), code: match[2] ?? "" }));
}
