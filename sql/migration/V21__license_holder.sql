-- 电子证照复用: the apply wizard looks up the applicant's own licences.
CREATE INDEX idx_license_holder ON license (holder_account_id, issued_at);
