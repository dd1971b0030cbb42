package dev.singletable.archfixture.core.mapping;

/** Broken: an API type inheriting a public method that names an internal type from a superclass that is not public. */
public class LeakyHeir extends HiddenBase {

}
