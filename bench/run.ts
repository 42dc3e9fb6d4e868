/**
 * `npm run bench`: Keyroom against three anchors, side by side in one process
 * tree: the reference @y/websocket-server (in memory), Hocuspocus in memory,
 * and Hocuspocus persisting to SQLite. Keyroom and the reference are driven by
 * headless official y-websocket clients, Hocuspocus by its official provider;
 * the edits and how their arrival is timed are the same everywhere. Each
 * scenario runs BENCH_REPEATS rounds (default 5); a round visits every server,
 * starting from a different one each round, and the table reports medians and
 * the spread of the rounds' p99. Prints the tables, the targets and the
 * checks (every edit and the whole paste reached every client: otherwise the
 * bench exits with 1), and writes bench/results/<time>.json.
 *
 * BENCH_SCALE (0.1–1) shortens the edit scenarios, BENCH_SCENARIOS=<text> runs
 * only the edit and paste scenarios whose name contains it, and
 * BENCH_ONLY=portfolio runs only the portfolio scenario (1,000 accounts with
 * KPIs, every view's p50); BENCH_ONLY=search only workspace search over 10,000 documents.
 */
import fs from "node:fs";
import path from "node:path";
import {
  buildHistory,
  openClient,
  runEditScenario,
  runPasteScenario,
  sleep,
  stopLoadWorkers,
  timeOpen,
  untilIdle,
  type BenchClient,
  type PasteResult,
  type ScenarioResult,
} from "./load";
import { measureCluster, printCluster, type ClusterBench } from "./cluster";
import { measurePersistence } from "./persistence";
import { measurePortfolio, type PortfolioBench } from "./portfolio";
import { measureSearch, printSearch, type SearchBench } from "./search";
import { rssBytes, startHocuspocus, startKeyroom, startReference, type BenchServer, type ServerName } from "./servers";
import { prepareKeyroomData } from "./setup";
import { fmt, median, ratio } from "./stats";

// Each official provider adds a process "exit" listener; hundreds are expected here.
process.setMaxListeners(0);

const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 5));
const SCALE = Math.min(1, Math.max(0.1, Number(process.env.BENCH_SCALE ?? 1)));
const HISTORY = 50_000;
const IDLE_DOCS = 1000;
const ACCOUNTS = 1000;
const PASTE_BYTES = 1024 * 1024;
const PASTE_VIEWERS = 20;

/**
 * Edit scenarios. Durations are short so that 5 rounds on 4 servers fit the
 * bench's ~15 minutes; each round still gives thousands of samples except at
 * 2 editors (24), whose p99 is its slowest edit.
 */
interface EditScenario {
  name: string;
  docs: number;
  editorsPerDoc: number;
  editsPerSecond: number;
  seconds: number;
  /** See `ScenarioSpec.light`. */
  light?: boolean;
}

const ALL_EDIT_SCENARIOS: EditScenario[] = [
  { name: "2 editors, 1 doc, 2 edits/s", docs: 1, editorsPerDoc: 2, editsPerSecond: 2, seconds: 6 },
  { name: "50 editors, 1 doc, 2 edits/s", docs: 1, editorsPerDoc: 50, editsPerSecond: 2, seconds: 4 },
  {
    name: "200 editors, 1 doc, 1 edit/s, light receivers",
    docs: 1,
    editorsPerDoc: 200,
    editsPerSecond: 1,
    seconds: 4,
    light: true,
  },
  { name: "500 docs x 3 editors, 1 edit/s", docs: 500, editorsPerDoc: 3, editsPerSecond: 1, seconds: 4 },
];
const PASTE_SCENARIO = `1 MB paste, ${PASTE_VIEWERS} viewers`;

// BENCH_SCENARIOS=200 runs only the scenarios whose name contains "200".
const ONLY = process.env.BENCH_SCENARIOS ?? "";
const EDIT_SCENARIOS = ALL_EDIT_SCENARIOS.filter((s) => s.name.includes(ONLY));
const RUN_PASTE = PASTE_SCENARIO.includes(ONLY);

