-- 一件事一次办 (issue 16): life-event bundles composed of catalogue items, and the bundle cases applicants open.
-- A bundle's composition (guiding questions, items by basic code, their order, the merged form) is one JSON
-- document checked by BundleDefinition at save; the catalogue stays the source of each item's own guide.
CREATE TABLE bundle (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code        VARCHAR(40)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  definition  TEXT         NOT NULL,
  version     INT          NOT NULL,
  updated_by  VARCHAR(64)  NULL,
  updated_at  TIMESTAMP    NOT NULL,
  CONSTRAINT uk_bundle_code UNIQUE (code)
);

-- One application for a whole bundle: the parent of one child application per chosen item.
CREATE TABLE bundle_case (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  case_no         VARCHAR(32)   NOT NULL,
  bundle_id       BIGINT        NOT NULL,
  bundle_version  INT           NOT NULL,
  applicant_id    BIGINT        NOT NULL,
  region_code     VARCHAR(12)   NOT NULL,
  answers         VARCHAR(2000) NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  outcome         VARCHAR(1000) NULL,
  submit_key      VARCHAR(64)   NULL,
  version         INT           NOT NULL,
  created_at      TIMESTAMP     NOT NULL,
  submitted_at    TIMESTAMP     NULL,
  concluded_at    TIMESTAMP     NULL,
  CONSTRAINT uk_bundle_case_no UNIQUE (case_no)
);
CREATE INDEX idx_bundle_case_applicant ON bundle_case (applicant_id, created_at);

-- A child: the application of one item of the case. WAITING children start when the items they follow issued
-- their licences; STARTED ones live their own life as applications; CANCELLED ones never will.
CREATE TABLE bundle_child (
  id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  bundle_case_id  BIGINT       NOT NULL,
  seq             INT          NOT NULL,
  basic_code      VARCHAR(16)  NOT NULL,
  application_no  VARCHAR(32)  NOT NULL,
  required        BOOLEAN      NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  note            VARCHAR(500) NULL,
  CONSTRAINT uk_bundle_child_item UNIQUE (bundle_case_id, basic_code),
  CONSTRAINT uk_bundle_child_application UNIQUE (application_no)
);
CREATE INDEX idx_bundle_child_state ON bundle_child (state, bundle_case_id);

-- Bundles resolve their items by basic code in the applicant's place.
CREATE INDEX idx_item_basic_code ON item (basic_code, status);

