-- Applications (办件), their materials and timeline, numbering, e-licences and the message centre.

CREATE TABLE application (
  id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_no      VARCHAR(32)  NOT NULL,
  item_id             BIGINT       NOT NULL,
  agency_id           BIGINT       NOT NULL,  -- the implementing agency that decides
  region_code         VARCHAR(12)  NOT NULL,  -- where the matter is handled (the applicant's place for cross-level items)
  applicant_id        BIGINT       NOT NULL,
  status              VARCHAR(24)  NOT NULL,
  form_data           TEXT         NOT NULL,
  process_instance_id VARCHAR(64),
  submit_key          VARCHAR(64),             -- Idempotency-Key of the submit that counted
  submitted_at        TIMESTAMP    NULL,
  accepted_at         TIMESTAMP    NULL,
  accept_deadline     DATE,                    -- supplement notice due (5 working days)
  limit_days          INT          NOT NULL,   -- working days the decision may take
  extended_days       INT          NOT NULL DEFAULT 0,
  suspended_days      INT          NOT NULL DEFAULT 0,
  suspended_since     DATE,
  resume_status       VARCHAR(24),             -- the status to return to when a special procedure ends
  due_date            DATE,
  warned_level        VARCHAR(8),              -- the last clock warning sent: YELLOW or RED
  supplement_count    INT          NOT NULL DEFAULT 0,
  supplement_opinion  VARCHAR(1000),
  supplement_materials VARCHAR(500),
  supplement_at       TIMESTAMP    NULL,
  supplement_baseline BIGINT,                  -- material rows above this id were uploaded after the notice
  decision            VARCHAR(16),
  decision_reason     VARCHAR(1000),
  decided_at          TIMESTAMP    NULL,
  concluded_at        TIMESTAMP    NULL,
  created_at          TIMESTAMP    NOT NULL,
  updated_at          TIMESTAMP    NOT NULL,
  version             INT          NOT NULL DEFAULT 0,
  CONSTRAINT uk_application_no UNIQUE (application_no)
);
CREATE INDEX idx_application_applicant ON application (applicant_id, created_at);
CREATE INDEX idx_application_agency ON application (agency_id, status);
CREATE INDEX idx_application_process ON application (process_instance_id);

CREATE TABLE application_material (
  id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT       NOT NULL,
  material_id    BIGINT       NOT NULL,
  file_name      VARCHAR(200) NOT NULL,
  content_type   VARCHAR(100) NOT NULL,
  size_bytes     BIGINT       NOT NULL,
  sha256         CHAR(64)     NOT NULL,
  storage_key    VARCHAR(200) NOT NULL,
  uploaded_at    TIMESTAMP    NOT NULL
);
CREATE INDEX idx_material_application ON application_material (application_id);

CREATE TABLE application_event (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id BIGINT        NOT NULL,
  at             TIMESTAMP     NOT NULL,
  action         VARCHAR(32)   NOT NULL,
  actor_id       BIGINT,
  actor          VARCHAR(64)   NOT NULL,
  role           VARCHAR(24),
  agency_name    VARCHAR(128),
  opinion        VARCHAR(1000),
  status         VARCHAR(24)   NOT NULL,
  remaining_days INT
);
CREATE INDEX idx_event_application ON application_event (application_id, id);

-- One counter per region and day makes application numbers unique across nodes.
CREATE TABLE application_sequence (
  region6   CHAR(6)  NOT NULL,
  day       CHAR(8)  NOT NULL,
  next_seq  INT      NOT NULL,
  PRIMARY KEY (region6, day)
);

CREATE TABLE license (
  id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  license_no        VARCHAR(40)  NOT NULL,
  verification_code VARCHAR(32)  NOT NULL,
  application_id    BIGINT       NOT NULL,
  holder_account_id BIGINT       NOT NULL,
  holder_name       VARCHAR(64)  NOT NULL,
  holder_id_masked  VARCHAR(32)  NOT NULL,
  item_name         VARCHAR(160) NOT NULL,
  agency_name       VARCHAR(128) NOT NULL,
  issued_at         TIMESTAMP    NOT NULL,
  valid_until       DATE         NOT NULL,
  status            VARCHAR(16)  NOT NULL,
  CONSTRAINT uk_license_no UNIQUE (license_no),
  CONSTRAINT uk_license_code UNIQUE (verification_code),
  CONSTRAINT uk_license_application UNIQUE (application_id)
);

CREATE TABLE notification (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id     BIGINT        NOT NULL,
  at             TIMESTAMP     NOT NULL,
  title          VARCHAR(200)  NOT NULL,
  body           VARCHAR(1000) NOT NULL,
  application_no VARCHAR(32),
  read_at        TIMESTAMP     NULL
);
CREATE INDEX idx_notification_account ON notification (account_id, id);
