-- 12345 知识库 (knowledge base): answers operators give on the phone and the public reads on the portal. An entry
-- belongs to the agency that vouches for it; past its review date it is flagged to that agency (once, by the
-- hotline scan). A ticket answered from the knowledge base cites the entry. Each ticket's dispatch round runs the
-- BPMN process hotlineTicket, whose timers raise the sign and reply deadlines.

CREATE TABLE hotline_knowledge (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  question        VARCHAR(200)  NOT NULL,
  answer          VARCHAR(4000) NOT NULL,
  keywords        VARCHAR(200),               -- what callers say instead of the question's words
  class_code      VARCHAR(6),
  agency_id       BIGINT        NOT NULL,
  valid_until     DATE,                       -- no longer answered after this day (policy replaced)
  review_date     DATE          NOT NULL,     -- the agency confirms the answer by this day
  review_flagged  BOOLEAN       NOT NULL DEFAULT FALSE,
  sample          BOOLEAN       NOT NULL DEFAULT FALSE,  -- demo data shipped with the platform, not an agency's word
  cited           INT           NOT NULL DEFAULT 0,
  updated_by      VARCHAR(200)  NOT NULL,
  updated_at      TIMESTAMP     NOT NULL,
  version         INT           NOT NULL DEFAULT 0
);
CREATE INDEX idx_hotline_knowledge_agency ON hotline_knowledge (agency_id, review_date);
CREATE INDEX idx_hotline_knowledge_review ON hotline_knowledge (review_flagged, review_date);

ALTER TABLE hotline_ticket ADD COLUMN knowledge_id BIGINT;
ALTER TABLE hotline_ticket ADD COLUMN process_instance_id VARCHAR(64);
CREATE INDEX idx_hotline_ticket_process ON hotline_ticket (process_instance_id);

