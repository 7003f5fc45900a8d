import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Test files share a worker process (half the suite's CPU goes to re-importing the same modules otherwise);
    // a test file must leave no process-wide state behind (the jieba dictionary is per corpus for that reason).
    isolate: false,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: "test/.tmp/vitest.json" },
  },
});
