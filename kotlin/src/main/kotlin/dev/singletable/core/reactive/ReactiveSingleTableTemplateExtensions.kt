package dev.singletable.core.reactive

/**
 * Starts a query of the audit log rows of one resource of type [T] ([ReactiveAuditLogQueries.forResource] with the
 * type's name as the rows record it, its prefix): `template.auditLog<Order>(orderId).flow()`.
 */
public inline fun <reified T : Any> ReactiveSingleTableTemplate.auditLog(id: String): ReactiveAuditLogQueries.Query =
	auditLog().forResource(converter.getRequiredEntity(T::class.java).prefix, id)

/**
 * Starts a query of the audit log rows of every resource of type [T] ([ReactiveAuditLogQueries.forType] with the
 * type's name as the rows record it, its prefix).
 */
public inline fun <reified T : Any> ReactiveSingleTableTemplate.auditLog(): ReactiveAuditLogQueries.Query =
	auditLog().forType(converter.getRequiredEntity(T::class.java).prefix)
