/**
 * Quire blob store on the local file system: bytes under a root directory, written atomically
 * (temp file, fsync, rename, fsync of the directory). Keys are validated and encoded so that no
 * key can name a file outside the root.
 */
module quire.plugin.blobstore.fs {
    requires quire.spi;

    provides quire.spi.blob.BlobStoreFactory with quire.plugin.blobstore.fs.FsBlobStoreFactory;
}
