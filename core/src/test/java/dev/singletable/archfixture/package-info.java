/**
 * A deliberately broken layout for {@code LayerRulesFailureTests}: every layering rule is broken once here.
 */
package dev.singletable.archfixture;
