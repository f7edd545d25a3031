/** Child bytes as a plain Uint8Array view: Node's Buffer is a subclass that some readers
 *  refuse (pdf.js asks for "Uint8Array, rather than Buffer"), and in a worker the bytes arrive
 *  as plain Uint8Array anyway. The view shares memory; nothing is copied. */

/** The same bytes as a plain Uint8Array (a view, not a copy). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
