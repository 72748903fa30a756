/* Writes (uploads, deletions, the enterprise register): the administrator's token, requests that carry it, and what
 * the views are told when writes become possible or impossible, and after each write. */
import { h, clear } from './dom.js';
import { ApiError, resetCache } from './api.js';

// The write token lives in sessionStorage only (one browser session; never the URL, never localStorage).
var TOKEN_KEY = 'policykg.apiToken';
var writeState = { rejected: false, serverDisabled: false };
var writeListeners = [];
var dataListeners = [];

/** Call f(why) whenever writes become possible or impossible (why: the reason in Chinese, '' when they are possible). */
export function onWriteChange(f) { writeListeners.push(f); }

/** Call f() after every write: the views drop what they read once per page load. */
export function onDataChanged(f) { dataListeners.push(f); }

/** The token of this browser session, or ''. */
function getToken() {
  try { return window.sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
}

/** Keep the token for this browser session ('' forgets it) and repaint what depends on it. */
function setToken(token) {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch (e) { /* storage refused (private mode): the token is simply not kept */ }
  writeState.rejected = false;
  writeChanged();
}

/** Why writes are not possible now, in Chinese, or '' when they are. */
export function writeBlocked() {
  if (writeState.serverDisabled) return '服务器未启用写操作（未设置 POLICYKG_API_TOKEN），无法上传或删除；请联系系统管理员。';
  if (!getToken()) return '上传、删除和导入需要管理员令牌（即服务器的 POLICYKG_API_TOKEN）：请先在上方输入令牌。';
  return '';
}

/** Repaint the token bars and tell the views whether writes are possible. */
export function writeChanged() {
  document.querySelectorAll('[data-token-slot]').forEach(paintTokenSlot);
  writeListeners.forEach(function (f) { f(writeBlocked()); });
}

/** One token bar: a form to enter the token, or a note that it is set with a button to clear it. */
function paintTokenSlot(slot) {
  clear(slot);
  if (writeState.serverDisabled) return;
  if (getToken()) {
    slot.appendChild(h('div', { class: 'token-bar token-set', dataset: { tokenState: 'set' } },
      h('span', null, '✓ 已输入管理员令牌'),
      h('span', { class: 'muted small' }, '仅保存在本浏览器标签页的本次会话中，关闭页面后需重新输入。'),
      h('button', { type: 'button', class: 'btn btn-small token-clear', onclick: function () { setToken(''); } }, '清除令牌')));
    return;
  }
  var input = h('input', { type: 'password', class: 'token-input', autocomplete: 'off', spellcheck: 'false', 'aria-label': '管理员令牌', placeholder: '输入管理员令牌' });
  var form = h('form', { class: 'token-bar', dataset: { tokenState: 'none' }, autocomplete: 'off' },
    h('strong', null, '管理员令牌'),
    input,
    h('button', { type: 'submit', class: 'btn btn-primary btn-small' }, '使用令牌'),
    h('span', { class: 'muted small' }, writeState.rejected
      ? '上次使用的令牌被服务器拒绝，请重新输入。'
      : '上传、删除需要令牌；令牌仅保存在本次浏览器会话中，不会出现在网址里。'));
  if (writeState.rejected) form.classList.add('token-rejected');
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var t = input.value.trim();
    if (t) setToken(t);
  });
  slot.appendChild(form);
}

/** A write with the session's token: XMLHttpRequest, for upload progress. Resolves {status, body}. */
export function writeRequest(method, path, file, onProgress) {
  return new Promise(function (resolve, reject) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Authorization', 'Bearer ' + getToken());
    if (onProgress) {
      xhr.upload.addEventListener('progress', function (ev) { if (ev.lengthComputable) onProgress(ev.loaded / ev.total); });
      xhr.upload.addEventListener('load', function () { onProgress(1); });
    }
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (body && body.error) {
        reject(new ApiError(xhr.status, body.error.code || 'http_error', body.error.message || '', xhr.getResponseHeader('Retry-After')));
      } else if (body === null) {
        reject(new ApiError(xhr.status, xhr.status >= 400 ? 'http_error' : 'bad_response', xhr.statusText || '服务器返回的数据无法解析'));
      } else {
        resolve({ status: xhr.status, body: body });  // an ingest report with errors (422) resolves too
      }
    };
    xhr.onerror = function () { reject(new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后重试。')); };
    var form = null;
    if (file) { form = new FormData(); form.append('file', file, file.name); }
    xhr.send(form);
  }).catch(function (err) {
    if (err.code === 'unauthorized') { writeState.rejected = true; setTokenSilently(''); writeChanged(); }
    if (err.code === 'forbidden') { writeState.serverDisabled = true; writeChanged(); }
    throw err;
  });
}

/** Forget a token the server refused, without repainting (the caller repaints). */
function setTokenSilently(token) {
  try { if (!token) window.sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ }
}

/** Everything read once per page load is stale after a write. */
export function dataChanged() {
  resetCache();
  dataListeners.forEach(function (f) { f(); });
}
