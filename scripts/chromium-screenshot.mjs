#!/usr/bin/env node
/**
 * Screenshots HTML or SVG in Debian's headless Chromium, to test figures the
 * way a person sees them. Runs as root with no network: no sandbox, no GPU,
 * no background services, and a fresh profile per shot.
 *
 *   node scripts/chromium-screenshot.mjs figure.svg out.png [800x600]
 *
 * or from a test:
 *
 *   import { screenshot } from "../../../scripts/chromium-screenshot.mjs";
 *   const png = await screenshot(svg, { width: 400, height: 300 }); // PNG bytes
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The Chromium binary: $CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM || "/usr/bin/chromium";
}

/** Whether a Chromium binary is there to run. */
export function hasChromium() {
  return existsSync(chromiumPath());
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--hide-scrollbars",
  "--force-device-scale-factor=1",
];

/**
 * Renders `content` (an SVG or an HTML document; SVG is inlined into a blank
 * white page at the top-left corner) and resolves to the PNG bytes.
 * @param {string} content
 * @param {{ width?: number, height?: number, timeoutMs?: number }} [options]
 * @returns {Promise<Buffer>}
 */
export async function screenshot(content, options = {}) {
  const { width = 800, height = 600, timeoutMs = 60000 } = options;
  const dir = mkdtempSync(join(tmpdir(), "chromium-shot-"));
  try {
    const page = join(dir, "page.html");
    const out = join(dir, "shot.png");
    const html = /^\s*(<!doctype|<html)/i.test(content)
      ? content
      : `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>${content}</body></html>`;
    writeFileSync(page, html);
    const args = [...FLAGS, `--user-data-dir=${join(dir, "profile")}`, `--screenshot=${out}`, `--window-size=${width},${height}`, pathToFileURL(page).href];
    await new Promise((resolvePromise, reject) => {
      execFile(chromiumPath(), args, { timeout: timeoutMs, killSignal: "SIGKILL" }, (err, _stdout, stderr) => {
        if (err && !existsSync(out)) reject(new Error(`chromium failed (${err.message}):\n${stderr}`));
        else resolvePromise(undefined);
      });
    });
    if (!existsSync(out)) throw new Error(`chromium wrote no screenshot for ${page}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv) {
  const [input, output, size = "800x600"] = argv;
  if (!input || !output || !/^\d+x\d+$/.test(size)) {
    console.error("usage: node scripts/chromium-screenshot.mjs <in.svg|in.html> <out.png> [WIDTHxHEIGHT]");
    return 2;
  }
  const [width, height] = size.split("x").map(Number);
  writeFileSync(output, await screenshot(readFileSync(input, "utf8"), { width, height }));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => { console.error(e.message); process.exit(1); });
}
