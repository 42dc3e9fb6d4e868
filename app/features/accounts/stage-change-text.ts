import type { Translate } from "~/i18n/i18n";
import type { LadderStage, LifecycleStage, StageField, Tier } from "~/shared/domain";

/** "Relationship ladder: Client → Supporter", in the reader's language. */
export function stageChangeText(
  t: Translate,
  change: { field: string; fromValue: string | null; toValue: string },
): string {
  const field = change.field as StageField;
  const label = (value: string) =>
    field === "tier"
      ? t(`tier.${value as Tier}`)
      : field === "ladderStage"
        ? t(`ladder.${value as LadderStage}`)
        : t(`lifecycle.${value as LifecycleStage}`);
  const fieldName = t(`stageField.${field}`);
  return change.fromValue
    ? t("account.stage.change", { field: fieldName, from: label(change.fromValue), to: label(change.toValue) })
    : t("account.stage.set", { field: fieldName, to: label(change.toValue) });
}
