/* Errors in Chinese: the API's codes and messages (ERROR_*), and for writes the file readers' and the
 * enterprise register's reasons (FILE_ERRORS, WRITE_ERRORS, REGISTER_ERRORS); the server's own text stays as detail. */
import { ApiError } from './api.js';
import { h, clear } from './dom.js';

var ERROR_TITLES = {
  bad_request: '请求有误',
  not_found: '未找到相关内容',
  rate_limited: '请求过于频繁',
  too_large: '请求内容过大',
  forbidden: '没有操作权限',
  unauthorized: '需要身份验证',
  timeout: '查询超时',
  index_unavailable: '检索索引暂不可用',
  index_model_mismatch: '检索索引需要重建',
  internal_error: '服务器内部错误',
  method_not_allowed: '不支持的请求方式',
  network: '网络连接失败',
  bad_response: '服务器响应异常'
};
var ERROR_MESSAGES = [
  [/^the question is empty/, function () { return '检索内容不能为空，请输入问题或关键词。'; }],
  // The service says "the question is …"; the schema's validation (a too-long q never reaches it) says "q: is …".
  [/(?:the question|\bq:) is (\d+) characters long; the limit is (\d+)/, function (m) { return '问题共 ' + m[1] + ' 个字符，超过了 ' + m[2] + ' 个字符的上限，请精简后再试。'; }],
  [/nothing named '(.*)' in the graph/, function (m) { return '图谱中没有名为“' + m[1] + '”的节点，请检查名称（可使用单位简称、任务标题、产业或地区名称）。'; }],
  [/no task with id '(.*)'/, function (m) { return '没有编号为“' + m[1] + '”的任务。'; }],
  [/no document with id '(.*)'/, function (m) { return '没有找到文件“' + m[1] + '”，它可能已被删除。'; }],
  [/unit '(.*)' is not named in any ingested plan/, function (m) { return '“' + m[1] + '”不是已导入规划中的责任单位。'; }],
  [/industry '(.*)' is not in the gazetteer/, function (m) { return '产业“' + m[1] + '”不在产业目录中。'; }],
  [/no industry chain for '(.*)'; chains: (.*)$/, function (m) {
    return '没有“' + m[1] + '”的产业链图谱。' + (m[2] ? '已有的产业链：' + m[2] + '。' : '尚未导入任何产业链图谱。');
  }],
  [/rate limit of (\d+) requests per minute exceeded/, function (m) { return '每分钟最多 ' + m[1] + ' 次请求，请稍后再试。'; }],
  [/^internal error$/, function () { return '服务器处理请求时出错，请稍后重试；如问题持续，请联系系统管理员。'; }]
];

/** {text, raw}: the API's message in Chinese, or a general sentence with the server's text as detail. */
export function friendlyMessage(err) {
  var msg = String(err.message || '');
  for (var i = 0; i < ERROR_MESSAGES.length; i++) {
    var m = msg.match(ERROR_MESSAGES[i][0]);
    if (m) return { text: ERROR_MESSAGES[i][1](m), raw: null };
  }
  if (/[\u4e00-\u9fff]/.test(msg)) return { text: msg, raw: null };
  return { text: '服务器未能完成请求。', raw: msg };
}

/** An alert box for a failed request: the code's title, the message in Chinese, the server's text when untranslated. */
export function errorBox(err) {
  if (!(err instanceof ApiError)) err = new ApiError(0, 'client_error', String((err && err.message) || err));
  var title = ERROR_TITLES[err.code] || '出错了';
  var fm = friendlyMessage(err);
  var extra = err.code === 'rate_limited' && err.retryAfter ? '（约 ' + err.retryAfter + ' 秒后可重试）' : '';
  return h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: err.code } },
    h('strong', null, title),
    h('p', null, fm.text + extra),
    fm.raw ? h('p', { class: 'alert-detail' }, '详细信息：' + fm.raw + (err.status ? '（HTTP ' + err.status + '）' : '')) : null);
}

/** Replace the container's content by the error's alert box. */
export function showError(container, err) { clear(container); container.appendChild(errorBox(err)); }

