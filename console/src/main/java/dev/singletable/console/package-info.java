/**
 * The singletable console: pages served by the application that show its single table as the application reads
 * it (types, resources, versions and their differences, audit rows, blobs, raw items, item collections, live
 * changes). Add the {@code singletable-console} dependency; {@link SingleTableConsoleAutoConfiguration} serves it
 * from Spring MVC or WebFlux at {@code singletable.console.path} ({@link SingleTableConsoleProperties}).
 */
@NullMarked
package dev.singletable.console;

import org.jspecify.annotations.NullMarked;
