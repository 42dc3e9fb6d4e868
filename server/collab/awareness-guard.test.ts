import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import {
  guardAwarenessUpdate,
  type AwarenessIdentity,
  type AwarenessOwner,
  type AwarenessView,
} from "./awareness-guard";
import { InvalidUpdateError } from "./update-validator";

const SALES: AwarenessIdentity = { userId: "user-sales", name: "Daniel Okafor", department: "sales", color: "#2563eb" };

const created: awarenessProtocol.Awareness[] = [];

/** A provider-side awareness whose doc has the given client id. */
function clientAwareness(clientID: number, state: Record<string, unknown> | null = null): awarenessProtocol.Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  created.push(awareness);
  return awareness;
}

/** The server's awareness for one document (it has no cursor of its own), and the guard's view of it. */
function serverAwareness(owned: number[] = []): { awareness: awarenessProtocol.Awareness; view: AwarenessView } {
  const awareness = clientAwareness(1);
  const view: AwarenessView = {
    isTaken: (id) => awareness.getStates().has(id) || owned.includes(id),
    clockOf: (id) => awareness.meta.get(id)?.clock,
  };
  return { awareness, view };
}

function newOwner(): AwarenessOwner {
  return { clientId: null, clockOffset: 0 };
}

function entries(update: Uint8Array): Array<{ clientId: number; clock: number; state: unknown }> {
  const decoder = decoding.createDecoder(update);
  const out = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    out.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: JSON.parse(decoding.readVarString(decoder)) as unknown,
    });
  }
  expect(decoding.hasContent(decoder)).toBe(false);
  return out;
}

/** Relays `from`'s states into `into`, as the official provider does with everything it hears. */
function relay(from: awarenessProtocol.Awareness, into: awarenessProtocol.Awareness): void {
  awarenessProtocol.applyAwarenessUpdate(into, awarenessProtocol.encodeAwarenessUpdate(from, [from.clientID]), "relay");
}

afterEach(() => {
  for (const awareness of created.splice(0)) awareness.destroy();
});

describe("identity", () => {
  it("stamps the session's identity over the name the client claimed, keeping the rest of its state", () => {
    const client = clientAwareness(100, {
      user: { name: "Helen Park (CEO)", color: "#000", userId: "user-exec" },
      cursor: { anchor: 3, head: 9 },
    });
    const { awareness: server, view } = serverAwareness();
    const owner = newOwner();
    const guarded = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [100]), SALES, owner, view);
    expect(guarded).not.toBeNull();
    awarenessProtocol.applyAwarenessUpdate(server, guarded!, "conn");
    expect(server.getStates().get(100)).toEqual({ user: SALES, cursor: { anchor: 3, head: 9 } });
    expect(owner.clientId).toBe(100);
  });

  it("adds the identity when the client sent no user at all", () => {
    const client = clientAwareness(101, { cursor: null });
    const { view } = serverAwareness();
    const guarded = guardAwarenessUpdate(
      awarenessProtocol.encodeAwarenessUpdate(client, [101]),
      SALES,
      newOwner(),
      view,
    );
    expect(entries(guarded!)).toEqual([{ clientId: 101, clock: 1, state: { cursor: null, user: SALES } }]);
  });

  it("passes the owner's own removal through as a removal, without a user", () => {
    const client = clientAwareness(102, { cursor: null });
    const { awareness: server, view } = serverAwareness();
    const owner = newOwner();
    const first = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [102]), SALES, owner, view);
    awarenessProtocol.applyAwarenessUpdate(server, first!, "conn");
    expect(server.getStates().has(102)).toBe(true);

    client.setLocalState(null);
    const removal = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [102]), SALES, owner, view);
    expect(entries(removal!)).toEqual([{ clientId: 102, clock: 2, state: null }]);
    awarenessProtocol.applyAwarenessUpdate(server, removal!, "conn");
    expect(server.getStates().has(102)).toBe(false);
  });
});

describe("one client id per connection", () => {
  it("claims the first free client id and drops entries for ids that are taken or beyond the first", () => {
    const { awareness: server, view } = serverAwareness();
    // Another connection already speaks for client 7.
    const other = clientAwareness(7, { user: { name: "Sofia Rossi" } });
    relay(other, server);

    // The provider relays every state it hears: 7's, an unknown 301's, and its own (300).
    const client = clientAwareness(300, { cursor: { anchor: 1, head: 1 } });
    const stranger = clientAwareness(301, { user: { name: "Someone else" } });
    relay(other, client);
    relay(stranger, client);
    const update = awarenessProtocol.encodeAwarenessUpdate(client, [7, 300, 301]);
    expect(entries(update).map((e) => e.clientId)).toEqual([7, 300, 301]);

    const owner = newOwner();
    const guarded = guardAwarenessUpdate(update, SALES, owner, view);
    expect(owner.clientId).toBe(300);
    expect(entries(guarded!)).toEqual([
      { clientId: 300, clock: 1, state: { cursor: { anchor: 1, head: 1 }, user: SALES } },
    ]);
    awarenessProtocol.applyAwarenessUpdate(server, guarded!, "conn");
    expect(server.getStates().get(7)).toEqual({ user: { name: "Sofia Rossi" } });
    expect(server.getStates().has(301)).toBe(false);
  });

  it("once it owns an id, an update about other ids only is dropped whole", () => {
    const { view } = serverAwareness();
    const client = clientAwareness(400, { cursor: null });
    const owner = newOwner();
    guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [400]), SALES, owner, view);
    expect(owner.clientId).toBe(400);

    const stranger = clientAwareness(401, { user: { name: "Someone else" } });
    relay(stranger, client);
    expect(guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [401]), SALES, owner, view)).toBeNull();
    expect(owner.clientId).toBe(400);
  });

  it("an update naming only ids owned elsewhere claims nothing and returns null", () => {
    const { view } = serverAwareness([9]);
    const impostor = clientAwareness(9, { user: { name: "Maya Chen" } });
    const owner = newOwner();
    expect(guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(impostor, [9]), SALES, owner, view)).toBeNull();
    expect(owner).toEqual({ clientId: null, clockOffset: 0 });
  });

  it("a removal (null state) does not claim an id", () => {
    const { view } = serverAwareness();
    const client = clientAwareness(500, null);
    const owner = newOwner();
    expect(guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [500]), SALES, owner, view)).toBeNull();
    expect(owner.clientId).toBeNull();
  });
});

