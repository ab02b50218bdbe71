-- An import used to write, for every record it created, an "imported" timeline event and an
-- undo row: five extra rows per CSV row of a lead import, half of all it wrote. A record now
-- carries the import that created it instead: undo deletes by it, and a record's timeline
-- shows "Imported from <file>" from it. import_records keeps what only it can: the previous
-- values of records an import updated.
--
-- No foreign key on import_id: it would cost a check per imported row on the bulk path, for a
-- reference nothing can break (an import is deleted only with its organization, which takes
-- the records with it). The partial indexes serve undo and cost nothing for records made by hand.
ALTER TABLE companies ADD COLUMN import_id uuid;
ALTER TABLE contacts ADD COLUMN import_id uuid;
ALTER TABLE leads ADD COLUMN import_id uuid;

UPDATE companies c SET import_id = r.import_id FROM import_records r
WHERE r.organization_id = c.organization_id AND r.record_id = c.id AND r.record_type = 'company' AND r.action = 'created';
UPDATE contacts c SET import_id = r.import_id FROM import_records r
WHERE r.organization_id = c.organization_id AND r.record_id = c.id AND r.record_type = 'contact' AND r.action = 'created';
UPDATE leads l SET import_id = r.import_id FROM import_records r
WHERE r.organization_id = l.organization_id AND r.record_id = l.id AND r.record_type = 'lead' AND r.action = 'created';
UPDATE leads SET source_details = source_details - 'importId' WHERE source_details ? 'importId';

DELETE FROM timeline_events WHERE event_type = 'imported';
DELETE FROM import_records WHERE action = 'created';
ALTER TABLE import_records DROP CONSTRAINT import_records_action_check;
ALTER TABLE import_records ADD CONSTRAINT import_records_action_check CHECK (action = 'updated');

CREATE INDEX companies_import_idx ON companies (organization_id, import_id) WHERE import_id IS NOT NULL;
CREATE INDEX contacts_import_idx ON contacts (organization_id, import_id) WHERE import_id IS NOT NULL;
CREATE INDEX leads_import_idx ON leads (organization_id, import_id) WHERE import_id IS NOT NULL;
