import { describe, expect, it } from "vitest";
import { decideAccountAccess, seesWholePortfolio, type AccountAccess } from "./permissions.server";

// The complete workspace role × team role matrix (permissions.test.ts spot-checks it).

type TeamRole = "lead" | "member" | "executive" | "viewer" | "none";

// Leads manage their team; workspace admins manage every team, on it or not.
const EXPECTED: Record<string, Record<TeamRole, AccountAccess>> = {
  member: {
    lead: { canRead: true, canEdit: true, canComment: true, canManageTeam: true, role: "lead" },
    member: { canRead: true, canEdit: true, canComment: true, canManageTeam: false, role: "member" },
    executive: { canRead: true, canEdit: true, canComment: true, canManageTeam: false, role: "executive" },
    viewer: { canRead: true, canEdit: false, canComment: true, canManageTeam: false, role: "viewer" },
    none: { canRead: false, canEdit: false, canComment: false, canManageTeam: false, role: null },
  },
  executive: {
    lead: { canRead: true, canEdit: true, canComment: true, canManageTeam: true, role: "lead" },
    member: { canRead: true, canEdit: true, canComment: true, canManageTeam: false, role: "member" },
    executive: { canRead: true, canEdit: true, canComment: true, canManageTeam: false, role: "executive" },
    viewer: { canRead: true, canEdit: false, canComment: true, canManageTeam: false, role: "viewer" },
    none: { canRead: true, canEdit: false, canComment: false, canManageTeam: false, role: null },
  },
  admin: {
    lead: { canRead: true, canEdit: true, canComment: true, canManageTeam: true, role: "lead" },
    member: { canRead: true, canEdit: true, canComment: true, canManageTeam: true, role: "member" },
    executive: { canRead: true, canEdit: true, canComment: true, canManageTeam: true, role: "executive" },
    viewer: { canRead: true, canEdit: false, canComment: true, canManageTeam: true, role: "viewer" },
    none: { canRead: true, canEdit: false, canComment: false, canManageTeam: true, role: null },
  },
};

const rows = Object.entries(EXPECTED).flatMap(([workspaceRole, byTeam]) =>
  Object.entries(byTeam).map(([teamRole, access]) => ({ workspaceRole, teamRole, access })),
);

describe("decideAccountAccess: workspace role × team role", () => {
  it.each(rows)(
    "a workspace $workspaceRole with team role $teamRole: read $access.canRead, edit $access.canEdit, comment $access.canComment, manage team $access.canManageTeam, role $access.role",
    ({ workspaceRole, teamRole, access }) => {
      if (teamRole === "none") {
        expect(decideAccountAccess(workspaceRole, null)).toEqual(access);
        expect(decideAccountAccess(workspaceRole, undefined)).toEqual(access);
      } else {
        expect(decideAccountAccess(workspaceRole, teamRole)).toEqual(access);
      }
    },
  );

  it("the matrix covers all 15 combinations", () => {
    expect(rows).toHaveLength(15);
  });

  it("nobody can edit without being able to read", () => {
    for (const { workspaceRole, teamRole } of rows) {
      const access = decideAccountAccess(workspaceRole, teamRole === "none" ? null : teamRole);
      if (access.canEdit) expect(access.canRead).toBe(true);
    }
  });

  it("nobody manages a team they cannot read", () => {
    for (const { workspaceRole, teamRole } of rows) {
      const access = decideAccountAccess(workspaceRole, teamRole === "none" ? null : teamRole);
      if (access.canManageTeam) expect(access.canRead).toBe(true);
    }
  });

  it("an unknown workspace role on no team sees nothing", () => {
    const nothing = { canRead: false, canEdit: false, canComment: false, canManageTeam: false, role: null };
    expect(decideAccountAccess("owner", null)).toEqual(nothing);
    expect(decideAccountAccess("", null)).toEqual(nothing);
  });

  it("an unknown team role grants nothing beyond the workspace role", () => {
    expect(decideAccountAccess("member", "owner")).toEqual({
      canRead: false,
      canEdit: false,
      canComment: false,
      canManageTeam: false,
      role: null,
    });
    expect(decideAccountAccess("admin", "owner")).toEqual({
      canRead: true,
      canEdit: false,
      canComment: false,
      canManageTeam: true,
      role: null,
    });
  });

  it("only executives and admins see the whole portfolio", () => {
    expect(seesWholePortfolio("member")).toBe(false);
    expect(seesWholePortfolio("executive")).toBe(true);
    expect(seesWholePortfolio("admin")).toBe(true);
    expect(seesWholePortfolio("owner")).toBe(false);
  });
});
