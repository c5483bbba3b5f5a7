/**
 * A zod enum's values as the non-empty tuple Drizzle's `text({ enum })` wants, so a column's
 * allowed values come from the contract that defines them.
 * @example status: text({ enum: enumValues(orderStatusSchema) })
 */
export function enumValues<T extends string>(schema: { options: readonly T[] }): [T, ...T[]] {
  const [first, ...rest] = schema.options;
  if (first === undefined) throw new Error("An enum column needs at least one value");
  return [first, ...rest];
}