describe("reconnecting", () => {
  it("a client whose clock is not above the server's known clock gets an offset, so its state wins", () => {
    const { awareness: server, view } = serverAwareness();
    const client = clientAwareness(600, { cursor: { anchor: 0, head: 0 } });
    for (let i = 1; i <= 4; i++) client.setLocalStateField("cursor", { anchor: i, head: i });
    const first = newOwner();
    const update = awarenessProtocol.encodeAwarenessUpdate(client, [600]);
    awarenessProtocol.applyAwarenessUpdate(server, guardAwarenessUpdate(update, SALES, first, view)!, "conn1");
    expect(first.clockOffset).toBe(0);
    const known = server.meta.get(600)!.clock;
    expect(known).toBe(5);

    // The connection drops: the server removes the state but remembers the clock.
    awarenessProtocol.removeAwarenessStates(server, [600], null);
    expect(server.getStates().has(600)).toBe(false);

    // The provider reconnects and resends its unchanged state, at the same clock.
    const second = newOwner();
    const resent = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [600]), SALES, second, view);
    expect(second).toEqual({ clientId: 600, clockOffset: 1 });
    expect(entries(resent!)[0].clock).toBe(known + 1);
    awarenessProtocol.applyAwarenessUpdate(server, resent!, "conn2");
    expect(server.getStates().get(600)).toEqual({ cursor: { anchor: 4, head: 4 }, user: SALES });

    // Later updates on the new connection keep the offset and keep winning.
    client.setLocalStateField("cursor", { anchor: 8, head: 8 });
    const next = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [600]), SALES, second, view);
    expect(entries(next!)[0].clock).toBe(client.meta.get(600)!.clock + 1);
    awarenessProtocol.applyAwarenessUpdate(server, next!, "conn2");
    expect(server.getStates().get(600)).toEqual({ cursor: { anchor: 8, head: 8 }, user: SALES });
  });

  it("a client with a lower clock than the server remembers (a fresh awareness for the same id) still wins", () => {
    const { awareness: server, view } = serverAwareness();
    const before = clientAwareness(700, { cursor: null });
    for (let i = 0; i < 9; i++) before.setLocalStateField("cursor", { anchor: i, head: i });
    awarenessProtocol.applyAwarenessUpdate(
      server,
      guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(before, [700]), SALES, newOwner(), view)!,
      "conn1",
    );
    awarenessProtocol.removeAwarenessStates(server, [700], null);

    const after = clientAwareness(700, { cursor: { anchor: 42, head: 42 } });
    const owner = newOwner();
    const guarded = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(after, [700]), SALES, owner, view);
    expect(owner.clockOffset).toBe(10);
    awarenessProtocol.applyAwarenessUpdate(server, guarded!, "conn2");
    expect(server.getStates().get(700)).toEqual({ cursor: { anchor: 42, head: 42 }, user: SALES });
  });

  it("a client the server has never seen keeps its own clock", () => {
    const { view } = serverAwareness();
    const client = clientAwareness(800, { cursor: null });
    client.setLocalStateField("cursor", { anchor: 1, head: 1 });
    const owner = newOwner();
    const guarded = guardAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(client, [800]), SALES, owner, view);
    expect(owner.clockOffset).toBe(0);
    expect(entries(guarded!)[0].clock).toBe(2);
  });
});

describe("malformed updates", () => {
  function raw(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    write(encoder);
    return encoding.toUint8Array(encoder);
  }

  function expectRefused(update: Uint8Array, message?: RegExp) {
    const { view } = serverAwareness();
    expect(() => guardAwarenessUpdate(update, SALES, newOwner(), view)).toThrow(InvalidUpdateError);
    if (message) expect(() => guardAwarenessUpdate(update, SALES, newOwner(), view)).toThrow(message);
  }

  it("bytes that are not an awareness update are refused", () => {
    expectRefused(new Uint8Array([]));
    expectRefused(new Uint8Array([3, 1]));
    expectRefused(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    const valid = awarenessProtocol.encodeAwarenessUpdate(clientAwareness(900, { cursor: null }), [900]);
    for (let length = 0; length < valid.length; length++) expectRefused(valid.subarray(0, length));
  });

  it("a state that is not JSON is refused", () => {
    expectRefused(
      raw((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 901);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, "{not json");
      }),
    );
  });

  it("a state that is not an object or null is refused", () => {
    for (const state of [42, "a string", ["an", "array"], true]) {
      const client = clientAwareness(902, null);
      client.setLocalState(state as unknown as Record<string, unknown>);
      expectRefused(awarenessProtocol.encodeAwarenessUpdate(client, [902]), /must be an object or null/);
    }
  });

  it("trailing bytes after a valid update are refused", () => {
    const valid = awarenessProtocol.encodeAwarenessUpdate(clientAwareness(903, { cursor: null }), [903]);
    expectRefused(new Uint8Array([...valid, 0]), /trailing bytes/);
    const { view } = serverAwareness();
    expect(guardAwarenessUpdate(valid, SALES, newOwner(), view)).not.toBeNull();
  });
});
