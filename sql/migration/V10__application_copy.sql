-- 抄送: an application copied to staff for their information; they can read it, not act on it.
CREATE TABLE application_copy (
  id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT      NOT NULL,
  account_id     BIGINT      NOT NULL,
  from_name      VARCHAR(64) NOT NULL,
  at             TIMESTAMP   NOT NULL,
  CONSTRAINT uk_application_copy UNIQUE (application_id, account_id)
);
CREATE INDEX idx_copy_account ON application_copy (account_id, id);
