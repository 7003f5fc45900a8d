import { describe, expect, it } from "vitest";
import { embedLength, limits, parseButton, renderReply } from "../../bots/discord/render.js";
import type { Reply } from "../../src/types.js";

const sentence = "崂山区众创空间面积达到150万平方米，*服务*创客😀超过2万人次。";
const passage = sentence.repeat(Math.ceil(400_000 / sentence.length)).slice(0, 400_000);
const source: Reply = {
  kind: "source",
  text: passage,
  abstained: false,
  citations: [{ doc: "big", title: "一篇很长的文章", date: "2016-05-12", passage: "big#1", paragraph: 1, quote: passage, score: 1 }],
  followUps: [],
  lang: "zh",
};

describe("a passage too long for one embed", () => {
  it("is shown one part at a time with a self-contained next-part button", () => {
    const started = performance.now();
    const first = renderReply(source);
    const ms = performance.now() - started;
    const [embed] = first.embeds;
    expect(embed!.description!.length).toBeLessThanOrEqual(limits.description);
    expect(embedLength(embed!)).toBeLessThanOrEqual(limits.embedsTotal);
    const total = Number(/\*1\/(\d+)\*$/.exec(embed!.description!)![1]);
    expect(total).toBeGreaterThan(150);
    const next = first.components[0]!.components[0] as { custom_id: string; label: string };
    expect(next.custom_id).toBe("more:1:big#1");
    expect(parseButton(next.custom_id)).toEqual({ kind: "more", passage: "big#1", part: 1 });
    expect(next.label).toContain(`2/${total}`);
    const last = renderReply(source, { part: total - 1 });
    expect(last.embeds[0]!.description).toMatch(new RegExp(`\\*${total}/${total}\\*$`));
    expect(last.components.flatMap((r) => r.components).some((b) => "custom_id" in b && b.custom_id.startsWith("more:"))).toBe(false);
    console.log(`[bounds] Discord: 400k-character passage in ${total} parts, rendered in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2_000);
  });
});
