-- Regions (行政区划), implementing agencies (实施主体) and the service-item catalogue (事项目录).
-- Written once for MySQL 8, MariaDB 10.11 and H2 in MySQL mode.

CREATE TABLE region (
  code        VARCHAR(12)  NOT NULL PRIMARY KEY,
  name        VARCHAR(64)  NOT NULL,
  full_name   VARCHAR(160) NOT NULL,
  kind        VARCHAR(16)  NOT NULL,  -- PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE
  level       VARCHAR(16)  NOT NULL,  -- service level: PROVINCE, CITY_COUNTY, TOWNSHIP, VILLAGE
  parent_code VARCHAR(12)
);
CREATE INDEX idx_region_parent ON region (parent_code, code);

CREATE TABLE agency (
  id          BIGINT       NOT NULL PRIMARY KEY,
  code        VARCHAR(24)  NOT NULL,
  name        VARCHAR(128) NOT NULL,
  short_name  VARCHAR(64)  NOT NULL,
  kind        VARCHAR(24)  NOT NULL,  -- DEPARTMENT, PUBLIC_INSTITUTION, VERTICAL, TOWNSHIP_GOVERNMENT, VILLAGE_SERVICE_POINT
  level       VARCHAR(16)  NOT NULL,
  region_code VARCHAR(12)  NOT NULL,
  phone       VARCHAR(32)  NOT NULL,
  CONSTRAINT uk_agency_code UNIQUE (code)
);
CREATE INDEX idx_agency_region ON agency (region_code, level);

CREATE TABLE item (
  id                  BIGINT       NOT NULL PRIMARY KEY,
  code                VARCHAR(40)  NOT NULL,
  basic_code          VARCHAR(16)  NOT NULL,  -- the same catalogue entry implemented in many places
  name                VARCHAR(160) NOT NULL,
  main_item_name      VARCHAR(160),
  type                INT          NOT NULL,  -- 1, 5, 7, 8, 9, 10, 20
  level               VARCHAR(16)  NOT NULL,
  region_code         VARCHAR(12)  NOT NULL,
  agency_id           BIGINT       NOT NULL,
  department_code     VARCHAR(8)   NOT NULL,  -- the kind of department, e.g. MZJ (民政) for cross-level routing
  case_kind           VARCHAR(16)  NOT NULL,  -- INSTANT (即办件), PROMISED (承诺件)
  audience            VARCHAR(16)  NOT NULL,  -- NATURAL_PERSON, LEGAL_PERSON, BOTH
  legal_limit_days    INT          NOT NULL,
  promised_limit_days INT          NOT NULL,
  fee                 VARCHAR(255) NOT NULL,
  fee_basis           VARCHAR(255),
  visits              INT          NOT NULL,
  online_depth        INT          NOT NULL,
  law_basis           VARCHAR(1000) NOT NULL,
  consult_phone       VARCHAR(32)  NOT NULL,
  complaint_phone     VARCHAR(32)  NOT NULL,
  process_description VARCHAR(1000) NOT NULL,
  process_key         VARCHAR(64)  NOT NULL,
  pinyin              VARCHAR(800) NOT NULL,
  initials            VARCHAR(160) NOT NULL,
  status              VARCHAR(16)  NOT NULL,  -- PUBLISHED, UNPUBLISHED
  version             INT          NOT NULL,
  updated_at          TIMESTAMP    NOT NULL,
  CONSTRAINT uk_item_code UNIQUE (code)
);
CREATE INDEX idx_item_agency ON item (agency_id);
CREATE INDEX idx_item_region ON item (region_code, level);

CREATE TABLE item_material (
  id           BIGINT       NOT NULL PRIMARY KEY,
  item_id      BIGINT       NOT NULL,
  seq          INT          NOT NULL,
  name         VARCHAR(200) NOT NULL,
  form         VARCHAR(24)  NOT NULL,  -- ORIGINAL, COPY, ORIGINAL_AND_COPY
  copies       INT          NOT NULL,
  required     BOOLEAN      NOT NULL,
  blank_form   BOOLEAN      NOT NULL,  -- a blank form (空白表格) is offered
  sample       BOOLEAN      NOT NULL,  -- a filled-in sample (示例样表) is offered
  accept_types VARCHAR(64)  NOT NULL,  -- comma-separated file extensions
  max_size_mb  INT          NOT NULL,
  CONSTRAINT uk_item_material UNIQUE (item_id, seq)
);
