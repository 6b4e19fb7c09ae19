-- 联办 items whose agencies review one after another (依次审查: designs) or where any one agency's review is
-- enough (或签: changes, renewals and re-issues of a permit), as CatalogGenerator now assigns them. A fresh
-- database already has them; an existing one gets them here. Running applications keep their process.
UPDATE item
   SET process_key = 'jointSequential',
       process_description = CONCAT('网上申请 → 牵头部门受理 → 相关部门依次审查 → 牵头部门审批决定 → 办结送达（承诺',
                                    promised_limit_days, '个工作日内办结）')
 WHERE process_key = 'joint' AND name LIKE '%设计%';

UPDATE item
   SET process_key = 'jointAny',
       process_description = CONCAT('网上申请 → 牵头部门受理 → 相关部门并联审查（或签，一个部门审查即可）→ 牵头部门审批决定 → 办结送达（承诺',
                                    promised_limit_days, '个工作日内办结）')
 WHERE process_key = 'joint' AND (name LIKE '%变更%' OR name LIKE '%延续%' OR name LIKE '%补办%');
