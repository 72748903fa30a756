/* The SPARQL editor at /sparql (YASGUI, vendored): this endpoint only, example queries about the plans,
 * nothing fetched from elsewhere (the prefix and vocabulary autocompleters call outside services: left out). */
(function () {
  'use strict';
  var PREFIXES = [
    'PREFIX pkg: <https://policykg.org/ns#>',
    'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>',
    'PREFIX dcterms: <http://purl.org/dc/terms/>'
  ].join('\n') + '\n\n';
  var EXAMPLES = [
    { label: '市科技局牵头的任务', query: PREFIXES +
      'SELECT ?number ?title WHERE {\n  ?task pkg:leadUnit ?unit ; pkg:number ?number ; dcterms:title ?title .\n' +
      '  ?unit skos:prefLabel "市科学技术局"@zh .\n} ORDER BY ?number' },
    { label: '各单位牵头任务数', query: PREFIXES +
      'SELECT ?unit (COUNT(DISTINCT ?task) AS ?tasks) WHERE {\n  ?task pkg:leadUnit ?u .\n  ?u skos:prefLabel ?unit .\n' +
      '} GROUP BY ?unit ORDER BY DESC(?tasks) LIMIT 20' },
    { label: '2028 年的量化目标', query: PREFIXES +
      'SELECT ?metric ?value ?unit WHERE {\n  ?owner pkg:hasTarget ?t .\n  ?t pkg:year 2028 ; pkg:metric ?metric ; pkg:value ?value .\n' +
      '  OPTIONAL { ?t pkg:unitOfMeasure ?unit }\n} ORDER BY ?metric' },
    { label: '规划文件', query: PREFIXES +
      'SELECT ?doc ?title ?issued WHERE {\n  ?doc a pkg:Plan ; dcterms:title ?title .\n  OPTIONAL { ?doc dcterms:issued ?issued }\n}' }
  ];

  function boot() {
    var Yasgui = window.Yasgui;
    var box = document.getElementById('yasgui');
    Yasgui.Yasqe.defaults.autocompleters = (Yasgui.Yasqe.defaults.autocompleters || []).filter(function (name) {
      return ['prefixes', 'class', 'property'].indexOf(name) === -1;
    });
    var yasgui = new Yasgui(box, {
      requestConfig: { endpoint: '/sparql', method: 'POST' },
      copyEndpointOnNewTab: false,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: '/sparql' }]; } },
      persistenceId: null,
      yasqe: { value: EXAMPLES[0].query }
    });
    var bar = document.getElementById('sparql-examples');
    EXAMPLES.forEach(function (ex) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip sparql-example';
      b.textContent = ex.label;
      b.addEventListener('click', function () {
        var tab = yasgui.getTab();
        tab.setQuery(ex.query);
        tab.query();
      });
      bar.appendChild(b);
    });
    window.__yasgui = yasgui;
    box.dataset.state = 'ready';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
