import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

/**
 * What a first visit downloads: the scripts of each page, read from the browser build
 * (`npm test` builds first). A page used to need 30–50 scripts, most of a few hundred
 * bytes, and fetching and compiling them was most of a first visit (ADR 025).
 */

const BUILD = path.resolve("public/build");
const ROUTES = path.resolve("app/routes");
const MAX_SCRIPTS = 12;
/**
 * The live review brings the most features together (minutes, KPIs, action items,
 * versions): each one's stylesheet is linked through a small module of its own.
 */
const LIVE_REVIEW = "routes/_workspace.accounts.$accountId.reviews.$reviewId";
const MAX_SCRIPTS_LIVE_REVIEW = 16;

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
interface Manifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

function readManifest(): Manifest {
  const file = fs.readdirSync(BUILD).find((name) => /^manifest-\w+\.js$/.test(name));
  if (!file) throw new Error("no browser build in public/build: run `npm run build` first");
  const sandbox: { window: { __remixManifest?: Manifest } } = { window: {} };
  vm.runInNewContext(fs.readFileSync(path.join(BUILD, file), "utf8"), sandbox);
  if (!sandbox.window.__remixManifest) throw new Error(`${file} defines no manifest`);
  return sandbox.window.__remixManifest;
}

/** Route files that render a page (resource routes have no default export). */
const pageFiles = fs
  .readdirSync(ROUTES)
  .filter((name) => /\.tsx$/.test(name) && /^export default/m.test(fs.readFileSync(path.join(ROUTES, name), "utf8")));

function scriptsOf(manifest: Manifest, routeId: string): Set<string> {
  const scripts = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`${id} is not in the build's manifest`);
    scripts.add(route.module);
    for (const script of route.imports ?? []) scripts.add(script);
  }
  return scripts;
}

describe("the scripts a page loads", () => {
  it("every page route imports the common chunk first", () => {
    expect(pageFiles.length).toBeGreaterThan(30);
    const without = pageFiles.filter(
      (name) => !fs.readFileSync(path.join(ROUTES, name), "utf8").startsWith('import "~/common-chunk";'),
    );
    expect(without).toEqual([]);
  });

  it(`no page needs more than ${MAX_SCRIPTS} scripts (the live review ${MAX_SCRIPTS_LIVE_REVIEW})`, () => {
    const manifest = readManifest();
    const over = pageFiles
      .map((name) => `routes/${name.replace(/\.tsx$/, "")}`)
      .map((id) => ({ id, scripts: scriptsOf(manifest, id).size }))
      .filter(({ id, scripts }) => scripts > (id === LIVE_REVIEW ? MAX_SCRIPTS_LIVE_REVIEW : MAX_SCRIPTS));
    // Over budget: a module two pages share is missing from app/common-chunk.ts, or a
    // route imports a `.server` module the browser build keeps (see the patch in patches/).
    expect(over).toEqual([]);
  });
});
