/**
 * The kernel's public API: {@link quire.kernel.Kernel}, {@link quire.kernel.KernelOptions},
 * {@link quire.kernel.PluginStatus} and {@link quire.kernel.KernelException}. Everything else in
 * this package is package-private.
 */
package quire.kernel;
