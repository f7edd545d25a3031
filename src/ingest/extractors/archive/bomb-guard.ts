/** The compression-ratio rule every archive reader applies. */

/** A high ratio alone is normal for small text files (a 40 KB log of repeated lines compresses
 *  500:1), so only output past this size is held to `limits.maxCompressionRatio`. */
export const RATIO_CHECK_MIN_BYTES = 1024 * 1024
