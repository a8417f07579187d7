/** The {@code fs} blob store: file bytes on local disk, written atomically, confined to a root. */
package quire.plugin.blobstore.fs;
