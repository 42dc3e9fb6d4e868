// The blocks of one exact version of a document, and the names of the keys they hold.
import type { Db } from "~/utils/db.server";
import type { BlockSet } from "./block-changes";
import { extractBlocksFromState } from "./extract";

/**
 * The blocks a Yjs state holds, as a reader compares them. Read from the state
 * rather than the block tables: those follow the live document, and approvals
 * and version comparisons are about one version of it.
 */
export function blocksOfState(state: Uint8Array): BlockSet {
  const { initiatives, rights } = extractBlocksFromState(state);
  // Position and the free text stay out: pages list fields, and the text diff shows the text.
  return {
    initiatives: initiatives.map(({ position: _position, summary: _summary, ...fields }) => fields),
    rights: rights.map(({ position: _position, ...fields }) => fields),
  };
}

/** The names pages show for the department and KPI keys blocks hold, in both languages. */
export async function blockNames(db: Db) {
  const [departments, kpis] = await Promise.all([
    db.department.findMany({ select: { key: true, name: true, nameZh: true }, orderBy: { sortOrder: "asc" } }),
    db.kpiDefinition.findMany({ select: { key: true, name: true, nameZh: true }, orderBy: { sortOrder: "asc" } }),
  ]);
  return { departments, kpis };
}
