-- Tamper-evident audit trail. Every row written from now on takes the next place in one chain (chain_seq,
-- 1, 2, 3 ...) and carries an HMAC-SHA256 (keyed by yiwang.security.hash-key) over its content and the
-- previous row's hash (supervision.AuditChain). Rows written before this migration stay outside the chain
-- (chain_seq NULL): the chain's genesis is the head below, seq 0 with a hash of 64 zeros.
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash CHAR(64);
ALTER TABLE audit_log ADD COLUMN row_hash CHAR(64);
CREATE UNIQUE INDEX uq_audit_chain_seq ON audit_log (chain_seq);

-- The end of the chain. Appending locks this one row (SELECT ... FOR UPDATE) for the inserting transaction, so
-- appends from every thread and node take one linear order.
CREATE TABLE audit_chain_head (
  id        INT       NOT NULL PRIMARY KEY,
  chain_seq BIGINT    NOT NULL,
  row_hash  CHAR(64)  NOT NULL
);
INSERT INTO audit_chain_head (id, chain_seq, row_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
