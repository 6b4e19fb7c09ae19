-- 好差评: the applicant rates the service; an unsatisfied rating opens a rectification (整改) for the agency's
-- supervisors, due in 15 working days, followed by a call-back (回访) to the applicant.
CREATE TABLE evaluation (
  id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id      BIGINT        NOT NULL,
  applicant_id        BIGINT        NOT NULL,
  agency_id           BIGINT        NOT NULL,
  level               INT           NOT NULL,  -- 5 非常满意 … 1 非常不满意
  efficiency          INT           NOT NULL,  -- 办事效率
  guide_accuracy      INT           NOT NULL,  -- 办事指南精确度
  convenience         INT           NOT NULL,  -- 办事便捷度
  usability           INT           NOT NULL,  -- 平台操作性
  comment             VARCHAR(500),
  at                  TIMESTAMP     NOT NULL,
  rectification       VARCHAR(16)   NOT NULL,  -- NONE, OPEN, RECTIFIED, CLOSED
  rectification_due   DATE,
  rectification_note  VARCHAR(1000),
  rectified_by        VARCHAR(64),
  callback_note       VARCHAR(1000),
  closed_at           TIMESTAMP     NULL,
  version             INT           NOT NULL DEFAULT 0,
  CONSTRAINT uk_evaluation_application UNIQUE (application_id)
);
CREATE INDEX idx_evaluation_agency ON evaluation (agency_id, rectification);
