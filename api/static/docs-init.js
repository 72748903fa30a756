// Starts Swagger UI from a file, not inline, so the page's CSP (script-src 'self') holds.
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
