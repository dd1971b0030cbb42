/**
 * Blob references on items ({@code BlobAttributes}, {@code BlobReferences}, {@code BlobReference}), the blob lock of
 * a resource ({@code BlobLocks}): every change of a resource's S3 objects is made holding it, and what a write's plan
 * asks of the template's blob storage ({@code BlobRequest}).
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.blob;

import org.jspecify.annotations.NullMarked;
