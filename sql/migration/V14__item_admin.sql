-- Item administration (事项管理): every change of an item makes a new version whose full state is kept in
-- item_version as a JSON snapshot; forms (申请表单) are versioned definitions an item binds by key and version.
-- A material removed from an item is retired rather than deleted: applications that uploaded it still show it.
ALTER TABLE item ADD COLUMN form_key VARCHAR(64);
ALTER TABLE item ADD COLUMN form_version INT;
ALTER TABLE item_material ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE item_version (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  item_id     BIGINT       NOT NULL,
  version     INT          NOT NULL,
  action      VARCHAR(16)  NOT NULL,  -- CREATED, EDITED, PUBLISHED, UNPUBLISHED
  status      VARCHAR(16)  NOT NULL,
  snapshot    LONGTEXT     NOT NULL,  -- the item with its materials as the admin API answers it
  changed_by  VARCHAR(64)  NOT NULL,
  changed_at  TIMESTAMP    NOT NULL,
  CONSTRAINT uk_item_version UNIQUE (item_id, version)
);

CREATE TABLE form_definition (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  form_key    VARCHAR(64)  NOT NULL,
  version     INT          NOT NULL,
  name        VARCHAR(200) NOT NULL,
  fields      LONGTEXT     NOT NULL,  -- JSON array of {key, label, type, required, pattern, min, max, options}
  created_by  VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP    NOT NULL,
  CONSTRAINT uk_form_definition UNIQUE (form_key, version)
);
