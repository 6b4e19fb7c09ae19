-- The issuing agency by id, so that its staff can be told apart from others when a licence is downloaded.
ALTER TABLE license ADD COLUMN agency_id BIGINT;
UPDATE license SET agency_id = (SELECT a.agency_id FROM application a WHERE a.id = license.application_id);
ALTER TABLE license MODIFY agency_id BIGINT NOT NULL;