-- Five bundles of the State Council's first batch (国发〔2024〕3号), built from the catalogue's items by basic code.
-- Which places implement every item, and what the catalogue lacks, is in the README's bundles section.
INSERT INTO bundle (code, name, definition, version, updated_by, updated_at) VALUES ('kaiban-canyindian', '开办餐饮店',
  '{"code":"kaiban-canyindian","name":"开办餐饮店","summary":"个体工商户开办餐饮店：营业执照、食品经营许可一表申请，营业执照办结后自动作为食品经营许可的材料；兼营公共场所或设置大型户外广告的，一并办理。","audience":"LEGAL_PERSON","onRefusal":"WITHDRAW_OTHERS","questions":[{"key":"publicPlace","text":"经营场所是否兼营公共场所（如设有茶座、休闲娱乐区域）？","hint":"兼营的，须办理公共场所卫生许可"},{"key":"outdoorSign","text":"是否设置大型户外广告？","hint":"设置的，须办理户外广告设置审批"}],"items":[{"basicCode":"XK0928","optional":false,"when":null,"after":[]},{"basicCode":"XK1021","optional":false,"when":null,"after":[{"basicCode":"XK0928","material":"营业执照或统一社会信用代码证书"}]},{"basicCode":"XK0901","optional":true,"when":{"question":"publicPlace","answer":true},"after":[{"basicCode":"XK0928","material":"营业执照或统一社会信用代码证书"}]},{"basicCode":"XK0930","optional":true,"when":{"question":"outdoorSign","answer":true},"after":[{"basicCode":"XK0928","material":"营业执照或统一社会信用代码证书"}]}],"fields":[{"key":"shopName","label":"字号名称","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0928","field":"shopName"},{"basicCode":"XK1021","field":"operatorName"},{"basicCode":"XK0901","field":"unitName"},{"basicCode":"XK0930","field":"applicantName"}]},{"key":"operatorName","label":"经营者姓名","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0928","field":"operatorName"},{"basicCode":"XK1021","field":"legalRepresentative"},{"basicCode":"XK0901","field":"legalRepresentative"},{"basicCode":"XK0930","field":"legalRepresentative"}]},{"key":"operatorPhone","label":"联系电话","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0928","field":"phone"},{"basicCode":"XK1021","field":"contactPhone"},{"basicCode":"XK0901","field":"contactPhone"},{"basicCode":"XK0930","field":"contactPhone"}]},{"key":"premisesAddress","label":"经营场所地址","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0928","field":"premisesAddress"},{"basicCode":"XK1021","field":"premisesAddress"},{"basicCode":"XK0901","field":"premisesAddress"},{"basicCode":"XK0930","field":"siteAddress"}]},{"key":"businessArea","label":"经营面积（平方米）","type":"number","required":true,"options":null,"mapsTo":[{"basicCode":"XK1021","field":"businessArea"},{"basicCode":"XK0901","field":"businessArea"}]},{"key":"foodCategory","label":"主体业态","type":"select","required":true,"options":["餐饮服务经营者","单位食堂","食品销售经营者"],"mapsTo":[{"basicCode":"XK1021","field":"foodCategory"}]},{"key":"seats","label":"就餐座位数","type":"number","required":false,"options":null,"mapsTo":[{"basicCode":"XK1021","field":"seats"}]},{"key":"employees","label":"从业人员数","type":"number","required":true,"options":null,"mapsTo":[{"basicCode":"XK0928","field":"employees"},{"basicCode":"XK1021","field":"employees"}]}]}',
  1, 'system', TIMESTAMP '2026-01-01 00:00:00');
INSERT INTO bundle (code, name, definition, version, updated_by, updated_at) VALUES ('xinshenger-chusheng', '新生儿出生',
  '{"code":"xinshenger-chusheng","name":"新生儿出生","summary":"新生儿出生医学证明、户口登记、城乡居民医保参保登记一次申请；需要的，一并办理预防接种证和医保电子凭证。","audience":"NATURAL_PERSON","onRefusal":"KEEP_OTHERS","questions":[{"key":"vaccination","text":"是否需要办理《预防接种证》？","hint":"在本省接种点接种的新生儿须办理"},{"key":"medicalCode","text":"是否同时为新生儿申领医保电子凭证？","hint":null}],"items":[{"basicCode":"GG0336","optional":false,"when":null,"after":[]},{"basicCode":"QR0068","optional":false,"when":null,"after":[]},{"basicCode":"GG0760","optional":false,"when":null,"after":[]},{"basicCode":"GG0339","optional":true,"when":{"question":"vaccination","answer":true},"after":[]},{"basicCode":"GG0738","optional":true,"when":{"question":"medicalCode","answer":true},"after":[]}],"fields":[{"key":"babyName","label":"新生儿姓名","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"babyName"},{"basicCode":"QR0068","field":"personName"},{"basicCode":"GG0760","field":"insuredName"},{"basicCode":"GG0339","field":"childName"},{"basicCode":"GG0738","field":"holderName"}]},{"key":"birthDate","label":"出生日期","type":"date","required":true,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"birthDate"},{"basicCode":"QR0068","field":"birthDate"},{"basicCode":"GG0760","field":"birthDate"},{"basicCode":"GG0339","field":"birthDate"}]},{"key":"birthPlace","label":"出生地点（医院）","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"birthPlace"},{"basicCode":"QR0068","field":"birthPlace"}]},{"key":"motherName","label":"母亲姓名","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"motherName"},{"basicCode":"QR0068","field":"motherName"}]},{"key":"fatherName","label":"父亲姓名","type":"text","required":false,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"fatherName"},{"basicCode":"QR0068","field":"fatherName"}]},{"key":"guardianPhone","label":"监护人联系电话","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0336","field":"contactPhone"},{"basicCode":"QR0068","field":"contactPhone"},{"basicCode":"GG0760","field":"contactPhone"},{"basicCode":"GG0339","field":"contactPhone"},{"basicCode":"GG0738","field":"contactPhone"}]},{"key":"householdAddress","label":"户籍地址","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"QR0068","field":"householdAddress"},{"basicCode":"GG0760","field":"address"}]}]}',
  1, 'system', TIMESTAMP '2026-01-01 00:00:00');
