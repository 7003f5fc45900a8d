import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { hantSource } from "../../scripts/make-hant.js";
import { messages } from "../../src/index.js";
import { scriptOf } from "../../src/lang/zh/script.js";

describe("the replies' wording in Traditional script", () => {
  it("is src/messages/zh.ts as OpenCC writes it (npm run make:hant after editing zh.ts)", async () => {
    const read = (file: string) => readFile(new URL(`../../src/messages/${file}`, import.meta.url), "utf8");
    expect(await read("zh-hant.ts")).toBe(hantSource(await read("zh.ts")));
  });

  it("has every key of the Simplified wording, in Traditional characters", () => {
    const [zh, hant] = [messages("zh"), messages("zh-Hant")];
    expect(Object.keys(hant)).toEqual(Object.keys(zh));
    expect(hant.notFound).not.toBe(zh.notFound);
    expect(scriptOf(hant.notFound)).toBe("traditional");
    expect(hant.published("嶗山", "2016-05-11")).toBe("《嶗山》發表於2016年5月11日。");
  });
});
