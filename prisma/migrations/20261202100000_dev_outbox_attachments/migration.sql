-- Mail can carry files (a signed contract's PDF goes to both parties). The dev outbox keeps
-- them with the message, as [{ filename, contentType, size, base64 }]: development only, so a
-- column beside the message is simpler than a table of its own.
ALTER TABLE dev_outbox_messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb;
