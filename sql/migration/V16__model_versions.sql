-- Versions of process models: who deployed each one (Flowable keeps when, not who), background jobs that
-- migrate running applications between versions, and test runs (试运行) of drafts in a sandbox.

CREATE TABLE model_deployment (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  model_id              BIGINT        NOT NULL,
  process_definition_id VARCHAR(255)  NOT NULL,
  version               INT           NOT NULL,
  deployed_by           VARCHAR(64)   NOT NULL,
  deployed_at           TIMESTAMP     NOT NULL,
  note                  VARCHAR(200)             -- e.g. the version a rollback restored
);
CREATE INDEX idx_model_deployment_model ON model_deployment (model_id);

CREATE TABLE model_job (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  model_id      BIGINT       NOT NULL,
  kind          VARCHAR(16)  NOT NULL,  -- MIGRATION
  status        VARCHAR(16)  NOT NULL,  -- RUNNING, DONE, ABANDONED (its node stopped)
  from_version  INT          NOT NULL,
  to_version    INT          NOT NULL,
  total         INT          NOT NULL,
  done          INT          NOT NULL DEFAULT 0,
  failed        INT          NOT NULL DEFAULT 0,
  started_by    VARCHAR(64)  NOT NULL,
  started_at    TIMESTAMP    NOT NULL,
  updated_at    TIMESTAMP    NOT NULL,
  finished_at   TIMESTAMP    NULL
);
CREATE INDEX idx_model_job_model ON model_job (model_id, status);

-- One row per application a job could not move, with why.
CREATE TABLE model_job_message (
  id             BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_id         BIGINT         NOT NULL,
  application_no VARCHAR(64),
  message        VARCHAR(1000)  NOT NULL
);
CREATE INDEX idx_model_job_message_job ON model_job_message (job_id, id);

CREATE TABLE model_test_run (
  id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  model_id            BIGINT       NOT NULL,
  application_no      VARCHAR(32)  NOT NULL,
  deployment_id       VARCHAR(64)  NOT NULL,
  process_instance_id VARCHAR(64)  NOT NULL,
  started_by          VARCHAR(64)  NOT NULL,
  started_at          TIMESTAMP    NOT NULL,
  expires_at          TIMESTAMP    NOT NULL
);
CREATE INDEX idx_model_test_run_expiry ON model_test_run (expires_at);

-- Test-run applications never appear in lists, searches, counts or statistics that real users see.
ALTER TABLE application ADD COLUMN test_run BOOLEAN NOT NULL DEFAULT FALSE;
