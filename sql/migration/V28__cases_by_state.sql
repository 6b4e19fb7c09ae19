-- A supervisor's list of cases in every state (issue 20), newest first: read in the order of one of these indexes,
-- so that a page costs about the rows it shows however many cases have concluded (TaskMapper.xml, casesFrom).
CREATE INDEX idx_application_received ON application (submitted_at);
CREATE INDEX idx_application_state_received ON application (status, submitted_at);
