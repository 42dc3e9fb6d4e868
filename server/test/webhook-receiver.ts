import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "~/features/webhooks/signature.server";

export interface Received {
  at: number;
  event: string;
  delivery: string;
  signature: string;
  contentType: string;
  body: string;
  /** Whether the signature verified with the receiver's secret when it arrived. */
  verified: boolean;
}

/**
 * A real HTTP endpoint for tests: records every request, verifies its
 * signature with the secret it is given, and answers 500 to the first
 * `failFirst` requests.
 */
export async function startReceiver(failFirst = 0) {
  const received: Received[] = [];
  const state = { secret: "", failFirst };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["keyroom-signature"] ?? "");
      received.push({
        at: Date.now(),
        event: String(req.headers["keyroom-event"] ?? ""),
        delivery: String(req.headers["keyroom-delivery"] ?? ""),
        signature,
        contentType: String(req.headers["content-type"] ?? ""),
        body,
        verified: state.secret !== "" && verifySignature(state.secret, body, signature),
      });
      const fail = state.failFirst > 0;
      if (fail) state.failFirst--;
      res.writeHead(fail ? 500 : 204).end(fail ? "receiver down for a moment" : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
