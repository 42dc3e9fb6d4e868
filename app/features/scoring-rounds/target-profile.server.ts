import type { Db } from "~/utils/db.server";
import { CAPABILITY_ELEMENTS, SCORE_RANGE, type CapabilityElement } from "./rounds";

/** A level per capability element; elements left out have no target. */
export type TargetProfile = Partial<Record<CapabilityElement, number>>;

const SETTINGS_ID = "workspace";

/** The stored profile, keeping only known elements at allowed levels; null when none is set. */
export function parseTargetProfile(value: string | null | undefined): TargetProfile | null {
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const profile: TargetProfile = {};
  for (const element of CAPABILITY_ELEMENTS) {
    const level = (parsed as Record<string, unknown>)[element];
    if (
      typeof level === "number" &&
      Number.isInteger(level) &&
      level >= SCORE_RANGE.capability.min &&
      level <= SCORE_RANGE.capability.max
    ) {
      profile[element] = level;
    }
  }
  return Object.keys(profile).length > 0 ? profile : null;
}

/** The workspace's default profile (admin settings), which a new capability round starts from. */
export async function defaultTargetProfile(db: Pick<Db, "workspaceSettings">): Promise<TargetProfile | null> {
  const row = await db.workspaceSettings.findUnique({
    where: { id: SETTINGS_ID },
    select: { assessmentTargets: true },
  });
  return parseTargetProfile(row?.assessmentTargets);
}

/** Sets (or, when empty, clears) the default profile. */
export async function saveTargetProfile(db: Pick<Db, "workspaceSettings">, profile: TargetProfile): Promise<void> {
  const assessmentTargets = Object.keys(profile).length > 0 ? JSON.stringify(profile) : null;
  await db.workspaceSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, assessmentTargets },
    update: { assessmentTargets },
  });
}
