-- 12345 政务服务便民热线: the province's hotline centre, the classification (loaded from
-- sql/reference/hotline/classification.csv at start-up), the duty list, intake channels, tickets and their history.

INSERT INTO agency (id, code, name, short_name, kind, level, region_code, phone)
VALUES (99, 'P12345', '海南省12345政务服务便民热线', '省12345热线', 'PUBLIC_INSTITUTION', 'PROVINCE', '46', '12345');

CREATE TABLE hotline_class (
  code             VARCHAR(6)   NOT NULL PRIMARY KEY,  -- GB/T 39666 structure: two digits per level
  name             VARCHAR(64)  NOT NULL,
  level            INT          NOT NULL,
  parent_code      VARCHAR(6),
  department_code  VARCHAR(8),                         -- first level: the kind of 市县区 department that handles it
  provincial_unit  VARCHAR(128)
);

-- 职责清单: class × region → responsible agency; the most specific region on the ticket's path wins.
CREATE TABLE hotline_duty (
  id           BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  class_code   VARCHAR(6)  NOT NULL,
  region_code  VARCHAR(12) NOT NULL,
  agency_id    BIGINT      NOT NULL,
  updated_at   TIMESTAMP   NOT NULL,
  CONSTRAINT uk_hotline_duty UNIQUE (class_code, region_code)
);

-- Partner channels of Open311: only the SHA-256 of a channel's API key is stored.
CREATE TABLE hotline_channel (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code          VARCHAR(32)  NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  api_key_hash  CHAR(64)     NOT NULL,
  enabled       BOOLEAN      NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  CONSTRAINT uk_hotline_channel_code UNIQUE (code),
  CONSTRAINT uk_hotline_channel_key UNIQUE (api_key_hash)
);

-- Ticket numbers 12345-YYYYMMDD-NNNNNN: one counter row per day.
CREATE TABLE hotline_counter (
  day   DATE NOT NULL PRIMARY KEY,
  last  INT  NOT NULL
);

CREATE TABLE hotline_ticket (
  id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_no          VARCHAR(24)   NOT NULL,
  type               VARCHAR(16)   NOT NULL,  -- CONSULT, HELP, COMPLAINT, REPORT, SUGGESTION, PRAISE
  class_code         VARCHAR(6)    NOT NULL,
  region_code        VARCHAR(12)   NOT NULL,
  channel            VARCHAR(16)   NOT NULL,  -- PHONE, WEB, OPEN311
  channel_id         BIGINT,
  title              VARCHAR(100)  NOT NULL,
  content            VARCHAR(2000) NOT NULL,
  address_enc        VARCHAR(1000),
  lat                DECIMAL(9,6),
  lon                DECIMAL(9,6),
  citizen_account_id BIGINT,
  citizen_name_enc   VARCHAR(400),
  citizen_phone_enc  VARCHAR(200),
  citizen_phone_hash CHAR(64),                 -- keyed hash: the operator's caller history
  citizen_email_enc  VARCHAR(600),
  state              VARCHAR(16)   NOT NULL,
  agency_id          BIGINT,
  received_at        TIMESTAMP     NOT NULL,
  dispatched_at      TIMESTAMP     NULL,
  sign_due           DATE,
  signed_at          TIMESTAMP     NULL,
  reply_due          DATE,
  replied_at         TIMESTAMP     NULL,
  reply              VARCHAR(2000),
  extension_days     INT           NOT NULL DEFAULT 0,
  extension_state    VARCHAR(16),              -- REQUESTED, APPROVED, REFUSED
  extension_reason   VARCHAR(500),
  returns            INT           NOT NULL DEFAULT 0,
  reopens            INT           NOT NULL DEFAULT 0,
  rating             VARCHAR(16),              -- SATISFIED, BASIC, UNSATISFIED
  rated_at           TIMESTAMP     NULL,
  merged_into        BIGINT,
  closed_at          TIMESTAMP     NULL,
  overdue_level      INT           NOT NULL DEFAULT 0,  -- 1 sign overdue, 2 reply overdue: raised once each
  updated_at         TIMESTAMP     NOT NULL,
  version            INT           NOT NULL DEFAULT 0,
  CONSTRAINT uk_hotline_ticket_no UNIQUE (ticket_no)
);
CREATE INDEX idx_hotline_ticket_state ON hotline_ticket (state, received_at);
CREATE INDEX idx_hotline_ticket_agency ON hotline_ticket (agency_id, state, received_at);
CREATE INDEX idx_hotline_ticket_citizen ON hotline_ticket (citizen_account_id, received_at);
CREATE INDEX idx_hotline_ticket_phone ON hotline_ticket (citizen_phone_hash, received_at);
CREATE INDEX idx_hotline_ticket_received ON hotline_ticket (received_at);

CREATE TABLE hotline_event (
  id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  ticket_id   BIGINT        NOT NULL,
  at          TIMESTAMP     NOT NULL,
  actor       VARCHAR(64)   NOT NULL,
  action      VARCHAR(24)   NOT NULL,
  state       VARCHAR(16)   NOT NULL,
  agency_id   BIGINT,
  note        VARCHAR(1000)
);
CREATE INDEX idx_hotline_event_ticket ON hotline_event (ticket_id, id);
