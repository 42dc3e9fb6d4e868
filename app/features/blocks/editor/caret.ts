/**
 * Where a caret goes when someone else changes the text around it: the unchanged start and end
 * of the text anchor it, so typing elsewhere in the field never moves it, and a change that
 * swallowed it leaves it after the new text.
 */
export function mapCaret(before: string, after: string, caret: number): number {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix])
    suffix++;
  if (caret <= prefix) return caret;
  if (caret >= before.length - suffix) return Math.min(after.length, caret + after.length - before.length);
  return after.length - suffix;
}
