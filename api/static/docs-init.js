// Starts Swagger UI on the app's own schema (loaded from a file: the CSP forbids inline scripts).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
