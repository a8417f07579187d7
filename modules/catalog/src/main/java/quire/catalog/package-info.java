/** Documents and folders: paths, trees, typed metadata. */
package quire.catalog;
