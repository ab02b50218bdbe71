-- Typo-tolerant global search (Ctrl-K): trigram indexes on the names people search by.
-- pg_trgm is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX companies_name_trgm_idx ON companies USING gin (name gin_trgm_ops);
CREATE INDEX companies_domain_trgm_idx ON companies USING gin (domain gin_trgm_ops);
CREATE INDEX contacts_full_name_trgm_idx ON contacts USING gin (full_name gin_trgm_ops);
CREATE INDEX contacts_email_trgm_idx ON contacts USING gin (email gin_trgm_ops);
