import { defineConfig } from "vitest/config";

// In-repo tests resolve @torchts/* to their TypeScript sources through the
// "@torchts/source" export condition, so tests never run against a stale dist.
export default defineConfig({
  resolve: { conditions: ["@torchts/source"] },
  ssr: { resolve: { conditions: ["@torchts/source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "notebooks/test/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts", "hostile/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60000,
  },
});
