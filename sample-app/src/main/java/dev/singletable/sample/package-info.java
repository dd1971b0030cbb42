/**
 * Sample application that stores its data in one DynamoDB table through the singletable starter.
 */
@NullMarked
package dev.singletable.sample;

import org.jspecify.annotations.NullMarked;
