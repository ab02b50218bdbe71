-- Email that could not be sent because no SMTP server is configured, kept for the dev outbox
-- page (only when PARLEY_DEV_OUTBOX is on: `npm start` on its embedded database). Global, like
-- users: a message belongs to its recipient, not to an organization; only the system role
-- reaches it, through named functions in src/server/db/system.ts.
CREATE TABLE dev_outbox_messages (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  to_address varchar(320) NOT NULL,
  from_address varchar(320) NOT NULL,
  subject varchar(500) NOT NULL,
  text_body text NOT NULL,
  html_body text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dev_outbox_messages_created_at_idx ON dev_outbox_messages (created_at DESC);
CREATE INDEX dev_outbox_messages_to_address_idx ON dev_outbox_messages (to_address, created_at DESC);
GRANT SELECT, INSERT, DELETE ON dev_outbox_messages TO parley_system;
