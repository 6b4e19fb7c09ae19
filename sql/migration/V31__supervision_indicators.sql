-- 电子监察 indicators (issue 14): daily aggregates per day × agency × item × region, rebuilt day by day from the raw
-- cases by IndicatorAggregates (replayable: a day's rows are always recomputed whole, never incremented).
-- A row holds three families of counts: cases RECEIVED that day (with their state as of the last refresh),
-- cases CONCLUDED that day, and ratings (好差评) GIVEN that day. Days are Asia/Shanghai days (the clock's zone).
CREATE TABLE supervision_daily (
  day                 DATE         NOT NULL,
  agency_id           BIGINT       NOT NULL,
  item_id             BIGINT       NOT NULL,
  region_code         VARCHAR(12)  NOT NULL,  -- the application's region (where the matter is handled)
  agency_region       VARCHAR(12)  NOT NULL,  -- the deciding agency's region: a case is in a scope through either
  received            INT          NOT NULL,
  received_instant    INT          NOT NULL,  -- 即办件
  received_online     INT          NOT NULL,  -- items needing no visit (全程网办)
  in_progress         INT          NOT NULL,
  refused             INT          NOT NULL,  -- 不予受理
  withdrawn           INT          NOT NULL,
  rejected            INT          NOT NULL,  -- 不予许可
  supplemented        INT          NOT NULL,  -- at least one 补正 notice
  supplemented_again  INT          NOT NULL,  -- more than one (一次性告知 broken)
  overdue             INT          NOT NULL,  -- concluded late, or open past the due date as of the refresh
  concluded           INT          NOT NULL,
  concluded_on_time   INT          NOT NULL,
  concluded_online    INT          NOT NULL,
  working_days        INT          NOT NULL,  -- sum of working days taken by the cases concluded
  promised_days       INT          NOT NULL,  -- sum of their promised limits (承诺时限)
  legal_days          INT          NOT NULL,  -- sum of their legal limits (法定时限)
  rated               INT          NOT NULL,
  rated_5             INT          NOT NULL,
  rated_4             INT          NOT NULL,
  rated_3             INT          NOT NULL,
  rated_2             INT          NOT NULL,
  rated_1             INT          NOT NULL,
  PRIMARY KEY (day, agency_id, item_id, region_code)
);
CREATE INDEX idx_supervision_daily_agency_region ON supervision_daily (agency_region, day);
CREATE INDEX idx_supervision_daily_region ON supervision_daily (region_code, day);

-- How many cases concluded that day took exactly working_days working days: sums to a period's p90.
CREATE TABLE supervision_daily_duration (
  day           DATE         NOT NULL,
  agency_id     BIGINT       NOT NULL,
  item_id       BIGINT       NOT NULL,
  region_code   VARCHAR(12)  NOT NULL,
  agency_region VARCHAR(12)  NOT NULL,
  working_days  INT          NOT NULL,
  cases         INT          NOT NULL,
  PRIMARY KEY (day, agency_id, item_id, region_code, working_days)
);
CREATE INDEX idx_supervision_duration_agency_region ON supervision_daily_duration (agency_region, day);

-- The refresh's high-water mark: rows changed since then have their days recomputed. The version makes exactly
-- one node win each refresh.
CREATE TABLE supervision_watermark (
  name          VARCHAR(32)  NOT NULL PRIMARY KEY,
  refreshed_at  TIMESTAMP    NULL,
  version       INT          NOT NULL
);
INSERT INTO supervision_watermark (name, refreshed_at, version) VALUES ('daily', NULL, 0);

-- The refresh finds a day's concluded cases and the rows changed since the watermark without scanning.
CREATE INDEX idx_application_concluded ON application (concluded_at);
CREATE INDEX idx_application_updated ON application (updated_at);
CREATE INDEX idx_evaluation_at ON evaluation (at);

-- 亮牌: a card raised on a case by a rule of the supervision scan, answered by the agency's supervisor (情况说明)
-- and accepted or rejected by the province. One card per case, rule and step: a rule fires once.
CREATE TABLE supervision_card (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  application_id  BIGINT        NOT NULL,
  application_no  VARCHAR(32)   NOT NULL,
  agency_id       BIGINT        NOT NULL,
  agency_region   VARCHAR(12)   NOT NULL,
  colour          VARCHAR(8)    NOT NULL,  -- YELLOW, RED
  rule_code       VARCHAR(32)   NOT NULL,  -- ACCEPT_STEP_YELLOW, ACCEPT_STEP_RED, CASE_YELLOW, CASE_RED, REFUSAL_WITHOUT_BASIS, SECOND_SUPPLEMENT
  step_key        VARCHAR(64)   NOT NULL,  -- the step the card is about ('' for the whole case)
  detail          VARCHAR(500)  NOT NULL,
  raised_at       TIMESTAMP     NOT NULL,
  answer_due      DATE          NOT NULL,
  status          VARCHAR(16)   NOT NULL,  -- OPEN, ANSWERED, ACCEPTED, REJECTED (a rejected answer is given again)
  answer          VARCHAR(1000),
  answered_by     VARCHAR(64),
  answered_at     TIMESTAMP     NULL,
  decision_note   VARCHAR(1000),
  decided_by      VARCHAR(64),
  decided_at      TIMESTAMP     NULL,
  version         INT           NOT NULL DEFAULT 0,
  CONSTRAINT uk_supervision_card UNIQUE (application_id, rule_code, step_key)
);
CREATE INDEX idx_supervision_card_region ON supervision_card (agency_region, status);
CREATE INDEX idx_supervision_card_application ON supervision_card (application_no);
CREATE INDEX idx_application_decided ON application (decided_at);