type Row = {
  scenario: string;
  server: ServerName;
  /** Medians of the rounds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Spread of the rounds' p99. */
  p99Min: number;
  p99Max: number;
  p99s: number[];
  deliveredPerSecond: number;
  /** Edits never seen by a client that should have seen them, summed over the rounds. */
  lost: number;
  expected: number;
  peakRssMiB: number;
  /** CPU of the load-generator processes, % of one core (median of the rounds, and the highest). */
  generatorCpuPercent: number;
  generatorCpuPercentMax: number;
  /** CPU of the server over the same span, % of one core (median of the rounds). */
  serverCpuPercent: number;
};

type PasteRow = {
  server: ServerName;
  /** Paste → all viewers have it, ms: median of the rounds, and its spread. */
  allConvergedMs: number;
  allConvergedMin: number;
  allConvergedMax: number;
  medianViewerMs: number;
  /** Viewers that never had the whole paste, summed over the rounds. */
  notConverged: number;
  peakRssMiB: number;
  generatorCpuPercent: number;
  generatorCpuPercentMax: number;
};

/** Server memory around opening 1,000 docs, each read after a full GC. */
type Memory = {
  /** RSS before. */
  baselineMiB: number;
  /** With every doc open with one client. */
  docsOpenMiB: number;
  /** And a second, idle client on each. */
  connectionsOpenMiB: number;
  peakMiB: number;
  /** After every client left and the server unloaded the docs. */
  afterMiB: number;
  /** Retained by the server's JavaScript (heap and buffers, see `retainedBytes`) at the same four points. */
  retainedMiB: { baseline: number; docsOpen: number; connectionsOpen: number; after: number };
  /** What a second, idle client of a doc retains, and a loaded doc without its clients. */
  perConnectionKiB: number;
  perDocKiB: number;
};

type Report = {
  date: string;
  node: string;
  repeats: number;
  scale: number;
  seconds: number;
  scenarios: Row[];
  paste: PasteRow[];
  coldOpenMs: Partial<Record<ServerName, number>> & { historyUpdates: number };
  idleMemory: Partial<Record<ServerName, Memory>>;
  persistenceUpdatesPerSecond: number;
  renderMs: { portfolioP50: number; accountPageP50: number };
  portfolioMs: PortfolioBench;
  search: SearchBench;
  /** Keyroom on PostgreSQL, one process against three; null when PostgreSQL was not running. */
  cluster: ClusterBench | null;
  /** Runs where a server lost an edit or a viewer never had the paste: the numbers of those runs are not valid. */
  failedChecks: string[];
};

const mib = (bytes: number) => bytes / 1024 / 1024;

/** Round `r` visits every server once, starting from the r-th, so none always goes first. */
const roundOrder = <T>(servers: T[], r: number): T[] => servers.map((_s, i) => servers[(i + r) % servers.length]);

/** Below this the portfolio renders fast enough with 1,000 accounts. */
const PORTFOLIO_TARGET_MS = 50;

