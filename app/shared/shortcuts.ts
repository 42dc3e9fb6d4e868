import type { MessageKey } from "~/i18n/i18n";

/**
 * Every keyboard shortcut Keyroom has, in one list: the help dialog (`?`)
 * renders it, our own handlers match key events against it, and the toolbar's
 * tooltips quote it, so what the dialog promises is what the keys do.
 *
 * Keys are written the way ProseMirror keymaps name them ("Mod-Alt-m": Mod is
 * ⌘ on a Mac and Ctrl elsewhere; letters lower case), so an editor extension
 * can bind the same string. The editor's formatting keys are TipTap's own
 * bindings; e2e/shortcuts.spec.ts presses each one listed here.
 */
export type ShortcutGroup = "global" | "editor" | "comments";

export interface Shortcut {
  group: ShortcutGroup;
  /** Alternatives: any of them does it; the first is the one tooltips show. */
  keys: readonly string[];
  label: MessageKey;
}

export const SHORTCUTS = {
  palette: { group: "global", keys: ["Mod-k"], label: "shortcuts.palette" },
  help: { group: "global", keys: ["?"], label: "shortcuts.help" },
  close: { group: "global", keys: ["Escape"], label: "shortcuts.close" },
  bold: { group: "editor", keys: ["Mod-b"], label: "doc.toolbar.bold" },
  italic: { group: "editor", keys: ["Mod-i"], label: "doc.toolbar.italic" },
  underline: { group: "editor", keys: ["Mod-u"], label: "shortcuts.underline" },
  strike: { group: "editor", keys: ["Mod-Shift-s"], label: "shortcuts.strike" },
  code: { group: "editor", keys: ["Mod-e"], label: "shortcuts.code" },
  undo: { group: "editor", keys: ["Mod-z"], label: "doc.toolbar.undo" },
  redo: { group: "editor", keys: ["Mod-Shift-z", "Mod-y"], label: "doc.toolbar.redo" },
  paragraph: { group: "editor", keys: ["Mod-Alt-0"], label: "doc.toolbar.paragraph" },
  h1: { group: "editor", keys: ["Mod-Alt-1"], label: "doc.toolbar.h1" },
  h2: { group: "editor", keys: ["Mod-Alt-2"], label: "doc.toolbar.h2" },
  h3: { group: "editor", keys: ["Mod-Alt-3"], label: "doc.toolbar.h3" },
  bulletList: { group: "editor", keys: ["Mod-Shift-8"], label: "doc.toolbar.bulletList" },
  orderedList: { group: "editor", keys: ["Mod-Shift-7"], label: "doc.toolbar.orderedList" },
  taskList: { group: "editor", keys: ["Mod-Shift-9"], label: "doc.toolbar.taskList" },
  quote: { group: "editor", keys: ["Mod-Shift-b"], label: "shortcuts.quote" },
  insertBlock: { group: "editor", keys: ["/"], label: "shortcuts.insertBlock" },
  find: { group: "editor", keys: ["Mod-f"], label: "shortcuts.find" },
  findNext: { group: "editor", keys: ["Enter"], label: "shortcuts.findNext" },
  findPrevious: { group: "editor", keys: ["Shift-Enter"], label: "shortcuts.findPrevious" },
  comment: { group: "comments", keys: ["Mod-Alt-m"], label: "comments.start" },
  send: { group: "comments", keys: ["Mod-Enter"], label: "shortcuts.send" },
  cancel: { group: "comments", keys: ["Escape"], label: "shortcuts.cancel" },
} as const satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = ["global", "editor", "comments"];

const MODIFIERS = new Set(["Mod", "Alt", "Shift", "Ctrl", "Meta"]);

function parse(keys: string): { mods: Set<string>; key: string } {
  // "Mod--" would name the minus key; none of ours does, so a plain split is enough.
  const parts = keys.split("-");
  const key = parts.pop() ?? "";
  return { mods: new Set(parts.filter((part) => MODIFIERS.has(part))), key };
}

type KeyEventLike = Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** Whether a key event is this shortcut (any of its alternatives). */
export function matchesShortcut(event: KeyEventLike, shortcut: Shortcut): boolean {
  return shortcut.keys.some((keys) => matchesKeys(event, keys));
}

function matchesKeys(event: KeyEventLike, keys: string): boolean {
  const { mods, key } = parse(keys);
  const mod = event.ctrlKey || event.metaKey;
  if (mods.has("Mod") !== mod || mods.has("Alt") !== event.altKey) return false;
  // "?" is Shift+/ on most layouts and something else on others: the character decides.
  if (!/^[a-z0-9]$/i.test(key)) return event.key === key && (key.length === 1 || mods.has("Shift") === event.shiftKey);
  if (mods.has("Shift") !== event.shiftKey) return false;
  // Alt on a Mac, or a non-Latin layout, changes the character: the physical key says which it is.
  if (/^[a-z]$/i.test(event.key)) return event.key.toLowerCase() === key.toLowerCase();
  return event.code === (/\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`);
}

const MAC_NAMES: Record<string, string> = { Mod: "⌘", Alt: "⌥", Shift: "⇧", Enter: "↩", Escape: "Esc" };
const PC_NAMES: Record<string, string> = { Mod: "Ctrl", Enter: "Enter", Escape: "Esc" };
/** Before hydration the platform is unknown: both names, as the server renders. */
const ANY_NAMES: Record<string, string> = { Mod: "Ctrl/⌘", Escape: "Esc" };

/** The keys to press, one name each, as this platform labels them ("Ctrl", "Alt", "M"). */
export function shortcutKeyNames(keys: string, mac: boolean | null): string[] {
  const { mods, key } = parse(keys);
  const names = mac === null ? ANY_NAMES : mac ? MAC_NAMES : PC_NAMES;
  return [...mods, key].map((part) => names[part] ?? (part.length === 1 ? part.toUpperCase() : part));
}

/** A shortcut as one string for a tooltip: "Ctrl+Alt+M", "⌘⌥M". */
export function shortcutText(shortcut: Shortcut, mac: boolean | null): string {
  return shortcutKeyNames(shortcut.keys[0], mac).join(mac ? "" : "+");
}
