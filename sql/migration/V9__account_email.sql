-- An optional e-mail address for notifications by mail, when the platform has an SMTP server configured.
ALTER TABLE account ADD COLUMN email_enc VARCHAR(255);
