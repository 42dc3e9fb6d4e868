import { STAGE_FIELDS } from "~/shared/domain";

/** Feed entries keep a stage change as `field/from/to` keys so each reader sees their language. */
export function encodeStageChange(change: { field: string; fromValue: string | null; toValue: string }): string {
  return `${change.field}/${change.fromValue ?? ""}/${change.toValue}`;
}

export function decodeStageChange(detail: string) {
  const [field, fromValue, toValue] = detail.split("/");
  if (!(STAGE_FIELDS as readonly string[]).includes(field) || !toValue) return null;
  return { field, fromValue: fromValue || null, toValue };
}
