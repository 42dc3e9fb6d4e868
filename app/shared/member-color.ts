/** The colour of someone with no department (or a department without one): a neutral slate. */
export const NEUTRAL_COLOR = "#64748b";

/** A person's colour (carets, avatars, comment authors) is their department's. */
export function memberColor(department: { color: string | null } | null | undefined): string {
  return department?.color ?? NEUTRAL_COLOR;
}

/** WCAG relative luminance of a `#rrggbb` (or `#rgb`) colour; null when it is not one. */
function luminance(color: string): number | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((start) => {
    const channel = parseInt(full.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours (1 to 21); 1 when either is not a hex colour. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  if (la === null || lb === null) return 1;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The text we write on it, in CSS `color` of our dark text. */
export const DARK_TEXT = "#111827";

/**
 * Initials or a name written on a department's colour: white where it reads at
 * 4.5:1, else our dark text. Departments made before the palette (or by an older
 * seed) can be light, e.g. amber, on which white text is unreadable.
 */
export function textOn(background: string): string {
  return contrastRatio("#ffffff", background) >= 4.5 ? "#ffffff" : DARK_TEXT;
}
