-- The workbench at scale (issue 5): a supervisor's regional list walks the applications not yet concluded in due-date
-- order and joins their open tasks, reading this index only (see TaskMapper.xml, regionFrom). Concluded applications,
-- the millions, sit apart under their conclusion time. The engine's own tables get theirs in workflow/EngineIndexes.
CREATE INDEX idx_application_open ON application (concluded_at, due_date, process_instance_id, agency_id, region_code);
