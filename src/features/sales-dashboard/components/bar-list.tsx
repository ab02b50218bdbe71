"use client";

import { BarList } from "@tremor/react";
import { chartFormatter } from "./format";

type BarColor = NonNullable<Parameters<typeof BarList>[0]["color"]>;

/** Ranked horizontal bars of an amount (decimal strings), already in rank order. */
export function MoneyBarList({ data, currency, color }: { data: { name: string; value: string }[]; currency: string; color: BarColor }) {
  return (
    <BarList data={data.map((d) => ({ name: d.name, value: Number(d.value) }))} valueFormatter={chartFormatter("money", currency)}
      color={color} sortOrder="none" />
  );
}
