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