async function main(): Promise<boolean> {
  if (process.env.BENCH_ONLY === "portfolio") {
    printPortfolio(await measurePortfolio(ACCOUNTS, log));
    return true;
  }
  if (process.env.BENCH_ONLY === "search") {
    const search = await measureSearch(log);
    printSearch(search);
    return true;
  }
  if (process.env.BENCH_ONLY === "cluster") {
    const cluster = await measureCluster(REPEATS, 4000 * SCALE, log);
    printCluster(cluster);
    return (cluster?.lost ?? 0) === 0;
  }
  const started = Date.now();
  const docsNeeded =
    EDIT_SCENARIOS.reduce((n, s) => n + s.docs * REPEATS, 0) + (RUN_PASTE ? REPEATS : 0) + IDLE_DOCS + 2;
  log(`preparing Keyroom data: ${docsNeeded} documents, ${ACCOUNTS} extra accounts…`);
  const data = await prepareKeyroomData(docsNeeded, ACCOUNTS);
  const freshDocs = (n: number) => data.docIds.splice(0, n);

  let keyroom = await startKeyroom(data.dataDir, { handles: data.handles });
  // A fresh server indexes the prepared documents in the background: let it finish first.
  await untilIdle([keyroom], 1000, 300_000);
  const reference = await startReference();
  const hocuspocus = await startHocuspocus();
  const hocuspocusSqlite = await startHocuspocus(path.join(data.dataDir, "hocuspocus.sqlite"));
  const servers = [keyroom, reference, hocuspocus, hocuspocusSqlite];
  const failedChecks: string[] = [];
  const rows: Row[] = [];

  for (const scenario of EDIT_SCENARIOS) {
    const runs = new Map<ServerName, ScenarioResult[]>(servers.map((s) => [s.name, []]));
    for (let r = 0; r < REPEATS; r++) {
      const docs = freshDocs(scenario.docs);
      for (const server of roundOrder(servers, r)) {
        log(`${scenario.name} · ${server.name} · round ${r + 1}/${REPEATS}`);
        const result = await runEditScenario(server, {
          docs,
          editorsPerDoc: scenario.editorsPerDoc,
          editsPerSecond: scenario.editsPerSecond,
          durationMs: scenario.seconds * 1000 * SCALE,
          light: scenario.light,
        });
        log(
          `  opened in ${fmt(result.openSeconds)} s (idle ${fmt(result.idleSeconds)} s later), ` +
            `drained in ${fmt(result.drainSeconds)} s, ` +
            `p99 ${fmt(result.latency.p99)} ms, ${result.delivered}/${result.expected} delivered`,
        );
        if (result.lost !== 0) {
          failedChecks.push(
            `${scenario.name} · ${server.name} · round ${r + 1}: ${result.delivered} of ${result.expected} edits delivered`,
          );
        }
        runs.get(server.name)?.push(result);
        // Keyroom unloads a document after 1 s idle: that, too, belongs to its run.
        await untilIdle(servers, 1500);
      }
    }
    for (const server of servers) {
      const results = runs.get(server.name) ?? [];
      const p99s = results.map((x) => x.latency.p99);
      const cpu = results.map((x) => x.generatorCpuPercent);
      rows.push({
        scenario: scenario.name,
        server: server.name,
        p50: median(results.map((x) => x.latency.p50)),
        p95: median(results.map((x) => x.latency.p95)),
        p99: median(p99s),
        max: median(results.map((x) => x.latency.max)),
        p99Min: Math.min(...p99s),
        p99Max: Math.max(...p99s),
        p99s,
        deliveredPerSecond: median(results.map((x) => x.deliveredPerSecond)),
        lost: results.reduce((sum, x) => sum + x.lost, 0),
        expected: results.reduce((sum, x) => sum + x.expected, 0),
        peakRssMiB: median(results.map((x) => mib(x.peakRssBytes))),
        generatorCpuPercent: median(cpu),
        generatorCpuPercentMax: Math.max(...cpu),
        serverCpuPercent: median(results.map((x) => x.serverCpuPercent)),
      });
    }
  }

  // A 1 MB paste into a document 20 others have open.
  const paste: PasteRow[] = [];
  if (RUN_PASTE) {
    const runs = new Map<ServerName, PasteResult[]>(servers.map((s) => [s.name, []]));
    for (let r = 0; r < REPEATS; r++) {
      const [docId] = freshDocs(1);
      for (const server of roundOrder(servers, r)) {
        log(`${PASTE_SCENARIO} · ${server.name} · round ${r + 1}/${REPEATS}`);
        const result = await runPasteScenario(server, docId, PASTE_VIEWERS, PASTE_BYTES);
        if (result.converged !== result.viewers) {
          failedChecks.push(
            `${PASTE_SCENARIO} · ${server.name} · round ${r + 1}: ${result.converged} of ${result.viewers} viewers had the paste`,
          );
        }
        runs.get(server.name)?.push(result);
        await untilIdle(servers, 1500);
      }
    }
    for (const server of servers) {
      const results = runs.get(server.name) ?? [];
      const all = results.map((x) => x.allConvergedMs);
      const cpu = results.map((x) => x.generatorCpuPercent);
      paste.push({
        server: server.name,
        allConvergedMs: median(all),
        allConvergedMin: Math.min(...all),
        allConvergedMax: Math.max(...all),
        medianViewerMs: median(results.map((x) => x.medianViewerMs)),
        notConverged: results.reduce((sum, x) => sum + x.viewers - x.converged, 0),
        peakRssMiB: median(results.map((x) => mib(x.peakRssBytes))),
        generatorCpuPercent: median(cpu),
        generatorCpuPercentMax: Math.max(...cpu),
      });
    }
  }

  stopLoadWorkers();

  // Cold open of a document with 50,000 updates in its history.
  const [historyDoc] = freshDocs(1);
  log(`building a ${HISTORY}-update history on Keyroom…`);
  const builder = await startKeyroom(data.dataDir, {
    handles: data.handles.slice(0, 3),
    env: { COLLAB_UPDATES_PER_SECOND: "1000000", COLLAB_UPDATE_BURST: "1000000" },
  });
  (await buildHistory(builder, historyDoc, HISTORY)).destroy();
  await builder.stop();
  await keyroom.stop();
  keyroom = await startKeyroom(data.dataDir, { handles: data.handles });
  servers[0] = keyroom;
  // The reference keeps a document only while someone has it open: the writer stays.
  log("… on the reference…");
  const holder: BenchClient = await buildHistory(reference, historyDoc, HISTORY);
  // Hocuspocus+SQLite stores a document as one merged update (its state, no
  // history), so the same edits arrive there as one update. It stores the
  // document when its last client leaves, then unloads it.
  log("… and the same document on Hocuspocus+SQLite, as one update…");
  (await buildHistory(hocuspocusSqlite, historyDoc, HISTORY, { asOneUpdate: true })).destroy();
  log("timing cold opens…");
  const opened = [keyroom, reference, hocuspocusSqlite];
  const coldOpen = new Map<ServerName, number[]>(opened.map((s) => [s.name, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const server of roundOrder(opened, r)) {
      // Keyroom unloads after 1 s idle, Hocuspocus once stored: each open is cold.
      if (server !== reference) await sleep(1500);
      const { ms, chars } = await timeOpen(server, historyDoc);
      if (chars < HISTORY) throw new Error(`${server.name}: opened doc has ${chars} chars, expected ≥ ${HISTORY}`);
      coldOpen.get(server.name)?.push(ms);
    }
  }
  holder.destroy();

  // 1,000 documents opened with one client each, then a second idle client on each.
  const idleDocs = freshDocs(IDLE_DOCS);
  const memory: Partial<Record<ServerName, Memory>> = {};
  for (const server of servers) {
    log(`opening ${IDLE_DOCS} documents on ${server.name}, then ${IDLE_DOCS} more idle connections…`);
    memory[server.name] = await measureIdleMemory(server, idleDocs);
  }

  // Server render of the portfolio and an account page with 1,000+ accounts.
  const render = await measureRender(keyroom, data.accountId);

  for (const server of servers) await server.stop();

  // Raw group-commit throughput (no server running: one writer).
  log("measuring raw persistence throughput…");
  const [persistDoc] = freshDocs(1);
  const persistence = median(
    await repeat(() => measurePersistence({ databaseFile: path.join(data.dataDir, "keyroom.db") }, persistDoc, 50_000)),
  );
  const portfolio = await measurePortfolio(ACCOUNTS, log);
  const search = await measureSearch(log);
  const cluster = await measureCluster(REPEATS, 4000 * SCALE, log);
  if (cluster && cluster.lost > 0) failedChecks.push(`cluster on PostgreSQL: ${cluster.lost} edits not delivered`);

  const report: Report = {
    date: new Date().toISOString(),
    node: process.version,
    repeats: REPEATS,
    scale: SCALE,
    seconds: Math.round((Date.now() - started) / 1000),
    scenarios: rows,
    paste,
    coldOpenMs: {
      ...Object.fromEntries([...coldOpen].map(([name, ms]) => [name, median(ms)])),
      historyUpdates: HISTORY,
    },
    idleMemory: memory,
    persistenceUpdatesPerSecond: persistence,
    renderMs: render,
    portfolioMs: portfolio,
    search,
    cluster,
    failedChecks,
  };
  printReport(report);
  printPortfolio(portfolio);
  printSearch(search);
  printCluster(cluster);
  const dir = path.resolve("bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.date.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)} (${report.seconds} s)`);
  fs.rmSync(data.dataDir, { recursive: true, force: true });
  return failedChecks.length === 0;
}

async function repeat<T>(fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < REPEATS; r++) out.push(await fn());
  return out;
}

/**
 * Memory before, with every doc open once, with a second idle client on each,
 * and after they all left and the server unloaded the docs; each read after a
 * full GC (through the inspector: otherwise V8 keeps freed pages and RSS says
 * more about GC timing than leaks). Per connection: what the second clients
 * added; per doc: what the first added, less a connection. Both from retained
 * memory, which unlike RSS does not move with the allocator's slack.
 */
async function measureIdleMemory(server: BenchServer, docIds: string[]): Promise<Memory> {
  const read = async () => {
    await server.collectGarbage();
    return { rss: rssBytes(server.pid), retained: await server.retainedBytes() };
  };
  const baseline = await read();
  let peak = baseline.rss;
  const clients: BenchClient[] = [];
  const openAll = async (user: number) => {
    for (let i = 0; i < docIds.length; i += 50) {
      clients.push(...(await Promise.all(docIds.slice(i, i + 50).map((id, j) => openClient(server, id, user + j)))));
      peak = Math.max(peak, rssBytes(server.pid));
    }
    await sleep(500);
    return read();
  };
  const docsOpen = await openAll(0);
  const connectionsOpen = await openAll(1);
  for (const client of clients) client.destroy();
  await sleep(3000); // Keyroom unloads after 1 s idle; the others drop (or store and drop) docs at once
  const after = await read();
  const perConnection = (connectionsOpen.retained - docsOpen.retained) / docIds.length;
  return {
    baselineMiB: mib(baseline.rss),
    docsOpenMiB: mib(docsOpen.rss),
    connectionsOpenMiB: mib(connectionsOpen.rss),
    peakMiB: mib(peak),
    afterMiB: mib(after.rss),
    retainedMiB: {
      baseline: mib(baseline.retained),
      docsOpen: mib(docsOpen.retained),
      connectionsOpen: mib(connectionsOpen.retained),
      after: mib(after.retained),
    },
    perConnectionKiB: perConnection / 1024,
    perDocKiB: ((docsOpen.retained - baseline.retained) / docIds.length - perConnection) / 1024,
  };
}

async function measureRender(server: BenchServer, accountId: string) {
  const cookie = server.cookies.get("lead") ?? "";
  const time = async (pathname: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const res = await fetch(`${server.httpBase}${pathname}`, { headers: { cookie } });
      await res.text();
      if (res.status !== 200) throw new Error(`${pathname}: ${res.status}`);
      if (i >= 10) samples.push(performance.now() - t); // first requests warm the JIT
    }
    return median(samples);
  };
  return { portfolioP50: await time("/accounts"), accountPageP50: await time(`/accounts/${accountId}`) };
}

