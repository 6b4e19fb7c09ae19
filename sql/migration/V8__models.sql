-- Process models (流程模型) that administrators import, edit and deploy. The XML is kept as saved (UTF-8);
-- each deployment becomes a new version of the Flowable process definition named by model_key.
-- LONGTEXT: accepted by MySQL 8, MariaDB 10.11 and H2 (as a CLOB) alike.
CREATE TABLE process_model (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  model_key             VARCHAR(255)  NOT NULL,  -- the executable process id, the definition key once deployed
  name                  VARCHAR(200)  NOT NULL,
  xml                   LONGTEXT      NOT NULL,
  status                VARCHAR(16)   NOT NULL,  -- DRAFT (changed since the last deployment) or DEPLOYED
  version               INT           NOT NULL DEFAULT 0,  -- the last deployed definition version, 0 before any
  deployment_id         VARCHAR(64),
  process_definition_id VARCHAR(255),
  created_by            VARCHAR(64)   NOT NULL,
  created_at            TIMESTAMP     NOT NULL,
  updated_at            TIMESTAMP     NOT NULL
);
CREATE INDEX idx_process_model_key ON process_model (model_key);
