import { login } from "./clients";
import type { TestServer } from "./start-test-server";
import type { AdminReply } from "~/features/admin/admin-reply";

/**
 * Posts admin forms over real HTTP as a demo user and reads the action's JSON
 * (`?_data=<route id>`), the way the admin tests talk to the server.
 */
export class AdminClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly server: () => TestServer) {}

  async cookie(handle: string): Promise<string> {
    let cookie = this.cookies.get(handle);
    if (!cookie) {
      cookie = await login(this.server().url, handle);
      this.cookies.set(handle, cookie);
    }
    return cookie;
  }

  /** Forgets a cookie the server has ended (deactivation, reset). */
  forget(handle: string): void {
    this.cookies.delete(handle);
  }

  async post(section: string, fields: Record<string, string>, handle = "admin"): Promise<Response> {
    const route = encodeURIComponent(`routes/_workspace.admin.${section}`);
    return fetch(`${this.server().url}/admin/${section}?_data=${route}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { cookie: await this.cookie(handle) },
      redirect: "manual",
    });
  }

  /** Posts and expects a JSON reply with this status. */
  async reply<Extra = object>(
    section: string,
    fields: Record<string, string>,
    status = 200,
    handle = "admin",
  ): Promise<AdminReply<Extra>> {
    const res = await this.post(section, fields, handle);
    if (res.status !== status) throw new Error(`POST ${section} ${fields.intent}: ${res.status}, expected ${status}`);
    return (await res.json()) as AdminReply<Extra>;
  }

  async load<T>(section: string, query = "", handle = "admin"): Promise<T> {
    const route = encodeURIComponent(`routes/_workspace.admin.${section}`);
    const res = await fetch(`${this.server().url}/admin/${section}?_data=${route}${query}`, {
      headers: { cookie: await this.cookie(handle) },
      redirect: "manual",
    });
    if (res.status !== 200) throw new Error(`GET ${section}: ${res.status}`);
    return (await res.json()) as T;
  }
}

/** The token at the end of a one-time link. */
export const tokenOf = (url: string | undefined) => new URL(url ?? "http://invalid/").pathname.split("/").pop() ?? "";
