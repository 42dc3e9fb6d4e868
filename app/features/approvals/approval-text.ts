import type { MessageKey, Translate } from "~/i18n/i18n";
import { APPROVAL_DECISIONS, EXECUTIVE_STEP } from "~/features/approvals/approval.schema";

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
