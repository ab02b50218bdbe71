#!/bin/sh
# Prisma's generate/validate/format only need *an* executable here; Migrate is not used
# (migrations are hand-written SQL applied by src/server/db/migrate.ts).
echo "schema-engine is not available on this machine; see ARCHITECTURE.md (Migrations)" >&2
exit 1
