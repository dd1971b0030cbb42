package dev.singletable.autoconfigure.events;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.config.EventPublicationAutoConfiguration;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication.Dispatcher;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication.Notifier;
import dev.singletable.autoconfigure.events.outbox.ShipmentDispatched;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one application (two contexts, each with its own client, template and outbox, on one table of
 * DynamoDB Local) resubmitting the same failed publications at once: each publication is delivered by one of them,
 * once, whatever the winner's listener does before the loser's claim reaches the table.
 */
class SingleTableEventPublicationResubmissionIntegrationTests {

	private static final String TABLE = TestTables.uniqueName("outbox-instances");

	private static final PublicationTransitionGate firstGate = new PublicationTransitionGate();

	private static final PublicationTransitionGate secondGate = new PublicationTransitionGate();

	private static AnnotationConfigApplicationContext first;

	private static AnnotationConfigApplicationContext second;

	private static final AtomicInteger rounds = new AtomicInteger();

	@BeforeAll
	static void startBothInstances() {
		first = start(firstGate);
		second = start(secondGate);
	}

	@AfterAll
	static void stopBothInstances() {
		second.close();
		first.close();
	}

	@AfterEach
	void openTheGates() {
		firstGate.clear();
		secondGate.clear();
	}

	@Test
	void theLosersClaimSentAfterTheWinnersListenerMarkedItProcessingDoesNotHold() throws Exception {
		int before = deliveries();
		first.getBean(Notifier.class).failNext(1);
		first.getBean(Dispatcher.class).dispatch("race-1", "Oslo", false);
		assertThat(first.getBean(EventPublicationRepository.class).findIncompletePublications()).singleElement()
			.satisfies((failed) -> assertThat(failed.getStatus()).isEqualTo(Status.FAILED));
		int seeded = deliveries();

		// both read the failed publication; the first claims it and its listener marks it processing; only then is
		// the second's claim sent, and answered before the first's listener completes it
		CountDownLatch secondRead = new CountDownLatch(1);
		CountDownLatch firstProcessing = new CountDownLatch(1);
		CountDownLatch secondClaimAnswered = new CountDownLatch(1);
		firstGate.before(Status.RESUBMITTED, () -> PublicationTransitionGate.await(secondRead, "the second's read"));
		firstGate.after(Status.PROCESSING, firstProcessing::countDown);
		firstGate.before(Status.COMPLETED,
				() -> PublicationTransitionGate.await(secondClaimAnswered, "the second's claim"));
		secondGate.before(Status.RESUBMITTED, () -> {
			secondRead.countDown();
			PublicationTransitionGate.await(firstProcessing, "the first's listener marking it processing");
		});
		secondGate.after(Status.RESUBMITTED, secondClaimAnswered::countDown);

		resubmitOnBoth(null);

		assertThat(seeded - before).as("the failed delivery").isOne();
		assertThat(first.getBean(Notifier.class).received()).filteredOn((event) -> event.shipmentId().equals("race-1"))
			.as("the winner's deliveries, the failed one included")
			.hasSize(2);
		assertThat(second.getBean(Notifier.class).received())
			.filteredOn((event) -> event.shipmentId().equals("race-1"))
			.as("the loser's deliveries")
			.isEmpty();
		EventPublicationRepository publications = first.getBean(EventPublicationRepository.class);
		assertThat(publications.findIncompletePublications()).isEmpty();
		assertThat(publications.findCompletedPublications())
			.filteredOn((completed) -> completed.getEvent().equals(new ShipmentDispatched("race-1", "Oslo")))
			.singleElement()
			.satisfies((completed) -> assertThat(completed.getCompletionAttempts()).isEqualTo(2));
	}

