/**
 * Ahead-of-time processing support: the runtime hints of singletable and of the application's entity types, for
 * AOT-processed applications and native images.
 */
@NullMarked
package dev.singletable.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
