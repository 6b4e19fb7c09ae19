-- The day an application's clock turns YELLOW, kept with its due date so lists can filter by clock colour.
ALTER TABLE application ADD COLUMN yellow_from DATE;
CREATE INDEX idx_application_due ON application (due_date);
