-- The password-reset requests per address are counted by common/Throttle, as every other request rate is.
DROP TABLE password_reset_throttle;
