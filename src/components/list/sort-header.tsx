import Link from "next/link";

/** A column header that sorts the list by its column; announces the current order. */
export function SortHeader({ label, column, sort, dir, href, className = "" }: {
  label: string;
  column: string;
  sort: string;
  dir: "asc" | "desc";
  href: (changes: Record<string, string | number>) => string;
  /** Extra classes for the cell, e.g. to hide the column on narrow screens. */
  className?: string;
}) {
  const active = sort === column;
  const nextDir = active && dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className={`px-4 py-3 ${className}`.trim()} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href({ sort: column, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:text-slate-900">
        {label}
        <span aria-hidden="true">{active ? (dir === "asc" ? "▲" : "▼") : ""}</span>
      </Link>
    </th>
  );
}
