import { NEUTRAL_COLOR } from "~/shared/member-color";

/** Initials on the person's department colour. */
export function Avatar({ name, color, size = 28 }: { name: string; color?: string | null; size?: number }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => Array.from(part)[0])
    .join("")
    .toUpperCase();
  return (
    <span
      className="avatar"
      style={{ background: color ?? NEUTRAL_COLOR, width: size, height: size, fontSize: size * 0.4 }}
      title={name}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}
