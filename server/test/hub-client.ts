import { io, type Socket } from "socket.io-client";
import { HUB_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from "~/shared/hub";

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
