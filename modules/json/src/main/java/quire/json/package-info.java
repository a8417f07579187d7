/** JSON-P factories over one provider instance. */
package quire.json;
