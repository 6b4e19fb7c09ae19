-- Append-only audit trail (电子监察): the application never updates or deletes these rows.
CREATE TABLE audit_log (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at          TIMESTAMP     NOT NULL,
  actor_id    BIGINT,
  actor       VARCHAR(64)   NOT NULL,
  action      VARCHAR(48)   NOT NULL,
  target      VARCHAR(128),
  detail      VARCHAR(1000),
  address     VARCHAR(64),
  region_code VARCHAR(12)   NOT NULL
);
CREATE INDEX idx_audit_at ON audit_log (at);
CREATE INDEX idx_audit_region ON audit_log (region_code, at);
