import { describe, expect, it } from "vitest";
import { dateLine, findDate, parseDate } from "../../src/corpus/date.js";

describe("findDate", () => {
  it.each([
    ["2016-05-11", "2016-05-11"],
    ["2016-05-11 10:31", "2016-05-11"],
    ["2016/5/11", "2016-05-11"],
    ["2016/5/11 09:15:30", "2016-05-11"],
    ["2016年5月11日", "2016-05-11"],
    ["2024年3月18日 09:15", "2024-03-18"],
    ["2016年5月11日10时31分", "2016-05-11"],
    ["11.05.2016", "2016-05-11"],
    ["11.05.2016  10:31", "2016-05-11"],
    ["二〇一六年五月十一日", "2016-05-11"],
    ["二〇二四年十二月三十一日", "2024-12-31"],
    ["2016-05-11T02:31:00Z", "2016-05-11"],
    ["D:20160511103100+08'00'", "2016-05-11"],
  ])("reads %s", (text, date) => {
    expect(findDate(text)?.date).toBe(date);
  });

  it("refuses impossible dates and bare numbers", () => {
    expect(findDate("2016-13-01")).toBeNull();
    expect(findDate("2023年2月30日")).toBeNull();
    expect(findDate("共有312家企业，增长18.6%")).toBeNull();
  });

  it("reports where the date and its time are", () => {
    expect(findDate("发布时间：2016年5月11日 10:31")).toEqual({ date: "2016-05-11", index: 5, length: 16 });
  });
});

describe("dateLine", () => {
  it("takes a date with a short label or source as a dateline", () => {
    expect(dateLine("发布时间：2024年3月18日 09:15")).toBe("2024-03-18");
    expect(dateLine("2016-05-11 来源：青岛日报")).toBe("2016-05-11");
  });

  it("does not take a sentence that mentions a date", () => {
    expect(dateLine("本办法自2021年5月1日起施行，有效期至2023年12月31日。")).toBe("");
    expect(dateLine("崂山区在2016年5月11日召开了全区创新创业工作推进大会，部署全年重点任务")).toBe("");
  });
});

describe("parseDate", () => {
  it("reads metadata values and gives an empty string otherwise", () => {
    expect(parseDate("2023-11-02 08:30")).toBe("2023-11-02");
    expect(parseDate(undefined)).toBe("");
    expect(parseDate("yesterday")).toBe("");
  });
});