	@Test
	void aReadOlderThanTheDeliveringInstancesLastTransitionDoesNotStopItsCompletion() throws Exception {
		// a reader of this instance (a test awaiting completion, say) reads the publication as published; its answer
		// is held until the listener, after marking it processing, runs; the completion still holds
		EventPublicationRepository publications = first.getBean(EventPublicationRepository.class);
		CountDownLatch readAnswered = new CountDownLatch(1);
		CountDownLatch listening = new CountDownLatch(1);
		AtomicInteger partitionsRead = new AtomicInteger();
		Thread reader = new Thread(publications::findIncompletePublications);
		firstGate.afterRead(() -> {
			if (partitionsRead.incrementAndGet() == 4) {
				readAnswered.countDown();
				PublicationTransitionGate.await(listening, "the listener");
			}
		});
		firstGate.before(Status.PROCESSING, () -> {
			if (!reader.isAlive() && readAnswered.getCount() > 0) {
				reader.start();
				PublicationTransitionGate.await(readAnswered, "the read of the published publication");
			}
		});
		first.getBean(Notifier.class).onSuccess(() -> {
			listening.countDown();
			try {
				reader.join(20_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		try {
			first.getBean(Dispatcher.class).dispatch("read-1", "Riga", false);
		}
		finally {
			first.getBean(Notifier.class).onSuccess(() -> {
			});
		}

		assertThat(readAnswered.getCount()).as("the read answered while the publication was published").isZero();
		assertThat(publications.findIncompletePublications()).isEmpty();
		assertThat(publications.findCompletedPublications())
			.filteredOn((completed) -> completed.getEvent().equals(new ShipmentDispatched("read-1", "Riga")))
			.hasSize(1);
	}

	@RepeatedTest(20)
	void oneHundredFailedPublicationsResubmittedByBothInstancesAtOnceAreEachDeliveredOnce() throws Exception {
		int round = rounds.incrementAndGet();
		EventPublicationRepository publications = first.getBean(EventPublicationRepository.class);
		PublicationTargetIdentifier listener = PublicationTargetIdentifier.of(notifierId());
		List<ShipmentDispatched> failed = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			ShipmentDispatched event = new ShipmentDispatched("round-" + round + "-" + i, "Lyon");
			TargetEventPublication publication = publications.create(TargetEventPublication.of(event, listener));
			publications.markProcessing(publication.getIdentifier());
			publications.markFailed(publication.getIdentifier());
			failed.add(event);
		}
		assertThat(publications.countByStatus(Status.FAILED)).isEqualTo(100);

		// both instances have read the failed publications before either claims one
		CyclicBarrier bothRead = new CyclicBarrier(2);
		firstGate.before(Status.RESUBMITTED, once(bothRead));
		secondGate.before(Status.RESUBMITTED, once(bothRead));

		resubmitOnBoth(new CyclicBarrier(2));

		List<ShipmentDispatched> delivered = new ArrayList<>();
		delivered.addAll(first.getBean(Notifier.class).received());
		delivered.addAll(second.getBean(Notifier.class).received());
		Map<ShipmentDispatched, Long> times = delivered.stream()
			.filter(failed::contains)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(times).as("deliveries of each publication").hasSize(100).allSatisfy((event, count) -> assertThat(count)
			.as("deliveries of " + event.shipmentId())
			.isOne());
		assertThat(publications.findIncompletePublications()).isEmpty();
		assertThat(publications.countByStatus(Status.COMPLETED)).isGreaterThanOrEqualTo(100);
	}

	/** Resubmits incomplete publications on both instances at once, each on a thread of its own. */
	private static void resubmitOnBoth(CyclicBarrier start) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (AnnotationConfigApplicationContext instance : List.of(first, second)) {
				runs.add(threads.submit(() -> {
					if (start != null) {
						start.await(20, TimeUnit.SECONDS);
					}
					instance.getBean(IncompleteEventPublications.class).resubmitIncompletePublications((any) -> true);
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Waits at a barrier the first time it runs, then no more. */
	private static Runnable once(CyclicBarrier barrier) {
		AtomicInteger runs = new AtomicInteger();
		return () -> {
			if (runs.getAndIncrement() == 0) {
				try {
					barrier.await(20, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("The other instance never read its publications", ex);
				}
			}
		};
	}

	private static int deliveries() {
		return first.getBean(Notifier.class).received().size() + second.getBean(Notifier.class).received().size();
	}

	/** The identifier Spring gives the notifier's transactional listener, which its publications name. */
	private static String notifierId() throws NoSuchMethodException {
		Method on = Notifier.class.getDeclaredMethod("on", ShipmentDispatched.class);
		return new TransactionalApplicationListenerMethodAdapter("notifier", Notifier.class, on).getListenerId();
	}

	private static AnnotationConfigApplicationContext start(PublicationTransitionGate gate) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TABLE).applyTo(context);
		context.registerBean(SingleTableDynamoDbClientBuilderCustomizer.class, () -> (builder) -> builder
			.overrideConfiguration((config) -> config.addExecutionInterceptor(gate)));
		context.register(OutboxApplication.class);
		context.register(Configurations.getClasses(AutoConfigurations.of(AopAutoConfiguration.class,
				SingleTableAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
				SingleTableTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				SingleTableEventPublicationAutoConfiguration.class, EventPublicationAutoConfiguration.class)));
		context.refresh();
		return context;
	}

}
