-- A password set by an administrator (new staff, reset, first administrator) must be replaced at first login.
ALTER TABLE account ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- Facts about the database itself, e.g. that it was made for the demo profile (identity.DemoDatabaseGuard).
CREATE TABLE platform_marker (
  name       VARCHAR(64) NOT NULL PRIMARY KEY,
  created_at TIMESTAMP   NOT NULL
);
