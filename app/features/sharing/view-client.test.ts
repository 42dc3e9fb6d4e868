import { describe, expect, it } from "vitest";
import type { Locale } from "~/i18n/i18n";
import { translate } from "~/i18n/i18n.server";
import { coarseClient } from "./share-links.server";
import { viewClientLabel } from "./view-client";

const label = (locale: Locale, stored: string) => viewClientLabel((key, vars) => translate(locale, key, vars), stored);

describe("a share link visit's client", () => {
  it("reads in the team member's language, with browser and system names as they are", () => {
    const chrome = coarseClient(
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    );
    expect(label("en", chrome)).toBe("Chrome on Windows");
    expect(label("zh-CN", chrome)).toBe("Windows 上的 Chrome");
    expect(label("zh-CN", coarseClient(null))).toBe("其他系统 上的 其他浏览器");
  });
});
