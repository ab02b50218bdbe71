// Every background job queue Parley has. Queues are created when the database is migrated (by
// the owner role, since pg-boss makes a table per queue) and worked by the system role.
export const QUEUES = {
  organizationExport: "organization-export",
  contractRenewals: "contract-renewals",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_SCHEMA = "pgboss";
