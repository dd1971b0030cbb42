package dev.singletable.autoconfigure.archfixture.core.internal;

/**
 * An internal type of the fixture's core that the fixture's auto-configuration does not use.
 */
public final class FixtureDriver {

}
