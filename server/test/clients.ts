import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export const DEMO_PASSWORD = "keyroom-demo";

/** Signs in over real HTTP and returns the session cookie (`__session=…`). */
export async function login(baseUrl: string, handle: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email: `${handle}@demo.keyroom`, password }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 302 || !cookie) throw new Error(`login as ${handle} failed: ${res.status}`);
  return cookie.split(";")[0];
}

/** GET with a cookie, never following redirects. */
export function get(baseUrl: string, pathname: string, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}${pathname}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
}

/** A form POST with the given headers (a cookie, fetch metadata), never following redirects. */
export function postForm(
  baseUrl: string,
  pathname: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${baseUrl}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
    redirect: "manual",
  });
}

/** A WebSocket class for the provider that sends these headers with its upgrade (a cookie, a Bearer token). */
export function webSocketWith(headers: Record<string, string>): typeof globalThis.WebSocket {
  const WithHeaders = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
  return WithHeaders as unknown as typeof globalThis.WebSocket;
}

/** A WebSocket class for the provider that sends the session cookie, as a browser would. */
export function cookieWebSocket(cookie: string | undefined): typeof globalThis.WebSocket {
  return webSocketWith(cookie ? { cookie } : {});
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(): string;
  destroy(): void;
}

/** The official y-websocket provider, connected to /collab/:docId with the given session. */
export function connectClient(wsUrl: string, docId: string, cookie: string | undefined, params = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, docId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
    params,
  });
  return {
    doc,
    provider,
    text: () => doc.getXmlFragment("default").toString(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Appends a paragraph with `text` to the document, as TipTap would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const fragment = doc.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

/**
 * Resolves as soon as `check()` holds. The limit only decides how long a broken
 * test takes to fail: tests assert what happens, never how fast (docs/performance.md
 * measures that), and on a busy CI machine 5 s was once not enough for a thing
 * that takes 2 s on an idle one.
 */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function synced(client: TestClient): Promise<void> {
  return waitFor(() => client.provider.synced, "provider sync");
}

/** Opens a raw upgrade and resolves with the HTTP status of a refusal, or 101. */
export function upgradeStatus(wsUrl: string, pathname: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}${pathname}`, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}
