-- Material files are stored once per owner and content (content-addressed), so rows share storage keys.
CREATE INDEX idx_material_storage_key ON application_material (storage_key);

-- One row per applicant, locked while their drafts and files change: quotas are counted under it and a shared
-- file is removed only when, under it, no row refers to it any more.
CREATE TABLE applicant_lock (
  account_id BIGINT NOT NULL PRIMARY KEY
);

-- Idle drafts: when the applicant was told the draft will expire (cleared whenever the draft changes).
ALTER TABLE application ADD COLUMN expiry_warned_at TIMESTAMP NULL;
CREATE INDEX idx_application_idle_draft ON application (status, updated_at);

-- Form data is encrypted at rest: base64 of up to 64 KB of JSON no longer fits a TEXT column.
ALTER TABLE application MODIFY form_data MEDIUMTEXT NOT NULL;
