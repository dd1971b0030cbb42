/**
 * Spring configuration of singletable beyond repositories: {@link dev.singletable.core.config.EnableSingleTableAuditing}.
 */
@NullMarked
package dev.singletable.core.config;

import org.jspecify.annotations.NullMarked;
