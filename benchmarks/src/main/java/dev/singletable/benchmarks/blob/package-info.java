/**
 * The blob-write row: an entity with one {@code @BlobField} and the attachments every contender writes. Kept out
 * of the model package, which the start-up benchmark's starter application scans (a blob type needs a bucket).
 */
@NullMarked
package dev.singletable.benchmarks.blob;

import org.jspecify.annotations.NullMarked;
