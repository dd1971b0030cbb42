package dev.singletable.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.context.SmartLifecycle;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.singletable.console.ConsoleModel.TypeRef;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.SingleTableChangeStream;

/**
 * The live changes the console shows: a listener of every entity type on the application's change stream that
 * hands each change, as one line of JSON without the resource's content (type, id, version, who, when, link), to
 * the open event streams of both web stacks. A subscriber that fails is dropped; the change stream never waits.
 * When the application stops, every open stream is ended first, so that a web server's graceful shutdown does not
 * wait for browsers that keep their event streams open.
 */
final class ConsoleEvents implements SmartLifecycle {

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private volatile boolean running = true;

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
		for (Subscriber subscriber : this.subscribers) {
			try {
				subscriber.events().accept(line);
			}
			catch (RuntimeException ex) {
				this.subscribers.remove(subscriber);
			}
		}
	}

	/**
	 * Subscribes to the changes.
	 * @param events receives each change as one line of JSON
	 * @param end ends the subscriber's stream when the application stops
	 * @return what ends the subscription
	 */
	Runnable subscribe(Consumer<String> events, Runnable end) {
		Subscriber subscriber = new Subscriber(events, end);
		this.subscribers.add(subscriber);
		if (!this.running) {
			stop();
		}
		return () -> this.subscribers.remove(subscriber);
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every open stream. */
	@Override
	public void stop() {
		this.running = false;
		for (Subscriber subscriber : this.subscribers) {
			this.subscribers.remove(subscriber);
			try {
				subscriber.end().run();
			}
			catch (RuntimeException ex) {
				// the stream is gone already
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the web server's graceful shutdown, which would wait for the open streams. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	private record Subscriber(Consumer<String> events, Runnable end) {
	}

}
