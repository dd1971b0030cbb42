/**
 * An audited entity, scanned only by the tests of the audit log's auto-configuration.
 */
package dev.singletable.autoconfigure.audited;
