import type { Translate } from "~/i18n/i18n";

/**
 * Names Keyroom gives the versions it saves by itself. They are stored in
 * English (the stored name is the version's record) and shown in the
 * reader's language by `versionDisplayName`.
 */
export const AUTO_VERSION_NAMES = {
  approval: "Sent for approval",
  review: (quarter: string) => `Review ${quarter}`,
  restore: (name: string) => `Before restoring “${name}”`,
} as const;

const REVIEW = /^Review (\d{4}-Q[1-4])$/;
const RESTORE = /^Before restoring “(.*)”$/s;

/** A version's name as the reader should see it: Keyroom's own names translated, people's names as written. */
export function versionDisplayName(t: Translate, name: string): string {
  if (name === AUTO_VERSION_NAMES.approval) return t("versions.auto.approval");
  const review = REVIEW.exec(name);
  if (review) return t("versions.auto.review", { quarter: review[1] });
  const restore = RESTORE.exec(name);
  if (restore) return t("versions.auto.restore", { name: versionDisplayName(t, restore[1]) });
  return name;
}
