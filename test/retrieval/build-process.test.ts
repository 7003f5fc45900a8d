import { expect, it } from "vitest";
import { childOptions } from "../../src/retrieval/build-process.js";

it("gives the build process neither a heap cap sized for answering nor the debugging flags; a raised limit stays", () => {
  const execArgv = ["--import", "tsx", "--max-old-space-size=512", "--inspect=9229", "--max_old_space_size", "384", "--enable-source-maps"];
  const env = { NODE_OPTIONS: "--max-old-space-size=512 --enable-source-maps", LANG: "C" };
  expect(childOptions(execArgv, env)).toEqual({ execArgv: ["--import", "tsx", "--enable-source-maps"], env: { NODE_OPTIONS: "--enable-source-maps", LANG: "C" } });
  expect(childOptions(["--max-old-space-size=16384"], { NODE_OPTIONS: "--max-old-space-size=8192" })).toEqual({
    execArgv: ["--max-old-space-size=16384"],
    env: { NODE_OPTIONS: "--max-old-space-size=8192" },
  });
  expect(childOptions([], { LANG: "C" }).env).toEqual({ LANG: "C" });
});