INSERT INTO bundle (code, name, definition, version, updated_by, updated_at) VALUES ('yuangong-luyong', '员工录用',
  '{"code":"yuangong-luyong","name":"员工录用","summary":"企业招用员工后，就业登记、企业职工社会保险参保登记、职工医保参保登记一次申请；工程建设项目招用的，一并办理工伤保险参保登记。","audience":"LEGAL_PERSON","onRefusal":"KEEP_OTHERS","questions":[{"key":"construction","text":"是否为工程建设项目招用人员？","hint":"工程建设项目按项目参加工伤保险"}],"items":[{"basicCode":"GG0482","optional":false,"when":null,"after":[]},{"basicCode":"GG0612","optional":false,"when":null,"after":[]},{"basicCode":"GG0754","optional":false,"when":null,"after":[]},{"basicCode":"GG0608","optional":true,"when":{"question":"construction","answer":true},"after":[]}],"fields":[{"key":"employeeName","label":"员工姓名","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0482","field":"workerName"},{"basicCode":"GG0612","field":"insuredName"},{"basicCode":"GG0754","field":"insuredName"},{"basicCode":"GG0608","field":"workerName"}]},{"key":"employeeIdNumber","label":"员工身份证件号码","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0482","field":"idNumber"},{"basicCode":"GG0612","field":"idNumber"},{"basicCode":"GG0754","field":"idNumber"},{"basicCode":"GG0608","field":"idNumber"}]},{"key":"hireDate","label":"录用日期","type":"date","required":true,"options":null,"mapsTo":[{"basicCode":"GG0482","field":"employmentDate"},{"basicCode":"GG0612","field":"insuredFrom"},{"basicCode":"GG0754","field":"insuredFrom"},{"basicCode":"GG0608","field":"entryDate"}]},{"key":"monthlyWage","label":"月工资（元）","type":"number","required":true,"options":null,"mapsTo":[{"basicCode":"GG0612","field":"contributionBase"},{"basicCode":"GG0754","field":"contributionBase"}]},{"key":"contractTerm","label":"劳动合同期限","type":"select","required":true,"options":["固定期限","无固定期限","以完成一定工作任务为期限"],"mapsTo":[{"basicCode":"GG0482","field":"contractTerm"}]},{"key":"contactPhone","label":"单位联系电话","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0482","field":"contactPhone"},{"basicCode":"GG0612","field":"contactPhone"},{"basicCode":"GG0754","field":"contactPhone"},{"basicCode":"GG0608","field":"contactPhone"}]}]}',
  1, 'system', TIMESTAMP '2026-01-01 00:00:00');