function printReport(report: Report) {
  const cols = (values: string[], width = 10) => values.map((v) => pad(v, width)).join("");
  console.log(
    `\nPropagation latency (ms, edit on one client → seen by each other client): medians of ${report.repeats} round(s); ` +
      "p99 spread = lowest–highest round; gen / srv CPU = load-generator processes / the server, % of one core",
  );
  console.log(
    pad("scenario", 32) +
      pad("server", 19) +
      cols([
        "p50",
        "p95",
        "p99",
        "p99 spread",
        "max",
        "deliv/s",
        "lost",
        "RSS MiB",
        "gen CPU%",
        "srv CPU%",
        "÷ ref",
        "÷ hp+sql",
      ]),
  );
  for (const row of report.scenarios) {
    const at = (server: ServerName) => report.scenarios.find((r) => r.scenario === row.scenario && r.server === server);
    const versus = (server: ServerName) =>
      row.server === "keyroom" ? fmt(ratio(row.p99, at(server)?.p99 ?? NaN), 2) : "";
    console.log(
      pad(row.scenario, 32) +
        pad(row.server, 19) +
        cols([
          fmt(row.p50),
          fmt(row.p95),
          fmt(row.p99),
          `${fmt(row.p99Min, 0)}–${fmt(row.p99Max, 0)}`,
          fmt(row.max),
          fmt(row.deliveredPerSecond, 0),
          String(row.lost),
          fmt(row.peakRssMiB),
          fmt(row.generatorCpuPercent, 0),
          fmt(row.serverCpuPercent, 0),
          versus("reference"),
          versus("hocuspocus-sqlite"),
        ]),
    );
  }

  if (report.paste.length > 0) {
    console.log(
      `\n${PASTE_SCENARIO}: paste → all ${PASTE_VIEWERS} viewers have all of it (ms), medians of ${report.repeats} round(s)`,
    );
    console.log(pad("server", 19) + cols(["all", "spread", "median", "missed", "RSS MiB", "gen CPU%"], 12));
    for (const row of report.paste) {
      console.log(
        pad(row.server, 19) +
          cols(
            [
              fmt(row.allConvergedMs),
              `${fmt(row.allConvergedMin, 0)}–${fmt(row.allConvergedMax, 0)}`,
              fmt(row.medianViewerMs),
              String(row.notConverged),
              fmt(row.peakRssMiB),
              fmt(row.generatorCpuPercent, 0),
            ],
            12,
          ),
      );
    }
  }

  const open = report.coldOpenMs;
  console.log(
    `\nCold open, ${HISTORY.toLocaleString("en")}-update history (connect → synced, median): ` +
      `keyroom ${fmt(open.keyroom ?? NaN)} ms (SQLite: latest snapshot and the updates since) · ` +
      `hocuspocus-sqlite ${fmt(open["hocuspocus-sqlite"] ?? NaN)} ms (SQLite: one merged update, no history) · ` +
      `reference ${fmt(open.reference ?? NaN)} ms (held in memory)`,
  );

  console.log(
    `\nMemory, ${IDLE_DOCS.toLocaleString("en")} docs, after a full GC: before → docs open (1 client each) → ` +
      "+1 idle client each → after unload, as RSS and as retained (JS heap + buffers), MiB; " +
      "per idle connection and per loaded doc from retained, KiB",
  );
  console.log(pad("server", 19) + pad("RSS", 34) + pad("retained", 30) + pad("per conn", 10) + "per doc");
  for (const [name, m] of Object.entries(report.idleMemory)) {
    const r = m.retainedMiB;
    console.log(
      pad(name, 19) +
        pad(`${[m.baselineMiB, m.docsOpenMiB, m.connectionsOpenMiB, m.afterMiB].map((v) => fmt(v)).join(" → ")}`, 34) +
        pad(`${[r.baseline, r.docsOpen, r.connectionsOpen, r.after].map((v) => fmt(v)).join(" → ")}`, 30) +
        pad(fmt(m.perConnectionKiB), 10) +
        fmt(m.perDocKiB),
    );
  }
  console.log(`\nGroup-committed persistence: ${fmt(report.persistenceUpdatesPerSecond, 0)} updates/s to SQLite`);
  console.log(
    `Server render p50 with 1,000+ accounts: portfolio ${fmt(report.renderMs.portfolioP50)} ms · account page ${fmt(report.renderMs.accountPageP50)} ms`,
  );

  const targets: Array<[string, boolean]> = [];
  const at = (scenario: string, server: ServerName) =>
    report.scenarios.find((r) => r.scenario.startsWith(scenario) && r.server === server);
  const p99Versus = (scenario: string, label: string, server: ServerName, limit: number) => {
    const ours = at(scenario, "keyroom");
    const theirs = at(scenario, server);
    if (!ours || !theirs) return;
    const r = ratio(ours.p99, theirs.p99);
    targets.push([`${label}: Keyroom p99 ≤ ${fmt(limit, 1)} × ${server} (${fmt(r, 2)})`, r <= limit]);
  };
  p99Versus("50 editors", "50 editors", "reference", 1);
  p99Versus("50 editors", "50 editors", "hocuspocus-sqlite", 0.8);
  const k200 = at("200 editors", "keyroom");
  if (k200) targets.push([`200 editors: Keyroom p99 < 100 ms (${fmt(k200.p99)} ms)`, k200.p99 < 100]);
  p99Versus("200 editors", "200 editors", "hocuspocus-sqlite", 0.8);
  p99Versus("500 docs", "500 docs × 3 editors", "hocuspocus-sqlite", 1);
  const kPaste = report.paste.find((r) => r.server === "keyroom");
  if (kPaste) {
    targets.push([
      `1 MB paste: all ${PASTE_VIEWERS} viewers have it < 1 s (${fmt(kPaste.allConvergedMs, 0)} ms)`,
      kPaste.allConvergedMs < 1000,
    ]);
  }
  const kOpen = open.keyroom ?? NaN;
  targets.push([`cold open, 50,000-update history < 30 ms (${fmt(kOpen)} ms)`, kOpen < 30]);
  targets.push([
    `≥ 20,000 persisted updates/s (${fmt(report.persistenceUpdatesPerSecond, 0)})`,
    report.persistenceUpdatesPerSecond >= 20_000,
  ]);
  const kMem = report.idleMemory.keyroom;
  const hMem = report.idleMemory.hocuspocus;
  if (kMem && hMem) {
    targets.push([
      `memory per idle connection ≤ hocuspocus (${fmt(kMem.perConnectionKiB)} vs ${fmt(hMem.perConnectionKiB)} KiB)`,
      kMem.perConnectionKiB <= hMem.perConnectionKiB,
    ]);
  }
  if (kMem) {
    targets.push([
      `memory within 10% of baseline after unload (${fmt((kMem.afterMiB / kMem.baselineMiB - 1) * 100)}%)`,
      kMem.afterMiB <= kMem.baselineMiB * 1.1,
    ]);
  }
  targets.push([
    `page render p50 < 30 ms (portfolio ${fmt(report.renderMs.portfolioP50)}, account ${fmt(report.renderMs.accountPageP50)})`,
    report.renderMs.portfolioP50 < 30 && report.renderMs.accountPageP50 < 30,
  ]);
  console.log("\nTargets (see docs/performance.md):");
  for (const [label, met] of targets) console.log(`  ${met ? "MET   " : "MISSED"} ${label}`);

  console.log("\nChecks (a run that fails one does not measure what it says):");
  if (report.failedChecks.length === 0) {
    console.log("  OK     every edit reached every other client of its doc, on every server, in every round");
    if (report.paste.length > 0)
      console.log("  OK     every viewer had the whole paste, on every server, in every round");
  }
  for (const failure of report.failedChecks) console.log(`  FAILED ${failure}`);
}

function printPortfolio(portfolio: PortfolioBench) {
  console.log(`\nPortfolio, ${ACCOUNTS} accounts with KPIs, as an executive: server render p50 per view (ms)`);
  for (const [view, ms] of Object.entries(portfolio)) console.log(`  ${pad(view, 40)}${fmt(ms)}`);
  const worst = Math.max(...Object.values(portfolio));
  console.log(
    `  ${worst < PORTFOLIO_TARGET_MS ? "MET   " : "MISSED"} p50 < ${PORTFOLIO_TARGET_MS} ms in every view (${fmt(worst)})`,
  );
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + " ".repeat(width - text.length);
}

function log(message: string) {
  console.error(`[bench] ${message}`);
}

main().then(
  (checksPassed) => process.exit(checksPassed ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
