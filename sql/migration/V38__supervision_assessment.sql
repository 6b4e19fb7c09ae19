-- 绩效考核 (issue 14): the indicator system of a year as data (weights and targets the province maintains), the
-- months closed, and the scores frozen when a month is closed (with the facts that gave each point).

-- A year's indicators; a year without rows uses the built-in defaults (AssessmentService.Code).
CREATE TABLE assessment_indicator (
  year        INT           NOT NULL,
  code        VARCHAR(32)   NOT NULL,
  weight      DECIMAL(6, 2) NOT NULL,  -- points the indicator is worth when its target is met
  target      DECIMAL(6, 4) NOT NULL,  -- the share in (0, 1] that earns the full weight
  updated_by  VARCHAR(64)   NOT NULL,
  updated_at  TIMESTAMP     NOT NULL,
  PRIMARY KEY (year, code)
);

-- A closed month: its key makes exactly one close win.
CREATE TABLE assessment_period (
  month       CHAR(7)      NOT NULL PRIMARY KEY,  -- YYYY-MM
  closed_at   TIMESTAMP    NOT NULL,
  closed_by   VARCHAR(64)  NOT NULL
);

-- The frozen scores of a closed month, per agency and per 市县区, with their explanation (JSON lines).
CREATE TABLE assessment_score (
  month         CHAR(7)       NOT NULL,
  subject_kind  VARCHAR(8)    NOT NULL,  -- AGENCY, REGION
  subject_id    VARCHAR(20)   NOT NULL,  -- agency id or region code
  subject_name  VARCHAR(128)  NOT NULL,
  region_code   VARCHAR(12)   NOT NULL,  -- the agency's region, or the 市县区 itself: who may see the row
  score         DECIMAL(6, 2) NOT NULL,
  rank_no       INT           NOT NULL,
  explanation   TEXT          NOT NULL,
  PRIMARY KEY (month, subject_kind, subject_id)
);
CREATE INDEX idx_assessment_score_rank ON assessment_score (month, subject_kind, rank_no);