INSERT INTO bundle (code, name, definition, version, updated_by, updated_at) VALUES ('tuixiu', '退休',
  '{"code":"tuixiu","name":"退休","summary":"企业职工达到法定退休年龄，正常退休申请一次办理；退休后异地安置或缴费不满15年的，一并办理相应事项。","audience":"LEGAL_PERSON","onRefusal":"KEEP_OTHERS","questions":[{"key":"relocated","text":"退休后是否异地安置（长期居住在本省以外）？","hint":null},{"key":"shortContribution","text":"养老保险累计缴费是否不满15年？","hint":"不满15年的，可申请延长缴费或转入城乡居民养老保险"}],"items":[{"basicCode":"GG0590","optional":false,"when":null,"after":[]},{"basicCode":"GG0742","optional":true,"when":{"question":"relocated","answer":true},"after":[]},{"basicCode":"GG0479","optional":true,"when":{"question":"shortContribution","answer":true},"after":[]}],"fields":[{"key":"retireeName","label":"退休人员姓名","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0590","field":"retireeName"},{"basicCode":"GG0742","field":"insuredName"},{"basicCode":"GG0479","field":"insuredName"}]},{"key":"retireeIdNumber","label":"退休人员身份证件号码","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0590","field":"idNumber"},{"basicCode":"GG0742","field":"idNumber"},{"basicCode":"GG0479","field":"idNumber"}]},{"key":"retirementDate","label":"退休日期","type":"date","required":true,"options":null,"mapsTo":[{"basicCode":"GG0590","field":"retirementDate"},{"basicCode":"GG0742","field":"retirementDate"}]},{"key":"contributionYears","label":"累计缴费年限","type":"number","required":true,"options":null,"mapsTo":[{"basicCode":"GG0590","field":"contributionYears"},{"basicCode":"GG0479","field":"contributionYears"}]},{"key":"settleAddress","label":"安置地址","type":"text","required":false,"options":null,"mapsTo":[{"basicCode":"GG0742","field":"settleAddress"}]},{"key":"contactPhone","label":"联系电话","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"GG0590","field":"contactPhone"},{"basicCode":"GG0742","field":"contactPhone"},{"basicCode":"GG0479","field":"contactPhone"}]}]}',
  1, 'system', TIMESTAMP '2026-01-01 00:00:00');
INSERT INTO bundle (code, name, definition, version, updated_by, updated_at) VALUES ('qiye-xinxi-biangeng', '企业信息变更',
  '{"code":"qiye-xinxi-biangeng","name":"企业信息变更","summary":"企业变更名称、住所、法定代表人等登记事项，市场监管变更登记、社保单位信息变更、医保单位参保信息变更一次申请。","audience":"LEGAL_PERSON","onRefusal":"WITHDRAW_OTHERS","questions":[],"items":[{"basicCode":"XK0880","optional":false,"when":null,"after":[]},{"basicCode":"GG0581","optional":false,"when":null,"after":[]},{"basicCode":"GG0761","optional":false,"when":null,"after":[]}],"fields":[{"key":"companyName","label":"企业名称（变更后）","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0880","field":"companyName"},{"basicCode":"GG0581","field":"unitName"},{"basicCode":"GG0761","field":"unitName"}]},{"key":"changedItems","label":"变更事项","type":"select","required":true,"options":["名称","住所","法定代表人","经营范围","注册资本"],"mapsTo":[{"basicCode":"XK0880","field":"changeType"},{"basicCode":"GG0581","field":"changeType"},{"basicCode":"GG0761","field":"changeType"}]},{"key":"changeDetail","label":"变更内容","type":"textarea","required":true,"options":null,"mapsTo":[{"basicCode":"XK0880","field":"changeDetail"},{"basicCode":"GG0581","field":"changeDetail"},{"basicCode":"GG0761","field":"changeDetail"}]},{"key":"legalRepresentative","label":"法定代表人","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0880","field":"legalRepresentative"},{"basicCode":"GG0581","field":"legalRepresentative"},{"basicCode":"GG0761","field":"legalRepresentative"}]},{"key":"contactPhone","label":"联系电话","type":"text","required":true,"options":null,"mapsTo":[{"basicCode":"XK0880","field":"contactPhone"},{"basicCode":"GG0581","field":"contactPhone"},{"basicCode":"GG0761","field":"contactPhone"}]}]}',
  1, 'system', TIMESTAMP '2026-01-01 00:00:00');
