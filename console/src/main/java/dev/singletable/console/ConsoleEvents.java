package dev.singletable.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.singletable.console.ConsoleModel.TypeRef;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.SingleTableChangeStream;

/**
 * The live changes the console shows: a listener of every entity type on the application's change stream that
 * hands each change, as one line of JSON without the resource's content (type, id, version, who, when, link), to
 * the open event streams of both web stacks. A subscriber that fails is dropped; the change stream never waits.
 */
final class ConsoleEvents {

	private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

	private final JsonMapper jsonMapper;

	private final ConsolePages pages;

	ConsoleEvents(SingleTableChangeStream stream, List<TypeRef> types, JsonMapper jsonMapper, String base) {
		this.jsonMapper = jsonMapper;
		this.pages = new ConsolePages(base, true, true);
		for (TypeRef type : types) {
			stream.addListener(type.type(), "singletable-console", (change) -> publish(type, change));
		}
	}

	private void publish(TypeRef type, ResourceChange<?> change) {
		if (this.subscribers.isEmpty()) {
			return;
		}
		ObjectNode event = this.jsonMapper.createObjectNode();
		event.put("change", change.type().name());
		event.put("type", type.name());
		event.put("id", change.id());
		event.put("version", change.version());
		event.put("changedBy", change.changedBy());
		event.put("changedAt", change.changedAt().toString());
		event.put("link", this.pages.resourceLink(type.name(), change.id()));
		String line = event.toString();
		for (Consumer<String> subscriber : this.subscribers) {
			try {
				subscriber.accept(line);
			}
			catch (RuntimeException ex) {
				this.subscribers.remove(subscriber);
			}
		}
	}

	/**
	 * Subscribes to the changes.
	 * @param subscriber receives each change as one line of JSON
	 * @return what ends the subscription
	 */
	Runnable subscribe(Consumer<String> subscriber) {
		this.subscribers.add(subscriber);
		return () -> this.subscribers.remove(subscriber);
	}

}
