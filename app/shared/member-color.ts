/** The colour of someone with no department (or a department without one): a neutral slate. */
export const NEUTRAL_COLOR = "#64748b";

/** A person's colour (carets, avatars, comment authors) is their department's. */
export function memberColor(department: { color: string | null } | null | undefined): string {
  return department?.color ?? NEUTRAL_COLOR;
}
