// Starts Swagger UI on /docs from a file, not an inline script, so the page keeps the ledger's CSP.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi-url"), dom_id: "#swagger-ui", deepLinking: true });
})();
