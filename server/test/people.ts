import { login } from "./clients";
import { connected, connectHub, type HubClient } from "./hub-client";

/**
 * The demo users a test file signs in as: one session per person (signed in
 * on first use), and their hub sockets, all closed by `disconnect`.
 */
export class People {
  private readonly cookies = new Map<string, string>();
  private readonly sockets: HubClient[] = [];

  constructor(private readonly server: () => { url: string }) {}

  async cookie(handle: string): Promise<string> {
    let cookie = this.cookies.get(handle);
    if (!cookie) {
      cookie = await login(this.server().url, handle);
      this.cookies.set(handle, cookie);
    }
    return cookie;
  }

  /** A connected socket.io client on /team as this person. */
  async hub(handle: string): Promise<HubClient> {
    const client = connectHub(this.server().url, await this.cookie(handle));
    this.sockets.push(client);
    return connected(client);
  }

  /** Keeps a socket made elsewhere (e.g. one expected to be refused) for `disconnect`. */
  track(client: HubClient): HubClient {
    this.sockets.push(client);
    return client;
  }

  disconnect(): void {
    for (const client of this.sockets.splice(0)) client.disconnect();
  }
}
