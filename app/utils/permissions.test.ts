import { describe, expect, it } from "vitest";
import { decideAccountAccess } from "./permissions.server";

const cases: Array<[workspace: string, team: string | null, read: boolean, edit: boolean, role: string | null]> = [
  ["member", "lead", true, true, "lead"],
  ["member", "member", true, true, "member"],
  ["member", "executive", true, true, "executive"],
  ["member", "viewer", true, false, "viewer"],
  ["member", null, false, false, null],
  ["executive", "lead", true, true, "lead"],
  ["executive", "viewer", true, false, "viewer"],
  ["executive", null, true, false, null],
  ["admin", "member", true, true, "member"],
  ["admin", null, true, false, null],
];

describe("decideAccountAccess", () => {
  it.each(cases)("workspace %s with team role %s: read %s, edit %s", (workspace, team, read, edit, role) => {
    expect(decideAccountAccess(workspace, team)).toEqual({ canRead: read, canEdit: edit, role });
  });

  it("an unknown team role grants nothing beyond the workspace role", () => {
    expect(decideAccountAccess("member", "owner")).toEqual({ canRead: false, canEdit: false, role: null });
  });
});
