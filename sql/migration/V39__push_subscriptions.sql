-- 智能推送: the items a person follows. An administrator's change of an item's guide becomes a message in the
-- message centre of each follower (after the change commits).
CREATE TABLE push_subscription (
  id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id BIGINT      NOT NULL,
  item_code  VARCHAR(40) NOT NULL,
  created_at TIMESTAMP   NOT NULL,
  CONSTRAINT uk_push_subscription UNIQUE (account_id, item_code)
);
CREATE INDEX idx_push_subscription_item ON push_subscription (item_code);
