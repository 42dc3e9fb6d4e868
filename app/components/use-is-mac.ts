import { useEffect, useState } from "react";

/**
 * Whether this browser runs on an Apple platform (⌘ rather than Ctrl), or
 * null until hydrated: the server cannot know, and rendering its guess would
 * mismatch the browser's first render.
 */
export function useIsMac(): boolean | null {
  const [mac, setMac] = useState<boolean | null>(null);
  useEffect(() => {
    const platform =
      (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
      navigator.platform;
    setMac(/mac|iphone|ipad|ipod/i.test(platform));
  }, []);
  return mac;
}
