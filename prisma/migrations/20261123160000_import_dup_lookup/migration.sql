-- Duplicate detection by company name under RLS. The lower(name) index of 20261123140000 is
-- never used by the app role: RLS keeps conditions with non-LEAKPROOF functions (lower() is
-- not) out of index scans, so each import batch filtered every company of the organization.
-- A stored lower-cased name compares with plain text equality, which is leakproof.
ALTER TABLE companies ADD COLUMN name_lower text GENERATED ALWAYS AS (lower(name)) STORED;
DROP INDEX companies_organization_id_lower_name_idx;
CREATE INDEX companies_organization_id_name_lower_idx ON companies (organization_id, name_lower);
