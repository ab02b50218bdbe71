import { describe, expect, it } from "vitest";
import { NUL_MESSAGE, SURROGATE_MESSAGE, findUnsafeText, stripUnsafeText, unsafeTextProblem } from "./safe-text";

describe("unsafeTextProblem", () => {
  it("refuses NUL and lone surrogates, and nothing PostgreSQL stores", () => {
    expect(unsafeTextProblem("a\u0000b")).toBe(NUL_MESSAGE);
    expect(unsafeTextProblem("\ud800")).toBe(SURROGATE_MESSAGE);
    expect(unsafeTextProblem("x\udc00")).toBe(SURROGATE_MESSAGE);
    expect(unsafeTextProblem("high at end \ud83d")).toBe(SURROGATE_MESSAGE);
    for (const fine of ["", "plain", "😀 paired surrogates", "‮RTL", "שלום", "e\u0301", "'; DROP TABLE x; --", "\t\r\n"]) {
      expect(unsafeTextProblem(fine), fine).toBeNull();
    }
  });
});

describe("findUnsafeText", () => {
  it("names the path of the first bad string, in values and in object keys", () => {
    expect(findUnsafeText({ id: "x", values: { title: "ok", tags: ["fine", "bad\u0000"] } })).toEqual({ path: ["values", "tags", 1], message: NUL_MESSAGE });
    expect(findUnsafeText({ query: { "key\ud800": "v" } })).toEqual({ path: ["query", "key\ud800"], message: SURROGATE_MESSAGE });
    expect(findUnsafeText("\u0000")).toEqual({ path: [], message: NUL_MESSAGE });
    expect(findUnsafeText({ a: 1, b: null, c: [true, new Date(0)], d: "😀" })).toBeNull();
    expect(findUnsafeText(undefined)).toBeNull();
  });

  it("walks input nested far deeper than any call stack", () => {
    let deep: unknown = "bottom\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)?.path).toHaveLength(100_000);
  });
});

describe("stripUnsafeText", () => {
  it("drops NULs and lone surrogates, keeps everything else", () => {
    expect(stripUnsafeText("A\u0000c\u0000m\u0000e")).toBe("Acme");
    expect(stripUnsafeText("a\ud800b\udc00c😀")).toBe("abc😀");
    expect(stripUnsafeText("untouched")).toBe("untouched");
  });
});
