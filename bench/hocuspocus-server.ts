/**
 * Hocuspocus as an anchor: `@hocuspocus/server` with its defaults, on a free
 * loopback port. Two modes, chosen by HOCUSPOCUS_SQLITE:
 *
 * - unset: in memory, nothing persisted (the plain server);
 * - a file path: with `@hocuspocus/extension-sqlite` writing that file, at the
 *   server's default store debounce (2 s, at most 10 s), so it persists the way
 *   a default deployment does.
 *
 * Prints `{"listening":<port>}` once ready, like bench/reference-server.ts.
 */
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const database = process.env.HOCUSPOCUS_SQLITE;

const server = new Server({
  port: 0,
  address: "127.0.0.1",
  // No start screen; errors and warnings still reach stderr.
  quiet: true,
  extensions: database ? [new SQLite({ database })] : [],
});

await server.listen();
console.log(JSON.stringify({ listening: server.address.port }));
