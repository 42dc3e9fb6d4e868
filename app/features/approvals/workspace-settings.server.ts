import type { Db } from "~/utils/db.server";

export interface WorkspaceSettings {
  /** The person who asked for an approval cannot sign any of its steps. */
  separationOfDuties: boolean;
}

export const DEFAULT_SETTINGS: WorkspaceSettings = { separationOfDuties: true };

const SETTINGS_ID = "workspace";

/** The workspace's settings; a workspace that never changed them has no row and gets the defaults. */
export async function workspaceSettings(db: Pick<Db, "workspaceSettings">): Promise<WorkspaceSettings> {
  const row = await db.workspaceSettings.findUnique({
    where: { id: SETTINGS_ID },
    select: { separationOfDuties: true },
  });
  return row ?? DEFAULT_SETTINGS;
}

/** Changes settings (the admin page will call this; tests and operators do today). */
export async function updateWorkspaceSettings(db: Db, change: Partial<WorkspaceSettings>): Promise<WorkspaceSettings> {
  return db.workspaceSettings.upsert({
    where: { id: SETTINGS_ID },
    create: { id: SETTINGS_ID, ...DEFAULT_SETTINGS, ...change },
    update: change,
    select: { separationOfDuties: true },
  });
}
