-- Accounts (统一身份认证): applicants by identity number, staff by login name; sessions shared by all nodes.

CREATE TABLE account (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username        VARCHAR(64),             -- staff and demo accounts; applicants log in with their identity number
  kind            VARCHAR(16)  NOT NULL,   -- APPLICANT, STAFF
  display_name    VARCHAR(64)  NOT NULL,
  id_type         VARCHAR(8),              -- ID_CARD (居民身份证), USCC (统一社会信用代码)
  id_number_enc   VARCHAR(255),            -- AES-GCM, never stored in plain text
  id_number_hash  CHAR(64),                -- keyed hash, to find an account by its number
  phone_enc       VARCHAR(255),
  region_code     VARCHAR(12)  NOT NULL,   -- applicants: where they live; staff: their agency's region
  agency_id       BIGINT,
  password_hash   VARCHAR(255) NOT NULL,
  failed_logins   INT          NOT NULL DEFAULT 0,
  locked_until    TIMESTAMP    NULL,
  enabled         BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at      TIMESTAMP    NOT NULL,
  CONSTRAINT uk_account_username UNIQUE (username),
  CONSTRAINT uk_account_id_number UNIQUE (id_number_hash)
);
CREATE INDEX idx_account_agency ON account (agency_id);

CREATE TABLE account_role (
  account_id BIGINT      NOT NULL,
  role       VARCHAR(24) NOT NULL,
  PRIMARY KEY (account_id, role)
);

-- Failed logins per source address, counted in a sliding window.
CREATE TABLE login_throttle (
  address      VARCHAR(64) NOT NULL PRIMARY KEY,
  failures     INT         NOT NULL,
  window_start TIMESTAMP   NOT NULL
);

CREATE TABLE web_session (
  id          VARCHAR(64) NOT NULL PRIMARY KEY,
  account_id  BIGINT,
  last_access TIMESTAMP   NOT NULL,
  timeout_ms  BIGINT      NOT NULL,
  data        BLOB        NOT NULL
);
CREATE INDEX idx_session_account ON web_session (account_id);
CREATE INDEX idx_session_access ON web_session (last_access);
