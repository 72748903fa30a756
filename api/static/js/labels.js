/* Every label table of the page, defined once: the API's codes in Chinese, and the graph's colours and shapes. */

export var ROLE_LABEL = { lead: '牵头', co: '配合' };
export var CLUSTER_ROLE_LABEL = { lead: '牵头建设', co: '共同建设' };
export var KIND_LABEL = { task: '重点任务', requirement: '工作要求' };
// Every node type the graph API sends (kg/views.py NODE_TYPES): a type missing here would be grey and unexplained.
export var TYPE_LABEL = { task: '重点任务', requirement: '工作要求', unit: '责任单位', industry: '产业', region: '地区/园区', document: '规划文件', segment: '产业链环节' };
export var TYPE_COLOR = { task: '#2563eb', requirement: '#7c3aed', unit: '#d97706', industry: '#059669', region: '#0891b2', document: '#475569', segment: '#be185d' };
export var TYPE_SHAPE = { task: 'round-rectangle', requirement: 'round-rectangle', unit: 'ellipse', industry: 'diamond', region: 'hexagon', document: 'rectangle', segment: 'tag' };
export var INTENT_LABEL = {
  tasks_of_unit: '单位承担的任务', units_of_task: '任务的责任单位', targets: '目标指标',
  clusters_of_region: '地区承建的产业集群', regions_of_cluster: '产业集群的承建地区'
};
export var COMPARATOR = {
  '>=': { sym: '≥', word: '不少于' }, '>': { sym: '>', word: '超过' }, '~': { sym: '≈', word: '左右', after: true },
  '=': { sym: '', word: '' }, '<=': { sym: '≤', word: '不超过' }, '<': { sym: '<', word: '低于' }
};

// A document's level (文件库, 原文).
export var LEVEL_LABEL = { national: '国家', provincial: '省级', city: '市级', county: '区县级' };

// Incentive kinds (目标指标 › 激励政策), as GET /api/incentives?kind= takes them.
export var INCENTIVE_KIND = { award: '奖励', subsidy: '补贴', rate: '比例', cap: '上限', threshold: '门槛条件' };

// Industry chains: stages left to right, segment kinds, and a segment's status by the enterprise register.
export var STAGES = ['upstream', 'midstream', 'downstream'];
export var STAGE_LABEL = { upstream: '上游', midstream: '中游', downstream: '下游' };
export var SEGMENT_KIND_LABEL = { materials: '原材料', components: '零部件', systems: '系统', products: '整机/产品', applications: '应用', services: '服务' };
export var STATUS_LABEL = { gap: '缺失', weak: '薄弱', present: '已有', unknown: '待核实' };
export var STATUS_HINT = {
  gap: '企业名录中没有该环节企业', weak: '仅有少量非规上企业', present: '已有规上/龙头或多家企业', unknown: '未导入企业名录，无法判断'
};
export var STATUS_ORDER = ['gap', 'weak', 'present', 'unknown'];

// Uploads to the library: an upload's progress, and what the ingest did with each document.
export var UPLOAD_STATUS = { queued: '等待上传', uploading: '正在上传', processing: '正在解析并建立索引…', done: '已导入', unchanged: '内容未变化', error: '导入失败' };
export var DOC_STATUS = { new: '新导入', updated: '已更新（替换原有版本）', unchanged: '内容未变化，未重复导入' };