// A refused file, in Chinese: the reader's reason (after "file name: ") by pattern; the server's text stays as detail.
var FILE_ERRORS = [
  [/unsupported file type ([.\w]*)/, function (m) { return '不支持的文件类型' + (m[1] && m[1] !== '(none)' ? '（' + m[1] + '）' : '') + '：可上传 .txt、.md、.docx、.pdf、.html、.ofd、.doc、.wps 文件。'; }],
  [/file is empty/, function () { return '文件是空的。'; }],
  [/binary file/, function () { return '这是二进制文件，不是可读取的文本或公文格式。'; }],
  [/not decodable as UTF-8 or GB18030/, function () { return '无法识别文本编码（应为 UTF-8 或 GB18030/GBK）。'; }],
  [/no text layer \(scanned PDF\)/, function () { return '这是扫描版 PDF，没有文字层；暂不支持 OCR 识别，请提供带文字的 PDF 或 Word 文件。'; }],
  [/no text layer \(scanned OFD\)/, function () { return '这是扫描版 OFD，没有文字层；暂不支持 OCR 识别。'; }],
  [/encrypted PDF that needs a password/, function () { return 'PDF 已加密，需要密码才能打开；请另存一份未加密的副本后再上传。'; }],
  [/encrypted PDF/, function () { return 'PDF 已加密，无法打开。'; }],
  [/fonts carry no Unicode mapping/, function () { return 'PDF 的字体缺少文字编码映射，无法提取文字；暂不支持 OCR。'; }],
  [/not a PDF file|not a readable PDF/, function () { return 'PDF 文件已损坏，或并非 PDF 文件。'; }],
  [/pages are blank/, function () { return '文件的页面是空白的（没有文字，也没有图片）。'; }],
  [/has no pages/, function () { return '文件没有任何页面。'; }],
  [/more than (\d+) pages/, function (m) { return '页数超过 ' + m[1] + ' 页，已拒绝。'; }],
  [/zip bomb|too large when uncompressed/, function () { return '文件解压后的内容异常庞大（疑似“压缩炸弹”），已拒绝。'; }],
  [/unsafe path in the archive|points outside the package/, function () { return '文件内部含有不安全的路径，已拒绝。'; }],
  [/declares a DTD or entities/, function () { return '文件中的 XML 声明了 DTD 或实体，出于安全原因已拒绝。'; }],
  [/files need LibreOffice/, function () { return '读取 .doc / .wps 文件需要服务器安装 LibreOffice；请将文件另存为 .docx 后再上传。'; }],
  [/LibreOffice/, function () { return 'LibreOffice 未能转换该文件（可能已损坏，或转换超时）；请另存为 .docx 后再上传。'; }],
  [/not a Word 97-2003 or WPS document/, function () { return '不是有效的 Word 97-2003 或 WPS 文件（可能已损坏）。'; }],
  [/not a readable Word document|not a valid \S+ file|is missing '|is damaged/, function () { return '文件已损坏或格式不正确，无法读取。'; }],
  [/not an OFD file/, function () { return '不是有效的 OFD 文件。'; }],
  [/web page not decodable/, function () { return '无法识别网页的文字编码。'; }],
  [/no article text found in the web page/, function () { return '网页中没有找到正文。'; }],
  [/not a readable web page/, function () { return '网页无法解析。'; }],
  [/no text found in the|no text left after normalisation/, function () { return '文件中没有可用的正文文字。'; }],
  [/characters on one page; refused/, function () { return '单页文字量异常，已拒绝。'; }],
  [/(\d+)-byte limit|upload exceeds (\d+) bytes|exceeds the limit of (\d+)/, function (m) { return '文件超过大小上限（' + mb(m[1] || m[2] || m[3]) + '）。'; }]
];
var WRITE_ERRORS = {
  unauthorized: function () { return '管理员令牌无效，请重新输入令牌。'; },
  forbidden: function () { return '服务器未启用写操作（未设置 POLICYKG_API_TOKEN）。'; },
  too_large: function (err) { var m = String(err.message).match(/limit of (\d+)|exceeds (\d+) bytes/); return '文件超过服务器允许的大小上限' + (m ? '（' + mb(m[1] || m[2]) + '）' : '') + '。'; },
  register_too_large: function (err) {
    var m = String(err.message).match(/\((POLICYKG_\w+)\)$/);
    return '企业名录超出服务器的读取限制' + (m ? '（' + m[1] + '）' : '') + '，未导入；请拆分或精简后再上传。';
  },
  rate_limited: function (err) { return '请求过于频繁，请' + (err.retryAfter ? '约 ' + err.retryAfter + ' 秒后' : '稍后') + '再试。'; },
  network: function () { return '网络连接失败，请检查网络后重试。'; },
  internal_error: function () { return '服务器处理时出错，请稍后重试；如问题持续，请联系系统管理员。'; },
  not_found: function () { return '没有找到该文件，它可能已被删除。'; },
  no_token: function (err) { return err.message; }
};
export var REGISTER_ERRORS = [
  [/no company name column/, function () { return '名录中没有企业名称列（列名可用：企业名称、名称、name、company）。'; }],
  [/needs a products column/, function () { return '名录需要“主营产品”列或“产业链环节”列。'; }],
  [/unsupported register format/, function () { return '不支持的名录格式，请上传 .csv 或 .xlsx 文件。'; }],
  [/the register has no rows/, function () { return '名录是空的。'; }],
  [/not a valid \.xlsx file|cannot read the workbook/, function () { return 'Excel 文件已损坏或无法读取。'; }],
  [/not a readable CSV file/, function () { return 'CSV 文件无法读取。'; }]
];

/** A byte count as B, KB or MB. */
export function mb(bytes) {
  var n = Number(bytes);
  if (n < 1e3) return n + ' 字节';
  return n >= 1e6 ? (Math.round(n / 1e5) / 10) + ' MB' : Math.round(n / 1e3) + ' KB';
}

/** {text, raw}: a Chinese sentence for an error (an ApiError or a reader's message), the server's text as detail. */
export function writeError(err, table) {
  var raw = err instanceof ApiError ? String(err.message || '') : String(err || '');
  var reason = raw.replace(/^[^:]*: /, '');
  if (err instanceof ApiError && WRITE_ERRORS[err.code]) return { text: WRITE_ERRORS[err.code](err), raw: raw };
  var tables = (table || []).concat(FILE_ERRORS);
  for (var i = 0; i < tables.length; i++) {
    var m = reason.match(tables[i][0]) || raw.match(tables[i][0]);
    if (m) return { text: tables[i][1](m), raw: raw };
  }
  if (/[\u4e00-\u9fff]/.test(raw) && !/[A-Za-z]{4}/.test(reason)) return { text: raw, raw: null };
  return { text: '文件未能导入。', raw: raw };
}

/** An alert box for a failed write or a refused file, the server's text as detail. */
export function writeErrorBox(err, title, table) {
  var e = writeError(err, table);
  return h('div', { class: 'alert alert-error', role: 'alert', dataset: { errorCode: (err && err.code) || 'file' } },
    h('strong', null, title),
    h('p', null, e.text),
    e.raw ? h('p', { class: 'alert-detail' }, '服务器信息：' + e.raw) : null);
}
