import { expect, it } from "vitest";
import { childFlags } from "../../src/retrieval/build-process.js";

it("gives the build process neither a heap cap nor the heap growth sized for answering, nor the debugging flags; a raised limit stays", () => {
  const execArgv = ["--import", "tsx", "--max-old-space-size=512", "--inspect=9229", "--max_old_space_size", "384", "--heap-growing-percent=20", "--enable-source-maps"];
  expect(childFlags(execArgv, 432)).toEqual(["--import", "tsx", "--enable-source-maps", "--max-old-space-size=4096"]);
  expect(childFlags(["--max-old-space-size=16384"], 16432)).toEqual(["--max-old-space-size=16432"]);
});
