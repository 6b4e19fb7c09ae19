-- The workbench at scale (issue 5).
-- The process instance id in the engine's own character set and collation (Flowable creates its tables in utf8 with
-- binary collation): compared across two collations, the engine's index on ACT_RU_TASK.PROC_INST_ID_ could not be
-- used from an application row, and every list had to start from all the open tasks.
ALTER TABLE application MODIFY process_instance_id VARCHAR(64) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin;
-- A supervisor's regional list walks the applications not yet concluded in due-date order and joins their open tasks,
-- reading this index only (TaskMapper.xml, regionFrom); concluded applications, the millions, sit apart under their
-- conclusion time. The engine's tables get theirs in workflow/EngineIndexes.
CREATE INDEX idx_application_open ON application (concluded_at, due_date, process_instance_id, agency_id, region_code);
