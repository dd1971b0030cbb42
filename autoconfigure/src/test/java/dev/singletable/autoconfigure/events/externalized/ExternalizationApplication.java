package dev.singletable.autoconfigure.events.externalized;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.BrokerRouting;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application: a service placing orders in transactions, which publish {@link OrderPlaced} events, and an
 * in-memory broker that Spring Modulith's externalizer sends them to and that fails as often as it is told to. The
 * externalizer is Modulith's own, one of {@link Externalizers}; which events it externalizes and where to is
 * Modulith's default {@link EventExternalizationConfiguration} (the {@code @Externalized} events of this package).
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({ ExternalizationApplication.Broker.class, ExternalizationApplication.Checkout.class })
public class ExternalizationApplication {

	/**
	 * A message the broker accepted.
	 *
	 * @param target the routing target the externalizer sent it to, as Modulith determined it
	 * @param key the routing key, the target's key expression evaluated against the event as a broker does
	 * @param payload the event
	 */
	public record Message(RoutingTarget target, @Nullable String key, Object payload) {
	}

	/**
	 * The broker: keeps the messages it accepts; refuses them while failures are left.
	 */
	public static class Broker {

		private final List<Message> messages = new CopyOnWriteArrayList<>();

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicInteger failures = new AtomicInteger();

		/**
		 * Sends a message, as an externalizer does.
		 * @param target where to
		 * @param payload the event
		 * @return the outcome: failed while failures are left, else completed
		 */
		public CompletableFuture<?> send(RoutingTarget target, Object payload) {
			this.attempts.incrementAndGet();
			if (this.failures.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				return CompletableFuture.failedFuture(new IllegalStateException("broker down for " + payload));
			}
			String key = BrokerRouting.of(target, new StandardEvaluationContext()).getKey(payload);
			this.messages.add(new Message(target, key, payload));
			return CompletableFuture.completedFuture(null);
		}

		/**
		 * Makes the next sends fail.
		 * @param times how many
		 */
		public void failNext(int times) {
			this.failures.set(times);
		}

		/**
		 * Returns the messages accepted, in order.
		 * @return the messages
		 */
		public List<Message> messages() {
			return List.copyOf(this.messages);
		}

		/**
		 * Returns how many sends there were, refused ones included.
		 * @return the number of sends
		 */
		public int attempts() {
			return this.attempts.get();
		}

	}

	/**
	 * Places orders, each in a transaction that saves it and publishes its event.
	 */
	public static class Checkout {

		private final OrderRepository orders;

		private final ApplicationEventPublisher events;

		/**
		 * Creates the service.
		 * @param orders the orders
		 * @param events where events are published
		 */
		public Checkout(OrderRepository orders, ApplicationEventPublisher events) {
			this.orders = orders;
			this.events = events;
		}

		/**
		 * Saves an order and publishes its event, then fails when asked to.
		 * @param id the order
		 * @param item what is ordered
		 * @param fail whether to fail once the event is published
		 * @return the order saved
		 */
		@Transactional
		public Order place(String id, String item, boolean fail) {
			Order saved = this.orders.save(new Order(id, item));
			this.events.publishEvent(new OrderPlaced(id, item));
			if (fail) {
				throw new IllegalStateException("order " + id + " called off");
			}
			return saved;
		}

	}

}
