import { io, type Socket } from "socket.io-client";
import { HUB_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from "~/shared/hub";
import { login } from "./clients";

export type HubClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client on the /team namespace, sending the session cookie as a browser would. */
export function connectHub(baseUrl: string, cookie: string | undefined, origin?: string): HubClient {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  return io(`${baseUrl}${HUB_NAMESPACE}`, {
    transports: ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves once connected; rejects with the server's refusal. */
export function connected(client: HubClient): Promise<HubClient> {
  return new Promise((resolve, reject) => {
    if (client.connected) return resolve(client);
    client.once("connect", () => resolve(client));
    client.once("connect_error", (error) => reject(error));
  });
}

/** Emits with an ack and resolves with the server's reply. */
export function request<E extends keyof ClientToServerEvents>(
  client: HubClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
  return (client.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<never>)(event, payload);
}

/** Collects every event of one name a client receives. */
export function collect<E extends keyof ServerToClientEvents>(
  client: HubClient,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (client.on as (e: string, fn: (payload: never) => void) => void)(event, (payload) => seen.push(payload));
  return seen;
}

/**
 * People visiting a test's Keyroom servers: each signs in once, through
 * `signInAt` (servers on one database share sessions, so any of them takes
 * the cookie), and opens hub sockets on any server. `disconnectAll` after each test.
 */
export class HubVisitors {
  private readonly cookies = new Map<string, string>();
  private readonly sockets: HubClient[] = [];

  constructor(private readonly signInAt: () => { url: string }) {}

  async cookie(handle: string): Promise<string> {
    let value = this.cookies.get(handle);
    if (!value) {
      value = await login(this.signInAt().url, handle);
      this.cookies.set(handle, value);
    }
    return value;
  }

  /** Keeps `client` to disconnect after the test. */
  track(client: HubClient): HubClient {
    this.sockets.push(client);
    return client;
  }

  async hubOn(server: { url: string }, handle: string): Promise<HubClient> {
    return connected(this.track(connectHub(server.url, await this.cookie(handle))));
  }

  disconnectAll(): void {
    for (const socket of this.sockets.splice(0)) socket.disconnect();
  }
}
