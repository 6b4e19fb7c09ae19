-- 我的证照 and the e-licence's legal fields (issue 20).
-- Who holds it: a company's name is a public record and is verified in full; a person's is partly masked.
ALTER TABLE license ADD COLUMN holder_kind VARCHAR(8) NOT NULL DEFAULT 'PERSON';
UPDATE license SET holder_kind = 'COMPANY'
  WHERE holder_account_id IN (SELECT id FROM account WHERE id_type = 'USCC');
-- The address and scope printed on the licence, from the application's form when it gave them; the address
-- can be a person's home, so it is encrypted like other personal data.
ALTER TABLE license ADD COLUMN holder_address_enc VARCHAR(1024) NULL;
ALTER TABLE license ADD COLUMN scope VARCHAR(500) NULL;
