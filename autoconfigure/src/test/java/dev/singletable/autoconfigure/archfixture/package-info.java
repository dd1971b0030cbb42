/**
 * A small layout that breaks each rule of the auto-configuration's architecture tests once, for
 * {@code AutoConfigureRulesFailureTests}: {@code autoconfigure} stands for the module's root package, with a cycle
 * between its {@code client} and {@code embedded} subpackages, a public interface in {@code web} and a use of
 * {@code core.internal} in {@code data}.
 */
package dev.singletable.autoconfigure.archfixture;
