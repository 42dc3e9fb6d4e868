import { afterEach, describe, expect, it } from "vitest";
import { formatDateTime, formatWhen } from "./format-when";
import { formatRelative, setDisplayTimeZone } from "./intl";

describe("moments in the reader's language", () => {
  afterEach(() => setDisplayTimeZone(undefined));

  it("says how long ago in English and Chinese, and gives the date past a week", () => {
    const now = new Date("2026-12-04T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    expect(formatRelative(ago(10_000), now, "en")).toBe("now");
    expect(formatRelative(ago(3 * 60_000), now, "en")).toBe("3 minutes ago");
    expect(formatRelative(ago(3 * 60_000), now, "zh-CN")).toBe("3分钟前");
    expect(formatRelative(ago(5 * 3_600_000), now, "en")).toBe("5 hours ago");
    expect(formatRelative(ago(26 * 3_600_000), now, "en")).toBe("yesterday");
    expect(formatRelative(ago(26 * 3_600_000), now, "zh-CN")).toBe("昨天");
    expect(formatRelative(ago(9 * 86_400_000), now, "en")).toBeNull();
  });

  it("formats in the workspace time zone, whatever the zone the code runs in", () => {
    const iso = "2026-12-04T23:30:00Z";
    setDisplayTimeZone("Asia/Shanghai");
    expect(formatDateTime(iso, "en")).toBe("Dec 5, 2026, 7:30 AM");
    expect(formatDateTime(iso, "zh-CN")).toBe("2026年12月5日 07:30");
    setDisplayTimeZone("America/New_York");
    expect(formatDateTime(iso, "en")).toBe("Dec 4, 2026, 6:30 PM");
    // "Today" is judged in that zone too: 18:30 on the 4th is today at 20:00 New York time.
    expect(formatWhen(iso, "en", new Date("2026-12-05T01:00:00Z"))).toBe("6:30 PM");
    expect(formatWhen(iso, "en", new Date("2026-12-05T06:00:00Z"))).toBe("Dec 4, 2026");
  });
});
