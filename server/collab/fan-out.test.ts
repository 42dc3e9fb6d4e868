import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FanOut, type Peer } from "./fan-out";

/** A peer that keeps what it is sent, as sync-update payloads. */
class Inbox implements Peer {
  readonly received: Uint8Array[] = [];
  readonly awarenessOwner = { clientId: null, clockOffset: 0 };
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder); // sync
    expect(decoding.readVarUint(decoder)).toBe(2); // update
    this.received.push(decoding.readVarUint8Array(decoder));
  }
  close(): void {
    throw new Error("a peer that keeps up is never closed");
  }
}

function room(size: number) {
  const doc = new Y.Doc();
  const peers = new Set(Array.from({ length: size }, () => new Inbox()));
  new FanOut(doc, peers);
  // Each edit from a client of its own, so any subset of them applies on its own, as
  // the server's document receives them from many people.
  const type = (key: string, origin: Peer | null = null) => {
    const author = new Y.Doc();
    author.getMap("m").set(key, true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(author), origin);
  };
  return { doc, peers: [...peers], type };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The edits a peer was sent, in a fresh document. */
function textOf(peer: Inbox): string {
  const copy = new Y.Doc();
  for (const update of peer.received) Y.applyUpdate(copy, update);
  return [...copy.getMap("m").keys()].sort().join("");
}

describe("fan-out", () => {
  it("sends what one run applied as one message, to everyone but its author", async () => {
    const { peers, type } = room(3);
    type("a", peers[0]);
    type("b", peers[1]);
    await tick();
    expect(peers.map((peer) => peer.received.length)).toEqual([1, 1, 1]);
    expect(textOf(peers[0])).toBe("b");
    expect(textOf(peers[1])).toBe("a");
    expect(textOf(peers[2])).toBe("ab");
  });

  it("sends a burst applied in one run as one message to each peer, and the next run's at once", async () => {
    const { peers, type } = room(200);
    type("first");
    await Promise.resolve();
    // Sent in the microtask after the run that applied it, before any timer or I/O.
    expect(peers.every((peer) => peer.received.length === 1)).toBe(true);
    for (const letter of "vwxyz") type(letter);
    await Promise.resolve();
    expect(peers.every((peer) => peer.received.length === 2)).toBe(true);
    expect(peers.every((peer) => textOf(peer) === "firstvwxyz")).toBe(true);
  });

  it("in a big room, leaves each author's own edits out of what it is sent", async () => {
    const { peers, type } = room(120);
    type("x", peers[5]);
    type("y", peers[6]);
    await tick();
    expect(textOf(peers[5])).toBe("y");
    expect(textOf(peers[6])).toBe("x");
    expect(textOf(peers[7])).toBe("xy");
  });
});
