/**
 * Test support for single-table DynamoDB storage: the {@link dev.singletable.test.autoconfigure.DataSingleTableTest
 * &#64;DataSingleTableTest} slice, and one embedded DynamoDB Local shared by every test context of a JVM.
 */
@NullMarked
package dev.singletable.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
