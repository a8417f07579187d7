/** quire.api.http. */
package quire.api.http;
