/** Markup that is already safe: only `html` below makes one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

type Interpolation = string | number | SafeHtml | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is itself `html`: a merchant
 * name such as `<script>` lands as text, and forgetting to escape is not possible.
 * @example html`<p>Paid to ${merchant.name}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A header-safe single line (a subject): no CR/LF that could start another header. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, " ").trim();
}
