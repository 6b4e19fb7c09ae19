-- 忘记密码: single-use reset tokens (only their SHA-256 is stored) and a per-address throttle of reset requests.
CREATE TABLE password_reset (
  id          BIGINT    NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id  BIGINT    NOT NULL,
  token_hash  CHAR(64)  NOT NULL,
  created_at  TIMESTAMP NOT NULL,
  expires_at  TIMESTAMP NOT NULL,
  used_at     TIMESTAMP NULL,
  CONSTRAINT uk_password_reset_token UNIQUE (token_hash)
);
CREATE INDEX idx_password_reset_account ON password_reset (account_id, created_at);

CREATE TABLE password_reset_throttle (
  address      VARCHAR(64) NOT NULL PRIMARY KEY,
  requests     INT         NOT NULL,
  window_start TIMESTAMP   NOT NULL
);
