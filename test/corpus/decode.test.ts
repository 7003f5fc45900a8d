import { randomBytes } from "node:crypto";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/corpus/decode.js";

const TEXT = "崂山区众创空间总面积将达150万平方米。\n创客谷年底前入驻企业计划达到15家。\n";

describe("decodeText", () => {
  it.each([
    ["UTF-8", iconv.encode(TEXT, "utf8"), "UTF-8"],
    ["UTF-8 with BOM", iconv.encode(TEXT, "utf8", { addBOM: true }), "UTF-8"],
    ["UTF-16 LE with BOM", iconv.encode(TEXT, "utf16-le", { addBOM: true }), "UTF-16LE"],
    ["UTF-16 BE with BOM", iconv.encode(TEXT, "utf16-be", { addBOM: true }), "UTF-16BE"],
    ["UTF-16 LE without BOM", iconv.encode(TEXT, "utf16-le"), "UTF-16LE"],
    ["UTF-16 BE without BOM", iconv.encode(TEXT, "utf16-be"), "UTF-16BE"],
    ["GBK", iconv.encode(TEXT, "gbk"), "GB18030"],
    ["GB18030", iconv.encode(TEXT, "gb18030"), "GB18030"],
  ])("reads %s", (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it("reads Big5 (Traditional Chinese)", () => {
    const big5 = "臺北市政府今年編列青年創業貸款預算五億元，協助青年取得創業資金。\n臺灣的創業環境持續改善，新創公司數量逐年成長。\n";
    expect(decodeText(iconv.encode(big5, "big5"))).toEqual({ text: big5, encoding: "Big5" });
  });

  it("uses the encoding a page declares", () => {
    expect(decodeText(iconv.encode("短", "gbk"), "gb2312")?.encoding).toBe("GB18030");
  });

  it("refuses random bytes and binary files", () => {
    expect(decodeText(randomBytes(200_000))).toBeNull();
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toBeNull();
  });
});
