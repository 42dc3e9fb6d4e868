// What each signer of a round signs for: the initiatives and rights of the exact version the round approves.
import type { BlockSet } from "~/features/blocks/block-changes";
import { EXECUTIVE_STEP } from "./approval.schema";

/**
 * Per step key, the blocks that step signs for: a department the blocks it
 * owns, the executive all of them. Null when the version holds no blocks at
 * all (an account plan, meeting notes), where a list per step would only say
 * "none" everywhere.
 */
export function blocksByStep(blocks: BlockSet, steps: { key: string }[]): Record<string, BlockSet> | null {
  if (blocks.initiatives.length === 0 && blocks.rights.length === 0) return null;
  return Object.fromEntries(
    steps.map((step) => [
      step.key,
      step.key === EXECUTIVE_STEP
        ? blocks
        : {
            initiatives: blocks.initiatives.filter((b) => b.department === step.key),
            rights: blocks.rights.filter((b) => b.department === step.key),
          },
    ]),
  );
}
