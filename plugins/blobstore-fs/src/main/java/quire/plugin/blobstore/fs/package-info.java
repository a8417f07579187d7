/** quire.plugin.blobstore.fs. */
package quire.plugin.blobstore.fs;
