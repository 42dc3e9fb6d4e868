import pino, { type DestinationStream } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error";
type Threshold = LogLevel | "silent";
type Fields = Record<string, unknown>;

export interface Log {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

const THRESHOLDS: readonly string[] = ["debug", "info", "warn", "error", "silent"] satisfies Threshold[];

// Field names that may carry a credential: a login's password, a user row's
// hash, the session id behind the cookie, request headers, API tokens.
const SECRET_FIELDS = [
  "password",
  "passwordHash",
  "sessionId",
  "sessionSecret",
  "secret",
  "token",
  "cookie",
  "set-cookie",
  "authorization",
];

/** Same line shape as before pino: `{"level":"info","time":"<ISO>",...fields,"msg":...}`, no pid or hostname. */
function createPino(destination: DestinationStream, level: Threshold) {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Log calls pass flat fields, or an object one level down (a request's `headers`, a `user`).
      redact: { paths: SECRET_FIELDS.flatMap((field) => [`["${field}"]`, `*["${field}"]`]), censor: "[redacted]" },
    },
    destination,
  );
}

/** A logger writing JSON lines to `destination`; `setLevel` changes what it lets through. */
export function createLogger(
  destination: DestinationStream,
  level: Threshold,
): Log & { setLevel(level: Threshold): void } {
  const logger = createPino(destination, level);
  const at =
    (method: LogLevel) =>
    (message: string, fields?: Fields): void => {
      if (fields) logger[method](fields, message);
      else logger[method](message);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    setLevel: (next) => {
      logger.level = next;
    },
  };
}

// Warnings and errors go to stderr, the rest to stdout. The process streams
// (which console.log used before) rather than an asynchronous pino destination:
// they write files and pipes synchronously, so a SIGKILL right after a call
// loses nothing already logged.
function standardStreams(): DestinationStream {
  return pino.multistream(
    [
      { level: "debug", stream: process.stdout },
      { level: "warn", stream: process.stderr },
    ],
    { dedupe: true },
  );
}

function levelFromEnvironment(): Threshold {
  const level = process.env.LOG_LEVEL ?? "info";
  return THRESHOLDS.includes(level) ? (level as Threshold) : "info";
}

// Made on first use, not at import: route modules import this file for their
// actions, and a top-level call here would end up, and run, in the browser bundle.
// One per process: the Remix build bundles its own copy of this module, and both
// copies must log through the same logger, at the level last set.
const ROOT = Symbol.for("keyroom.logger");
type Root = ReturnType<typeof createLogger>;
const rootLogger = (): Root => {
  const shared = globalThis as { [ROOT]?: Root };
  return (shared[ROOT] ??= createLogger(standardStreams(), levelFromEnvironment()));
};

export function setLogLevel(level: Threshold): void {
  rootLogger().setLevel(level);
}

/** One JSON line per event, so refusals and faults can be grepped and counted; secret fields are redacted. */
export const log: Log = {
  debug: (message, fields) => rootLogger().debug(message, fields),
  info: (message, fields) => rootLogger().info(message, fields),
  warn: (message, fields) => rootLogger().warn(message, fields),
  error: (message, fields) => rootLogger().error(message, fields),
};
