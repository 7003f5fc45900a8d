import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { createAssistant, type Assistant } from "../../src/index.js";
import { tempDir } from "../helpers.js";

/** Two cities' articles, each calling its own plan 《行动方案》 for short, its title ending with the years it covers. */
const GUANGZHOU = `广州发布充电基础设施建设行动方案

2024-04-11

4月11日，广州市人民政府办公厅印发《广州市加快推进新能源汽车充电基础设施建设行动方案（2024—2027年）》（以下简称《行动方案》）。

市发展和改革委员会副主任陈志强在发布会上介绍，《行动方案》共提出6个方面24条措施，到2027年全市累计建成各类充电桩50万个。
`;
const XIAMEN = `厦门发布海洋经济行动方案

2024-03-18

日前，厦门市人民政府印发《厦门市推进海洋经济高质量发展行动方案（2024—2027年）》（以下简称《行动方案》）。

《行动方案》共6个方面28条，自2024年4月1日起实施。到2027年，全市海洋生产总值力争突破3200亿元。
`;

describe("questions about a policy's name", () => {
  let assistant: Assistant;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const made = await tempDir();
    cleanup = made.cleanup;
    await writeFile(`${made.dir}/105_guangzhou.txt`, GUANGZHOU);
    await writeFile(`${made.dir}/107_xiamen.txt`, XIAMEN);
    assistant = await createAssistant({ seedsDir: made.dir, indexDir: `${made.dir}/index`, embedder: "hashed" });
  });
  afterAll(async () => {
    await assistant.close();
    await cleanup();
  });

  it("answers the full title of the policy the question describes, years and all", async () => {
    const reply = await assistant.ask("t1", "广州这次发布的充电设施文件全称叫什么？");
    expect(reply).toMatchObject({ kind: "answer", short: "广州市加快推进新能源汽车充电基础设施建设行动方案（2024—2027年）" });
    expect(reply.citations[0]!.doc).toBe("105_guangzhou");
    expect((await assistant.ask("t2", "厦门海洋经济方案的正式名称是什么？")).short).toBe("厦门市推进海洋经济高质量发展行动方案（2024—2027年）");
  });

  it("answers a date of the policy the question describes without naming it, not another figure of its article", async () => {
    const reply = await assistant.ask("d1", "厦门的海洋经济新政从哪天起实施？");
    expect(reply).toMatchObject({ kind: "answer", short: "2024年4月1日" });
    expect(reply.citations[0]!.doc).toBe("107_xiamen");
    // Who presented it at a press conference asks no issuer of the policy: the articles answer that.
    expect((await assistant.ask("d2", "广州充电设施政策发布会上是谁介绍的？")).short).toBe("陈志强");
  });

  it("takes a pronoun after a policy answer for that policy", async () => {
    expect((await assistant.ask("f1", "厦门海洋经济方案的正式名称是什么？")).short).toBe("厦门市推进海洋经济高质量发展行动方案（2024—2027年）");
    expect(await assistant.ask("f1", "它从哪天起实施？")).toMatchObject({ kind: "answer", short: "2024年4月1日" });
    await assistant.ask("f2", "广州这次发布的充电设施文件全称叫什么？");
    expect((await assistant.ask("f2", "它一共提出了多少条措施？")).short).toContain("24条");
  });

  it("reads a short name two articles share as the one the rest of the question names", async () => {
    const reply = await assistant.ask("t3", "厦门的《行动方案》从哪天起实施？");
    expect(reply.text).toBe("《厦门市推进海洋经济高质量发展行动方案（2024—2027年）》自2024年4月1日起施行。");
  });

  it("answers a short name when that is asked", async () => {
    const reply = await assistant.ask("t4", "《厦门市推进海洋经济高质量发展行动方案（2024—2027年）》简称是什么？");
    expect(reply.short).toBe("行动方案");
  });

  it("leaves a person's name, and who may use a policy, to the articles", async () => {
    const who = await assistant.ask("t5", "在充电设施方案发布会上介绍情况的副主任叫什么？");
    expect(who.text).not.toContain("全称");
    expect(who.text).toContain("陈志强");
    expect((await assistant.ask("t6", "什么样的企业能享受这项政策？")).kind).not.toBe("policies");
    expect((await assistant.ask("t6", "什么样的企业能享受这项政策？")).text).not.toMatch(/政策文件共/u);
  });
});
