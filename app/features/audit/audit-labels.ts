import type { MessageKey, Translate } from "~/i18n/i18n";

/**
 * Human names for audit action codes (issue 21). A code is the write's address
 * and form intent (`accounts.docs.approval.decide`, see describeWrite) or a
 * handler's own name (`api.createActionItem`): it reads as the area's name and
 * the verb, "Approval: decide" / "审批：审批决定". The code itself stays in the
 * CSV and, small, on the page.
 */
export const AUDIT_AREAS = [
  "accounts",
  "accounts.actions",
  "accounts.assessment",
  "accounts.docs",
  "accounts.docs.approval",
  "accounts.docs.share",
  "accounts.docs.versions",
  "accounts.kpis",
  "accounts.reviews",
  "accounts.team",
  "accounts.value",
  "admin.accounts",
  "admin.departments",
  "admin.import",
  "admin.invitation",
  "admin.passwordReset",
  "admin.settings",
  "admin.templates",
  "admin.users",
  "admin.webhooks",
  "api",
  "document",
  "notifications",
  "reviews",
  "settings.locale",
  "settings.tokens",
] as const;

export const AUDIT_VERBS = [
  "accept",
  "action",
  "add",
  "approvals",
  "archive",
  "assessmentTargets",
  "cancel",
  "change",
  "change-stage",
  "close",
  "comment-edit",
  "comment-reopen",
  "comment-reply",
  "comment-resolve",
  "comment-start",
  "commit",
  "create",
  "create-document",
  "deactivate",
  "decide",
  "decision",
  "define",
  "defineKpi",
  "delete",
  "disable",
  "edit",
  "enable",
  "gap-action",
  "go",
  "import",
  "invite",
  "kpi",
  "open",
  "ping",
  "preview",
  "promote",
  "reactivate",
  "read",
  "read-all",
  "redeliver",
  "remove",
  "rename",
  "request-approval",
  "reset",
  "resetPassword",
  "restore-version",
  "reveal",
  "revoke",
  "revokeInvitation",
  "rotate",
  "save",
  "save-version",
  "schedule",
  "score",
  "set-currency",
  "start",
  "targets",
  "transfer",
  "unarchive",
  "update",
  "use",
] as const;

/** Codes named as a whole: the API's operations and the writes that are not a form. */
export const AUDIT_EXACT = [
  "api.createAccount",
  "api.createActionItem",
  "api.decideApproval",
  "api.saveQuarterKpis",
  "api.updateAccount",
  "api.updateActionItem",
  "document.edit",
  "login",
  "logout",
] as const;

const areas = new Set<string>(AUDIT_AREAS);
const verbs = new Set<string>(AUDIT_VERBS);
const exact = new Set<string>(AUDIT_EXACT);

/** The action in the reader's language, or null for a code Keyroom has no name for (shown as the code). */
export function auditActionLabel(t: Translate, code: string): string | null {
  if (exact.has(code)) return t(`audit.action.${code}` as MessageKey);
  const parts = code.split(".");
  // The longest known area wins: accounts.docs.approval before accounts.docs before accounts.
  for (let cut = parts.length; cut > 0; cut--) {
    const area = parts.slice(0, cut).join(".");
    if (!areas.has(area)) continue;
    const verb = parts.slice(cut).join(".");
    const areaName = t(`audit.area.${area}` as MessageKey);
    if (verb === "") return areaName;
    if (!verbs.has(verb)) return null;
    return t("audit.action.composed", { area: areaName, verb: t(`audit.verb.${verb}` as MessageKey) });
  }
  return null;
}
