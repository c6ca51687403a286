// leadq loader: the one script a site embeds.
//   <script src="https://leadq.example/widget/leadq.js" data-site="SITE_KEY"
//           data-flow="FLOW_ID" async></script>
// It installs a queue stub (so leadq('open') etc. work before the widget has loaded) and
// imports the widget's modules from its own folder. Kept tiny and dependency-free.
(function () {
  'use strict';
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  /** @type {any} */
  var w = window;
  if (!script || !script.src || (w.leadq && (w.leadq.loaded || w.leadq.booting))) return;
  if (!('attachShadow' in Element.prototype)) return;
  /** @type {any} */
  var stub = w.leadq || function () {
    (stub.q = stub.q || []).push(arguments);
  };
  ['open', 'close', 'toggle', 'on', 'off', 'consent'].forEach(function (name) {
    stub[name] = stub[name] || function () {
      stub.apply(null, [name].concat([].slice.call(arguments)));
    };
  });
  stub.booting = true;  // a second copy of this tag does nothing
  w.leadq = stub;
  // Buttons marked data-leadq-open work from the first click, even before the widget loads.
  document.addEventListener('click', function (event) {
    var target = /** @type {any} */ (event.target);
    if (target && target.closest && target.closest('[data-leadq-open]')) {
      event.preventDefault();
      w.leadq('open');
    }
  });
  var base = new URL('.', script.src).href;
  var boot = function () {
    import(base + 'app.js').then(function (app) {
      app.boot(script, base);
    }, function (error) {
      if (w.console) w.console.warn('leadq: the widget could not load', error);
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
