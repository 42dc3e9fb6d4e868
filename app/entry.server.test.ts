import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createElement, type ReactElement } from "react";
import type { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

/**
 * React 18.3's streaming renderer buffers its output in 2 KB views. When a character of
 * more than one byte did not fit at the end of a view, it sent the whole view, unused
 * bytes included: NUL bytes in the HTML, which the browser's parser turns into U+FFFD in
 * attribute values (a Chinese button's label read "移\uFFFD除") and drops from text.
 * patches/react-dom+18.3.1.patch sends only the bytes written; both builds are checked.
 */
const require = createRequire(import.meta.url);
// Both builds by file: the package's exports pick one by NODE_ENV.
const cjs = path.join(path.dirname(require.resolve("react-dom/server.node")), "cjs");
const builds = {
  production: path.join(cjs, "react-dom-server.node.production.min.js"),
  development: path.join(cjs, "react-dom-server.node.development.js"),
} as const;

type Server = { renderToPipeableStream: typeof renderToPipeableStream };

function render(server: Server, element: ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = server.renderToPipeableStream(element, {
      onAllReady() {
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on("data", (chunk: Buffer) => chunks.push(chunk));
        out.on("end", () => resolve(Buffer.concat(chunks)));
        pipe(out);
      },
      onError: reject,
    });
  });
}

const SENTENCE = "每人隶属一个部门并担任一个角色。";
/** A Chinese paragraph (about 600 bytes) across the end of the first 2 KB view, shifted by `pad` bytes. */
function page(pad: number): ReactElement {
  const filler = Array.from({ length: 180 }, (_, i) => createElement("i", { key: i }, "ab"));
  return createElement(
    "div",
    null,
    createElement("p", null, "x".repeat(pad)),
    ...filler,
    createElement("p", null, SENTENCE.repeat(12)),
    createElement("button", { "aria-label": "从团队中移除 Zhang Min" }, "移除"),
  );
}

describe.each(Object.entries(builds))("the %s server renderer", (_name, file) => {
  const server = require(file) as Server;

  it("never sends a NUL byte, wherever a multi-byte character meets the end of its buffer", async () => {
    // Every offset modulo 3 (the Chinese characters' length in UTF-8), and then some.
    for (let pad = 0; pad < 9; pad++) {
      const html = await render(server, page(pad));
      expect(html.includes(0), `NUL byte with pad ${pad}`).toBe(false);
      const text = html.toString("utf8");
      expect(text).toContain(`<p>${SENTENCE.repeat(12)}</p>`);
      expect(text).toContain('aria-label="从团队中移除 Zhang Min"');
    }
  });
});
