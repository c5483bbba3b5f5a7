import type { ListPage } from "@paygate/contracts";

export const PAGE_SIZE = 10;

/** Previous / next for a §3 list; the API says whether more exist. */
export function Pager({
  page,
  offset,
  onOffset,
}: {
  page: ListPage<unknown> | null;
  offset: number;
  onOffset(offset: number): void;
}) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}>
        Previous
      </button>
      <span>{page && page.items.length > 0 ? `${offset + 1}–${offset + page.items.length}` : "No results"}</span>
      <button type="button" disabled={!page?.has_more} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Next
      </button>
    </nav>
  );
}

/** A select that filters a list by status; "" means every status. */
export function StatusFilter({
  id,
  value,
  options,
  onChange,
}: {
  id: string;
  value: string;
  options: readonly string[];
  onChange(value: string): void;
}) {
  return (
    <p class="filter">
      <label for={id}>Status</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </p>
  );
}
