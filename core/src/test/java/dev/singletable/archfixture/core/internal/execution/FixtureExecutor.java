package dev.singletable.archfixture.core.internal.execution;

/** Core's request machinery, which evolution may use but must not build. */
public class FixtureExecutor {

}
