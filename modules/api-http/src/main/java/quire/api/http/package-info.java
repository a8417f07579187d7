/**
 * HTTP API of Quire. One file per job: route groups ({@code XxxRoutes}), the router that wraps
 * them with authentication and error handling, filters (CORS, body limit, access log), JSON
 * request/response helpers and the authenticators.
 */
package quire.api.http;
