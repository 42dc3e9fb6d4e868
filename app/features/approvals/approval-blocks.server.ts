// What each signer of a round signs for: the initiatives and rights of the exact version the round approves.
import type { BlockSet } from "~/features/blocks/block-changes";
import { extractBlocksFromState } from "~/features/blocks/extract";
import type { Db } from "~/utils/db.server";
import { EXECUTIVE_STEP } from "./approval.schema";

/**
 * The blocks a Yjs state holds, as signers read them. Read from the state
 * rather than the block tables: those follow the live document, and a round
 * approves one version of it.
 */
export function blocksOfState(state: Uint8Array): BlockSet {
  const { initiatives, rights } = extractBlocksFromState(state);
  // Position and the free text stay out: the page lists fields, and the text diff shows the text.
  return {
    initiatives: initiatives.map(({ position: _position, summary: _summary, ...fields }) => fields),
    rights: rights.map(({ position: _position, ...fields }) => fields),
  };
}

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

/** The names the page shows for the department and KPI keys blocks hold, in both languages. */
export async function blockNames(db: Db) {
  const [departments, kpis] = await Promise.all([
    db.department.findMany({ select: { key: true, name: true, nameZh: true }, orderBy: { sortOrder: "asc" } }),
    db.kpiDefinition.findMany({ select: { key: true, name: true, nameZh: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  return { departments, kpis };
}
