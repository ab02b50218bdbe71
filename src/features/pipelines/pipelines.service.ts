import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { assertActiveMember } from "@/features/members/member-check";
import { notFound } from "@/server/api/errors";
import type { OrgScope } from "@/server/api/scope";
import type { boardSchema } from "./pipelines.schema";

export function listPipelines(scope: OrgScope) {
  return scope.tx.pipeline.findMany({
    orderBy: [{ isDefault: "desc" }, { position: "asc" }, { name: "asc" }],
    select: {
      id: true, name: true, isDefault: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, name: true, position: true, probability: true, rottingDays: true, isWon: true, isLost: true } },
    },
  });
}

export interface BoardCard {
  id: string;
  name: string;
  value: string;
  currency: string;
  expected_close_date: Date | null;
  stage_entered_at: Date;
  company_name: string | null;
  owner_name: string | null;
  stage_id: string;
}

/**
 * One pipeline's board: every stage with its count and sums over all matching open deals,
 * and the first `perStage` cards of each (soonest to close, then largest). Two queries,
 * whatever the number of deals.
 */
export async function getBoard(scope: OrgScope, input: z.output<typeof boardSchema>) {
  const pipeline = await scope.tx.pipeline.findUnique({
    where: { organizationId_id: { organizationId: scope.orgId, id: input.pipelineId } },
    select: {
      id: true, name: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, name: true, probability: true, rottingDays: true, isWon: true, isLost: true } },
    },
  });
  if (!pipeline) throw notFound("Pipeline");
  await assertActiveMember(scope, input.ownerId, "ownerId");

  const filters = [
    Prisma.sql`o.pipeline_id = ${input.pipelineId}::uuid`,
    Prisma.sql`o.status = 'open'`,
    Prisma.sql`NOT o.is_archived`,
  ];
  if (input.ownerId) filters.push(Prisma.sql`o.owner_id = ${input.ownerId}::uuid`);
  if (input.closeFrom) filters.push(Prisma.sql`o.expected_close_date >= ${input.closeFrom}::date`);
  if (input.closeTo) filters.push(Prisma.sql`o.expected_close_date <= ${input.closeTo}::date`);
  const where = Prisma.join(filters, " AND ");

  const totals = await scope.tx.$queryRaw<{ stage_id: string; count: number; value: string; weighted: string }[]>`
      SELECT o.current_stage_id AS stage_id, count(*)::int AS count, sum(o.value)::text AS value, sum(o.weighted_value)::text AS weighted
      FROM opportunities o WHERE ${where} GROUP BY o.current_stage_id`;
  const cards = await scope.tx.$queryRaw<BoardCard[]>`
      SELECT r.id, r.name, r.value::text AS value, r.currency, r.expected_close_date, r.stage_entered_at, r.stage_id,
             c.name AS company_name, u.full_name AS owner_name
      FROM (
        SELECT o.*, o.current_stage_id AS stage_id,
               row_number() OVER (PARTITION BY o.current_stage_id ORDER BY o.expected_close_date ASC NULLS LAST, o.value DESC, o.id) AS rank
        FROM opportunities o WHERE ${where}
      ) r
      LEFT JOIN companies c ON c.organization_id = r.organization_id AND c.id = r.company_id
      LEFT JOIN users u ON u.id = r.owner_id
      WHERE r.rank <= ${input.perStage}
      ORDER BY r.stage_id, r.rank`;

  const totalsByStage = new Map(totals.map((t) => [t.stage_id, t]));
  const open = pipeline.stages.filter((s) => !s.isWon && !s.isLost).map((s) => totalsByStage.get(s.id));
  const sum = (pick: (t: { value: string; weighted: string }) => string) =>
    open.reduce((acc, t) => (t ? acc.plus(pick(t)) : acc), new Prisma.Decimal(0)).toFixed(2);
  return {
    pipeline: { id: pipeline.id, name: pipeline.name },
    open: { count: open.reduce((n, t) => n + (t?.count ?? 0), 0), value: sum((t) => t.value), weighted: sum((t) => t.weighted) },
    stages: pipeline.stages.map((stage) => {
      const t = totalsByStage.get(stage.id);
      return {
        ...stage,
        count: t?.count ?? 0,
        value: t?.value ?? "0",
        weighted: t?.weighted ?? "0",
        cards: cards.filter((c) => c.stage_id === stage.id),
      };
    }),
  };
}
