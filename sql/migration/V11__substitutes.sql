-- 代理人: while a clerk is away, a colleague of the same agency works their tasks.
CREATE TABLE substitute (
  account_id    BIGINT NOT NULL PRIMARY KEY,
  substitute_id BIGINT NOT NULL,
  starts_on     DATE   NOT NULL,
  ends_on       DATE   NOT NULL
);
CREATE INDEX idx_substitute_for ON substitute (substitute_id, starts_on, ends_on);
