import type { z } from "zod";
import type { OrgScope } from "@/server/api/scope";
import type { listMembersSchema } from "./members.schema";

export async function listMembers(scope: OrgScope, input: z.output<typeof listMembersSchema>) {
  const search = input.search;
  const memberships = await scope.tx.membership.findMany({
    where: search
      ? { user: { OR: [{ fullName: { contains: search, mode: "insensitive" } }, { email: { contains: search, mode: "insensitive" } }] } }
      : undefined,
    select: {
      id: true,
      status: true,
      joinedAt: true,
      role: { select: { id: true, name: true } },
      user: { select: { id: true, email: true, fullName: true, jobTitle: true, avatarUrl: true, lastLoginAt: true } },
    },
    orderBy: [{ user: { fullName: "asc" } }],
    take: 500,
  });
  return memberships;
}
