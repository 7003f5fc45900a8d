import { describe, expect, it } from "vitest";
import { understand } from "../../src/answer/query.js";
import { readSpans } from "../../src/answer/short.js";
import { enumerationAround } from "../../src/answer/span.js";
import { createTokenizer } from "../../src/text/tokenize.js";

const tokenizer = createTokenizer();
const query = understand("有哪些？", tokenizer);
/** The enumeration around the first occurrence of `item` in `sentence`, as text. */
const around = (sentence: string, item: string) => {
  const at = sentence.indexOf(item);
  const e = enumerationAround(sentence, query, tokenizer, { start: at, end: at + item.length });
  return e && sentence.slice(e.start, e.end);
};

describe("the enumeration a list's item stands in", () => {
  it("runs from after the word that governs it to before 等, a count or a verb", () => {
    expect(around("在番禺、南沙、黄埔等区建设12个车网互动示范项目。", "南沙")).toBe("番禺、南沙、黄埔");
    expect(around("芙蓉区、天心区、岳麓区、开福区、雨花区等5个区已率先启动试点。", "岳麓区")).toBe("芙蓉区、天心区、岳麓区、开福区、雨花区");
    expect(around("《若干措施》鼓励机关、企事业单位和产业园区举办托育服务。", "机关")).toBe("机关、企事业单位和产业园区");
    expect(around("五华区、盘龙区、官渡区、西山区和呈贡区5个主城区全日托收费不超过2200元。", "官渡区")).toBe("五华区、盘龙区、官渡区、西山区和呈贡区");
  });

  it("takes the last item after a joiner jieba glued to the next word (应急救援|和文|旅观光)", () => {
    expect(around("支持开通城市空中交通、低空物流、应急救援和文旅观光等航线。", "低空物流")).toBe("城市空中交通、低空物流、应急救援和文旅观光");
  });

  it("is the one that holds the item, of two in a sentence", () => {
    const s = "长沙将为独居、空巢等重点老年人免费安装智能烟感、紧急呼叫、燃气报警等设备1.8万套。";
    expect(around(s, "燃气报警")).toBe("智能烟感、紧急呼叫、燃气报警");
    expect(around(s, "空巢")).toBe("独居、空巢");
  });

  it("is none when an end is unsure: a 和 that may be inside a name, or a verb's objects joined by 和", () => {
    expect(around("《行动方案》由市发展和改革委员会、市文化广电和旅游局牵头制定。", "旅游局")).toBeUndefined();
    expect(around("郑州与河南农业大学、河南省农业科学院共建小麦和玉米育种平台。", "河南省农业科学院")).toBe("河南农业大学、河南省农业科学院");
    expect(around("这是一个没有列举的句子。", "句子")).toBeUndefined();
  });
});

describe("the short answer to a list question", () => {
  it("is the whole enumeration when the span read is one item of it", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { createAssistant } = await import("../../src/assistant.js");
    const dir = await mkdtemp(join(tmpdir(), "enum-"));
    await writeFile(join(dir, "501_farmland.txt"), "郑州今年新建高标准农田30万亩\n\n2025-03-18\n\n今年全市新建高标准农田30万亩，项目主要集中在中牟县、新郑市、荥阳市、新密市等县市，总投资9亿元。\n");
    const one = await createAssistant({ seedsDir: dir, indexDir: join(dir, "index"), embedder: "hashed" });
    expect(await one.ask("a", "今年的高标准农田新建项目集中在哪些县市？")).toMatchObject({ kind: "answer", short: "中牟县、新郑市、荥阳市、新密市" });
    await one.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("is the whole enumeration when the span read is its last item with 等 and what the list is of", () => {
    const sentence = "江苏大学、南京农业大学等高校将联合开展农机研发，每年培养专业人才500人。";
    expect(readSpans(sentence, understand("哪些高校将联合开展农机研发？", tokenizer), tokenizer).best).toBe("江苏大学、南京农业大学");
  });
});
