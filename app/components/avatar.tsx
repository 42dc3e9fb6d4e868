import { NEUTRAL_COLOR, textOn } from "~/shared/member-color";

/** Initials on the person's department colour. */
export function Avatar({ name, color, size = 28 }: { name: string; color?: string | null; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => Array.from(part)[0])
    .join("")
    .toUpperCase();
  const background = color || NEUTRAL_COLOR;
  return (
    <span
      className="avatar"
      style={{ background, color: textOn(background), width: size, height: size, fontSize: size * 0.4 }}
      title={name}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}
