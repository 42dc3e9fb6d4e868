import type { Locale, MessageKey, MessageVars } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";

/**
 * A refused workflow change (not found, not yours, not allowed now), named by
 * a message key so each reader gets it in their language. Routes and the hub
 * answer with the status and `messageIn(locale)`; `message` is the key, for logs.
 */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly key: MessageKey,
    readonly params?: MessageVars,
  ) {
    super(key);
  }

  messageIn(locale: Locale): string {
    return translate(locale, this.key, this.params);
  }
}
