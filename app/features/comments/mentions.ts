/**
 * Mentions in comments are plain text: `@handle`, where a person's handle is
 * their name with spaces as dots (`@daniel.okafor`, `@王芳`) and a
 * department's is its key (`@logistics`). The composer offers them as you type;
 * the server resolves them against the account team.
 */
const MENTION = /(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu;

export function mentionHandle(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ".");
}

/** The distinct handles mentioned in a text, lower-cased. */
export function parseMentions(text: string): string[] {
  const handles = new Set<string>();
  for (const match of text.matchAll(MENTION)) handles.add(match[2].toLowerCase());
  return [...handles];
}

export type TextPart = { text: string; mention?: string };

/** Splits a text into plain runs and `@handle` runs, for rendering mentions highlighted. */
export function splitMentions(text: string, known: ReadonlySet<string>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const handle = match[2].toLowerCase();
    if (!known.has(handle)) continue;
    const start = (match.index ?? 0) + match[1].length;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: `@${match[2]}`, mention: handle });
    last = start + 1 + match[2].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export interface Mentionable {
  handle: string;
  kind: "person" | "department";
  label: string;
  detail: string;
  color: string;
}
