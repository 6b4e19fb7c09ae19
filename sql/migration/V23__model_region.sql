-- A process model belongs to a region: the region of the administrator who imported it. Administrators see
-- and change only models of their own region's subtree; models made before this are the province's (46).
ALTER TABLE process_model ADD COLUMN region_code VARCHAR(12) NOT NULL DEFAULT '46';
CREATE INDEX idx_process_model_region ON process_model (region_code);
