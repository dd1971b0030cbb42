/**
 * Test support shared through the core test jar: an in-memory DynamoDB Local server per JVM, a JUnit
 * extension that prepares the single table before each test, and interceptors that count requests and
 * inject faults.
 */
@NullMarked
package dev.singletable.test;

import org.jspecify.annotations.NullMarked;
