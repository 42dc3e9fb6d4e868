import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_COLLAB_LIMITS } from "./collab/limits";
import { dataDir } from "./data-paths";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  COLLAB_UPDATES_PER_SECOND: z.coerce.number().positive().default(DEFAULT_COLLAB_LIMITS.updatesPerSecond),
  COLLAB_UPDATE_BURST: z.coerce.number().positive().default(DEFAULT_COLLAB_LIMITS.updateBurst),
  /** Express "trust proxy": set when a TLS-terminating proxy sits in front (e.g. "1" or "loopback"). */
  TRUST_PROXY: z.string().optional(),
  /** `postgresql://…` to run on PostgreSQL (scale-out); unset, the SQLite file in DATA_DIR. */
  DATABASE_URL: z.string().optional(),
  /** With several processes: this one's address as the others reach it (default ws://127.0.0.1:PORT). */
  NODE_URL: z
    .string()
    .regex(/^wss?:\/\/[^/]+$/, "NODE_URL must look like ws://host:port")
    .optional(),
  /** With several processes: how long a document waits for a new owner after its owner died. */
  LEASE_TTL_MS: z.coerce.number().int().min(200).max(120_000).default(5_000),
  /** `redis://…`: the team hub fans out to the other processes through Redis (never the truth). */
  REDIS_URL: z
    .union([z.literal(""), z.string().regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL")])
    .optional(),
  /** Prefix of Keyroom's Redis keys and channels, so several deployments can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, "REDIS_PREFIX may hold letters, digits and _ . : - only")
    .default("keyroom"),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /** When set, the only Origin accepted for state-changing requests and upgrades. */
  publicUrl?: string;
  dataDir: string;
  databaseFile: string;
  /** PostgreSQL instead of `databaseFile`, when set. */
  databaseUrl?: string;
  /** On PostgreSQL: this process's address for the others (default ws://127.0.0.1:<port>). */
  nodeUrl?: string;
  /** On PostgreSQL: a document lease's lifetime without renewal. */
  leaseTtlMs?: number;
  sessionSecret: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** How long a document with nobody connected stays in memory. */
  idleUnloadMs: number;
  /** Per-connection document message rate limit. */
  updatesPerSecond: number;
  updateBurst: number;
  /** Express's "trust proxy" setting, so client addresses come from X-Forwarded-For. */
  trustProxy?: boolean | number | string;
  /** Redis for the team hub's fan-out between processes; unset, one process serves alone. */
  redisUrl?: string;
  /** Prefix of the hub's Redis keys and channels (default "keyroom"). */
  redisPrefix?: string;
}

/**
 * Reads the environment once at boot. A missing SESSION_SECRET is generated and
 * kept in the data directory so `npm start` works on a fresh machine and
 * sessions survive restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.parse(env);
  const dir = env.DATA_DIR ? path.resolve(env.DATA_DIR) : dataDir();
  fs.mkdirSync(dir, { recursive: true });
  return {
    env: parsed.NODE_ENV,
    port: parsed.PORT,
    host: parsed.HOST,
    publicUrl: parsed.PUBLIC_URL,
    dataDir: dir,
    databaseFile: path.join(dir, "keyroom.db"),
    databaseUrl: postgresUrl(parsed.DATABASE_URL),
    nodeUrl: parsed.NODE_URL,
    leaseTtlMs: parsed.LEASE_TTL_MS,
    sessionSecret: parsed.SESSION_SECRET ?? persistedSecret(dir),
    logLevel: parsed.LOG_LEVEL,
    idleUnloadMs: parsed.COLLAB_IDLE_UNLOAD_MS,
    updatesPerSecond: parsed.COLLAB_UPDATES_PER_SECOND,
    updateBurst: parsed.COLLAB_UPDATE_BURST,
    trustProxy: trustProxySetting(parsed.TRUST_PROXY),
    redisUrl: parsed.REDIS_URL || undefined,
    redisPrefix: parsed.REDIS_PREFIX,
  };
}

/** DATABASE_URL, if it names PostgreSQL; anything else there is a mistake worth stopping for. */
function postgresUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (/^postgres(ql)?:\/\//.test(value)) return value;
  throw new Error("DATABASE_URL must be a postgresql:// URL (leave it unset for the embedded SQLite database)");
}

function trustProxySetting(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === "" || value === "false") return undefined;
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function persistedSecret(dir: string): string {
  const file = path.join(dir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
