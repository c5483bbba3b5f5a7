import { eventCatalogue, webhookBodyTypes } from "@paygate/contracts";

export const CATALOGUE_START = "<!-- event-catalogue:start (generated from packages/contracts/src/event-catalogue.ts) -->";
export const CATALOGUE_END = "<!-- event-catalogue:end -->";

/**
 * The event catalogue section of docs/webhooks.md, from the contracts' catalogue. A test checks
 * the file holds exactly this; `pnpm --filter @paygate/api docs:webhooks` rewrites it.
 */
export function renderEventCatalogue(): string {
  const index = webhookBodyTypes.map((type) => `| \`${type}\` | ${eventCatalogue[type].summary} |`);
  const sections = webhookBodyTypes.map((type) => {
    const { description, sample } = eventCatalogue[type];
    return [`### \`${type}\``, "", description, "", "```json", JSON.stringify(sample, null, 2), "```"].join("\n");
  });
  return [CATALOGUE_START, "", "| type | what happened |", "|---|---|", ...index, "", ...sections, "", CATALOGUE_END].join("\n");
}

/** `markdown` with its catalogue section replaced by a freshly rendered one. */
export function withFreshCatalogue(markdown: string): string {
  const start = markdown.indexOf(CATALOGUE_START);
  const end = markdown.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error("docs/webhooks.md has no event-catalogue markers");
  return `${markdown.slice(0, start)}${renderEventCatalogue()}${markdown.slice(end + CATALOGUE_END.length)}`;
}
