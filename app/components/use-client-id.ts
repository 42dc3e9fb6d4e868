import { useCallback, useState } from "react";

/**
 * The clientId a creating form sends: `base` comes from the loader (rendered
 * on the server, so it works before hydration and is kept across a retried
 * submit); `renew` after a success gives the next creation its own id even if
 * the page's data is not reloaded.
 */
export function useClientId(base: string): [clientId: string, renew: () => void] {
  const [round, setRound] = useState(0);
  const renew = useCallback(() => setRound((n) => n + 1), []);
  return [round === 0 ? base : `${base}-${round}`, renew];
}
