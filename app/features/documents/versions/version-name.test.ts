import { describe, expect, it } from "vitest";
import { translate } from "~/i18n/i18n.server";
import type { Locale, Translate } from "~/i18n/i18n";
import { AUTO_VERSION_NAMES, versionDisplayName } from "./version-name";

const reader =
  (locale: Locale): Translate =>
  (key, vars) =>
    translate(locale, key, vars);

describe("versionDisplayName", () => {
  it("shows Keyroom's own version names in the reader's language", () => {
    const zh = reader("zh-CN");
    expect(versionDisplayName(zh, AUTO_VERSION_NAMES.approval)).toBe("送审版本");
    expect(versionDisplayName(zh, AUTO_VERSION_NAMES.review("2026-Q3"))).toBe("2026-Q3 业务回顾");
    expect(versionDisplayName(zh, AUTO_VERSION_NAMES.restore(AUTO_VERSION_NAMES.approval))).toBe("恢复“送审版本”之前");
    expect(versionDisplayName(reader("en"), AUTO_VERSION_NAMES.review("2026-Q3"))).toBe("Review 2026-Q3");
  });

  it("leaves the names people gave as they wrote them", () => {
    const zh = reader("zh-CN");
    for (const name of ["Q3 draft for Helen", "第三季度草稿", "Review of pricing", "Before restoring"]) {
      expect(versionDisplayName(zh, name)).toBe(name);
    }
    expect(versionDisplayName(zh, AUTO_VERSION_NAMES.restore("第三季度草稿"))).toBe("恢复“第三季度草稿”之前");
  });
});
