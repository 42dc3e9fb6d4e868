import { useRevalidateOn, usePresenceRoom } from "~/hub/hub-context";
import type { RoundKind } from "./rounds";

/** The account room carries round:progress; joining it is what makes the count and the reveal live. */
export function useLiveRound(accountId: string, kind: RoundKind): void {
  usePresenceRoom("account", accountId);
  useRevalidateOn("round:progress", (change) => change.accountId === accountId && change.kind === kind);
}
