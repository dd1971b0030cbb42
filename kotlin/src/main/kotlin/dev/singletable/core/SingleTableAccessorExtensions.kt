package dev.singletable.core

/**
 * Starts a query of the audit log rows of one resource of type [T] ([AuditLogQueries.forResource] with the type's
 * name as the rows record it, its prefix): `template.auditLog<Order>(orderId).limit(20).page(null)`.
 */
public inline fun <reified T : Any> SingleTableAccessor.auditLog(id: String): AuditLogQueries.Query =
	auditLog().forResource(converter.getRequiredEntity(T::class.java).prefix, id)

/**
 * Starts a query of the audit log rows of every resource of type [T] ([AuditLogQueries.forType] with the type's
 * name as the rows record it, its prefix).
 */
public inline fun <reified T : Any> SingleTableAccessor.auditLog(): AuditLogQueries.Query =
	auditLog().forType(converter.getRequiredEntity(T::class.java).prefix)
