import Link from "next/link";

export function Pagination({ page, pageSize, total, pageCount, href }: {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  href: (changes: Record<string, string | number>) => string;
}) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <p className="text-slate-600">
        Showing {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, total)} of {total}
      </p>
      <div className="flex gap-2">
        {page > 1 ? <Link className="btn-secondary" href={href({ page: page - 1 })} rel="prev">Previous</Link> : <span className="btn-secondary opacity-50" aria-disabled="true">Previous</span>}
        {page < pageCount ? <Link className="btn-secondary" href={href({ page: page + 1 })} rel="next">Next</Link> : <span className="btn-secondary opacity-50" aria-disabled="true">Next</span>}
      </div>
    </nav>
  );
}
