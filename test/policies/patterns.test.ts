import { describe, expect, it } from "vitest";
import { ASKS, ASKS_LIST, ASKS_TITLE, DOC_NUMBER, EFFECTIVE, EXPIRES, ISSUED, ISSUED_BY, ISSUING_NOTICE, NEWS_HEADLINE, ONE_POLICY, POLICY_KIND, SHORT_NAME } from "../../src/policies/patterns.js";

describe("policy patterns", () => {
  it("tells policy titles from other titles", () => {
    for (const t of ["扶持创客及科技型企业实施办法", "关于支持创客发展的若干政策", "青岛市就业创业促进条例", "创业担保贷款管理办法（试行）", "行动计划", "某市推进海洋经济高质量发展行动方案（2024—2027年）", "三年行动计划(2024-2026)"]) expect(POLICY_KIND.test(t)).toBe(true);
    for (const t of ["青岛创客", "人民日报", "创业史", "平凡的世界"]) expect(POLICY_KIND.test(t)).toBe(false);
  });

  it("tells a headline reporting a policy from the policy's own title", () => {
    for (const t of ["广州发布充电基础设施建设行动方案", "合肥高新区出台促进初创企业发展若干政策"]) expect(NEWS_HEADLINE.test(t)).toBe(true);
    for (const t of ["扶持创客及科技型企业实施办法", "关于支持创客发展的若干政策"]) expect(NEWS_HEADLINE.test(t)).toBe(false);
  });

  it("tells a question asking a document's name from one asking a person's, and one policy from a list", () => {
    for (const q of ["这次发布的文件全称叫什么？", "这个政策叫什么？", "方案的正式名称是什么？", "对应的正式文件名称是什么？"]) expect(ASKS_TITLE.test(q)).toBe(true);
    for (const q of ["介绍情况的局长叫什么？", "种业园区叫什么？"]) expect(ASKS_TITLE.test(q)).toBe(false);
    expect(ONE_POLICY.test("什么样的年轻人能享受武汉这项安居政策？")).toBe(true);
    expect(ONE_POLICY.test("有哪些扶持创业的政策？")).toBe(false);
  });

  it("reads short names in their usual forms", () => {
    const cases: [string, string, string][] = [
      ["《关于支持创客发展的若干政策》（以下简称《若干政策》）", "关于支持创客发展的若干政策", "若干政策"],
      ["《青岛市促进就业办法》(下称“办法”)", "青岛市促进就业办法", "办法"],
      ["《关于支持创客发展的若干政策》（崂政发〔2016〕12号，以下简称《若干政策》）", "关于支持创客发展的若干政策", "若干政策"],
      ["《某市人才引进实施意见》（简称「人才新政」）", "某市人才引进实施意见", "人才新政"],
    ];
    for (const [text, full, short] of cases) {
      const m = [...text.matchAll(SHORT_NAME)][0];
      expect([m?.[1], m?.[2]]).toEqual([full, short]);
    }
  });

  it("reads document numbers", () => {
    expect("根据崂政发〔2016〕12号文件和国办发[2015]9号".match(DOC_NUMBER)).toEqual(["崂政发〔2016〕12号", "国办发[2015]9号"]);
    expect("青人社规【2021】3号".match(DOC_NUMBER)).toEqual(["青人社规【2021】3号"]);
    expect("2016年12号楼".match(DOC_NUMBER)).toBeNull();
  });

  it("finds the issuer of a notice and the body before an issuing verb", () => {
    expect(ISSUING_NOTICE.exec("青岛市人民政府办公厅关于印发《青岛市促进就业办法》的通知")?.slice(1)).toEqual(["青岛市人民政府办公厅", "青岛市促进就业办法"]);
    expect(ISSUED_BY.exec("为此，崂山区先后出台了")?.[1]).toBe("崂山区");
    expect(ISSUED_BY.exec("拿着刚发到手中的崂山区最新出台的")?.[1]).toBe("崂山区");
    expect(ISSUED_BY.exec("近日，市人力资源和社会保障局印发")?.[1]).toBe("市人力资源和社会保障局");
    expect(ISSUED_BY.exec("春节前，区里出台了")).toBeNull();
  });

  it("reads effective, expiry and issue dates", () => {
    expect(EFFECTIVE.exec("本办法自2021年5月1日起施行")?.[1]).toBe("2021年5月1日");
    expect(EFFECTIVE.exec("自二〇一六年五月一日起实施")?.[1]).toBe("二〇一六年五月一日");
    const e = EXPIRES.exec("有效期至2023年12月31日。");
    expect(e?.[1] ?? e?.[2]).toBe("2023年12月31日");
    expect(ISSUED.exec("该办法于2021-04-15印发")?.[1]).toBe("2021-04-15");
    expect(EFFECTIVE.exec("自4月1日起受理申请")).toBeNull();
  });

  it("tells what a question asks", () => {
    expect(ASKS.effective.test("那个办法什么时候施行？")).toBe(true);
    expect(ASKS.expires.test("有效期到什么时候？")).toBe(true);
    expect(ASKS.number.test("文号是什么？")).toBe(true);
    expect(ASKS.issuer.test("是谁出台的？")).toBe(true);
    expect(ASKS.issued.test("出台了哪些措施？")).toBe(false);
    expect(ASKS_LIST.test("有哪些扶持创业的政策？")).toBe(true);
    expect(ASKS_LIST.test("扶持政策有哪些？")).toBe(true);
    expect(ASKS_LIST.test("崂山区新增市场主体多少户？")).toBe(false);
  });
});
