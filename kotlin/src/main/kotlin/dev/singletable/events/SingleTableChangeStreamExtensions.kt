package dev.singletable.events

/**
 * Registers a listener of the changes of the entity type [T] ([SingleTableChangeStream.addListener]):
 * `changeStream.addListener<Order>("mailer") { change -> mailer.send(change) }`.
 * @param name the listener's name in dead letters and logs, or `null` for a generated one
 * @param listener receives each change; one that throws is called again with backoff, then dead-lettered
 */
public inline fun <reified T : Any> SingleTableChangeStream.addListener(name: String? = null,
		noinline listener: (ResourceChange<T>) -> Unit) {
	if (name == null) addListener(T::class.java, listener) else addListener(T::class.java, name, listener)
}
