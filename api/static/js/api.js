/* The JSON API: one error type for every failure, and a per-page-load cache of the GETs. */

/** A failed request: HTTP status, the API's error code and message, Retry-After and the error's params. */
export function ApiError(status, code, message, retryAfter, params) {
  this.status = status; this.code = code; this.message = message; this.retryAfter = retryAfter; this.params = params || {};
}
ApiError.prototype = Object.create(Error.prototype);

/** GET a JSON route; rejects with an ApiError (network failures included). */
export function api(path, params) {
  var url = new URL(path, window.location.origin);
  Object.keys(params || {}).forEach(function (k) {
    if (params[k] !== null && params[k] !== undefined && params[k] !== '') url.searchParams.set(k, params[k]);
  });
  return fetch(url.toString(), { headers: { Accept: 'application/json' } }).then(function (resp) {
    return resp.json().catch(function () { return null; }).then(function (body) {
      if (!resp.ok) {
        var e = (body && body.error) || {};
        throw new ApiError(resp.status, e.code || 'http_error', e.message || resp.statusText, resp.headers.get('Retry-After'), e.params);
      }
      if (body === null) throw new ApiError(resp.status, 'bad_response', '服务器返回的数据无法解析');
      return body;
    });
  }, function () {
    throw new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后重试。');
  });
}

var memo = {};
/** GET once per page load for the lists that do not change while the page is open. */
export function cached(path, params) {
  var key = path + '?' + JSON.stringify(params || {});
  if (!memo[key]) {
    memo[key] = api(path, params);
    memo[key].catch(function () { delete memo[key]; });
  }
  return memo[key];
}

/** Forget every cached answer (after a write, everything read once per page load is stale). */
export function resetCache() {
  Object.keys(memo).forEach(function (k) { delete memo[k]; });
}
