-- A deal's stage history outlives the stages it names: deleting a stage no longer deletes
-- the moves into it (they keep the stage's name as it was), it only unlinks them.

ALTER TABLE opportunity_stage_history
  ADD COLUMN from_stage_name varchar(100),
  ADD COLUMN to_stage_name varchar(100);

UPDATE opportunity_stage_history h SET to_stage_name = s.name FROM pipeline_stages s WHERE s.id = h.to_stage_id;
UPDATE opportunity_stage_history h SET from_stage_name = s.name FROM pipeline_stages s WHERE s.id = h.from_stage_id;

ALTER TABLE opportunity_stage_history ALTER COLUMN to_stage_id DROP NOT NULL;
ALTER TABLE opportunity_stage_history DROP CONSTRAINT opportunity_stage_history_organization_id_to_stage_id_fkey;
ALTER TABLE opportunity_stage_history ADD CONSTRAINT opportunity_stage_history_organization_id_to_stage_id_fkey
  FOREIGN KEY (organization_id, to_stage_id) REFERENCES pipeline_stages (organization_id, id) ON DELETE SET NULL (to_stage_id);

-- Writers need not know: each new move records the names of its stages as they are now.
CREATE FUNCTION stage_history_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_stage_name IS NULL THEN
    SELECT name INTO NEW.to_stage_name FROM pipeline_stages WHERE organization_id = NEW.organization_id AND id = NEW.to_stage_id;
  END IF;
  IF NEW.from_stage_name IS NULL AND NEW.from_stage_id IS NOT NULL THEN
    SELECT name INTO NEW.from_stage_name FROM pipeline_stages WHERE organization_id = NEW.organization_id AND id = NEW.from_stage_id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER opportunity_stage_history_names BEFORE INSERT ON opportunity_stage_history
  FOR EACH ROW EXECUTE FUNCTION stage_history_names();
