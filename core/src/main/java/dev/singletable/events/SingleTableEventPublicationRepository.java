package dev.singletable.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.events.internal.JsonEventSerializer;
import dev.singletable.events.internal.PublicationItems.State;
import dev.singletable.events.internal.PublicationItems.Stored;
import dev.singletable.events.internal.PublicationRequests;
import dev.singletable.events.internal.PublicationRequests.Filter;
import dev.singletable.events.internal.PublicationPartitions;
import dev.singletable.events.internal.PublicationStates;
import dev.singletable.events.internal.StoredEventPublication;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Spring Modulith's {@link EventPublicationRepository} on a singletable table: a transactional outbox. The publication
 * of an event published inside a Spring-managed transaction of the template's
 * {@link dev.singletable.core.SingleTableTransactionManager} is collected with the transaction's writes and stored
 * with them in one {@code TransactWriteItems}: both or neither. Published outside one, it is stored at once.
 * Publications are internal items of the table ({@code _INTERNAL#EventPublication#<id>}), which type listings, Java's
 * and Python's, never see; they count towards a transaction's 100 items, and the error of a transaction past the
 * limit names them.
 * <p>
 * Spring Modulith runs the rest: listeners after the commit, completion when a listener succeeds (as the completion
 * mode says: marked completed, deleted, or moved to the archive), resubmission of incomplete publications
 * ({@code IncompleteEventPublications}, {@code spring.modulith.events.republish-outstanding-events-on-restart}),
 * stale publications marked failed ({@code spring.modulith.events.staleness.*}) and externalization. Each status
 * transition is one compare-and-set {@code UpdateItem}: it holds only while the publication is in the state (status
 * and completion attempts) this instance read it in or left it in, so of instances resubmitting the same publications
 * at once each publication is claimed, and delivered, by one, whatever its listener does in between; a publication
 * another instance claimed is not marked processing here, and its listener does not run. Publications of each status
 * are read from a partition of their own on the table's type index, so reading the incomplete ones never reads the
 * completed; a busy outbox spreads each status over several partitions (the constructor that takes {@code shards},
 * {@code singletable.events.publication-registry.shards} in Spring Boot).
 * <p>
 * Spring Boot's auto-configuration declares it when Spring Modulith's {@code spring-modulith-events-core} is on the
 * class path; without Boot:
 *
 * <pre class="code">
 * &#64;Bean
 * SingleTableEventPublicationRepository eventPublicationRepository(SingleTableTemplate template) {
 *     return new SingleTableEventPublicationRepository(template, CompletionMode.UPDATE);
 * }
 * </pre>
 */
public class SingleTableEventPublicationRepository implements EventPublicationRepository, BeanClassLoaderAware {

	private static final Log logger = LogFactory.getLog(SingleTableEventPublicationRepository.class);

	/** How many publications' states each memory keeps for their next transition; past it, they are read again. */
	private static final int STATES_KEPT = 10_000;

	private final BlockingDriver driver;

	private final Consumer<WriteUnit> writes;

	/** The event types and listeners already warned of a publication outside any transaction. */
	private final Set<String> warnedOutsideTransaction = ConcurrentHashMap.newKeySet();

	private final PublicationRequests requests;

	/** The state each publication was in when this instance last read it, which a claim for resubmission expects. */
	private final PublicationStates read = new PublicationStates(STATES_KEPT);

	/**
	 * The state each publication this instance is delivering was left in by its last transition here, which the next
	 * one (processing, then completed or failed) expects: a read meanwhile, older or not, never replaces it.
	 */
	private final PublicationStates held = new PublicationStates(STATES_KEPT);

	private final String tableName;

	private final EventSerializer serializer;

	private final CompletionMode completionMode;

	private @Nullable ClassLoader classLoader = ClassUtils.getDefaultClassLoader();

	/**
	 * Creates a repository whose events are stored as JSON by the template's {@code JsonMapper}.
	 * @param template the template whose table and transactions the publications go to
	 * @param completionMode what completing a publication does
	 */
	public SingleTableEventPublicationRepository(SingleTableTemplate template, CompletionMode completionMode) {
		this(template, completionMode, 1);
	}

	/**
	 * Creates a repository whose events are stored as JSON by the template's {@code JsonMapper}, its statuses spread
	 * over shards ({@link #SingleTableEventPublicationRepository(SingleTableTemplate, EventSerializer, CompletionMode,
	 * int)}).
	 * @param template the template whose table and transactions the publications go to
	 * @param completionMode what completing a publication does
	 * @param shards how many partitions each status is spread over, from 1 (not spread) to 24
	 */
	public SingleTableEventPublicationRepository(SingleTableTemplate template, CompletionMode completionMode,
			int shards) {
		this(template, new JsonEventSerializer(template.getConverter().getJsonMapper()), completionMode, shards);
	}

	/**
	 * Creates a repository.
	 * @param template the template whose table and transactions the publications go to
	 * @param serializer how events are stored (Spring Modulith's Jackson module gives one)
	 * @param completionMode what completing a publication does
	 */
	public SingleTableEventPublicationRepository(SingleTableTemplate template, EventSerializer serializer,
			CompletionMode completionMode) {
		this(template, serializer, completionMode, 1);
	}

	/**
	 * Creates a repository whose statuses are spread over shards: each status's partition of the type index takes at
	 * most DynamoDB's 1,000 write units a second, so one partition per status limits the table's publications to
	 * about 500 a second (each is written into its status's partition and out of it); {@code shards} partitions per
	 * status take {@code shards} times that. Each read of a status queries every shard, and the partition of the
	 * layout with one shard, where publications stored before the spread stay until their next transition moves
	 * them: switching the spread on needs no migration. Lowering the number leaves the publications of the shards
	 * dropped unread; complete and delete them first.
	 * @param template the template whose table and transactions the publications go to
	 * @param serializer how events are stored (Spring Modulith's Jackson module gives one)
	 * @param completionMode what completing a publication does
	 * @param shards how many partitions each status is spread over, from 1 (not spread) to 24
	 * @throws IllegalArgumentException when {@code shards} is out of that range
	 */
	public SingleTableEventPublicationRepository(SingleTableTemplate template, EventSerializer serializer,
			CompletionMode completionMode, int shards) {
		Assert.notNull(template, "SingleTableTemplate must not be null");
		Assert.notNull(serializer, "EventSerializer must not be null");
		Assert.notNull(completionMode, "CompletionMode must not be null");
		this.driver = TemplateExecutors.of(template);
		this.writes = TemplateExecutors.writes(template);
		this.requests = new PublicationRequests(template.getTableName(), new PublicationPartitions(KeyShards.of(shards, "The event publications' shards")));
		this.tableName = template.getTableName();
		this.serializer = serializer;
		this.completionMode = completionMode;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Stores a publication: collected into the transaction bound to the template's database factory, else written at
	 * once.
	 */
	@Override
	public TargetEventPublication create(TargetEventPublication publication) {
		this.writes.accept(this.requests.create(publication, serialize(publication.getEvent())));
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			warnOutsideTransaction(publication);
		}
		return publication;
	}

	/**
	 * Warns, once per event type and listener, that an event was published outside any transaction: Modulith stores
	 * its publication for each transactional listener, but a {@code @TransactionalEventListener} (an
	 * {@code @ApplicationModuleListener} is one) runs only after a commit, so it does not run, and the publication
	 * stays incomplete until resubmitted. A listener with {@code fallbackExecution = true} runs at once and completes it.
	 */
	private void warnOutsideTransaction(TargetEventPublication publication) {
		String key = publication.getEvent().getClass().getName() + " -> " + publication.getTargetIdentifier().getValue();
		if (logger.isWarnEnabled() && this.warnedOutsideTransaction.add(key)) {
			logger.warn("Event " + publication.getEvent().getClass().getSimpleName() + " was published outside any "
					+ "transaction: its publication for " + publication.getTargetIdentifier().getValue()
					+ " is stored, but a @TransactionalEventListener (as @ApplicationModuleListener is) runs only after "
					+ "a commit, so it does not run now, and the publication stays incomplete until it is resubmitted "
					+ "(IncompleteEventPublications, or spring.modulith.events.republish-outstanding-events-on-restart). "
					+ "Publish the event inside a @Transactional method, or give the listener fallbackExecution = true "
					+ "to run it at once. Warned once per event type and listener.");
		}
	}

	/**
	 * Marks a publication processing, as its listener is about to run, on the condition that it is in the state this
	 * instance claimed it in ({@link #markResubmitted}), or else as it was stored (published): the listener does not
	 * run when another instance claimed the publication meanwhile.
	 * @throws OptimisticLockingFailureException when the publication is no longer in that state
	 */
	@Override
	public void markProcessing(UUID identifier) {
		State claimed = this.held.take(identifier);
		State expected = (claimed != null) ? claimed : State.PUBLISHED;
		State left = this.driver.run(this.requests.transition(identifier, expected, Status.PROCESSING));
		if (left == null) {
			throw new OptimisticLockingFailureException("Event publication " + identifier + " is not marked "
					+ "processing and its listener does not run: it is no longer " + expected + " in table '"
					+ this.tableName + "', as this instance " + ((claimed != null) ? "claimed" : "stored") + " it, but "
					+ "was moved on by another instance (claimed for resubmission, or marked failed as stale), which "
					+ "delivers it");
		}
		this.held.left(identifier, left);
	}

	/**
	 * Marks a publication failed, on the condition that it is in the state this instance left it in while delivering
	 * it, else in the state this instance last read it in (stale publications), else as read now; one that another
	 * instance moved on meanwhile is left as it is, with a log line.
	 */
	@Override
	public void markFailed(UUID identifier) {
		State expected = expected(identifier);
		if (this.driver.run(this.requests.transition(identifier, expected, Status.FAILED)) == null
				&& logger.isInfoEnabled()) {
			logger.info("Event publication " + identifier + " is not marked failed: it is no longer " + was(expected)
					+ " in table '" + this.tableName + "' but was moved on by another instance (or is gone)");
		}
	}

	@Override
	public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
		for (Stored stored : read(this.requests.partitions().incomplete(),
				Filter.of(serialize(event), identifier.getValue()))) {
			State held = this.held.take(stored.id());
			this.read.take(stored.id());
			complete(stored.id(), (held != null) ? held : stored.state(), completionDate);
		}
	}

	/**
	 * Completes a publication, on the condition that it is in the state this instance left it in while delivering
	 * it, else in the state this instance last read it in, else as read now; one that another instance moved on
	 * meanwhile (claimed it for resubmission: it delivers it too) is left as it is, with a warning.
	 */
	@Override
	public void markCompleted(UUID identifier, Instant completionDate) {
		complete(identifier, expected(identifier), completionDate);
	}

	private void complete(UUID identifier, @Nullable State expected, Instant completionDate) {
		State left = this.driver.run(this.requests.complete(identifier, expected, completionDate,
				this.completionMode));
		if (left == null && logger.isWarnEnabled()) {
			logger.warn("Event publication " + identifier + " was delivered but is not marked completed: it is no "
					+ "longer " + was(expected) + " in table '" + this.tableName + "' but was moved on by another "
					+ "instance (resubmitted, or marked failed as stale) or is gone. With several instances, resubmit "
					+ "only publications older than a listener takes (resubmitIncompletePublicationsOlderThan) or only "
					+ "failed ones (FailedEventPublications), so that each is delivered once");
		}
	}

	/**
	 * Claims a publication for resubmission, on the condition that it is still in the state this instance last read
	 * it in (else as read now): of instances that read it in one state only one claims it, whatever its listener did
	 * since.
	 * @return whether this instance claimed it
	 */
	@Override
	public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
		State left = this.driver.run(this.requests.resubmit(identifier, this.read.take(identifier),
				resubmissionDate));
		if (left != null) {
			this.held.left(identifier, left);
		}
		return left != null;
	}

	/**
	 * The state the next transition of a publication other than a claim expects, taken out of both memories: the one
	 * this instance left it in, else the one it last read it in, else none (it is read first).
	 */
	private @Nullable State expected(UUID identifier) {
		State held = this.held.take(identifier);
		State read = this.read.take(identifier);
		return (held != null) ? held : read;
	}

	private static String was(@Nullable State read) {
		return (read != null) ? read.toString() : "as read just before";
	}

	@Override
	public List<TargetEventPublication> findIncompletePublications() {
		return publications(read(this.requests.partitions().incomplete(), Filter.ALL));
	}

	@Override
	public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
		return publications(read(this.requests.partitions().incomplete(), Filter.publishedBefore(instant)));
	}

	@Override
	public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
			PublicationTargetIdentifier targetIdentifier) {
		return publications(read(this.requests.partitions().incomplete(),
				Filter.of(serialize(event), targetIdentifier.getValue()))).stream().findFirst();
	}

	@Override
	public List<TargetEventPublication> findCompletedPublications() {
		return publications(read(this.requests.partitions().completed(), Filter.ALL));
	}

	@Override
	public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
		Assert.notNull(criteria, "FailedCriteria must not be null");
		return publications(read(this.requests.partitions().of(Status.FAILED),
				Filter.publishedBefore(criteria.getPublicationDateReference()).limit(criteria.getMaxItemsToRead())));
	}

	@Override
	public List<TargetEventPublication> findByStatus(Status status) {
		Assert.notNull(status, "Status must not be null");
		return publications(read(this.requests.partitions().of(status), Filter.ALL));
	}

	@Override
	public int countByStatus(Status status) {
		Assert.notNull(status, "Status must not be null");
		Integer count = this.driver.run(this.requests.count(this.requests.partitions().of(status)));
		return (count != null) ? count : 0;
	}

	@Override
	public void deletePublications(List<UUID> identifiers) {
		Assert.notNull(identifiers, "Identifiers must not be null");
		this.driver.run(this.requests.delete(identifiers));
	}

	@Override
	public void deleteCompletedPublications() {
		delete(read(this.requests.partitions().completed(), Filter.ALL));
	}

	@Override
	public void deleteCompletedPublicationsBefore(Instant instant) {
		Assert.notNull(instant, "Instant must not be null");
		delete(read(this.requests.partitions().completed(), Filter.completedBefore(instant)));
	}

	private void delete(List<Stored> publications) {
		this.driver.run(this.requests.delete(publications.stream().map(Stored::id).toList()));
	}

	private List<Stored> read(List<AttributeValue> partitions, Filter filter) {
		List<Stored> found = this.driver.run(this.requests.find(partitions, filter));
		if (found == null) {
			return List.of();
		}
		this.read.read(found);
		return found;
	}

	private String serialize(Object event) {
		return this.serializer.serialize(event).toString();
	}

	/**
	 * Turns what the items record into publications, leaving out (with a warning) those whose event type the
	 * application does not know (any more), as Spring Modulith's own stores do.
	 */
	private List<TargetEventPublication> publications(List<Stored> read) {
		List<TargetEventPublication> publications = new ArrayList<>(read.size());
		for (Stored stored : read) {
			Class<?> type = eventType(stored);
			if (type != null) {
				publications.add(new StoredEventPublication(stored,
						() -> this.serializer.deserialize(stored.serializedEvent(), type)));
			}
		}
		return publications;
	}

	private @Nullable Class<?> eventType(Stored stored) {
		try {
			return ClassUtils.forName(stored.eventType(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			logger.warn("Event publication " + stored.id() + " is left out: its event type " + stored.eventType()
					+ " is not on the class path");
			return null;
		}
	}

}
