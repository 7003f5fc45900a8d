import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assistant } from "../../src/index.js";
import { formatAssistant } from "../corpus/make-fixtures.js";

/** The seed article, the Word notice, a news article defining a short name, and the other formats. */
describe("the policy registry through the assistant", () => {
  let assistant: Assistant;
  beforeAll(async () => {
    assistant = await formatAssistant(["makers-policy.txt"]);
  });
  afterAll(() => assistant.close());

  it("/policies lists each policy once, with its short name folded in and its facts", async () => {
    const reply = await assistant.ask("p1", "/policies");
    const lines = reply.text.split("\n").slice(1);
    expect(lines).toHaveLength(7);
    expect(lines.filter((l) => l.includes("若干政策"))).toEqual([
      "5. 《崂山区关于支持创客发展的若干政策》（简称《若干政策》） · 发文机关：崂山区人民政府 · 文号：崂政发〔2016〕12号 · 施行日期：2016年5月1日 · 有效期至：2019年4月30日",
    ]);
    expect(reply.text).not.toMatch(/^\d+\. 《若干政策》/mu);
    expect(reply.text).not.toMatch(/^\d+\. 《实施办法》/mu);
    expect(reply.text).not.toContain("青岛创客");
  });

  it("/policies <word> lists only the policies about that word", async () => {
    const reply = await assistant.ask("p2", "/policies 创客");
    expect(reply.text.split("\n")).toEqual([
      "资料中与「创客」有关的政策文件共 3 份：",
      "1. 《扶持创客及科技型企业实施办法》",
      "2. 《“构建创客新高地打造青岛中央创新区”行动计划》 · 发文机关：崂山区",
      expect.stringMatching(/^3\. 《崂山区关于支持创客发展的若干政策》/u),
    ]);
    expect((await assistant.ask("p2", "/policies 房价")).text).toBe("资料中没有与「房价」有关的政策文件。发送 /policies 查看全部。");
  });

  it("/policy <short name> shows one policy's facts, citing the sentence of each", async () => {
    const reply = await assistant.ask("p3", "/policy 实施办法");
    expect(reply.text.split("\n")).toEqual([
      "《市北区促进大学生创业就业实施办法》",
      "简称《实施办法》",
      "发文机关：市北区人民政府",
      "文号：北政发〔2021〕7号",
      "印发日期：2021年4月15日",
      "施行日期：2021年5月1日",
      "有效期至：2023年12月31日",
      "资料中 3 个段落提到它（见出处）。",
    ]);
    expect(reply.citations.map((c) => [c.passage, c.quote])).toContainEqual(["notice.docx#10", "第四条 本办法自2021年5月1日起施行，有效期至2023年12月31日。"]);
    expect(reply.citations.map((c) => c.passage)).toContain("notice.docx#1");
    expect((await assistant.ask("p3", "/policy 不存在的办法")).kind).toBe("invalid");
    expect((await assistant.ask("p3", "/policy")).text).toContain("/policy <政策名称或简称>");
  });

  it("answers 「那个实施办法什么时候施行？」 from the registry, citing the article's sentence", async () => {
    const reply = await assistant.ask("p4", "那个实施办法什么时候施行？");
    expect(reply.kind).toBe("answer");
    expect(reply.text).toBe("《市北区促进大学生创业就业实施办法》自2021年5月1日起施行。");
    expect(reply.citations).toMatchObject([{ passage: "notice.docx#10", quote: "第四条 本办法自2021年5月1日起施行，有效期至2023年12月31日。" }]);
  });

  it("answers 「有哪些扶持创业的政策？」 with the policies whose names say so", async () => {
    const reply = await assistant.ask("p5", "有哪些扶持创业的政策？");
    expect(reply.kind).toBe("answer");
    expect(reply.text).toContain("《扶持创客及科技型企业实施办法》");
    expect(reply.text).toContain("《市北区促进大学生创业就业实施办法》");
    expect(reply.text).not.toContain("行动计划");
    expect(reply.citations.length).toBeGreaterThan(0);
  });

  it("answers a short name's document number and expiry", async () => {
    expect((await assistant.ask("p6", "若干政策的文号是什么？")).text).toBe("《崂山区关于支持创客发展的若干政策》的文号是崂政发〔2016〕12号。");
    expect((await assistant.ask("p6", "若干政策有效期到什么时候？")).text).toBe("《崂山区关于支持创客发展的若干政策》有效期至2019年4月30日。");
  });

  it("leaves questions about what a policy says to the articles", async () => {
    const reply = await assistant.ask("p7", "《若干政策》对新认定的众创空间奖励多少？");
    expect(reply.kind).toBe("answer");
    expect(reply.citations[0]!.quote).toContain("一次性奖励50万元");
  });
});