-- Sample entries (示例数据, marked sample = TRUE): written for the demo from the public guides of the agencies
-- named, in plain words; phone numbers and fees are the published ones as far as known, but an agency must review
-- each before real use. Review dates are set so that some are already due.
INSERT INTO hotline_knowledge (question, answer, keywords, class_code, agency_id, valid_until, review_date, sample, updated_by, updated_at)
SELECT q.question, q.answer, q.keywords, q.class_code, a.id, NULL, q.review_date, TRUE, '示例数据', CURRENT_TIMESTAMP
FROM (
  SELECT '社保卡丢失了怎么挂失？' AS question,
    '可通过“海南人社”APP、海南政务服务网或拨打 12333 办理临时挂失（5 天内有效），正式挂失请持身份证到社保卡服务网点或合作银行网点办理，挂失后可同时申请补卡。' AS answer,
    '社保卡 挂失 丢了 补办 补卡' AS keywords, '030200' AS class_code, '海南省人力资源和社会保障厅' AS agency_name, DATE '2027-06-30' AS review_date
  UNION ALL SELECT '社保卡补办需要多长时间、要不要钱？',
    '在具备即时制卡条件的网点可当场领卡；邮寄或集中制卡一般 15 个工作日左右。补换卡的收费标准以网点公示为准，部分银行网点免收工本费。',
    '社保卡 补办 换卡 工本费 多久', '030200', '海南省人力资源和社会保障厅', DATE '2027-06-30'
  UNION ALL SELECT '住房公积金提取有哪些情形？怎么申请？',
    '购买、建造、翻建、大修自住住房，偿还住房贷款本息，租房自住，离退休，出境定居，与单位解除劳动关系未再就业等情形可申请提取。可通过“海南公积金”APP、海南政务服务网或到公积金服务网点办理，带本人身份证及相关证明材料。',
    '公积金 提取 取出来 租房 买房 还贷', NULL, '海南省住房公积金管理局', DATE '2026-11-30'
  UNION ALL SELECT '租房可以提取住房公积金吗？',
    '可以。在本省无自有住房且租房自住的职工，可按规定额度按月或按年提取，通过“海南公积金”APP线上申请，无需到现场。',
    '公积金 租房提取 租房 房租', NULL, '海南省住房公积金管理局', DATE '2027-03-31'
  UNION ALL SELECT '居住证怎么办理？需要什么条件？',
    '离开常住户口所在地到本省居住半年以上，且有合法稳定就业、合法稳定住所或连续就读之一的，可向居住地派出所申领居住证。需带身份证、近期照片和就业、住所或就读证明；可先在海南政务服务网或“海易办”预约。',
    '居住证 办理 暂住证 外地人 派出所', '080000', '海南省公安厅', DATE '2027-06-30'
  UNION ALL SELECT '身份证丢了怎么补办？可以异地补办吗？',
    '可到户籍所在地或居住地（全国跨省通办）公安机关户政窗口补领，需本人到场采集指纹和照片。申领期间可申请临时身份证。',
    '身份证 丢了 补办 异地 临时身份证', '080000', '海南省公安厅', DATE '2027-06-30'
  UNION ALL SELECT '营业执照怎么办理？多久能拿到？',
    '个体工商户和企业均可通过海南政务服务网“e登记”全程网上办理，材料齐全的一般 1 个工作日内办结，可领取电子营业执照，也可选择邮寄纸质执照。',
    '营业执照 开店 注册公司 个体户 办执照', '020301', '海南省市场监督管理局', DATE '2027-06-30'
  UNION ALL SELECT '买到假冒伪劣商品怎么投诉？',
    '请保留购物凭证、商品和聊天记录，可拨打 12315 或通过全国 12315 平台、12345 热线投诉，由经营者所在地市场监管部门处理；也可直接向法院起诉。',
    '假货 投诉 商品质量 退货 维权 12315', '020101', '海南省市场监督管理局', DATE '2026-10-31'
  UNION ALL SELECT '预付卡商家跑路、闭店了怎么办？',
    '请保留付款记录、办卡合同和卡片，向经营场所所在地市场监管部门投诉或经 12345 反映；涉嫌诈骗的可向公安机关报案。',
    '预付卡 跑路 闭店 健身卡 美容卡 退款', '020102', '海南省市场监督管理局', DATE '2027-03-31'
  UNION ALL SELECT '被拖欠工资怎么办？',
    '可向用人单位所在地人社部门劳动保障监察机构投诉，或拨打 12333、12345 反映；也可向劳动人事争议仲裁委员会申请仲裁。请准备劳动合同、工资条、考勤等证明。',
    '欠薪 拖欠工资 不发工资 讨薪 农民工', '030101', '海南省人力资源和社会保障厅', DATE '2027-06-30'
  UNION ALL SELECT '失业保险金怎么申领？',
    '非因本人意愿中断就业且已办理失业登记、缴纳失业保险满一年的，可通过“海南人社”APP或海南政务服务网申领失业保险金，也可到参保地人社服务窗口办理。',
    '失业金 失业保险 领失业金 下岗', '030202', '海南省人力资源和社会保障厅', DATE '2027-06-30'
  UNION ALL SELECT '医保异地就医怎么备案？',
    '可通过“国家医保服务平台”APP、海南医保公众号或参保地医保经办窗口办理异地就医备案，备案后在就医地定点医疗机构直接结算。',
    '医保 异地就医 备案 报销 外地看病', '120000', '海南省医疗保障局', DATE '2027-06-30'
  UNION ALL SELECT '医保卡里的钱可以给家人用吗？',
    '职工医保个人账户可用于支付配偶、父母、子女在定点医疗机构就医和定点药店购药的个人负担费用，需先在医保 APP 或窗口绑定家庭共济关系。',
    '医保 个人账户 家庭共济 家人用', '120000', '海南省医疗保障局', DATE '2026-09-30'
  UNION ALL SELECT '小孩上学（义务教育）怎么报名？',
    '每年春季各市县教育局发布招生公告，一般通过当地义务教育招生报名平台网上报名，需户口簿、房产或居住证明等材料，具体以所在市县公告为准。',
    '入学 报名 上小学 初中 学位 招生', '060000', '海南省教育厅', DATE '2027-03-31'
  UNION ALL SELECT '驾驶证到期了怎么换证？',
    '可在有效期满前 90 日内通过“交管12123”APP或到车管所、交警服务站申请换证，需身份证明和体检证明（可线上提交的体检信息除外）。',
    '驾驶证 换证 到期 驾照 12123', '080000', '海南省公安厅', DATE '2027-06-30'
  UNION ALL SELECT '个人所得税汇算清缴怎么办理？',
    '每年 3 月 1 日至 6 月 30 日，可通过“个人所得税”APP办理上一年度综合所得汇算，也可委托单位或到办税服务厅办理。',
    '个税 汇算 退税 个人所得税', NULL, '国家税务总局海南省税务局', DATE '2027-02-28'
  UNION ALL SELECT '噪音扰民（夜间施工）向哪里反映？',
    '夜间 22 时至次日 6 时禁止产生噪声的建筑施工作业（抢修、抢险等除外）。可拨打 12345 或向施工所在地住建、生态环境或综合执法部门反映，请说明具体地点和时间。',
    '噪音 施工 夜间施工 扰民 吵', '010301', '海南省住房和城乡建设厅', DATE '2026-12-31'
  UNION ALL SELECT '物业服务不到位可以向哪里投诉？',
    '可先与物业服务企业和业主委员会协商；协商不成的，可向所在市县住建（房管）部门或乡镇街道反映，也可经 12345 投诉。',
    '物业 投诉 物业费 小区 业委会', '010101', '海南省住房和城乡建设厅', DATE '2027-06-30'
  UNION ALL SELECT '老年人高龄补贴怎么申请？',
    '具有本省户籍、年满 80 周岁的老年人可享受高龄长寿老人补贴，由本人或家属向户籍所在地村（居）委会或乡镇（街道）申请，也可通过“海易办”线上申请。',
    '高龄补贴 老人 80岁 长寿补贴 养老', '090000', '海南省民政厅', DATE '2027-06-30'
  UNION ALL SELECT '出生医学证明丢了可以补办吗？',
    '可以。向原签发机构（出生的助产机构）申请补发，需父母身份证、孩子户口簿等材料，具体以当地卫生健康部门规定为准。',
    '出生证明 出生医学证明 补办 丢失', '070000', '海南省卫生健康委员会', DATE '2027-06-30'
  UNION ALL SELECT '网约车、出租车拒载或绕路怎么投诉？',
    '请记下车牌号、时间和上下车地点，可拨打 12328 交通运输服务监督电话或 12345 热线投诉，网约车也可先通过平台投诉。',
    '出租车 网约车 拒载 绕路 打车 投诉', '040000', '海南省交通运输厅', DATE '2027-06-30'
) q JOIN agency a ON a.name = q.agency_name AND a.region_code = '46';
