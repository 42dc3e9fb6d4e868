import { broadcastDevReady } from "@remix-run/node";
import { importBuild, startKeyroom } from "./app";
import { loadConfig } from "./config";
import { log, setLogLevel } from "./lib/logger";

const config = loadConfig();
setLogLevel(config.logLevel);
const server = await startKeyroom(config);
log.info("Keyroom is listening", { url: `http://localhost:${server.port}`, dataDir: config.dataDir });

if (config.env === "development") {
  await broadcastDevReady(await importBuild());
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info("Shutting down: flushing updates and closing connections", { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error("Shutdown failed", { error: String(error) });
        process.exit(1);
      },
    );
  });
}
