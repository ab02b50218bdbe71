-- Undo runs in the background in batches now: an import being undone says so. (Its own
-- migration: a new enum value cannot be used in the transaction that adds it.)
ALTER TYPE import_status ADD VALUE IF NOT EXISTS 'undoing' BEFORE 'undone';
