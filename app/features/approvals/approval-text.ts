import type { MessageKey, Translate } from "~/i18n/i18n";
import { APPROVAL_DECISIONS, EXECUTIVE_STEP } from "~/features/approvals/approval.schema";
import { departmentLabel } from "~/features/team/types";

/**
 * A stored `step/decision` detail ("logistics/approved", "executive/rejected")
 * in the reader's words. Department names come from the page when it has them.
 */
export function approvalDecisionText(t: Translate, detail: string, departments: Record<string, string> = {}): string {
  const [step, decision] = detail.split("/");
  if (!step || !(APPROVAL_DECISIONS as readonly string[]).includes(decision)) return "";
  const who = step === EXECUTIVE_STEP ? t("approval.executive") : (departments[step] ?? step);
  return `${who}: ${t(`approval.decision.${decision}` as MessageKey)}`;
}

/** Who signs a step, as the approval page and the inbox name it: a department, or the executive's final approval. */
export function approvalStepName(
  t: Translate,
  locale: string,
  step: { key: string; department: { name: string; nameZh: string } | null },
): string {
  if (step.key === EXECUTIVE_STEP || !step.department) return t("approval.executiveFinal");
  return departmentLabel(step.department, locale);
}
