// changesets' prettier rewrites a changeset's text into the CHANGELOG: two bare words with an
// underscore (grad_fn ... add_) pair into *emphasis*, the CHANGELOG then misses the text and the
// release rehearsal fails (sessions 5 and 8). Identifiers with underscores go in `code spans`.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(__dirname, "..", "..", ".changeset");
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md");

/** Words with an underscore outside code spans. */
function bareUnderscores(text: string): string[] {
  const body = text.split("---").slice(2).join("---");
  return body.split(/(`[^`]*`)/).filter((p) => !p.startsWith("`")).flatMap((p) => p.match(/\S*_\S*/g) ?? []);
}

describe("changeset texts survive prettier", () => {
  it.each(files)("%s: identifiers with underscores are in code spans", (f) => {
    expect(bareUnderscores(readFileSync(join(dir, f), "utf8")).length).toBeLessThan(2);
  });
  it("the check sees a pair", () => {
    expect(bareUnderscores("---\na: patch\n---\nthe grad_fn of add_ is").length).toBe(2);
  });
});
