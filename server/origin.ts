/**
 * Same-origin rule for state-changing requests, WebSocket upgrades and
 * socket.io handshakes: a browser's `Origin` must equal PUBLIC_URL's origin
 * when set, else the request's own host. No Origin means a non-browser client,
 * judged by its credentials alone.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string | undefined,
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin;
  return host !== undefined && parsed.host === host;
}

/**
 * Fetch Metadata (`Sec-Fetch-Site`), on top of the Origin rule: browsers send
 * it on every request, Origin or not. Only our own pages (`same-origin`) and
 * the user's own navigation (`none`) may change state; `same-site` is a
 * sibling subdomain, not this origin. Absent means a non-browser client (or an
 * old browser), judged by Origin and credentials as before.
 */
export function isAllowedFetchSite(secFetchSite: string | string[] | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === "same-origin" || secFetchSite === "none";
}
